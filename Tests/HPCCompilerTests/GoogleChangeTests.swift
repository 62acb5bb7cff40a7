import Foundation
import Testing
import TestSupport

@testable @_spi(Tools) import HPCCompiler

/// `hpcc diff` on Google Cloud blueprints, judged by the provider facts hpcc carries
/// (catalogs/terraform/replacement-facts.tsv, terraform-provider-google v6.50.0): real changes of
/// the shipped blueprints, one test per class of fact, each naming the resources Terraform would
/// create, update, replace or destroy.
@Suite("hpcc diff: Google Cloud changes against the provider's facts")
struct GoogleChangeTests {
    /// `action address` of every Terraform change when `from` becomes `to` in the blueprint.
    private func changes(
        _ blueprint: String, _ edits: [(String, String)]
    ) throws -> (lines: [String], report: ChangeReport) {
        let url = Repository.blueprints.appendingPathComponent("\(blueprint).yaml")
        let text = try String(contentsOf: url)
        var edited = text
        for (from, to) in edits {
            #expect(edited.contains(from), "\(blueprint) has no '\(from)'")
            edited = edited.replacingOccurrences(of: from, with: to)
        }
        let old = Compiler().compile(SourceFile(name: "\(blueprint).yaml", text: text))
        let new = Compiler().compile(SourceFile(name: "\(blueprint).yaml", text: edited))
        try #require(new.succeeded, "\(new.diagnostics.map(\.message))")
        let report = DeploymentChanges.compare(
            DeploymentSnapshot(files: old.files),
            DeploymentSnapshot(files: new.replacing(DeploymentSnapshot(files: old.files)).files))
        return (report.terraform.map { "\($0.action.rawValue) \($0.address)" }.sorted(), report)
    }

