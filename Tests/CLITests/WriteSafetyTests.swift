import Foundation
import Testing
import TestSupport

/// `hpcc build` never leaves half a deployment: a process killed while writing leaves the previous
/// folder exactly as it was, and hpcc does not replace a folder it did not write.
@Suite("Safe writes")
struct WriteSafetyTests {
    private func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every file of a folder with its bytes, by relative path.
    private func snapshot(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        for path in Repository.files(under: folder) {
            files[path] = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path)
        }
        return files
    }

    private func build(_ output: URL, runDir: String, extra: [String] = []) -> [String] {
        ["build", "blueprints/onprem-localhost.yaml", "--output", output.path, "--vars", "run_dir=\(runDir)"] + extra
    }

    @Test func aBuildKilledMidWriteLeavesThePreviousFolderIntact() throws {
        let output = try scratch()
        defer { try? FileManager.default.removeItem(at: output) }
        let target = output.appendingPathComponent("localhost")
        #expect(try HPCCBinary.run(build(output, runDir: "/tmp/first")).status == 0)
        let before = snapshot(target)
        #expect(
            before.count
                == Repository.files(under: Repository.root.appendingPathComponent("golden/onprem-localhost")).count)

        // The second build pauses after three files of its staging folder and is killed there.
        let process = Process()
        process.executableURL = HPCCBinary.url
        process.arguments = build(output, runDir: "/tmp/second")
        process.currentDirectoryURL = Repository.root
        process.environment = ProcessInfo.processInfo.environment.merging(["HPCC_WRITE_PAUSE": "3:60"]) { _, new in new
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let staging = output.appendingPathComponent(".localhost.hpcc-new-\(process.processIdentifier)")
        var waited = 0.0
        while Repository.files(under: staging).count < 3 && waited < 30 {
            Thread.sleep(forTimeInterval: 0.05)
            waited += 0.05
        }
        #expect(Repository.files(under: staging).count == 3, "the build never reached its pause")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(snapshot(target) == before, "the previous deployment changed")
        #expect(
            FileManager.default.fileExists(atPath: staging.path),
            "the killed build's staging folder is where it was left")

        // The next build cleans up after the killed one and replaces the folder whole.
        #expect(try HPCCBinary.run(build(output, runDir: "/tmp/third")).status == 0)
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        let after = snapshot(target)
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after != before)
        #expect(String(decoding: after["slurm/localhost/slurm.conf"] ?? Data(), as: UTF8.self).contains("/tmp/third"))
    }

    @Test func aFolderHpccDidNotWriteIsReplacedOnlyWithForce() throws {
        let output = try scratch()
        defer { try? FileManager.default.removeItem(at: output) }
        let target = output.appendingPathComponent("localhost")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try Data("keep me\n".utf8).write(to: target.appendingPathComponent("notes.txt"))
        let refused = try HPCCBinary.run(build(output, runDir: "/tmp/x"))
        #expect(refused.status == 2)
        #expect(refused.stdout.contains("HPC5006") || refused.stderr.contains("HPC5006"), "\(refused.stderr)")
        #expect(
            refused.stderr.contains("has no hpcc-manifest.json, so hpcc did not write it; use --force"),
            "\(refused.stderr)")
        #expect(snapshot(target) == ["notes.txt": Data("keep me\n".utf8)])
        let forced = try HPCCBinary.run(build(output, runDir: "/tmp/x", extra: ["--force"]))
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(FileManager.default.fileExists(atPath: target.appendingPathComponent("hpcc-manifest.json").path))
        #expect(!FileManager.default.fileExists(atPath: target.appendingPathComponent("notes.txt").path))
    }

    @Test func aFileInTheWayIsNeverReplaced() throws {
        let output = try scratch()
        defer { try? FileManager.default.removeItem(at: output) }
        let target = output.appendingPathComponent("localhost")
        try Data("a file\n".utf8).write(to: target)
        let refused = try HPCCBinary.run(build(output, runDir: "/tmp/x", extra: ["--force"]))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is a file, not a deployment folder"), "\(refused.stderr)")
        #expect(FileManager.default.contents(atPath: target.path) == Data("a file\n".utf8))
    }
}
