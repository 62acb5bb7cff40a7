import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

@Suite("Write: atomic deployment folders")
struct OutputTests {
    @Test func rewritingReplacesTheWholeFolderAndLeavesNothingBehind() throws {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-write-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: parent) }
        let target = parent.appendingPathComponent("atlas")
        let manifest = OutputFile(path: "hpcc-manifest.json", text: "{}\n")
        try DeploymentWriter().write(
            [
                OutputFile(path: "a/old.txt", text: "old\n"),
                OutputFile(path: "run.sh", text: "#!/bin/sh\n", executable: true), manifest,
            ], to: target)
        try DeploymentWriter().write([OutputFile(path: "a/new.txt", text: "new\n"), manifest], to: target)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["atlas"],
            "no staging or retired folders remain")
        #expect(
            try FileManager.default.subpathsOfDirectory(atPath: target.path).sorted() == [
                "a", "a/new.txt", "hpcc-manifest.json",
            ])
        // Without a manifest the folder is not hpcc's: replaced only when forced.
        try DeploymentWriter().write([OutputFile(path: "b.txt", text: "b\n")], to: target)
        #expect(throws: DeploymentWriter.Refusal.self) { try DeploymentWriter().write([manifest], to: target) }
        try DeploymentWriter(force: true).write([manifest], to: target)
        #expect(try FileManager.default.subpathsOfDirectory(atPath: target.path) == ["hpcc-manifest.json"])
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
