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

    /// hpc-slurm-ha.yaml, unchanged: a backup controller in backup_zone at the second of two static
    /// addresses, Slurm's state on a Filestore, and accounting in Cloud SQL over Private Service
    /// Connect. It builds without a single diagnostic, and slurmdbd runs on both controllers.
    @Test func theHAExampleBuildsWithBackupControllerAndAccounting() throws {
        guard let folder = Self.folder("UpstreamExampleTests.theHAExampleBuildsWithBackupControllerAndAccounting")
        else { return }
        let result = try Self.compile("community/examples/hpc-slurm-ha.yaml", in: folder)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let controller = try #require(result.deployment?.clusters.first?.controller)
        #expect(controller.backup == BackupController(zone: "us-central1-f", staticIP: "10.80.0.11"))
        #expect(controller.staticIP == "10.80.0.10" && controller.stateDisk == nil)
        let main = try #require(result.file("primary/main.tf.json"))
        #expect(main.contains("\"google_compute_forwarding_rule\"") && main.contains("\"google_sql_user\""))
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("AccountingStorageType=accounting_storage/slurmdbd\n"))
        #expect(conf.contains("AccountingStorageBackupHost=hpcslurmha-controller-backup\n"))
        let dbd = try #require(result.file("slurm/slurmdbd.conf"))
        #expect(dbd.contains("DbdHost=hpcslurmha-controller\nDbdBackupHost=hpcslurmha-controller-backup\n"))
        #expect(dbd.contains("StorageUser=slurm\n") && !dbd.contains("StoragePass="))
    }

    /// hpc-slurm-ha.yaml attaches its login group the Toolkit's way, `login_nodes:
    /// $(debug_nodes.login_nodes)` instead of `use`: the login node is built all the same, with
    /// login_sa's account, in the inventory, and that account may read the cluster's auth key.
    @Test func theHAExampleBuildsItsLoginNodeFromTheLoginNodesSetting() throws {
        guard let folder = Self.folder("UpstreamExampleTests.theHAExampleBuildsItsLoginNodeFromTheLoginNodesSetting")
        else { return }
        let result = try Self.compile("community/examples/hpc-slurm-ha.yaml", in: folder)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let cluster = try #require(result.deployment?.clusters.first)
        #expect(cluster.loginGroups.map(\.name) == ["debug"])
        let text = try #require(result.file("primary/main.tf.json"))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let resources = try #require(json?["resource"] as? [String: [String: [String: Any]]])
        let login = try #require(resources["google_compute_instance"]?["debug_nodes_0"])
        #expect(login["name"] as? String == "hpcslurmha-debug-0")
        let account = (login["service_account"] as? [[String: Any]])?.first?["email"] as? String
        #expect(account == "${google_service_account.login_sa.email}")
        let readers = (resources["google_secret_manager_secret_iam_member"] ?? [:]).values.filter {
            $0["role"] as? String == "roles/secretmanager.secretAccessor"
                && ($0["secret_id"] as? String)?.contains("slurm_controller_auth_key") == true
        }.compactMap { $0["member"] as? String }
        #expect(readers.contains("serviceAccount:${google_service_account.login_sa.email}"), "\(readers)")
        let inventory = try #require(result.file("ansible/inventory.yml"))
        #expect(inventory.contains("    slurm_login:\n      hosts:\n        hpcslurmha-debug-0:\n"))
    }
}