    @Test func anAttributeThatForcesANewResourceReplacesItAndLosesItsData() throws {
        // google_filestore_instance.tier: ForceNew. The share's address is read by every node's
        // mount metadata, which instance templates cannot update: they are replaced too, and the
        // nodes made from the debug template with them; the controller and login update in place.
        let (lines, report) = try changes("gcp-slurm", [("filestore_tier: BASIC_SSD", "filestore_tier: BASIC_HDD")])
        #expect(
            lines == [
                "replace google_compute_instance_from_template.debug_nodeset_0",
                "replace google_compute_instance_from_template.debug_nodeset_1",
                "replace google_compute_instance_template.compute_nodeset",
                "replace google_compute_instance_template.debug_nodeset",
                "replace google_compute_instance_template.gpu_nodeset",
                "replace google_filestore_instance.homefs",
                "update google_compute_instance.slurm_controller",
                "update google_compute_instance.slurm_login_0",
            ])
        #expect(report.destroysData)
        #expect(report.terraform.first { $0.address == "google_filestore_instance.homefs" }?.forcedBy == ["tier"])
    }

    @Test func anUpdatableAttributeUpdatesInPlace() throws {
        // google_compute_instance.machine_type, google_sql_database_instance settings.tier and
        // google_workbench_instance gce_setup.machine_type: updatable.
        #expect(
            try changes("gcp-slurm", [("      machine_type: n2-standard-8\n", "      machine_type: n2-standard-16\n")])
                .lines == ["update google_compute_instance.slurm_controller"])
        #expect(
            try changes("gcp-slurm-accounting", [("tier: db-custom-1-3840", "tier: db-custom-2-7680")]).lines == [
                "update google_sql_database_instance.slurm_db"
            ])
        #expect(
            try changes("gcp-workbench", [("machine_type: n2-standard-8", "machine_type: n2-standard-16")]).lines == [
                "update google_workbench_instance.workbench_ada"
            ])
    }

    @Test func aNestedUpdatableAttributeUpdatesInPlace() throws {
        // google_filestore_instance file_shares.capacity_gb: updatable (name is ForceNew).
        let (lines, report) = try changes("gcp-slurm", [("size_gb: 2560", "size_gb: 3072")])
        #expect(lines == ["update google_filestore_instance.homefs"])
        #expect(!report.destroysData)
    }

    @Test func anImmutableResourceIsReplacedByAnyChange() throws {
        // google_compute_instance_template: every argument ForceNew (templates are immutable).
        #expect(
            try changes("gcp-slurm", [("machine_type: c2-standard-60", "machine_type: c2-standard-30")]).lines == [
                "replace google_compute_instance_template.compute_nodeset"
            ])
    }

    @Test func aConditionalReplacementFollowsTheValues() throws {
        // google_compute_disk.size: ForceNewIfChange(IsDiskShrinkage). Growing updates; shrinking
        // replaces the disk (its data is lost) and updates the instance it is attached to.
        #expect(
            try changes("gcp-slurm", [("disk_size_gb: 100", "disk_size_gb: 200")]).lines == [
                "update google_compute_disk.slurm_login_0_disk_1"
            ])
        let (shrunk, report) = try changes("gcp-slurm", [("disk_size_gb: 100", "disk_size_gb: 50")])
        #expect(
            shrunk == [
                "replace google_compute_disk.slurm_login_0_disk_1", "update google_compute_instance.slurm_login_0",
            ])
        #expect(report.destroysData)
        // google_compute_subnetwork.ip_cidr_range: ForceNewIfChange(IsShrinkageIpCidr). A larger
        // range holding the old one is expanded in place.
        #expect(
            try changes("gcp-slurm", [("default_primary_subnetwork_size: 4", "default_primary_subnetwork_size: 3")])
                .lines == ["update google_compute_subnetwork.network_atlas-primary-subnet"])
    }

    @Test func aReplacementSpreadsThroughTheAttributesThatReadIt() throws {
        // A smaller subnetwork is a new one; instances' and templates' network_interface.subnetwork
        // is ForceNew, so everything in it is replaced, and the nodes made from the templates.
        let (lines, _) = try changes(
            "gcp-slurm", [("default_primary_subnetwork_size: 4", "default_primary_subnetwork_size: 5")])
        #expect(
            lines == [
                "replace google_compute_instance.slurm_controller", "replace google_compute_instance.slurm_login_0",
                "replace google_compute_instance_from_template.debug_nodeset_0",
                "replace google_compute_instance_from_template.debug_nodeset_1",
                "replace google_compute_instance_template.compute_nodeset",
                "replace google_compute_instance_template.debug_nodeset",
                "replace google_compute_instance_template.gpu_nodeset",
                "replace google_compute_subnetwork.network_atlas-primary-subnet",
            ])
    }

    @Test func aBootDiskLabelReplacesTheInstanceOtherLabelsUpdate() throws {
        // google_compute_instance boot_disk.initialize_params.labels: ForceNew; labels elsewhere
        // (buckets, disks, Filestore, secrets, addresses) are updatable.
        let (lines, _) = try changes("gcp-slurm", [("team: cfd", "team: aero")])
        #expect(lines.contains("replace google_compute_instance.slurm_controller"))
        #expect(lines.contains("update google_filestore_instance.homefs"))
        #expect(lines.contains("update google_storage_bucket.slurm_controller"))
        #expect(!lines.contains { $0.hasPrefix("destroy") || $0.hasPrefix("create") })
    }

    @Test func addedAndRemovedModulesCreateAndDestroy() throws {
        // Without the GPU partition and nodeset: their template goes; nothing else is replaced.
        let blueprint = try String(contentsOf: Repository.blueprints.appendingPathComponent("gcp-slurm.yaml"))
        let start = try #require(blueprint.range(of: "  - id: gpu_nodeset\n"))
        let end = try #require(blueprint.range(of: "  - id: slurm_login\n"))
        let (lines, report) = try changes(
            "gcp-slurm",
            [
                (String(blueprint[start.lowerBound..<end.lowerBound]), ""),
                ("    - gpu_partition\n", ""),
            ])
        #expect(lines.contains("destroy google_compute_instance_template.gpu_nodeset"))
        #expect(!lines.contains { $0.hasPrefix("replace") }, "\(lines)")
        #expect(!report.destroysData)
    }

    @Test func aRenamedModuleMovesAndItsNameForcedAttributesReplace() throws {
        // Module ids name resources and, through them, cloud names: the network's moved resources
        // whose names carry the id (ForceNew `name`) are replaced, the rest move.
        let (lines, report) = try changes(
            "gcp-workbench", [("- id: datasets\n", "- id: data\n"), ("datasets]", "data]")])
        #expect(!lines.contains { $0.hasPrefix("destroy") || $0.hasPrefix("create") }, "\(lines)")
        #expect(report.terraform.contains { $0.movedFrom != nil })
    }
}
