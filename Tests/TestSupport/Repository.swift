import Foundation
import HPCCompiler

/// Paths inside the repository, found from this file's location.
public enum Repository {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    public static let blueprints = root.appendingPathComponent("blueprints")
    public static let golden = root.appendingPathComponent("golden")
    public static let modules = root.appendingPathComponent("modules")

    /// Variables passed to a shipped blueprint when it leaves them to the user (two set `project_id`
    /// to null, as the Cluster Toolkit's examples do).
    public static func variables(for blueprint: String) -> [String] {
        ["gcp-slurm-starter", "gcp-slurm-managed-lustre"].contains(blueprint) ? ["project_id=demo-project"] : []
    }

    /// Every shipped blueprint's name (file name without `.yaml`).
    public static var blueprintNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: blueprints.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// What the consumer checks judge: every shipped blueprint, then `ctk:<path>` for each Cluster
    /// Toolkit example in `../shared` that compiles (none without it).
    public static var checkedBlueprints: [String] {
        blueprintNames + UpstreamExamples.compiling.map { UpstreamExamples.prefix + $0 }
    }

    /// Compiles a shipped blueprint the way `hpcc build blueprints/<name>.yaml` does, or an upstream
    /// example named `ctk:<path>` the way its README deploys it.
    public static func compile(_ name: String, extraVariables: [String] = []) throws -> CompileResult {
        if name.hasPrefix(UpstreamExamples.prefix) {
            return try UpstreamExamples.compile(String(name.dropFirst(UpstreamExamples.prefix.count)))
        }
        let path = "blueprints/\(name).yaml"
        let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        return Compiler().compile(SourceFile(name: path, text: text), variables: variables(for: name) + extraVariables)
    }

    /// Every file under `folder`, relative paths sorted.
    public static func files(under folder: URL) -> [String] {
        guard
            let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        var paths: [String] = []
        for case let url as URL in enumerator
        where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            paths.append(String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1)))
        }
        return paths.sorted()
    }
}

/// `../shared` beside the repository: the Cluster Toolkit's upstream examples, as test data that
/// is never copied into the repository. Without it the tests that read it skip loudly; `.ci/run`
/// (HPCC_REQUIRE_TOOLS=1) makes it mandatory.
public enum SharedFolder {
    /// `../shared/ctk-examples/upstream`, the Cluster Toolkit's example folders at a pinned commit.
    public static let upstreamExamples = Repository.root.deletingLastPathComponent().appendingPathComponent(
        "shared/ctk-examples/upstream")

    /// The upstream examples folder, or nil after printing why the caller's test is skipped.
    /// Where the checks are mandatory, a missing folder is reported by the returned message.
    public static func upstream(for test: String) -> Result<URL, SkipReason> {
        if FileManager.default.fileExists(atPath: upstreamExamples.appendingPathComponent("PROVENANCE.md").path) {
            return .success(upstreamExamples)
        }
        let line =
            """
            SKIPPED \(test): \(upstreamExamples.path) is missing (the Cluster Toolkit's examples beside the repository)
            """
        FileHandle.standardError.write(Data("\n*** \(line) ***\n\n".utf8))
        return .failure(
            SkipReason(message: line, mandatory: ProcessInfo.processInfo.environment["HPCC_REQUIRE_TOOLS"] == "1"))
    }

    /// Why a test that needs `../shared` did not run.
    public struct SkipReason: Error {
        /// The line printed.
        public let message: String
        /// True where the test must run (CI): the caller records a failure.
        public let mandatory: Bool
    }
}
