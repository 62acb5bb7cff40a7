import Foundation
import Testing
import TestSupport

/// examples/github-actions/blueprints.yml: its hpcc steps run as written against a repository of
/// blueprints (a scratch folder with blueprints/ and a committed deployments/), with the hpcc
/// under test on the PATH, and they fail when a committed deployment goes stale.
@Suite("GitHub Actions example")
struct WorkflowExampleTests {
    static let workflow = Repository.root.appendingPathComponent("examples/github-actions/blueprints.yml")

    /// The `run:` blocks of the steps that call hpcc (not the one that builds it), in order.
    static func hpccSteps() throws -> [String] {
        let text = try String(contentsOf: workflow, encoding: .utf8)
        var steps: [String] = []
        var current: [String]? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("        run: |") {
                current = []
                continue
            }
            if line.hasPrefix("        run: ") {
                steps.append(String(line.dropFirst("        run: ".count)))
                continue
            }
            if var block = current {
                if line.hasPrefix("          ") || line.isEmpty {
                    block.append(String(line.dropFirst(min(10, line.count))))
                    current = block
                    continue
                }
                steps.append(block.joined(separator: "\n"))
                current = nil
            }
        }
        if let block = current { steps.append(block.joined(separator: "\n")) }
        return steps.filter { $0.contains("hpcc ") && !$0.contains("swift build") }
    }

    private func run(_ steps: [String], in repository: URL) throws -> [Shell.Outcome] {
        let path =
            HPCCBinary.url.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try steps.map { step in
            try Shell.run(
                "/bin/bash", ["-euo", "pipefail", "-c", "cd '\(repository.path)' && export PATH='\(path)' && " + step])
        }
    }

    @Test func theStepsPassOnACurrentRepositoryAndFailOnAStaleOne() throws {
        let steps = try Self.hpccSteps()
        #expect(steps.count == 3, "\(steps)")
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-workflow-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: repository) }
        try FileManager.default.createDirectory(
            at: repository.appendingPathComponent("blueprints"), withIntermediateDirectories: true)
        for name in ["gcp-slurm", "aws-parallelcluster-minimal"] {
            try FileManager.default.copyItem(
                at: Repository.root.appendingPathComponent("blueprints/\(name).yaml"),
                to: repository.appendingPathComponent("blueprints/\(name).yaml"))
            let built = try HPCCBinary.run([
                "build", repository.appendingPathComponent("blueprints/\(name).yaml").path, "-o",
                repository.appendingPathComponent("deployments").path,
            ])
            #expect(built.status == 0, "\(built.stderr)")
        }
        let current = try run(steps, in: repository)
        #expect(current.map(\.status) == [0, 0, 0], "\(current.map(\.stdout))")
        #expect(FileManager.default.fileExists(atPath: repository.appendingPathComponent("hpcc.sarif").path))

        // A hand edit of a committed file: the drift step fails with an annotation at the file.
        let conf = repository.appendingPathComponent("deployments/atlas/slurm/slurm.conf")
        try Data((try String(contentsOf: conf, encoding: .utf8) + "# edited\n").utf8).write(to: conf)
        let stale = try run(steps, in: repository)
        #expect(stale.map(\.status) == [0, 0, 1])
        #expect(stale[2].stdout.contains("::error file=deployments/atlas/slurm/slurm.conf,line="), "\(stale[2].stdout)")
    }
}

/// Shell completions come from swift-argument-parser; the scripts must at least parse.
@Suite("Shell completions")
struct CompletionTests {
    @Test func theBashScriptParsesAndKnowsTheCommands() throws {
        let outcome = try HPCCBinary.run(["--generate-completion-script", "bash"])
        #expect(outcome.status == 0)
        for command in ["build", "validate", "graph", "schema", "modules", "explain"] {
            #expect(outcome.stdout.contains(command), "\(command) is not completed")
        }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-completion-\(UUID().uuidString).bash")
        try Data(outcome.stdout.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let syntax = try Shell.run("/bin/bash", ["-n", script.path])
        #expect(syntax.status == 0, "\(syntax.stderr)")
    }
}
