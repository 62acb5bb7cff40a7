import Testing
@_spi(Tools) @testable import HPCCompiler

@Suite("Lower: machine shapes, names, address ranges")
struct LowerTests {
    private func shape(_ machine: String, smt: Bool? = nil) throws -> SlurmNodeShape {
        // pd-balanced: every family boots from it (C3, H3 and A3 take no pd-standard, the nodeset's default).
        var text = mini("machine_type: n2-standard-2", "machine_type: \(machine)\n      disk_type: pd-balanced")
        if let smt {
            text = text.replacingOccurrences(
                of: "      node_count_dynamic_max: 2\n",
                with: "      node_count_dynamic_max: 2\n      enable_smt: \(smt)\n      enable_placement: false\n")
        }
        let result = compile(text)
        return try #require(result.deployment?.clusters.first?.nodesets.first?.shape, "\(result.diagnostics)")
    }

    @Test func c2WithSMTOffHasOneThreadPerCoreOnTwoSockets() throws {
        let node = try shape("c2-standard-60")
        #expect(
            [node.cpus, node.socketsPerBoard, node.coresPerSocket, node.threadsPerCore, node.realMemory] == [
                30, 2, 15, 1, 238160,
            ])
    }

    @Test func c2WithSMTOnUsesEveryThread() throws {
        let node = try shape("c2-standard-60", smt: true)
        #expect([node.cpus, node.coresPerSocket, node.threadsPerCore] == [60, 15, 2])
    }

    @Test func h3HasNoSMTToTurnOff() throws {
        let node = try shape("h3-standard-88")
        #expect([node.cpus, node.socketsPerBoard, node.coresPerSocket, node.threadsPerCore] == [88, 2, 44, 1])
    }

    @Test func e2KeepsItsNativeThreads() throws {
        let node = try shape("e2-standard-8")
        #expect([node.cpus, node.coresPerSocket, node.threadsPerCore] == [8, 4, 2])
    }

    @Test func acceleratorOptimizedTypesBringTheirGPUs() throws {
        #expect(try shape("a2-highgpu-4g").gpus == GPU(type: "nvidia-tesla-a100", count: 4))
        #expect(try shape("g2-standard-24").gpus == GPU(type: "nvidia-l4", count: 2))
        #expect(try shape("a3-highgpu-8g").gpus == GPU(type: "nvidia-h100-80gb", count: 8))
    }

    @Test func oddCoreCountsStayOnOneSocket() throws {
        let node = try shape("a3-highgpu-1g")
        #expect([node.socketsPerBoard, node.coresPerSocket] == [1, 13])
    }

    @Test func realMemoryKeepsBackOSMemory() {
        #expect(NodeShape.realMemory(8192) == 8192 - 400 - 30 * 8)
        #expect(NodeShape.realMemory(3840) == 3840 - 400 - 30 * 3)
    }

    @Test func theCatalogCoversTheRequiredFamilies() {
        let families = MachineCatalog.gcp.families
        for family in ["e2", "n1", "n2", "n2d", "c2", "c2d", "c3", "c3d", "h3", "a2", "a3", "g2"] {
            #expect(families.contains(family), "\(family)")
        }
    }

    @Test func clusterNamesDeriveFromTheDeployment() {
        #expect(SlurmControllerModule.derivedClusterName("hpc-slurm") == "hpcslurm")
        #expect(SlurmControllerModule.derivedClusterName("42-Big_Cluster-prod") == "bigcluster")
        #expect(SlurmNodesetModule.sanitizedName("Compute_Nodeset-Large") == "computenodeset")
    }

    @Test func cidrArithmeticMatchesTerraform() throws {
        let range = try #require(CIDR("10.0.0.0/9"))
        #expect(range.subnet(newBits: 15, number: 0)?.description == "10.0.0.0/24")
        #expect(
            range.subnets(newBits: [8, 4, 8])?.map(\.description) == ["10.0.0.0/17", "10.8.0.0/13", "10.16.0.0/17"],
            "as terraform console computes cidrsubnets(\"10.0.0.0/9\", 8, 4, 8)")
        #expect(CIDR("10.0.0.1/9") == nil)
        #expect(CIDR("10.0.0.0/33") == nil)
    }

    @Test func longNamesKeepAStableHashSuffix() {
        let name = ResourceName.make(String(repeating: "very-long-deployment-", count: 4), "filestore")
        #expect(name.count == 63)
        #expect(name == ResourceName.make(String(repeating: "very-long-deployment-", count: 4), "filestore"))
        #expect(ResourceName.make("Atlas_Prod", "home fs") == "atlas-prod-home-fs")
    }
}

