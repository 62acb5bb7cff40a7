import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// Issue 20: the cluster's authentication key is in Secret Manager, readable by the cluster's own
/// service accounts only, and never exported over NFS.
@Suite struct AuthKeyTests {
    @Test func terraformMakesTheEmptySecretAndIAMForTheNodesAccounts() throws {
        let result = compile(minimalBlueprint)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let main = try #require(result.file("primary/main.tf.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        let resources = try #require(json["resource"] as? [String: [String: Any]])
        #expect(resources["google_secret_manager_secret"]?.keys.sorted() == ["controller_auth_key"])
        #expect(resources["google_secret_manager_secret_version"] == nil, "no key material in Terraform")
        let members = try #require(resources["google_secret_manager_secret_iam_member"] as? [String: [String: Any]])
        #expect(members.keys.sorted() == ["controller_auth_key_adder", "controller_auth_key_reader_0"])
        #expect(members["controller_auth_key_adder"]?["role"] as? String == "roles/secretmanager.secretVersionAdder")
        #expect(
            members["controller_auth_key_reader_0"]?["member"] as? String
                == "${data.google_compute_default_service_account.controller.member}")
        #expect(main.contains(#""hpcc-auth-secret": "projects/demo-project/secrets/mini-munge-key""#))
        #expect(main.components(separatedBy: #""hpcc-auth-key-create": "yes""#).count == 2, "the controller only")
        let script = try #require(result.file(NodeBootScript.path))
        #expect(!script.contains("/etc/munge *(") && !script.contains("key_distribution"))
    }

    @Test func nodesWithoutTheCloudPlatformScopeAreReportedAtTheirScopes() {
        let scopes = "      service_account_scopes: [https://www.googleapis.com/auth/devstorage.read_only]\n"
        let text = minimalBlueprint.replacingOccurrences(
            of: "      node_count_dynamic_max: 2\n", with: "      node_count_dynamic_max: 2\n" + scopes)
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["18:31 HPC3059"], "\(result.diagnostics)")
    }
}
