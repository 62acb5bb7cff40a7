import Foundation
import Testing
import TestSupport

@_spi(Tools) @testable import HPCCompiler

/// The providers' replacement facts, each checked against the line of provider source it was read
/// from (AWS at 1a5174b1, Google at v6.50.0; catalogs/terraform/README.md says why those revisions).
@Suite struct ReplacementFactsTests {
    private func replaces(_ type: String, _ path: String) -> Bool? {
        ReplacementFacts.forcesReplacement(type: type, path: path.split(separator: ".").map(String.init))
    }

    /// Top-level `ForceNew: true`.
    @Test func aTopLevelForceNewAttributeReplaces() {
        // google/services/filestore/resource_filestore_instance.go:215-218
        #expect(replaces("google_filestore_instance", "tier") == true)
        // internal/service/fsx/lustre_file_system.go:96-99
        #expect(replaces("aws_fsx_lustre_file_system", "deployment_type") == true)
        // internal/service/efs/file_system.go:71-75 and 120-124
        #expect(replaces("aws_efs_file_system", "encrypted") == true)
        #expect(replaces("aws_efs_file_system", "performance_mode") == true)
    }

    /// Settable and without ForceNew: updated in place.
    @Test func aTopLevelUpdatableAttributeDoesNotReplace() {
        // internal/service/fsx/lustre_file_system.go:240 (a shrink is replaced by CustomizeDiff, noted in the TSV)
        #expect(replaces("aws_fsx_lustre_file_system", "storage_capacity") == false)
        // google/services/storage/resource_storage_bucket.go:121-125
        #expect(replaces("google_storage_bucket", "labels") == false)
        // internal/service/efs/file_system.go:172
        #expect(replaces("aws_efs_file_system", "throughput_mode") == false)
    }

    /// A nested block's attribute with its own ForceNew, beside updatable siblings.
    @Test func aNestedAttributeReplacesOnItsOwnFlag() {
        // google/services/filestore/resource_filestore_instance.go:86 (name, ForceNew) in file_shares (72, no ForceNew)
        #expect(replaces("google_filestore_instance", "file_shares") == false)
        #expect(replaces("google_filestore_instance", "file_shares.name") == true)
        #expect(replaces("google_filestore_instance", "file_shares.capacity_gb") == false)
        // google/services/sql/resource_sql_database_instance.go:204-207: settings.tier is updatable
        #expect(replaces("google_sql_database_instance", "settings.tier") == false)
    }

    /// A block with ForceNew replaces for every attribute inside it, listed or not.
    @Test func aForceNewBlockReplacesEverythingInside() {
        // google/services/compute/resource_compute_instance_template.go:122-125 (disk, ForceNew) and 168-171
        #expect(replaces("google_compute_instance_template", "disk") == true)
        #expect(replaces("google_compute_instance_template", "disk.disk_size_gb") == true)
        #expect(replaces("google_compute_instance_template", "disk.no_such_attribute") == true)
    }

    /// Plugin framework resources: `RequiresReplace()` plan modifiers.
    @Test func aFrameworkRequiresReplaceReplaces() {
        // internal/service/ec2/vpc_security_group_ingress_rule.go:215-218 and 195-197
        #expect(replaces("aws_vpc_security_group_ingress_rule", "security_group_id") == true)
        #expect(replaces("aws_vpc_security_group_ingress_rule", "description") == false)
    }

    @Test func whatTheCatalogLacksIsUnknown() {
        #expect(replaces("google_no_such_resource", "name") == nil)
        #expect(replaces("google_filestore_instance", "no_such_attribute") == nil)
        #expect(replaces("google_filestore_instance", "file_shares.no_such_attribute") == nil)
        #expect(ReplacementFacts.forcesReplacement(type: "google_filestore_instance", path: []) == nil)
        #expect(!ReplacementFacts.knows(type: "google_no_such_resource"))
        #expect(ReplacementFacts.knows(type: "google_filestore_instance"))
    }

    /// Every resource type a golden deployment declares has its schema in the catalog.
    @Test func everyGoldenResourceTypeIsKnown() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Repository.golden.path))
            .compactMap { $0 as? String }.filter { $0.hasSuffix("main.tf.json") }
        var types = Set<String>()
        for file in files {
            let data = try Data(contentsOf: Repository.golden.appendingPathComponent(file))
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            types.formUnion(((root["resource"] as? [String: Any]) ?? [:]).keys)
        }
        #expect(types.count > 50)
        let unknown = types.subtracting(["terraform_data"]).filter { !ReplacementFacts.knows(type: $0) }
        #expect(unknown.isEmpty, "no replacement facts for \(unknown.sorted())")
    }
}
