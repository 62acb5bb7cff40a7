import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The AWS modules: what each emits into its group's root, and how AWS groups differ from GCP ones.
@Suite("AWS modules")
struct AWSModuleTests {
    private func root(_ text: String) throws -> [String: Any] {
        let result = compile(text)
        let main = try #require(result.file("storage/main.tf.json"), "\(result.diagnostics.map(\.message))")
        return try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
    }

    private func resources(_ root: [String: Any], _ type: String) -> [String: [String: Any]] {
        ((root["resource"] as? [String: Any])?[type] as? [String: [String: Any]]) ?? [:]
    }

    @Test func awsGroupHasOnlyTheAWSProviderWithRegionAndDefaultTags() throws {
        let root = try root(awsBlueprint(fsx: ""))
        let terraform = try #require(root["terraform"] as? [String: Any])
        let required = try #require(terraform["required_providers"] as? [String: Any])
        #expect(Array(required.keys) == ["aws"])
        #expect((required["aws"] as? [String: String])?["version"] == ">= 5.100, < 6.0")
        let aws = try #require((root["provider"] as? [String: Any])?["aws"] as? [String: Any])
        #expect(aws["region"] as? String == "eu-west-1")
        let tags = (aws["default_tags"] as? [[String: Any]])?.first?["tags"] as? [String: String]
        #expect(tags == ["hpcc_blueprint": "aws-mini", "hpcc_deployment": "aws-mini"])
    }

