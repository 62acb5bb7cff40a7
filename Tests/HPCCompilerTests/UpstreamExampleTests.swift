import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// The Cluster Toolkit's own examples, read from `../shared` (never copied here).
@Suite struct UpstreamExampleTests {
    /// Compiles an upstream example the way `hpcc validate` does, with the project it leaves open.
    static func compile(_ path: String, in folder: URL) throws -> CompileResult {
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        return Compiler().compile(SourceFile(name: path, text: text), variables: ["project_id=demo-project"])
    }

    static func folder(_ test: String) -> URL? {
        switch SharedFolder.upstream(for: test) {
        case let .success(folder): return folder
        case let .failure(reason):
            if reason.mandatory { Issue.record("\(reason.message)") }
            return nil
        }
    }

    /// hpc-slurm-kms.yaml asks for customer-managed keys on every disk and on the deployment
    /// bucket: it builds unchanged, without a single finding, and the key lands where the provider
    /// schema takes it.
    @Test func theKMSExampleBuildsWithItsKeysInTheTerraform() throws {
        guard let folder = Self.folder("UpstreamExampleTests.theKMSExampleBuildsWithItsKeysInTheTerraform") else {
            return
        }
        let result = try Self.compile("community/examples/hpc-slurm-kms.yaml", in: folder)
        #expect(result.succeeded)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let key = "projects/my-project/locations/us-central1/keyRings/my-keyring/cryptoKeys/my-key"
        let account = "my-sa@my-project.iam.gserviceaccount.com"
        let text = try #require(result.file("primary/main.tf.json"))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let resources = try #require(json?["resource"] as? [String: [String: [String: Any]]])
        for nodeset in ["debug_nodeset", "compute_nodeset", "h3_nodeset"] {
            let disks = try #require(
                resources["google_compute_instance_template"]?[nodeset]?["disk"] as? [[String: Any]])
            let encryption = (disks.first?["disk_encryption_key"] as? [[String: String]])?.first
            #expect(encryption == ["kms_key_self_link": key, "kms_key_service_account": account], "\(nodeset)")
        }
        for instance in ["slurm_controller", "slurm_login_0"] {
            let boot = (resources["google_compute_instance"]?[instance]?["boot_disk"] as? [[String: Any]])?.first
            #expect(boot?["kms_key_self_link"] as? String == key, "\(instance)")
            #expect(boot?["disk_encryption_service_account"] as? String == account, "\(instance)")
        }
        let state = resources["google_compute_disk"]?["slurm_controller_state"]?["disk_encryption_key"]
        #expect((state as? [[String: String]])?.first?["kms_key_self_link"] == key)
        let bucket = resources["google_storage_bucket"]?["slurm_controller"]?["encryption"]
        #expect((bucket as? [[String: String]])?.first == ["default_kms_key_name": key])
    }

    /// hpc-slurm-ha.yaml asks for a backup controller in backup_zone at the second of two static
    /// addresses, with Slurm's state on a Filestore: none of that is refused; what remains is its
    /// Cloud SQL part (the database module and `cloudsql`), which is not the backup controller's.
    @Test func theHAExampleCompilesItsBackupController() throws {
        guard let folder = Self.folder("UpstreamExampleTests.theHAExampleCompilesItsBackupController") else { return }
        let path = "community/examples/hpc-slurm-ha.yaml"
        let result = try Self.compile(path, in: folder)
        let about = [
            "enable_backup_controller", "controller_ha_type", "backup_zone", "static_ips", "controller_state_disk",
        ]
        #expect(
            !result.diagnostics.contains { finding in about.contains { finding.message.contains("'\($0)'") } },
            "\(result.diagnostics.map(\.message))")
        #expect(
            result.diagnostics.allSatisfy { $0.message.contains("cloudsql") },
            "\(result.diagnostics.map(\.message))")

        // Without the Cloud SQL part, the rest builds: two controllers, the state on the Filestore.
        var lines = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let start = lines.firstIndex(of: "  # Cloud SQL (External DB)"),
            let end = lines.firstIndex(of: "  # Controller (Custom HA Module)")
        {
            lines.removeSubrange(start..<end)
        }
        if let start = lines.firstIndex(of: "      cloudsql:") { lines.removeSubrange(start...(start + 4)) }
        let rest = Compiler().compile(
            SourceFile(name: path, text: lines.joined(separator: "\n")), variables: ["project_id=demo-project"])
        #expect(rest.diagnostics.isEmpty, "\(rest.diagnostics.map(\.message))")
        let controller = try #require(rest.deployment?.clusters.first?.controller)
        #expect(controller.backup == BackupController(zone: "us-central1-f", staticIP: "10.80.0.11"))
        #expect(controller.staticIP == "10.80.0.10" && controller.stateDisk == nil)
    }
}