@Suite("Emit: fragments of the generated files")
struct EmitTests {
    @Test func staticNodesAreExcludedFromSuspendAndListedInTheInventory() throws {
        let result = compile(
            mini("node_count_dynamic_max: 2", "node_count_static: 2\n      node_count_dynamic_max: 1")
                .replacingOccurrences(
                    of: "partition_name: batch", with: "partition_name: batch\n      exclusive: false"))
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(
            conf.contains(
                """
                NodeName=mini-nodeset-[0-2] State=CLOUD CPUs=1 Boards=1 SocketsPerBoard=1 CoresPerSocket=1 \
                ThreadsPerCore=1 RealMemory=7552 Features=n2,x86_64\n
                """
            ))
        #expect(conf.contains("SuspendExcNodes=mini-nodeset-[0-1]\n"))
        let inventory = try #require(result.file("ansible/inventory.yml"))
        #expect(
            inventory.contains(
                """
                        slurm_partition_batch:\n          hosts:\n            mini-nodeset-0:\n            \
                mini-nodeset-1:\n
                """
            ))
        let terraform = try #require(result.file("primary/main.tf.json"))
        #expect(terraform.contains("\"google_compute_instance_from_template\": {\n      \"nodeset_0\""))
    }

    @Test func userKeysOverrideGeneratedOnes() throws {
        let result = compile(
            mini(
                "partition_name: batch",
                "partition_name: batch\n      partition_conf: {DefMemPerCPU: '1000', MaxTime: '2-00:00:00'}"
            )
            .replacingOccurrences(
                of: "      node_count_dynamic_max: 2\n",
                with: "      node_count_dynamic_max: 2\n      node_conf: {RealMemory: 7000, Features: [fast, ssd]}\n"))
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("RealMemory=7000 Features=fast,ssd\n"))
        #expect(
            conf.contains(
                """
                PartitionName=batch Nodes=nodeset State=UP DefMemPerCPU=1000 SuspendTime=300 OverSubscribe=EXCLUSIVE \
                Default=YES MaxTime=2-00:00:00\n
                """
            ))
    }

    @Test func attachedN1GPUs() throws {
        let result = compile(
            mini(
                "machine_type: n2-standard-2",
                "machine_type: n1-standard-16\n      guest_accelerator: [{type: nvidia-tesla-t4, count: 2}]"))
        #expect(result.succeeded, "\(positions(result.diagnostics))")
        #expect(result.file("slurm/slurm.conf")?.contains("Gres=gpu:t4:2 Features=n1,x86_64\n") == true)
        let terraform = try #require(result.file("primary/main.tf.json"))
        #expect(terraform.contains("\"type\": \"nvidia-tesla-t4\""))
        #expect(terraform.contains("\"on_host_maintenance\": \"TERMINATE\""))
    }

    @Test func gpusGetGresAndDevices() throws {
        let result = compile(
            mini("machine_type: n2-standard-2", "machine_type: a2-highgpu-2g\n      enable_placement: false"))
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("GresTypes=gpu\n"))
        #expect(conf.contains("RealMemory=168580 Gres=gpu:a100:2 Features=a2,x86_64\n"))
        #expect(
            result.file("slurm/gres.conf")?.hasSuffix(
                "NodeName=mini-nodeset-[0-1] Name=gpu Type=a100 File=/dev/nvidia[0-1]\n") == true)
        #expect(result.file("primary/main.tf.json")?.contains("\"on_host_maintenance\": \"TERMINATE\"") == true)
    }

    @Test func theControllerFetchesTheCompiledConfigFromTheBucket() throws {
        let result = compile(minimalBlueprint)
        let terraform = try #require(result.file("primary/main.tf.json"))
        #expect(terraform.contains("\"name\": \"mini-files/slurm/slurm.conf\""))
        #expect(terraform.contains("\"source\": \"${path.module}/../slurm/slurm.conf\""))
        #expect(terraform.contains("\"hpcc-bucket\": \"gs://demo-project-mini-slurm/mini-files\""))
        #expect(terraform.contains("\"startup-script\": \"${file(\\\"${path.module}/../scripts/hpcc-node.sh\\\")}\""))
        #expect(result.file("scripts/hpcc-node.sh")?.contains("gcloud storage cp \"$bucket/slurm/slurm.conf\"") == true)
    }

    @Test func everyResourceCarriesTheHPCCLabels() throws {
        let result = compile(minimalBlueprint)
        let terraform = try #require(result.file("primary/main.tf.json"))
        #expect(terraform.components(separatedBy: "\"hpcc_deployment\": \"mini\"").count > 5)
    }
}
