import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

@Suite("Write: atomic deployment folders")
struct OutputTests {
    /// A manifest listing `paths`, as hpcc writes it (only the paths matter here).
    private func manifest(_ paths: [String]) -> OutputFile {
        let files = paths.map { "{\"path\": \"\($0)\"}" }.joined(separator: ", ")
        return OutputFile(path: "hpcc-manifest.json", text: "{\"files\": [\(files)]}\n")
    }

    @Test func rewritingReplacesHpccsFilesAndLeavesNothingBehind() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("atlas")
        try DeploymentWriter().write(
            [
                OutputFile(path: "a/old.txt", text: "old\n"),
                OutputFile(path: "run.sh", text: "#!/bin/sh\n", executable: true), manifest(["a/old.txt", "run.sh"]),
            ], to: target)
        try DeploymentWriter().write(
            [OutputFile(path: "a/new.txt", text: "new\n"), manifest(["a/new.txt"])], to: target)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["atlas"],
            "no staging or retired folders remain")
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: target.path).sorted() == [
                "a", "a/new.txt", "hpcc-manifest.json",
            ])
        // Without a manifest the folder is not hpcc's: replaced only when forced, and then whole.
        try DeploymentWriter().write([OutputFile(path: "b.txt", text: "b\n")], to: target)
        #expect(throws: DeploymentWriter.Refusal.self) { try DeploymentWriter().write([manifest([])], to: target) }
        try DeploymentWriter(force: true).write([manifest([])], to: target)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: target.path) == ["hpcc-manifest.json"])
    }

    /// Found by the Google Cloud twin (issue 21): a rebuild replaced the whole folder, so the
    /// Terraform state beside main.tf.json was gone and the next `terraform apply` tried to
    /// create every resource again. Files hpcc did not write now survive a rebuild, and
    /// `--check` does not call them stale.
    @Test func aRebuildKeepsTheOperatorsTerraformState() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("atlas")
        let first = [
            OutputFile(path: "primary/main.tf.json", text: "{}\n"), OutputFile(path: "slurm/old.conf", text: "x\n"),
            manifest(["primary/main.tf.json", "slurm/old.conf"]),
        ]
        try DeploymentWriter().write(first, to: target)
        let manager = FileManager.default
        let state = target.appendingPathComponent("primary/terraform.tfstate")
        try Data("{\"serial\": 7}\n".utf8).write(to: state)
        let plugins = target.appendingPathComponent("primary/.terraform/providers")
        try manager.createDirectory(at: plugins, withIntermediateDirectories: true)
        try manager.createSymbolicLink(
            atPath: plugins.appendingPathComponent("google").path, withDestinationPath: "/opt/x")
        try Data("keep\n".utf8).write(to: target.appendingPathComponent("backend.tf.json"))

        let second = [
            OutputFile(path: "primary/main.tf.json", text: "{\"a\": 1}\n"), manifest(["primary/main.tf.json"]),
        ]
        #expect(
            try DeploymentDrift.compare(second, with: target).differences.map(\.path) == [
                "hpcc-manifest.json", "primary/main.tf.json", "slurm/old.conf",
            ])
        try DeploymentWriter().write(second, to: target)
        #expect(try String(contentsOf: state, encoding: .utf8) == "{\"serial\": 7}\n")
        #expect(
            try manager.destinationOfSymbolicLink(atPath: plugins.appendingPathComponent("google").path) == "/opt/x")
        #expect(manager.fileExists(atPath: target.appendingPathComponent("backend.tf.json").path))
        #expect(
            !manager.fileExists(atPath: target.appendingPathComponent("slurm/old.conf").path), "hpcc's stale file goes")
        #expect(
            try String(contentsOf: target.appendingPathComponent("primary/main.tf.json"), encoding: .utf8)
                == "{\"a\": 1}\n")
        #expect(try DeploymentDrift.compare(second, with: target).isCurrent, "the operator's files are not drift")
        #expect(try manager.contentsOfDirectory(atPath: parent.path) == ["atlas"])
    }

    @Test func programsAreExecutable() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        try DeploymentWriter().write(
            [OutputFile(path: "run.sh", text: "#!/bin/sh\n", executable: true), OutputFile(path: "conf", text: "x\n")],
            to: parent.appendingPathComponent("d"))
        #expect(FileManager.default.isExecutableFile(atPath: parent.appendingPathComponent("d/run.sh").path))
        #expect(!FileManager.default.isExecutableFile(atPath: parent.appendingPathComponent("d/conf").path))
    }

    @Test func theLinuxExchangeIsAvailable() throws {
        #if os(Linux)
            let parent = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-swap-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: parent) }
            try FileManager.default.createDirectory(
                at: parent.appendingPathComponent("a"), withIntermediateDirectories: true)
            try FileManager.default.createDirectory(
                at: parent.appendingPathComponent("b"), withIntermediateDirectories: true)
            #expect(
                FileManager.default.createFile(atPath: parent.appendingPathComponent("a/from-a").path, contents: Data())
            )
            #expect(
                AtomicExchange.exchange(
                    parent.appendingPathComponent("a").path, parent.appendingPathComponent("b").path))
            #expect(FileManager.default.fileExists(atPath: parent.appendingPathComponent("b/from-a").path))
        #endif
    }
}
