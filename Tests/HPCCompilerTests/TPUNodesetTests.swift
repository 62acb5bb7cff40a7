import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `schedmd-slurm-gcp-v6-nodeset-tpu`: a nodeset of Cloud TPU VMs shaped by its TPU host, created
/// and deleted by the controller's power programs, with its create arguments in the bucket.
@Suite("TPU nodesets")
struct TPUNodesetTests {
    /// A cluster whose TPU nodeset has `settings`, in a partition `tpu`, and `extra` modules after it.
    private static func blueprint(
        _ settings: String, extra: String = "", partitionUse: String = "[tpu_nodeset]"
    )
        -> String
    {
        """
        blueprint_name: tpu
        vars:
          project_id: demo-project
          deployment_name: dep
          region: us-central1
          zone: us-central1-a
        deployment_groups:
        - group: primary
          modules:
          - id: network
            source: modules/network/vpc
          - id: tpu_nodeset
            source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset-tpu
            use: [network]
            settings:
        \(settings)
        \(extra)
          - id: tpu_partition
            source: community/modules/compute/schedmd-slurm-gcp-v6-partition
            use: \(partitionUse)
            settings:
              partition_name: tpu
          - id: controller
            source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
            use: [network, tpu_partition]
            settings:
              slurm_cluster_name: tpu

        """
    }

    private static let v3 = """
              node_type: v3-8
              tf_version: 2.14.0
              node_count_dynamic_max: 2
        """

    private func errors(_ result: CompileResult) -> [String] {
        result.diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    /// The compiled file whose path ends with `suffix`.
    private func file(_ result: CompileResult, endingWith suffix: String) throws -> String {
        let paths = result.files.map(\.path).sorted()
        let path = try #require(paths.first { $0.hasSuffix(suffix) }, "\(paths)")
        return try #require(result.file(path))
    }

    @Test func nodeLineCarriesTheTPUHostShape() throws {
        let result = compile(Self.blueprint(Self.v3))
        #expect(errors(result).isEmpty, "\(errors(result))")
        let conf = try file(result, endingWith: "slurm/slurm.conf")
        #expect(
            conf.contains(
                """
                NodeName=tpu-tpunodeset-[0-1] State=CLOUD CPUs=96 Boards=1 SocketsPerBoard=1 CoresPerSocket=48 \
                ThreadsPerCore=2 RealMemory=309750 Features=tpu,v3
                """))
        #expect(conf.contains("NodeSet=tpunodeset Nodes=tpu-tpunodeset-[0-1]"))
        #expect(conf.contains("PartitionName=tpu Nodes=tpunodeset State=UP"))
    }

    @Test func v4HostIsLarger() throws {
        let shape = try #require(TPUHosts.shape(of: "v4-8"))
        #expect(shape.cpus == 240)
        #expect(shape.coresPerSocket == 120)
        #expect(shape.realMemory == 376375)
        #expect(shape.features == ["tpu", "v4"])
        #expect(TPUHosts.shape(of: "v5litepod-8") == nil)
    }

    @Test func resumeCreatesAndSuspendDeletesTPUVMs() throws {
        let result = compile(Self.blueprint(Self.v3))
        let resume = try file(result, endingWith: "slurm/resume.sh")
        #expect(resume.contains("    tpunodeset) create_tpu \"$host\" tpunodeset us-central1-a; return ;;"))
        #expect(resume.contains("gcloud compute tpus tpu-vm create \"$host\" --project \"$project\" --zone \"$zone\""))
        #expect(resume.contains("--metadata \"hpcc-node-name=$host\" --metadata-from-file \"$files\""))
        let suspend = try file(result, endingWith: "slurm/suspend.sh")
        #expect(suspend.contains("    tpunodeset) gcloud compute tpus tpu-vm delete \"$host\" --project \"$project\""))
        #expect(!suspend.contains("tpu-vm stop"))
    }

    @Test func preserveTPUStopsInsteadOfDeleting() throws {
        let result = compile(Self.blueprint(Self.v3 + "\n      preserve_tpu: true"))
        let suspend = try file(result, endingWith: "slurm/suspend.sh")
        #expect(suspend.contains("    tpunodeset) gcloud compute tpus tpu-vm stop \"$host\" --project \"$project\""))
        #expect(try file(result, endingWith: "slurm/resume.sh").contains("gcloud compute tpus tpu-vm start"))
    }

    @Test func createArgumentsGoToTheBucket() throws {
        let result = compile(Self.blueprint(Self.v3 + "\n      preemptible: true"))
        #expect(errors(result).isEmpty, "\(errors(result))")
        let main = try #require(result.file("primary/main.tf.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        let objects = try #require(
            (root["resource"] as? [String: Any])?["google_storage_bucket_object"] as? [String: [String: Any]])
        let args = try #require(objects["tpu_nodeset_tpu_args"])
        #expect((args["name"] as? String)?.hasSuffix("/slurm/tpu/tpunodeset/args") == true)
        let content = try #require(args["content"] as? String)
        #expect(content.hasPrefix("--accelerator-type=v3-8\n--version=tpu-vm-tf-2.14.0\n--subnetwork=${"))
        #expect(content.hasSuffix("--preemptible\n--internal-ips\n"))
        let role = try #require(objects["tpu_nodeset_tpu_metadata_hpcc_role"])
        #expect(role["content"] as? String == "compute")
        #expect(objects["tpu_nodeset_tpu_metadata_startup_script"] != nil)
        // No instance template: TPU VMs do not come from one.
        let templates = (root["resource"] as? [String: Any])?["google_compute_instance_template"] as? [String: Any]
        #expect(templates?["tpu_nodeset"] == nil)
    }

    @Test func multiHostTypeIsRejected() {
        let result = compile(Self.blueprint("      node_type: v2-32\n      node_count_dynamic_max: 4"))
        #expect(
            errors(result).contains(
                "TPU type 'v2-32' of nodeset 'tpunodeset' is not a single-host TPU type hpcc knows"))
    }

    @Test func dockerImageIsNotSupported() {
        let result = compile(Self.blueprint(Self.v3 + "\n      docker_image: gcr.io/p/tpu:1"))
        #expect(result.diagnostics.contains { $0.code == .settingNotSupported && $0.severity == .error })
    }

    @Test func partitionCannotMixTPUAndInstanceNodesets() {
        let extra = """
              - id: cpu_nodeset
                source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
                use: [network]
                settings:
                  machine_type: n2-standard-4
            """
        let result = compile(Self.blueprint(Self.v3, extra: extra, partitionUse: "[tpu_nodeset, cpu_nodeset]"))
        #expect(errors(result).contains("partition 'tpu' mixes TPU nodeset 'tpunodeset' with nodeset 'cpunodeset'"))
    }
}
