import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `additional_disks` of the controller and login nodes: persistent disks become `google_compute_disk`
/// resources attached to their instance, local SSDs `scratch_disk` blocks; templates make local SSDs
/// SCRATCH disks. Disks an instance cannot have are reported where the blueprint writes them.
@Suite("Additional disks of instances")
struct InstanceDiskTests {
    static let key = "projects/keys-project/locations/us-central1/keyRings/hpc/cryptoKeys/disks"

    /// The minimal blueprint with a login module of `count` nodes; each argument is settings lines
    /// (six spaces deep) of its module.
    static func blueprint(
        nodeset: String = "", login: String = "", controller: String = "", count: Int = 1
    )
        -> String
    {
        mini("      node_count_dynamic_max: 2\n", "      node_count_dynamic_max: 2\n" + nodeset)
            .replacingOccurrences(
                of: "  - id: controller\n",
                with: """
                      - id: login
                        source: community/modules/scheduler/schedmd-slurm-gcp-v6-login
                        use: [network]
                        settings:
                          num_instances: \(count)
                    \(login)  - id: controller

                    """
            )
            .replacingOccurrences(
                of: "    use: [network, partition]\n",
                with: "    use: [network, partition, login]\n    settings:\n      machine_type: n2-standard-4\n"
                    + controller)
    }

    static func resources(_ result: CompileResult) throws -> [String: Any] {
        let text = try #require(result.file("primary/main.tf.json"))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return try #require(json?["resource"] as? [String: Any])
    }

    static func resource(_ resources: [String: Any], _ type: String, _ name: String) throws -> [String: Any] {
        try #require((resources[type] as? [String: Any])?[name] as? [String: Any], "\(type).\(name)")
    }

