import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// What keeps data on AWS safe by default (issue 20): the EFS home's AWS Backup policy and
/// `prevent_destroy`, FSx for Lustre's automatic backups where FSx offers them, the Session
/// Manager endpoints of a private VPC and the head node policy that uses them, and no stray
/// slurmdbd.conf beside ParallelCluster's own.
@Suite("AWS data safety and private access")
struct AWSDataSafetyTests {
    private func resources(
        _ result: CompileResult, _ type: String, group: String = "storage"
    ) throws -> [String: [String: Any]] {
        let main = try #require(result.file("\(group)/main.tf.json"), "\(result.diagnostics.map(\.message))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        return ((root["resource"] as? [String: Any])?[type] as? [String: [String: Any]]) ?? [:]
    }

    private func efs(_ settings: String) -> String {
        awsBlueprint(fsx: "").replacingOccurrences(
            of: "      local_mount: /home\n", with: "      local_mount: /home\n" + settings)
    }

    @Test func efsHomeIsBackedUpAndProtectedByDefault() throws {
        let result = compile(awsBlueprint(fsx: ""))
        let policy = try #require(try resources(result, "aws_efs_backup_policy")["home"])
        #expect(policy["file_system_id"] as? String == "${aws_efs_file_system.home.id}")
        #expect(policy["backup_policy"] as? [[String: String]] == [["status": "ENABLED"]])
        let fileSystem = try #require(try resources(result, "aws_efs_file_system")["home"])
        #expect(fileSystem["lifecycle"] as? [String: Bool] == ["prevent_destroy": true])
        let created = try #require(
            result.deployment?.filesystems.compactMap { filesystem -> NewEFS? in
                if case let .efs(efs) = filesystem.backing { efs.created } else { nil }
            }.first)
        #expect(created.automaticBackups && created.deletionProtection)
    }

    @Test func efsBackupsAndProtectionTurnOff() throws {
        let result = compile(efs("      automatic_backups: false\n      deletion_protection: false\n"))
        #expect(try resources(result, "aws_efs_backup_policy").isEmpty)
        #expect(try resources(result, "aws_efs_file_system")["home"]?["lifecycle"] == nil)
    }

    @Test func theAccountingDatabaseSharesTheProtection() throws {
        let protected = try resources(compile(accountingBlueprint("")), "aws_db_instance")["accounting"]
        #expect(protected?["lifecycle"] as? [String: Bool] == ["prevent_destroy": true])
        #expect(protected?["deletion_protection"] as? Bool == true)
        let open = try resources(compile(accountingBlueprint("deletion_protection: false")), "aws_db_instance")
        #expect(open["accounting"]?["lifecycle"] == nil && open["accounting"]?["deletion_protection"] as? Bool == false)
        #expect(
            EFSModule.schema.settings.first { $0.name == "deletion_protection" }?.description.contains(
                "prevent_destroy") == true)
    }

    @Test func persistentFSxNotLinkedToS3IsBackedUpDaily() throws {
        let result = compile(awsBlueprint(fsx: ""))
        let fsx = try #require(try resources(result, "aws_fsx_lustre_file_system")["scratch"])
        #expect(fsx["automatic_backup_retention_days"] as? Int == FSxBackups.defaultRetentionDays)
        #expect(fsx["copy_tags_to_backups"] as? Bool == true && fsx["skip_final_backup"] as? Bool == false)
        #expect(fsx["daily_automatic_backup_start_time"] == nil)
        let chosen = try resources(
            compile(
                awsBlueprint(
                    fsx:
                        "      automatic_backup_retention_days: 30\n"
                        + "      daily_automatic_backup_start_time: \"02:30\"\n"
                )
            ), "aws_fsx_lustre_file_system")["scratch"]
        #expect(chosen?["automatic_backup_retention_days"] as? Int == 30)
        #expect(chosen?["daily_automatic_backup_start_time"] as? String == "02:30")
        let off = try resources(
            compile(awsBlueprint(fsx: "      automatic_backup_retention_days: 0\n")), "aws_fsx_lustre_file_system")
        #expect(off["scratch"]?["automatic_backup_retention_days"] as? Int == 0)
        #expect(off["scratch"]?["copy_tags_to_backups"] == nil && off["scratch"]?["skip_final_backup"] == nil)
    }

    @Test func scratchAndS3LinkedFSxHaveNoBackups() throws {
        let scratch = try resources(
            compile(awsBlueprint(fsx: "      deployment_type: SCRATCH_2\n", throughput: nil)),
            "aws_fsx_lustre_file_system")["scratch"]
        #expect(scratch != nil && scratch?["automatic_backup_retention_days"] == nil)
        #expect(scratch?["copy_tags_to_backups"] == nil)
        let linked = try resources(
            compile(
                awsBlueprint(
                    fsx: """
                              data_repository_associations:
                              - {file_system_path: /a, data_repository_path: "s3://bucket-a"}

                        """)), "aws_fsx_lustre_file_system")["scratch"]
        #expect(linked?["automatic_backup_retention_days"] as? Int == 0 && linked?["copy_tags_to_backups"] == nil)
    }

    @Test func sessionManagerEndpointsArePrivateAndAdmitOnlyTheVPC() throws {
        let result = compile(
            awsBlueprint(fsx: "").replacingOccurrences(
                of: "      vpc_cidr: 10.20.0.0/16\n",
                with: "      vpc_cidr: 10.20.0.0/16\n      enable_session_manager: true\n"))
        let endpoints = try resources(result, "aws_vpc_endpoint")
        for service in ["ssm", "ssmmessages", "ec2messages"] {
            let endpoint = try #require(endpoints["network_\(service)"], "\(service)")
            #expect(endpoint["service_name"] as? String == "com.amazonaws.eu-west-1.\(service)")
            #expect(endpoint["vpc_endpoint_type"] as? String == "Interface")
            #expect(endpoint["private_dns_enabled"] as? Bool == true)
            #expect(
                endpoint["subnet_ids"] as? [String] == [
                    "${aws_subnet.network_private_0.id}", "${aws_subnet.network_private_1.id}",
                ])
            #expect(endpoint["security_group_ids"] as? [String] == ["${aws_security_group.network_endpoints.id}"])
        }
        let ingress = try resources(result, "aws_vpc_security_group_ingress_rule").filter {
            $0.value["security_group_id"] as? String == "${aws_security_group.network_endpoints.id}"
        }
        #expect(ingress.count == 1)
        let https = try #require(ingress.values.first)
        #expect(
            https["cidr_ipv4"] as? String == "10.20.0.0/16" && https["from_port"] as? Int == 443
                && https["to_port"] as? Int == 443 && https["ip_protocol"] as? String == "tcp")
        // Off by default, and not doubled when the list already names one.
        #expect(try resources(compile(awsBlueprint(fsx: "")), "aws_vpc_endpoint")["network_ssm"] == nil)
        let listed = compile(
            awsBlueprint(fsx: "").replacingOccurrences(
                of: "      vpc_cidr: 10.20.0.0/16\n",
                with:
                    "      vpc_cidr: 10.20.0.0/16\n      enable_session_manager: true\n"
                    + "      interface_endpoints: [ssm]\n"
            ))
        #expect(result.deployment?.awsNetworks.first?.interfaceEndpoints.filter { $0 == "ssm" }.count == 1)
        #expect(
            listed.deployment?.awsNetworks.first?.interfaceEndpoints == ["ssm", "ec2messages", "ssmmessages"])
    }

    @Test func headNodeForSessionManagerGetsTheManagedPolicy() throws {
        let result = compile(
            pclusterBlueprint(cluster: "      head_node: {session_manager: true}\n").replacingOccurrences(
                of: "    source: modules/network/aws-vpc\n",
                with: "    source: modules/network/aws-vpc\n    settings: {enable_session_manager: true}\n"))
        let config = try #require(result.file("parallelcluster/cluster.yaml"), "\(result.diagnostics)")
        #expect(
            config.contains(
                """
                  Iam:
                    AdditionalIamPolicies:
                    - Policy: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
                """))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(!compile(pclusterBlueprint()).file("parallelcluster/cluster.yaml")!.contains("Iam:"))
        #expect(AWSPartition.managedPolicy("X", region: "cn-north-1") == "arn:aws-cn:iam::aws:policy/X")
        #expect(AWSPartition.managedPolicy("X", region: "us-gov-west-1") == "arn:aws-us-gov:iam::aws:policy/X")
    }

    @Test func headNodeForSessionManagerWithoutAWayToItIsWarnedAbout() throws {
        let marked = MarkedBlueprint(pclusterBlueprint(cluster: "      head_node: {session_manager: ‸true}\n"))
        let result = compile(marked.text)
        let warning = try #require(result.diagnostics.first { $0.code == .sessionManagerPath })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("no endpoint for ssm and ssmmessages"))
        #expect(positions([warning]) == marked.markers.map { "\($0.line):\($0.column) HPC4024" })
        #expect(result.file("parallelcluster/cluster.yaml") != nil)
    }

    @Test func parallelClusterCreatedStorageCarriesWhatItCan() throws {
        let result = compile(
            pclusterBlueprint(
                storage: pclusterFSx(extra: "      daily_automatic_backup_start_time: \"04:00\"\n")
                    + """
                      - id: home
                        source: modules/file-system/efs
                        settings:
                          managed_by: parallelcluster
                          throughput_mode: bursting
                          local_mount: /home
                          deletion_protection: false

                    """, uses: ["scratch", "home"]))
        let config = try #require(result.file("parallelcluster/cluster.yaml"), "\(result.diagnostics)")
        #expect(
            config.contains(
                "    AutomaticBackupRetentionDays: 7\n    CopyTagsToBackups: true\n"
                    + "    DailyAutomaticBackupStartTime: \"04:00\""
            ) || config.contains("DailyAutomaticBackupStartTime: 04:00"), "\(config)")
        #expect(config.contains("    DeletionPolicy: Delete\n"))
        // An EFS ParallelCluster creates cannot have a backup policy: asking for one is an error.
        let asked = MarkedBlueprint(
            pclusterBlueprint(
                storage: """
                      - id: home
                        source: modules/file-system/efs
                        settings:
                          managed_by: parallelcluster
                          throughput_mode: bursting
                          local_mount: /home
                          automatic_backups: ‸true

                    """, uses: ["home"]))
        let rejected = compile(asked.text)
        #expect(
            positions(rejected.diagnostics.filter { $0.severity == .error })
                == asked.markers.map { "\($0.line):\($0.column) HPC4008" })
    }

    @Test func slurmdbdConfOnlyWhereHPCCDescribesTheSlurmdbd() throws {
        #expect(compile(accountingBlueprint("")).file("slurm/accounting/slurmdbd.conf") != nil)
        let accounting = """
              - id: accounting
                source: modules/database/slurm-accounting
                use: [network]

            """
        let withCluster = compile(pclusterBlueprint(storage: accounting, uses: ["accounting"]))
        #expect(withCluster.file("parallelcluster/cluster.yaml")?.contains("PasswordSecretArn") == true)
        #expect(
            withCluster.files.allSatisfy { !$0.path.hasSuffix("slurmdbd.conf") }, "\(withCluster.files.map(\.path))")
    }
}
