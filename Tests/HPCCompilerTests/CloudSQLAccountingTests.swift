import Foundation
import Testing
@testable import HPCCompiler

/// `community/modules/database/slurm-cloudsql-federation` and the controller's `cloudsql`: what
/// they emit, and every mistake reported where it is written. No password ever reaches the output.
@Suite("Cloud SQL accounting")
struct CloudSQLAccountingTests {
    private static func blueprint(database: String, cloudsql: String = "$(slurm_db.cloudsql)") -> String {
        minimalBlueprint.replacingOccurrences(
            of: "use: [network, partition]",
            with: "use: [network, partition]\n    settings:\n      cloudsql: \(cloudsql)")
                + """
                  - id: slurm_db
                    source: community/modules/database/slurm-cloudsql-federation
                    use: [network]
                    settings:
                      sql_instance_name: mini-db
                      tier: db-f1-micro
                \(database)
                """
    }

    private func resources(_ result: CompileResult) throws -> [String: [String: [String: Any]]] {
        let main = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics.map(\.message))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        return try #require(root["resource"] as? [String: [String: [String: Any]]])
    }

    @Test func privateServiceConnectGetsAnEndpointAndTheControllerItsAddress() throws {
        let result = compile(Self.blueprint(database: "      use_psc_connection: true"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let resources = try resources(result)
        let rule = try #require(resources["google_compute_forwarding_rule"]?["slurm_db_psc"])
        #expect(rule["target"] as? String == "${google_sql_database_instance.slurm_db.psc_service_attachment_link}")
        #expect(rule["load_balancing_scheme"] as? String == "")
        let metadata = try #require(resources["google_compute_instance"]?["controller"]?["metadata"] as? [String: Any])
        #expect(metadata["hpcc-slurmdbd-host"] as? String == "${google_compute_address.slurm_db_psc.address}")
        #expect(
            metadata["hpcc-slurmdbd-secret"] as? String == "${google_secret_manager_secret.slurm_db_password.id}")
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(
            conf.contains("AccountingStorageType=accounting_storage/slurmdbd\nAccountingStorageHost=mini-controller\n"))
        let dbd = try #require(result.file("slurm/slurmdbd.conf"))
        #expect(dbd.contains("DbdHost=mini-controller\n") && dbd.contains("StorageLoc=slurm_accounting\n"))
        #expect(!dbd.split(separator: "\n").contains { $0.hasPrefix("StoragePass") })
    }

    /// The password is made during apply and reaches only write-only arguments; the controller's
    /// service account alone may read the secret.
    @Test func thePasswordReachesOnlyWriteOnlyArguments() throws {
        let result = compile(Self.blueprint(database: ""))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let resources = try resources(result)
        let user = try #require(resources["google_sql_user"]?["slurm_db"])
        let version = try #require(resources["google_secret_manager_secret_version"]?["slurm_db_password"])
        #expect(user["password_wo"] as? String == "${local.slurm_db_password}")
        #expect(version["secret_data_wo"] as? String == "${local.slurm_db_password}")
        #expect(user["password"] == nil && version["secret_data"] == nil)
        let main = try #require(result.file("primary/main.tf.json"))
        #expect(main.contains(#""slurm_db_password": "${replace(uuid(), \"-\", \"\")}""#))
        #expect(main.contains(#""required_version": ">= 1.11.0""#))
        let binding = try #require(resources["google_secret_manager_secret_iam_member"]?["controller_slurmdbd"])
        #expect(binding["role"] as? String == "roles/secretmanager.secretAccessor")
        #expect(
            binding["member"] as? String
                == "serviceAccount:${data.google_compute_default_service_account.controller.email}")
        // Nothing else in any file holds a password value or the local that makes one.
        for file in result.files where file.path != "primary/main.tf.json" {
            #expect(!file.text.contains("slurm_db_password"), "\(file.path)")
        }
    }

    @Test func aPasswordInTheBlueprintIsRefusedWhereItIsWritten() {
        let module = compile(Self.blueprint(database: "      sql_password: hunter2"))
        #expect(positions(module.diagnostics) == ["34:21 HPC3055"], "\(module.diagnostics.map(\.message))")
        let literal = compile(
            Self.blueprint(
                database: "",
                cloudsql:
                    "{server_ip: 10.0.0.5, user: slurm, password: hunter2, db_name: slurm_accounting}"))
        #expect(literal.diagnostics.map(\.code) == [.passwordInBlueprint], "\(literal.diagnostics.map(\.message))")
        #expect(literal.diagnostics.first?.location?.line == 27)
        #expect(literal.files.isEmpty)
    }

    @Test func settingsThatDoNotFitTogetherAreErrors() {
        let cache = compile(Self.blueprint(database: "      data_cache_enabled: true"))
        #expect(positions(cache.diagnostics) == ["34:27 HPC3056"], "\(cache.diagnostics.map(\.message))")
        let networks = compile(
            Self.blueprint(database: "      use_psc_connection: true\n      authorized_networks: [10.0.0.0/8]"))
        #expect(positions(networks.diagnostics) == ["35:28 HPC3056"], "\(networks.diagnostics.map(\.message))")
        let range = compile(Self.blueprint(database: "      authorized_networks: [10.0.0.0/33]"))
        #expect(positions(range.diagnostics) == ["34:29 HPC3016"], "\(range.diagnostics.map(\.message))")
    }
}