    @Test func controllerDisksAreResourcesAttachedAfterTheStateDisk() throws {
        let result = compile(
            Self.blueprint(
                controller: """
                          additional_disks:
                          - device_name: data
                            disk_type: pd-balanced
                            disk_size_gb: 200
                            disk_labels: {purpose: data}
                            disk_encryption_key: \(Self.key)
                            disk_resource_manager_tags: {tagKeys/1: tagValues/2}
                          - {device_name: scratch, disk_type: local-ssd}

                    """))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let resources = try Self.resources(result)
        let disk = try Self.resource(resources, "google_compute_disk", "controller_disk_1")
        #expect(disk["name"] as? String == "mini-controller-disk-1")
        #expect(disk["type"] as? String == "pd-balanced" && disk["size"] as? Int == 200)
        #expect(disk["zone"] as? String == "us-central1-a" && disk["project"] as? String == "demo-project")
        #expect((disk["labels"] as? [String: String])?["purpose"] == "data")
        #expect((disk["disk_encryption_key"] as? [[String: String]])?.first == ["kms_key_self_link": Self.key])
        #expect(
            (disk["params"] as? [[String: [String: String]]])?.first?["resource_manager_tags"] == [
                "tagKeys/1": "tagValues/2"
            ])
        #expect(disk["create_snapshot_before_destroy"] == nil, "auto_delete true: the disk goes with the deployment")
        let controller = try Self.resource(resources, "google_compute_instance", "controller")
        let attached = try #require(controller["attached_disk"] as? [[String: String]])
        #expect(
            attached == [
                ["device_name": "slurm-state", "source": "${google_compute_disk.controller_state.id}"],
                ["device_name": "data", "source": "${google_compute_disk.controller_disk_1.id}"],
            ])
        let scratch = try #require(controller["scratch_disk"] as? [[String: Any]])
        #expect(scratch.count == 1)
        #expect(scratch.first?["interface"] as? String == "NVME" && scratch.first?["size"] as? Int == 375)
        #expect(scratch.first?["device_name"] as? String == "scratch")
    }

    @Test func eachLoginNodeGetsItsOwnDisk() throws {
        let result = compile(
            Self.blueprint(
                login: """
                          additional_disks:
                          - {device_name: cache, disk_type: pd-ssd, disk_size_gb: 50, auto_delete: false}

                    """, count: 2))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let resources = try Self.resources(result)
        for index in 0..<2 {
            let disk = try Self.resource(resources, "google_compute_disk", "login_\(index)_disk_1")
            #expect(disk["name"] as? String == "mini-login-\(index)-disk-1")
            #expect(disk["create_snapshot_before_destroy"] as? Bool == true, "auto_delete false keeps the data")
            let login = try Self.resource(resources, "google_compute_instance", "login_\(index)")
            #expect(
                login["attached_disk"] as? [[String: String]] == [
                    ["device_name": "cache", "source": "${google_compute_disk.login_\(index)_disk_1.id}"]
                ])
            #expect(login["scratch_disk"] == nil)
        }
    }

    @Test func aTemplateMakesALocalSSDAScratchDisk() throws {
        let result = compile(
            Self.blueprint(nodeset: "      additional_disks:\n      - {device_name: fast, disk_type: local-ssd}\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let template = try Self.resource(
            try Self.resources(result), "google_compute_instance_template", "nodeset")
        let disk = try #require((template["disk"] as? [[String: Any]])?.last)
        #expect(disk["type"] as? String == "SCRATCH" && disk["interface"] as? String == "NVME")
        #expect(disk["disk_size_gb"] as? Int == 375 && disk["disk_type"] as? String == "local-ssd")
    }

    /// Without additional disks the instances have no disk blocks beyond the state disk.
    @Test func noDisksNoBlocks() throws {
        let resources = try Self.resources(compile(Self.blueprint()))
        let login = try Self.resource(resources, "google_compute_instance", "login_0")
        #expect(login["attached_disk"] == nil && login["scratch_disk"] == nil)
        #expect((resources["google_compute_disk"] as? [String: Any])?.keys.sorted() == ["controller_state"])
    }

    static let cases: [RuleCase] = [
        RuleCase(
            name: "an additional disk cannot boot",
            blueprint: blueprint(login: "      additional_disks:\n      - {disk_type: pd-ssd, boot: true}\n"),
            expected: ["29:35 HPC2007"], message: "cannot be a boot disk"),
        RuleCase(
            name: "a local SSD is 375 GB",
            blueprint: blueprint(login: "      additional_disks:\n      - {disk_type: local-ssd, disk_size_gb: 750}\n"),
            expected: ["29:46 HPC2007"], help: "list 2 local-ssd disks"),
        RuleCase(
            name: "a local SSD has no name, no tags and goes with its instance",
            blueprint: blueprint(
                nodeset: """
                          additional_disks:
                          - disk_type: local-ssd
                            disk_name: fast
                            auto_delete: false
                            disk_resource_manager_tags: {tagKeys/1: tagValues/2}

                    """),
            expected: ["20:20 HPC2007", "21:22 HPC2007", "22:37 HPC2007"]),
        RuleCase(
            name: "device names are unique on an instance",
            blueprint: blueprint(
                controller: """
                          additional_disks:
                          - {device_name: data, disk_type: pd-ssd}
                          - {device_name: data, disk_type: pd-ssd}
                          - {device_name: slurm-state, disk_type: pd-ssd}

                    """),
            expected: ["35:23 HPC2007", "36:23 HPC2007"]),
        RuleCase(
            name: "one disk_name cannot serve several login nodes",
            blueprint: blueprint(
                login: "      additional_disks:\n      - {disk_name: shared, disk_type: pd-ssd}\n", count: 2),
            expected: ["29:21 HPC2007"], message: "each of the 2 instances"),
        RuleCase(
            name: "a disk_name is a Compute Engine name",
            blueprint: blueprint(login: "      additional_disks:\n      - {disk_name: Data_1, disk_type: pd-ssd}\n"),
            expected: ["29:21 HPC2007"], message: "not a Compute Engine name"),
        RuleCase(
            name: "a disk name hpcc derives fits 63 characters",
            blueprint: blueprint(
                login: "      name_prefix: \(String(repeating: "l", count: 52))\n"
                    + "      additional_disks:\n      - {disk_type: pd-ssd}\n"),
            expected: ["23:9 HPC2007"], message: "disk names hold at most 63"),
        RuleCase(
            name: "an E2 machine has no local SSDs",
            blueprint: blueprint(
                login: "      machine_type: e2-standard-4\n      additional_disks:\n      - {disk_type: local-ssd}\n"),
            expected: ["30:21 HPC3028"], message: "E2 machines cannot have local SSDs"),
    ]

    @Test(arguments: cases) func badDisksAreReportedWhereTheyAreWritten(_ rule: RuleCase) {
        rule.check()
    }

    /// An instance's scratch disk carries no labels: the blueprint's are reported, not dropped.
    @Test func labelsOnAnInstancesLocalSSDAreReported() {
        let result = compile(
            Self.blueprint(
                login: "      additional_disks:\n      - {disk_type: local-ssd, disk_labels: {purpose: scratch}}\n"))
        #expect(positions(result.diagnostics) == ["29:45 HPC2009"], "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.allSatisfy { $0.severity == .warning })
    }
}
