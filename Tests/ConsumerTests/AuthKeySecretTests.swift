import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// Issue 20: the MUNGE key reaches the nodes from Secret Manager, not over NFS. The emitted boot
/// script's key functions, unchanged, run against a fake metadata server and a fake Secret Manager
/// in a private network namespace (`Tests/Tools/auth-key-secret-run.sh`): the primary controller adds
/// the key, a compute node's account reads the same key, an account without access gets nothing.
@Suite("the authentication key comes from Secret Manager", .serialized)
struct AuthKeySecretTests {
    @Test func controllerAddsTheKeyNodesReadItOthersAreRefused() throws {
        let tools = ["unshare", "openssl", "python3", "curl", "ip", "mount"]
        guard (tools.allSatisfy(Shell.has) && getuid() == 0) || ConsumerTools.required else {
            return ConsumerTools.record(
                "gcp-slurm", "auth key from Secret Manager",
                ConsumerTools.skipped(
                    "the Secret Manager key run", because: "it needs root, unshare, openssl, python3 and curl"))
        }
        let result = try Repository.compile("gcp-slurm")
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = Repository.root.appendingPathComponent("Tests/Tools/auth-key-secret-run.sh")
        let outcome = try Shell.run(
            "/bin/bash", [script.path, folder.appendingPathComponent(NodeBootScript.path).path])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        let installed = lines.filter { $0.hasPrefix("installed ") }.map { $0.split(separator: " ").map(String.init) }
        #expect(installed.map { $0[1] } == ["controller", "compute"], "\(lines)")
        #expect(Set(installed.map { $0[2] }).count == 1, "one key on every node: \(lines)")
        #expect(installed.allSatisfy { $0.last == "400" }, "mode 0400: \(lines)")
        #expect(lines.contains("refused stranger"))
        #expect(
            lines.contains {
                $0.hasPrefix("request POST /v1/projects/demo/secrets/demo-munge-key:addVersion controller x1")
            },
            "only the controller adds, once: \(lines)")
        #expect(!lines.contains { $0.contains(":addVersion") && !$0.contains(" controller ") })
        ConsumerTools.record("gcp-slurm", "auth key from Secret Manager", lines.joined(separator: "; "))
    }
}
