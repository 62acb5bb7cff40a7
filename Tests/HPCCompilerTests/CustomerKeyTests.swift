import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// Customer-managed encryption keys and resource manager tags on the Slurm instances, the deployment
/// bucket and Filestore: where they land in the Terraform, and the positioned findings for keys and
/// tags of the wrong form or place.
@Suite("Customer-managed keys and resource manager tags")
struct CustomerKeyTests {
    static let key = "projects/keys-project/locations/us-central1/keyRings/hpc/cryptoKeys/disks"

    /// The minimal blueprint with `nodeset` settings and `controller` settings added.
    static func blueprint(nodeset: String = "", controller: String = "") -> String {
        var text = mini(
            "      node_count_dynamic_max: 2\n", "      node_count_dynamic_max: 2\n" + nodeset)
        if !controller.isEmpty {
            text = text.replacingOccurrences(
                of: "    use: [network, partition]\n",
                with: "    use: [network, partition]\n    settings:\n" + controller)
        }
        return text
    }

    static func terraform(_ result: CompileResult) throws -> [String: Any] {
        let text = try #require(result.file("primary/main.tf.json"))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return try #require(json?["resource"] as? [String: Any])
    }

    static func resource(_ resources: [String: Any], _ type: String, _ name: String) throws -> [String: Any] {
        try #require((resources[type] as? [String: Any])?[name] as? [String: Any], "\(type).\(name)")
    }

    @Test func theKeyEncryptsEveryPersistentDiskWhereTheProviderWantsIt() throws {
        let result = compile(
            Self.blueprint(
                nodeset: """
                          disk_encryption_key: \(Self.key)
                          disk_encryption_key_service_account: kms-user@demo-project.iam.gserviceaccount.com
                          additional_disks:
                          - {device_name: scratch, disk_type: pd-ssd, disk_size_gb: 100}
                          - {device_name: fast, disk_type: local-ssd, disk_size_gb: 375}

                    """,
                controller: "      disk_encryption_key: \(Self.key)\n      slurm_bucket_kms_key: \(Self.key)\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let resources = try Self.terraform(result)
        let template = try Self.resource(resources, "google_compute_instance_template", "nodeset")
        let disks = try #require(template["disk"] as? [[String: Any]])
        let keys = disks.map { ($0["disk_encryption_key"] as? [[String: Any]])?.first }
        #expect(keys[0]?["kms_key_self_link"] as? String == Self.key)
        #expect(
            keys[0]?["kms_key_service_account"] as? String == "kms-user@demo-project.iam.gserviceaccount.com")
        #expect(keys[1]?["kms_key_self_link"] as? String == Self.key)
        #expect(keys[2] == nil, "a local SSD takes no Cloud KMS key")
        let controller = try Self.resource(resources, "google_compute_instance", "controller")
        let boot = try #require((controller["boot_disk"] as? [[String: Any]])?.first)
        #expect(boot["kms_key_self_link"] as? String == Self.key)
        let state = try Self.resource(resources, "google_compute_disk", "controller_state")
        #expect((state["disk_encryption_key"] as? [[String: Any]])?.first?["kms_key_self_link"] as? String == Self.key)
        let bucket = try Self.resource(resources, "google_storage_bucket", "controller")
        #expect((bucket["encryption"] as? [[String: Any]])?.first?["default_kms_key_name"] as? String == Self.key)
    }

    @Test func tagsLandOnInstancesTemplatesAndDisks() throws {
        let tags = "{tagKeys/123: tagValues/456}"
        let result = compile(
            Self.blueprint(
                nodeset: """
                          resource_manager_tags: \(tags)
                          disk_resource_manager_tags: {tagKeys/7: tagValues/8}
                          additional_disks:
                          - device_name: scratch
                            disk_resource_manager_tags: {tagKeys/9: tagValues/10}

                    """,
                controller:
                    "      resource_manager_tags: \(tags)\n      disk_resource_manager_tags: {tagKeys/7: tagValues/8}\n"
            ))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let resources = try Self.terraform(result)
        let template = try Self.resource(resources, "google_compute_instance_template", "nodeset")
        #expect(template["resource_manager_tags"] as? [String: String] == ["tagKeys/123": "tagValues/456"])
        let disks = try #require(template["disk"] as? [[String: Any]])
        #expect(disks[0]["resource_manager_tags"] as? [String: String] == ["tagKeys/7": "tagValues/8"])
        #expect(disks[1]["resource_manager_tags"] as? [String: String] == ["tagKeys/9": "tagValues/10"])
        let controller = try Self.resource(resources, "google_compute_instance", "controller")
        let params = (controller["params"] as? [[String: Any]])?.first
        #expect(params?["resource_manager_tags"] as? [String: String] == ["tagKeys/123": "tagValues/456"])
        let initialize =
            ((controller["boot_disk"] as? [[String: Any]])?.first?["initialize_params"] as? [[String: Any]])?
            .first
        #expect(initialize?["resource_manager_tags"] as? [String: String] == ["tagKeys/7": "tagValues/8"])
        let state = try Self.resource(resources, "google_compute_disk", "controller_state")
        #expect(
            (state["params"] as? [[String: Any]])?.first?["resource_manager_tags"] as? [String: String]
                == ["tagKeys/7": "tagValues/8"])
    }

