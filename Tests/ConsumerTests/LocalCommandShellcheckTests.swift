import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// The bash a gcloud module runs where Terraform runs (the Toolkit's gcloud-example.yaml,
/// unchanged) passes shellcheck: hpcc's lines around the blueprint's commands add no warning.
@Suite(
    "shellcheck accepts the gcloud module's scripts",
    .enabled(if: Shellcheck.usable, "shellcheck is not installed: run .ci/run, or apt-get install shellcheck"))
struct LocalCommandShellcheckTests {
    @Test func gcloudExampleScriptsPassShellcheck() throws {
        let folder: URL
        switch SharedFolder.upstream(for: "LocalCommandShellcheckTests.gcloudExampleScriptsPassShellcheck") {
        case let .success(found): folder = found
        case let .failure(reason):
            if reason.mandatory { Issue.record(Comment(rawValue: reason.message)) }
            return
        }
        let path = "community/examples/gcloud-example.yaml"
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        let result = Compiler().compile(SourceFile(name: path, text: text), variables: ["project_id=demo-project"])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let main = try #require(result.files.first { $0.path == "primary/main.tf.json" })
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.contents)) as? [String: Any])
        let data = (root["resource"] as? [String: [String: [String: Any]]])?["terraform_data"]?["gcloud_commands"]
        // Terraform turns `$${` back into `${` before bash sees the text.
        let scripts = try #require(data?["triggers_replace"] as? [String]).map {
            "#!/bin/bash\n" + $0.replacingOccurrences(of: "$${", with: "${")
        }
        #expect(scripts.count == 2)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-gcloud-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let paths = try ["create.sh", "delete.sh"].enumerated().map { index, name in
            let url = directory.appendingPathComponent(name)
            try Data(scripts[index].utf8).write(to: url)
            return url.path
        }
        let outcome = try Shell.run("/usr/bin/env", ["shellcheck", "--severity=warning", "--shell=bash"] + paths)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        ConsumerTools.record(
            "gcloud-example", "shellcheck", "2 scripts \(outcome.status == 0 ? "clean" : "REJECTED") at warning level")
    }
}
