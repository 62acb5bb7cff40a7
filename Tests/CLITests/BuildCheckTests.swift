import Foundation
import Testing
import TestSupport

/// `hpcc build --check`: a committed deployment folder is compared with what the blueprint
/// compiles to, and nothing is written.
@Suite("build --check")
struct BuildCheckTests {
    /// golden/gcp-slurm copied to a scratch OUTPUT/atlas, as a repository would commit it.
    private func committedCopy() throws -> (output: URL, folder: URL) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let folder = output.appendingPathComponent("atlas")
        try FileManager.default.copyItem(at: Repository.golden.appendingPathComponent("gcp-slurm"), to: folder)
        return (output, folder)
    }

    /// How many files gcp-slurm compiles to: its golden tree's.
    private var goldenCount: Int {
        Repository.files(under: Repository.root.appendingPathComponent("golden/gcp-slurm")).count
    }

    private func check(_ output: URL, format: String = "text") throws -> Shell.Outcome {
        try HPCCBinary.run(["build", "blueprints/gcp-slurm.yaml", "-o", output.path, "--check", "--format", format])
    }

    @Test func aCurrentFolderPassesAndIsLeftAlone() throws {
        let (output, folder) = try committedCopy()
        defer { try? FileManager.default.removeItem(at: output) }
        let before = Repository.files(under: folder)
        let outcome = try check(output)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("atlas is current (\(goldenCount) files)"), "\(outcome.stderr)")
        #expect(Repository.files(under: folder) == before)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.path) == ["atlas"], "no staging folder is left")
    }

    @Test func aOneByteChangeIsFoundAtItsLine() throws {
        let (output, folder) = try committedCopy()
        defer { try? FileManager.default.removeItem(at: output) }
        let conf = folder.appendingPathComponent("slurm/slurm.conf")
        var bytes = [UInt8](try Data(contentsOf: conf))
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let offset = lines.prefix(9).reduce(0) { $0 + $1.count + 1 } + 2  // the 3rd byte of line 10
        bytes[offset] = bytes[offset] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try Data(bytes).write(to: conf)
        let text = try check(output)
        #expect(text.status == 1)
        #expect(
            text.stderr.contains("atlas/slurm/slurm.conf:10:1: error[HPC5007]: slurm/slurm.conf is stale"),
            "\(text.stderr)")
        #expect(text.stderr.contains("atlas is stale: 1 of its files differ"))
        let json = try check(output, format: "json")
        let report = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { "\($0["code"]!) \($0["line"]!)" } == ["HPC5007 10"])
        #expect(json.status == 1)
    }

    @Test func missingExtraAndModeChangesAreListed() throws {
        let (output, folder) = try committedCopy()
        defer { try? FileManager.default.removeItem(at: output) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("slurm/cgroup.conf"))
        // A file an older build wrote (its manifest lists it) that the blueprint no longer emits.
        try Data("left over\n".utf8).write(to: folder.appendingPathComponent("slurm/old.conf"))
        let manifest = folder.appendingPathComponent("hpcc-manifest.json")
        let listed = try String(contentsOf: manifest, encoding: .utf8).replacingOccurrences(
            of: "\"files\": [", with: "\"files\": [{\"path\": \"slurm/old.conf\"}, ")
        try Data(listed.utf8).write(to: manifest)
        // Terraform's state is the operator's file, not a difference.
        try Data("{}\n".utf8).write(to: folder.appendingPathComponent("primary/terraform.tfstate"))
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("slurm/resume.sh").path)
        let outcome = try check(output, format: "github")
        #expect(outcome.status == 1)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(outcome.stdout)")
        #expect(lines.contains { $0.contains("hpcc-manifest.json is stale") })
        #expect(!outcome.stdout.contains("terraform.tfstate"))
        #expect(lines.contains { $0.hasPrefix("::error title=HPC5007") && $0.contains("slurm/cgroup.conf is missing") })
        #expect(
            lines.contains {
                $0.contains("file=\(folder.path)/slurm/old.conf,line=1")
                    && $0.contains("is not part of the deployment any more")
            })
        #expect(lines.contains { $0.contains("slurm/resume.sh has the wrong mode") })
    }

    @Test func aFolderNeverBuiltIsStale() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try check(output)
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("atlas is stale: \(goldenCount) of its files differ"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output.path), "--check writes nothing")
    }
}