    @Test func malformedKeysAreReportedWhereTheyAreWritten() {
        let result = compile(
            Self.blueprint(
                nodeset: """
                          disk_encryption_key: \(Self.key)/cryptoKeyVersions/3
                          additional_disks:
                          - {device_name: scratch, disk_encryption_key: keyRings/r/cryptoKeys/k}

                    """,
                controller: "      slurm_bucket_kms_key: my-key\n"))
        #expect(
            positions(result.diagnostics) == ["18:28 HPC2007", "20:53 HPC2007", "30:29 HPC2007"],
            "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.map(\.help).contains("write it as \(CloudKMSKey.form)"))
    }

    @Test func aKeyOfAnotherRegionCannotServeTheResource() {
        let european = "projects/k/locations/europe-west4/keyRings/r/cryptoKeys/k"
        let result = compile(
            Self.blueprint(
                nodeset: "      disk_encryption_key: \(european)\n",
                controller: "      slurm_bucket_kms_key: \(european)\n"))
        #expect(
            positions(result.diagnostics) == ["18:28 HPC3051", "28:29 HPC3051"], "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.first?.message.contains("region 'europe-west4'") == true)
        // global and multi-region key rings are left to the service.
        let global = compile(
            Self.blueprint(nodeset: "      disk_encryption_key: projects/k/locations/global/keyRings/r/cryptoKeys/k\n"))
        #expect(global.diagnostics.isEmpty, "\(global.diagnostics.map(\.message))")
    }

    @Test func tagsOfTheWrongFormAreReported() {
        let result = compile(
            Self.blueprint(
                nodeset: """
                          resource_manager_tags: {environment: production}
                          additional_disks:
                          - {device_name: scratch, disk_resource_manager_tags: {tagKeys/1: production}}

                    """))
        #expect(
            positions(result.diagnostics) == ["18:44 HPC2007", "20:72 HPC2007"], "\(result.diagnostics.map(\.message))")
    }

    @Test func aKeyOnALocalSSDAndAnAccountWithoutKeyAreReported() {
        let result = compile(
            Self.blueprint(
                nodeset: """
                          disk_encryption_key_service_account: kms-user@demo-project.iam.gserviceaccount.com
                          additional_disks:
                          - {device_name: fast, disk_type: local-ssd, disk_encryption_key: \(Self.key)}

                    """))
        #expect(positions(result.diagnostics) == ["20:72 HPC2007"], "\(result.diagnostics.map(\.message))")
        let unused = compile(
            Self.blueprint(
                nodeset: "      disk_encryption_key_service_account: kms-user@demo-project.iam.gserviceaccount.com\n"))
        #expect(positions(unused.diagnostics) == ["18:44 HPC2009"], "\(unused.diagnostics.map(\.message))")
    }

    @Test func theBucketKeyNeedsABucketHpccCreates() {
        let result = compile(
            Self.blueprint(
                controller: """
                          create_bucket: false
                          bucket_name: existing-bucket
                          slurm_bucket_kms_key: \(Self.key)

                    """))
        #expect(positions(result.diagnostics) == ["29:29 HPC2009"], "\(result.diagnostics.map(\.message))")
    }

    @Test func filestoreTakesItsKey() throws {
        let share = """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings:
                  local_mount: /home
                  kms_key_name: \(Self.key)

            """
        let result = compile(miniPlus(share))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let instance = try Self.resource(try Self.terraform(result), "google_filestore_instance", "homefs")
        #expect(instance["kms_key_name"] as? String == Self.key)
        let elsewhere = compile(
            miniPlus(share.replacingOccurrences(of: "us-central1", with: "asia-east1")))
        #expect(elsewhere.diagnostics.map(\.code) == [.kmsKeyLocation], "\(elsewhere.diagnostics.map(\.message))")
    }
}
