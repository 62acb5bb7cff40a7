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

    private func run(
        _ steps: [String], in repository: URL, environment: [String: String] = [:]
    ) throws
        -> [Shell.Outcome]
    {
        let path =
            HPCCBinary.url.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        return try steps.map { step in
            try Shell.run(
                "/bin/bash", ["-euo", "pipefail", "-c", "cd '\(repository.path)' && export PATH='\(path)' && " + step],
                environment: environment)
        }
    }

    @Test func theStepsPassOnACurrentRepositoryAndFailOnAStaleOne() throws {
        let steps = Array(try Self.hpccSteps().prefix(3))
        #expect(try Self.hpccSteps().count == 4)
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

/// The pull-request step of the example: `hpcc diff` of each changed blueprint against the base
/// branch, run as written in a git repository whose `origin/main` is the base.
@Suite("GitHub Actions example: hpcc diff on a pull request")
struct WorkflowDiffStepTests {
    private func git(_ arguments: [String], in repository: URL) throws {
        let outcome = try Shell.run(
            "/usr/bin/git",
            ["-C", repository.path, "-c", "user.name=t", "-c", "user.email=t@example.invalid"] + arguments)
        #expect(outcome.status == 0, "git \(arguments): \(outcome.stderr)")
    }

    @Test func aChangeThatDestroysDataFailsTheStepAndTheReportSaysWhy() throws {
        let step = try #require(try WorkflowExampleTests.hpccSteps().last)
        #expect(step.contains("hpcc diff"))
        let repository = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-workflow-diff-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: repository) }
        let blueprints = repository.appendingPathComponent("blueprints")
        try FileManager.default.createDirectory(at: blueprints, withIntermediateDirectories: true)
        for name in ["gcp-slurm", "aws-hpc-storage"] {
            try FileManager.default.copyItem(
                at: Repository.blueprints.appendingPathComponent("\(name).yaml"),
                to: blueprints.appendingPathComponent("\(name).yaml"))
        }
        try git(["init", "-q", "-b", "main"], in: repository)
        try git(["add", "."], in: repository)
        try git(["commit", "-q", "-m", "base"], in: repository)
        try git(["update-ref", "refs/remotes/origin/main", "HEAD"], in: repository)

        let path =
            HPCCBinary.url.deletingLastPathComponent().path + ":"
            + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        func runStep() throws -> (Shell.Outcome, String) {
            let outcome = try Shell.run(
                "/bin/bash", ["-eo", "pipefail", "-c", "cd '\(repository.path)' && export PATH='\(path)' && " + step],
                environment: ["GITHUB_BASE_REF": "main"])
            let report = try String(contentsOf: repository.appendingPathComponent("hpcc-diff.md"), encoding: .utf8)
            return (outcome, report)
        }
        // Nothing changed: the step passes and reports no blueprint.
        let (unchanged, quiet) = try runStep()
        #expect(unchanged.status == 0, "\(unchanged.stderr)")
        #expect(!quiet.contains("**blueprints/"))

        // The Filestore tier changes: the share is replaced, /home's data lost.
        let slurm = blueprints.appendingPathComponent("gcp-slurm.yaml")
        try (try String(contentsOf: slurm, encoding: .utf8))
            .replacingOccurrences(of: "filestore_tier: BASIC_SSD", with: "filestore_tier: BASIC_HDD")
            .write(to: slurm, atomically: true, encoding: .utf8)
        let (destroying, report) = try runStep()
        #expect(destroying.status == 3, "\(destroying.stderr)")
        #expect(destroying.stdout.contains("::error::this change destroys data"))
        #expect(report.contains("**blueprints/gcp-slurm.yaml**\n### hpcc diff\n\n> [!CAUTION]"), "\(report)")
        #expect(report.contains("| replace | google\\_filestore\\_instance.homefs | forced by tier | LOST |"))
        #expect(!report.contains("aws-hpc-storage"))
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