    @Test func noInternetGatewayByDefaultAndEndpointsOnThePrivateSide() throws {
        let root = try root(awsBlueprint(fsx: ""))
        #expect(
            resources(root, "aws_internet_gateway").isEmpty && resources(root, "aws_nat_gateway").isEmpty
                && resources(root, "aws_route").isEmpty)
        let endpoints = resources(root, "aws_vpc_endpoint")
        #expect(
            endpoints.keys.sorted() == [
                "network_cloudformation", "network_dynamodb", "network_ec2", "network_logs", "network_s3",
                "network_secretsmanager",
            ])
        #expect(endpoints["network_s3"]?["route_table_ids"] as? [String] == ["${aws_route_table.network_private.id}"])
        #expect(endpoints["network_ec2"]?["private_dns_enabled"] as? Bool == true)
        #expect(
            resources(root, "aws_subnet").mapValues { $0["cidr_block"] as? String } == [
                "network_private_0": "10.20.0.0/20", "network_private_1": "10.20.16.0/20",
            ])
    }

    @Test func publicSubnetBringsInternetAndNATGatewaysAndPeeringARoute() throws {
        let text = awsBlueprint(fsx: "").replacingOccurrences(
            of: "vpc_cidr: 10.20.0.0/16",
            with: """
                vpc_cidr: 10.20.0.0/16
                      enable_public_subnet: true
                      peering: {peer_vpc_id: vpc-0123456789abcdef0, peer_cidr: 10.30.0.0/16}
                """)
        let root = try root(text)
        #expect(resources(root, "aws_subnet")["network_public"]?["cidr_block"] as? String == "10.20.32.0/24")
        #expect(resources(root, "aws_internet_gateway")["network"] != nil)
        let routes = resources(root, "aws_route")
        #expect(routes["network_private_nat"]?["nat_gateway_id"] as? String == "${aws_nat_gateway.network.id}")
        #expect(routes["network_public_internet"]?["gateway_id"] as? String == "${aws_internet_gateway.network.id}")
        #expect(routes["network_peer"]?["destination_cidr_block"] as? String == "10.30.0.0/16")
        #expect(
            resources(root, "aws_vpc_peering_connection")["network"]?["peer_vpc_id"] as? String
                == "vpc-0123456789abcdef0")
    }

    @Test func newEFSHasAMountTargetPerSubnetAndNFSFromTheCluster() throws {
        let root = try root(awsBlueprint(fsx: ""))
        let targets = resources(root, "aws_efs_mount_target")
        #expect(
            targets.mapValues { $0["subnet_id"] as? String } == [
                "home_0": "${aws_subnet.network_private_0.id}", "home_1": "${aws_subnet.network_private_1.id}",
            ])
        let rule = try #require(resources(root, "aws_vpc_security_group_ingress_rule")["home_nfs"])
        #expect(
            rule["from_port"] as? Int == 2049
                && rule["referenced_security_group_id"] as? String == "${aws_security_group.network_cluster.id}")
        #expect(resources(root, "aws_efs_file_system")["home"]?["encrypted"] as? Bool == true)
    }

    @Test func existingEFSCreatesNothingAndNamesItsServer() throws {
        let text = awsBlueprint(fsx: "").replacingOccurrences(
            of: "      local_mount: /home\n",
            with: "      local_mount: /home\n      file_system_id: fs-0123456789abcdef0\n")
        let result = compile(text)
        let root = try root(text)
        #expect(resources(root, "aws_efs_file_system").isEmpty && resources(root, "aws_efs_mount_target").isEmpty)
        let filesystem = try #require(result.deployment?.filesystems.first { $0.origin.module == "home" })
        #expect(filesystem.mount.server.known == "fs-0123456789abcdef0.efs.eu-west-1.amazonaws.com")
        #expect(filesystem.mount.remotePath == "/" && filesystem.mount.type == .nfs)
        let output = (root["output"] as? [String: Any])?["efs_id_home"] as? [String: Any]
        #expect(output?["value"] as? String == "fs-0123456789abcdef0")
    }

    @Test func fsxHDDGetsNoDriveCacheAndAssociationsTheirPolicies() throws {
        let hdd = try root(
            awsBlueprint(
                fsx: "      deployment_type: PERSISTENT_1\n      storage_type: HDD\n      storage_capacity: 1800\n",
                throughput: 40))
        let fsx = try #require(resources(hdd, "aws_fsx_lustre_file_system")["scratch"])
        #expect(fsx["drive_cache_type"] as? String == "NONE" && fsx["per_unit_storage_throughput"] as? Int == 40)
        let linked = try root(
            awsBlueprint(
                fsx: """
                          data_repository_associations:
                          - {file_system_path: /in, data_repository_path: s3://bucket-a/in/, auto_import_events: [NEW]}
                          - {file_system_path: /out, data_repository_path: s3://bucket-a/out/}

                    """))
        let associations = resources(linked, "aws_fsx_data_repository_association")
        let s3 = (associations["scratch_0"]?["s3"] as? [[String: Any]])?.first
        #expect(s3?["auto_export_policy"] == nil)
        #expect((s3?["auto_import_policy"] as? [[String: [String]]])?.first?["events"] == ["NEW"])
        #expect(associations["scratch_1"]?["s3"] == nil)
    }

    /// The minimal GCP blueprint behind an AWS group holding an existing EFS `home` in eu-west-1
    /// and `modules` (more module entries of that group).
    private func awsGroupFirst(_ modules: String) -> String {
        mini(
            "deployment_groups:\n",
            """
            deployment_groups:
            - group: aws
              modules:
              - id: home
                source: modules/file-system/efs
                settings: {file_system_id: fs-0123456789abcdef0, region: eu-west-1}
            \(modules)
            """)
    }

    @Test func gcpClusterCannotMountAWSStorage() {
        let marked = MarkedBlueprint(
            awsGroupFirst("").replacingOccurrences(
                of: "use: [network, partition]", with: "use: [network, partition, ‸home]"))
        let result = compile(marked.text)
        #expect(
            positions(result.diagnostics, severity: .error) == marked.markers.map { "\($0.line):\($0.column) HPC3034" })
    }

    @Test func awsGroupBesideAGCPGroupTakesItsModulesRegion() throws {
        let marked = MarkedBlueprint(
            awsGroupFirst(
                """
                  - id: archive
                    source: modules/file-system/efs
                    settings: {file_system_id: fs-0123456789abcdef1, region: ‸eu-central-1}

                """))
        let result = compile(marked.text)
        #expect(
            positions(result.diagnostics, severity: .error) == marked.markers.map { "\($0.line):\($0.column) HPC3034" })
        let fixed = compile(marked.text.replacingOccurrences(of: "region: eu-central-1", with: "region: eu-west-1"))
        let main = try #require(fixed.file("aws/main.tf.json"), "\(fixed.diagnostics.map(\.message))")
        #expect(main.contains("\"region\": \"eu-west-1\"") && !main.contains("google"))
        #expect(fixed.file("primary/main.tf.json")?.contains("\"region\": \"us-central1\"") == true)
    }

    @Test func scratchCapacityBandsAreOpenEnded() {
        let bands = FSxDeploymentType.scratch1.capacityBands(storageType: .ssd, throughput: nil)
        #expect(bands.map(\.description) == ["1200-2400 GiB in steps of 1200", "multiples of 3600 GiB from 3600"])
        #expect(bands.contains { $0.contains(360_000) } && !bands.contains { $0.contains(3000) })
        #expect(CapacityBand.neighbours(of: 3000, in: bands) == (2400, 3600))
    }
}
