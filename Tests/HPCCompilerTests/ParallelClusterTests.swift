import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// A ParallelCluster blueprint that tests extend: a two-zone private VPC, a cluster with one queue.
/// `storage` adds modules before the cluster (and `uses` names them), `cluster` adds settings, and
/// `queues` replaces the queue list.
func pclusterBlueprint(
    storage: String = "", uses: [String] = [], cluster: String = "", queues: String? = nil,
    zones: String = "[eu-west-1a, eu-west-1b]"
) -> String {
    let defaultQueues = """
              - name: compute
                compute_resources:
                - name: small
                  instance_type: c7a.large
                  max_count: 4

        """
    return """
        blueprint_name: pc
        vars:
          deployment_name: pc
          region: eu-west-1
          availability_zones: \(zones)
        deployment_groups:
        - group: cluster
          modules:
          - id: network
            source: modules/network/aws-vpc
        \(storage)  - id: cluster
            source: modules/scheduler/parallelcluster
            use: [\((["network"] + uses).joined(separator: ", "))]
            settings:
        \(cluster)      queues:
        \(queues ?? defaultQueues)
        """
}

/// A new FSx for Lustre that ParallelCluster creates, for `pclusterBlueprint(storage:)`.
func pclusterFSx(_ id: String = "scratch", mount: String = "/fsx", extra: String = "") -> String {
    """
      - id: \(id)
        source: modules/file-system/fsx-lustre
        settings:
          managed_by: parallelcluster
          local_mount: \(mount)
          per_unit_storage_throughput: 250
    \(extra)
    """
}

/// A new EFS that Terraform creates, for `pclusterBlueprint(storage:)`.
func terraformEFS(_ id: String, mount: String) -> String {
    """
      - id: \(id)
        source: modules/file-system/efs
        use: [network]
        settings:
          local_mount: \(mount)

    """
}

