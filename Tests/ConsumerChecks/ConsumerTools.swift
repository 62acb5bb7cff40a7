import Foundation
@_spi(Tools) import HPCCompiler
import TestSupport

/// What the consumer checks share: whether a missing tool is a failure, the log line each check
/// prints, and the emitted files as the consumers see them.
public enum ConsumerTools {
    /// Set by `.ci/run`: there a missing consumer fails the suite instead of skipping its checks.
    public static let required = ProcessInfo.processInfo.environment["HPCC_REQUIRE_TOOLS"] == "1"

    /// One line in the test log per check that ran, so a CI log shows what judged each blueprint.
    public static func record(_ blueprint: String, _ check: String, _ outcome: String) {
        print("consumer check | \(blueprint) | \(check) | \(outcome)")
    }

    /// A loud line for a check that could not run on this machine.
    public static func skipped(_ check: String, because reason: String) -> String {
        let line = "SKIPPED consumer check \(check): \(reason)"
        FileHandle.standardError.write(Data("\n*** \(line) ***\n\n".utf8))
        return line
    }

    /// A python for a consumer that lives in its own virtual environment: `variable` when set,
    /// else the repository's `venv` folder that `.ci/run` creates.
    public static func python(_ variable: String, venv: String) -> String? {
        if let configured = ProcessInfo.processInfo.environment[variable] { return configured }
        let local = Repository.root.appendingPathComponent("\(venv)/bin/python").path
        return FileManager.default.isExecutableFile(atPath: local) ? local : nil
    }

    /// Whether `python` exists and imports `modules`.
    public static func imports(_ modules: String, with python: String?) -> Bool {
        guard let python else { return false }
        return (try? Shell.run(python, ["-c", "import \(modules)"]).status) == 0
    }

    /// Writes a compiled deployment to a fresh temporary folder; the caller removes it.
    public static func writeDeployment(_ files: [OutputFile]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-consumer-\(UUID().uuidString)")
        try DeploymentWriter().write(files, to: folder)
        return folder
    }

    /// The Terraform roots among the emitted files (`<group>/main.tf.json`).
    public static func terraformRoots(_ files: [OutputFile]) -> [OutputFile] {
        files.filter { $0.path.hasSuffix("/main.tf.json") }
    }

    /// Whether a root requires the AWS provider.
    public static func requiresAWS(_ root: OutputFile) -> Bool {
        guard let document = try? JSONDocumentParser.parse(root.text) else { return false }
        return TerraformSchemaCheck.requiredProviders(of: document).values.contains(
            "registry.terraform.io/hashicorp/aws")
    }
}