let parallelClusterCases: [InvalidCase] = [
    InvalidCase(
        name: "cluster name with '_'", blueprint: pclusterBlueprint(cluster: "      cluster_name: ‸proj_neuro\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "cluster name over 40 characters with accounting",
        blueprint: pclusterBlueprint(
            cluster: """
                      cluster_name: ‸neuroscience-imaging-cohort-2026-replicate
                      slurm_database: {uri: "db.example.org:3306", user_name: slurm, password_secret_arn: \
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}

                """), codes: [.parallelClusterName]),
    InvalidCase(
        name: "default cluster name from a long deployment name with accounting",
        blueprint: pclusterBlueprint(
            cluster: """
                      slurm_database: {uri: "db.example.org:3306", user_name: slurm, password_secret_arn: \
                "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"}

                """
        ).replacingOccurrences(
            of: "deployment_name: pc", with: "deployment_name: ‸neuroscience-imaging-cohort-2026-replicate"),
        codes: [.parallelClusterName]),
    InvalidCase(
        name: "queue name with capitals",
        blueprint: pclusterBlueprint().replacingOccurrences(of: "name: compute", with: "name: ‸Compute"),
        codes: [.parallelClusterResourceName], help: "e.g. 'compute'"),
    InvalidCase(
        name: "queue name over 25 characters",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "name: compute", with: "name: ‸compute-queue-for-the-long-jobs"),
        codes: [.parallelClusterResourceName]),
    InvalidCase(
        name: "queue named default",
        blueprint: pclusterBlueprint().replacingOccurrences(of: "name: compute", with: "name: ‸default"),
        codes: [.parallelClusterResourceName]),
    InvalidCase(
        name: "two queues with one name",
        blueprint: pclusterBlueprint(
            queues: """
                      - name: compute
                        compute_resources: [{name: small, instance_type: c7a.large}]
                      - name: ‸compute
                        compute_resources: [{name: small, instance_type: c7a.large}]

                """), codes: [.parallelClusterResourceName]),
    InvalidCase(
        name: "two compute resources with one name",
        blueprint: pclusterBlueprint(
            queues: """
                      - name: compute
                        compute_resources:
                        - {name: small, instance_type: c7a.large}
                        - {name: ‸small, instance_type: c7a.xlarge}

                """), codes: [.parallelClusterResourceName]),
    InvalidCase(
        name: "compute resource name with a dot",
        blueprint: pclusterBlueprint().replacingOccurrences(of: "name: small", with: "name: ‸c7a.large"),
        codes: [.parallelClusterResourceName], help: "e.g. 'c7a-large'"),
    InvalidCase(
        name: "51 compute resources in a queue",
        blueprint: pclusterBlueprint(
            queues: "      - name: compute\n        compute_resources:\n"
                + (0...50).map {
                    "        \($0 == 0 ? "‸" : "")- {name: r\($0), instance_type: c7a.large, max_count: 1}\n"
                }.joined()),
        codes: [.parallelClusterLimit]),
    InvalidCase(
        name: "min_count above max_count",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "max_count: 4", with: "min_count: ‸5\n          max_count: 4"),
        codes: [.computeResourceCounts]),
    InvalidCase(
        name: "max_count 0",
        blueprint: pclusterBlueprint().replacingOccurrences(of: "max_count: 4", with: "max_count: ‸0"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "Capacity Block with min_count below max_count",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "- name: compute\n", with: "- name: compute\n        capacity_type: CAPACITY_BLOCK\n"
        ).replacingOccurrences(of: "max_count: 4", with: "min_count: ‸2\n          max_count: 4"),
        codes: [.computeResourceCounts]),
    InvalidCase(
        name: "allocation strategy ParallelCluster does not have",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "- name: compute\n", with: "- name: compute\n        allocation_strategy: ‸cheapest\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "capacity type ParallelCluster does not have",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "- name: compute\n", with: "- name: compute\n        capacity_type: ‸RESERVED\n"),
        codes: [.constraintViolation]),
    InvalidCase(
        name: "two new FSx file systems",
        blueprint: pclusterBlueprint(
            storage: pclusterFSx()
                + pclusterFSx("more", mount: "/more").replacingOccurrences(of: "- id: more", with: "- id: ‸more"),
            uses: ["scratch", "more"]), codes: [.parallelClusterStorage]),
    InvalidCase(
        name: "FSx managed by ParallelCluster that no cluster uses",
        blueprint: pclusterBlueprint(
            storage: pclusterFSx().replacingOccurrences(
                of: "managed_by: parallelcluster", with: "managed_by: ‸parallelcluster")),
        codes: [.parallelClusterStorage]),
    InvalidCase(
        name: "FSx managed by ParallelCluster with a Lustre version",
        blueprint: pclusterBlueprint(
            storage: pclusterFSx(extra: "      file_system_type_version: ‸\"2.12\"\n"), uses: ["scratch"]),
        codes: [.parallelClusterStorage]),
    InvalidCase(
        name: "EFS managed by ParallelCluster with elastic throughput",
        blueprint: pclusterBlueprint(
            storage: """
                  - id: home
                    source: modules/file-system/efs
                    settings:
                      managed_by: parallelcluster
                      local_mount: /home
                      throughput_mode: ‸elastic

                """, uses: ["home"]), codes: [.parallelClusterStorage]),
    InvalidCase(
        name: "storage ParallelCluster cannot mount",
        blueprint: pclusterBlueprint(
            cluster: """
                      network_storage:
                      ‸- {server_ip: 10.0.0.5, remote_mount: /export, local_mount: /data, fs_type: nfs}

                """), codes: [.parallelClusterStorage]),
    InvalidCase(
        name: "cluster outside the security group a Terraform-made EFS admits",
        blueprint: pclusterBlueprint(
            storage: terraformEFS("home", mount: "/home").replacingOccurrences(of: "- id: home", with: "- id: ‸home"),
            uses: ["home"],
            cluster: "      security_group_id: sg-0123456789abcdef0\n"), codes: [.parallelClusterStorage]),
    InvalidCase(
        name: "SSH source that is not a CIDR",
        blueprint: pclusterBlueprint(cluster: "      head_node: {allowed_ssh_cidr: ‸10.0.0.0/33}\n"),
        codes: [.invalidNetworkRange]),
    InvalidCase(
        name: "reserved mount directory",
        blueprint: pclusterBlueprint(storage: terraformEFS("home", mount: "‸/opt"), uses: ["home"]),
        codes: [.parallelClusterMountDir]),
    InvalidCase(
        name: "two file systems at one mount directory",
        blueprint: pclusterBlueprint(
            storage: terraformEFS("home", mount: "/home") + terraformEFS("projects", mount: "‸/home"),
            uses: ["home", "projects"]), codes: [.parallelClusterMountDir]),
    InvalidCase(
        name: "nested mount directories",
        blueprint: pclusterBlueprint(
            storage: terraformEFS("home", mount: "/home") + terraformEFS("projects", mount: "‸/home/projects"),
            uses: ["home", "projects"]), codes: [.parallelClusterMountDir]),
    InvalidCase(
        name: "multi-AZ queue with an FSx ParallelCluster creates",
        blueprint: pclusterBlueprint(storage: pclusterFSx(), uses: ["scratch"]).replacingOccurrences(
            of: "- name: compute\n", with: "- name: compute\n        multi_az: ‸true\n"),
        codes: [.parallelClusterSubnets]),
    InvalidCase(
        name: "multi-AZ queue with a placement group",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "- name: compute\n", with: "- name: compute\n        multi_az: true\n        placement_group: ‸true\n"),
        codes: [.parallelClusterSubnets]),
    InvalidCase(
        name: "both instance_type and instance_types",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "name: small\n", with: "name: ‸small\n          instance_types: [m6i.large]\n"),
        codes: [.parallelClusterInstances]),
    InvalidCase(
        name: "unknown instance type",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "instance_type: c7a.large", with: "instance_type: ‸c7a.lage"),
        codes: [.unknownMachineType], help: "did you mean 'c7a.large'?"),
    InvalidCase(
        name: "EFA on an instance type without it",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "max_count: 4", with: "max_count: 4\n          efa: ‸true"
        ).replacingOccurrences(of: "- name: compute\n", with: "- name: compute\n        placement_group: true\n"),
        codes: [.parallelClusterInstances]),
    InvalidCase(
        name: "flexible instance types of different vCPU counts",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "instance_type: c7a.large", with: "instance_types: ‸[c7a.large, c7a.xlarge]"),
        codes: [.parallelClusterInstances]),
    InvalidCase(
        name: "Graviton compute nodes under an x86 head node",
        blueprint: pclusterBlueprint().replacingOccurrences(
            of: "instance_type: c7a.large", with: "instance_type: ‸c7g.large"), codes: [.parallelClusterInstances]),
    InvalidCase(
        name: "head node too small for the cluster",
        blueprint: pclusterBlueprint(cluster: "      head_node: {instance_type: ‸t3.micro}\n").replacingOccurrences(
            of: "max_count: 4", with: "max_count: 200"), codes: [.parallelClusterInstances]),
]

@Suite("ParallelCluster")
struct ParallelClusterTests {
    private func clusterRoot(_ result: CompileResult) throws -> [String: Any] {
        let text = try #require(result.file("cluster/main.tf.json"), "\(result.diagnostics.map(\.message))")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test(arguments: parallelClusterCases)
    func reportsCodeAtMarker(_ testCase: InvalidCase) {
        expectCodesAtMarkers(testCase)
    }

    /// Amounts in messages have at most two decimals and a unit.
    @Test func theHeadNodeMessageSaysGiBWithoutBinaryNoise() {
        let result = compile(
            pclusterBlueprint(cluster: "      head_node: {instance_type: t3.nano}\n").replacingOccurrences(
                of: "max_count: 4", with: "max_count: 68"))
        #expect(
            result.diagnostics.map(\.message) == [
                "head node t3.nano has 0.5 GiB of memory; a cluster of up to 68 compute nodes needs 3.32 GiB"
            ])
    }

    @Test func theThreeMistakesFixtureGivesThreeDiagnosticsAtTheirValues() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../Fixtures/pcluster-three-mistakes.yaml")
        let result = compile(try String(contentsOf: url, encoding: .utf8))
        #expect(positions(result.diagnostics) == ["24:25 HPC3026", "32:15 HPC4004", "36:22 HPC4007"])
        #expect(result.files.isEmpty)
    }

    @Test func fiftyOneQueuesWarnWithAHintToSplit() throws {
        let queues = (0...50).map {
            """
                  - \($0 == 50 ? "‸" : ""){name: q\($0), compute_resources: [{name: r, instance_type: c7a.large, \
            max_count: 1}]}\n
            """
        }.joined()
        let marked = MarkedBlueprint(
            pclusterBlueprint(cluster: "      head_node: {instance_type: m6i.large}\n", queues: queues))
        let result = compile(marked.text)
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning }, "\(result.diagnostics.map(\.message))")
        let warnings = result.diagnostics.filter { $0.code == .parallelClusterQueueLimit }
        // One for the queues, one for the compute resources (51 queues hold at least 51).
        #expect(warnings.count == 2)
        let queueWarning = try #require(
            warnings.first { $0.location?.line == marked.markers[0].line }, "points at the 51st queue")
        #expect(queueWarning.location?.column == marked.markers[0].column)
        #expect(queueWarning.help?.contains("split the queues over 2 parallelcluster modules") == true)
        #expect(result.file("parallelcluster/cluster.yaml") != nil, "a warning, not a wall")
    }

    @Test func theConfigHoldsPlaceholdersAndTerraformSwapsThemForTheRealIDs() throws {
        let result = compile(pclusterBlueprint(storage: terraformEFS("home", mount: "/home"), uses: ["home"]))
        let config = try #require(result.file("parallelcluster/cluster.yaml"), "\(result.diagnostics.map(\.message))")
        #expect(config.contains("SubnetId: subnet-hpcc0000000000001\n"))
        #expect(config.contains("- sg-hpcc0000000000002\n"))
        #expect(config.contains("FileSystemId: fs-hpcc0000000000003\n"))
        #expect(config.contains("#   fs-hpcc0000000000003 <- output 'efs_id' of module 'home'\n"))
        let root = try clusterRoot(result)
        let locals = try #require(root["locals"] as? [String: String])
        #expect(
            locals["cluster_cluster_config_template"] == config,
            "the Terraform output starts from the very text of the file")
        #expect(
            locals["cluster_cluster_config"] == """
                ${replace(replace(replace(local.cluster_cluster_config_template, "subnet-hpcc0000000000001", \
                aws_subnet.network_private_0.id), \
                "sg-hpcc0000000000002", aws_security_group.network_cluster.id), "fs-hpcc0000000000003", \
                aws_efs_file_system.home.id)}
                """)
        let outputs = try #require(root["output"] as? [String: [String: Any]])
        #expect(outputs["cluster_config_cluster"]?["value"] as? String == "${local.cluster_cluster_config}")
        #expect(
            outputs["private_key_parameter_cluster"]?["value"] as? String
                == "${\"/ec2/keypair/${aws_cloudformation_stack.cluster_key_pair.outputs.KeyPairId}\"}")
    }

    @Test func theKeyPairIsAnED25519CloudFormationKeyPairWithNoKeyMaterialAnywhere() throws {
        let result = compile(pclusterBlueprint())
        let root = try clusterRoot(result)
        let stack = try #require(
            ((root["resource"] as? [String: Any])?["aws_cloudformation_stack"] as? [String: [String: Any]])?[
                "cluster_key_pair"])
        let body = try #require(stack["template_body"] as? String)
        let template = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let keyPair = try #require((template["Resources"] as? [String: [String: Any]])?["KeyPair"])
        #expect(keyPair["Type"] as? String == "AWS::EC2::KeyPair")
        let properties = try #require(keyPair["Properties"] as? [String: Any])
        #expect(
            properties["KeyType"] as? String == "ed25519" && properties["KeyName"] as? String == "pc-cluster"
                && properties["PublicKeyMaterial"] == nil)
        #expect(
            ((root["resource"] as? [String: Any])?.keys.sorted() ?? []).allSatisfy {
                !["tls_private_key", "aws_key_pair"].contains($0)
            })
        for file in result.files {
            #expect(!file.text.contains("PRIVATE KEY"), "\(file.path)")
        }
        #expect(
            result.file("parallelcluster/cluster.yaml")?.contains(
                "  Ssh:\n    KeyName: pc-cluster\n    AllowedIps: \"10.0.0.0/16\"\n") == true,
            "SSH from the VPC only, not ParallelCluster's 0.0.0.0/0")
    }

    @Test func storageParallelClusterCreatesIsWrittenWithItsSettingsAndRetained() throws {
        let fsx = pclusterFSx(
            extra: """
                      data_compression_type: LZ4
                      data_repository_associations:
                      - {file_system_path: /project, data_repository_path: "s3://proj-data/in/", auto_import_events: \
                [NEW, CHANGED]}

                """)
        let result = compile(pclusterBlueprint(storage: fsx, uses: ["scratch"]))
        let config = try #require(result.file("parallelcluster/cluster.yaml"), "\(result.diagnostics.map(\.message))")
        #expect(
            config.contains(
                """
                  FsxLustreSettings:
                    StorageCapacity: 1200
                    DeploymentType: PERSISTENT_2
                    PerUnitStorageThroughput: 250
                    DataCompressionType: LZ4
                    DataRepositoryAssociations:
                    - Name: scratch-0
                      FileSystemPath: /project
                      DataRepositoryPath: "s3://proj-data/in/"
                      BatchImportMetaDataOnCreate: false
                      AutoImportPolicy:
                      - NEW
                      - CHANGED
                    DeletionPolicy: Retain

                """))
        let root = try #require(result.file("cluster/main.tf.json"))
        #expect(!root.contains("aws_fsx"), "ParallelCluster creates it: no Terraform resource")
        #expect(!root.contains("_scratch\""), "and no Terraform output of a resource that does not exist")
    }

    @Test func queuesSayPlacementGroupsExplicitlyAndSpreadOnlyWhenAsked() throws {
        let result = compile(
            pclusterBlueprint(
                queues: """
                          - name: mpi
                            placement_group: true
                            compute_resources: [{name: big, instance_type: hpc7a.96xlarge, max_count: 2, efa: true, \
                    disable_hyperthreading: true}]
                          - name: spread
                            multi_az: true
                            compute_resources: [{name: flex, instance_types: [m6i.large, c7a.large], max_count: 2}]

                    """,
                // eu-west-1 offers hpc7a.96xlarge in eu-west-1b only, and the mpi queue runs in the first zone.
                zones: "[eu-west-1b, eu-west-1a]"))
        let config = try #require(result.file("parallelcluster/cluster.yaml"), "\(result.diagnostics.map(\.message))")
        #expect(config.contains("      PlacementGroup:\n        Enabled: true\n"))
        #expect(config.contains("      - subnet-hpcc0000000000001\n      - subnet-hpcc0000000000003\n"))
        #expect(config.contains("      Efa:\n        Enabled: true\n"))
        #expect(
            config.contains(
                "    - Name: flex\n      Instances:\n      - InstanceType: m6i.large\n      - InstanceType: c7a.large\n"
            ))
    }

    @Test func aLiteralDatabaseIsWrittenAsIs() throws {
        let result = compile(
            pclusterBlueprint(
                cluster: """
                          slurm_database: {uri: "db.example.org:3306", user_name: slurm, password_secret_arn: \
                    "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf", database_name: pc_acct}

                    """))
        let config = try #require(result.file("parallelcluster/cluster.yaml"), "\(result.diagnostics.map(\.message))")
        #expect(
            config.contains(
                """
                    Database:
                      Uri: "db.example.org:3306"
                      UserName: slurm
                      PasswordSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"
                      DatabaseName: pc_acct

                """))
    }
}
