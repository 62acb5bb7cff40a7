import Foundation
import Testing
import TestSupport

/// `hpcc diff OLD NEW` from the command line: blueprints or built folders on either side, the
/// three formats, the exit status that makes CI ask for a person when data is destroyed, and
/// `hpcc build` writing a renamed module's `moved` blocks into the folder it replaces.
@Suite("hpcc diff")
struct DiffCommandTests {
    private let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
        "hpcc-diff-\(UUID().uuidString)")

    /// aws-hpc-storage with `edit` applied, written to the scratch folder.
    private func variant(_ name: String, _ edit: (String) -> String) throws -> String {
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let text = try String(contentsOf: Repository.blueprints.appendingPathComponent("aws-hpc-storage.yaml"))
        let url = scratch.appendingPathComponent(name)
        try edit(text).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private let storage = "blueprints/aws-hpc-storage.yaml"

    @Test func aRenameIsMovesAndExitsZero() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        // The network's cloud names do not carry its id (its tags do): its resources only move and
        // update their tags. A renamed security group's name would force a new one.
        let renamed = try variant("renamed.yaml") {
            $0.replacingOccurrences(of: "- id: network\n", with: "- id: vpc\n")
                .replacingOccurrences(of: "use: [network]", with: "use: [vpc]")
        }
        let outcome = try HPCCBinary.run(["diff", storage, renamed])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("move    aws_route_table_association.vpc_private_0"), "\(outcome.stdout)")
        for action in ["destroy", "replace", "create"] {
            #expect(!outcome.stdout.contains("\n  \(action) "), "\(outcome.stdout)")
        }
    }

    @Test func destroyingAFilesystemExitsThreeInEveryFormat() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        // Without its home module: the EFS file system (and what belongs to it) is destroyed.
        let without = try variant("without-home.yaml") { text in
            let start = text.range(of: "  - id: home\n")!, end = text.range(of: "  - id: scratch\n")!
            var edited = text
            edited.removeSubrange(start.lowerBound..<end.lowerBound)
            return edited
        }
        let text = try HPCCBinary.run(["diff", storage, without])
        #expect(text.status == 3, "\(text.stderr)")
        #expect(text.stdout.contains("DESTROYS DATA: storage/aws_efs_file_system.home."), "\(text.stdout)")

        let json = try HPCCBinary.run(["diff", storage, without, "--format", "json"])
        #expect(json.status == 3)
        let report = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["destroys_data"] as? Bool == true)
        let lost = (report["terraform"] as? [[String: Any]] ?? []).filter { $0["loses_data"] as? Bool == true }
        #expect(lost.map { $0["address"] as? String } == ["aws_efs_file_system.home"])

        let markdown = try HPCCBinary.run(["diff", storage, without, "--format", "markdown"])
        #expect(markdown.status == 3)
        #expect(markdown.stdout.hasPrefix("### hpcc diff\n\n> [!CAUTION]\n> DESTROYS DATA"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| destroy | aws\\_efs\\_file\\_system.home |"))
    }

    @Test func aBuiltFolderIsTheOldSideAndBuildWritesTheMovesIntoIt() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("out").path
        let built = try HPCCBinary.run(["build", storage, "-o", output])
        #expect(built.status == 0, "\(built.stderr)")
        let folder = output + "/proj-neuro"
        let renamed = try variant("renamed.yaml") {
            $0.replacingOccurrences(of: "- id: home\n", with: "- id: homefs\n")
        }

        #expect(try HPCCBinary.run(["diff", folder, storage]).stdout == "No changes.\n")
        let diff = try HPCCBinary.run(["diff", folder, renamed, "--format", "json"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("\"moved_from\": \"aws_efs_file_system.home\""), "\(diff.stdout)")

        #expect(try HPCCBinary.run(["build", renamed, "-o", output]).status == 0)
        let root = try String(contentsOfFile: folder + "/storage/main.tf.json")
        #expect(root.contains("\"from\": \"aws_efs_file_system.home\""))
        #expect(try HPCCBinary.run(["build", renamed, "-o", output, "--check"]).status == 0)
    }

    @Test func aBlueprintWithErrorsExitsOneAndAMissingFolderTwo() throws {
        defer { try? FileManager.default.removeItem(at: scratch) }
        let broken = try variant("broken.yaml") {
            $0.replacingOccurrences(of: "vpc_cidr: 10.20.0.0/16", with: "vpc_cidr: 7")
        }
        let errors = try HPCCBinary.run(["diff", storage, broken])
        #expect(errors.status == 1)
        #expect(errors.stderr.contains("has errors; nothing compared"), "\(errors.stderr)")
        try FileManager.default.createDirectory(
            at: scratch.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let foreign = try HPCCBinary.run(["diff", scratch.appendingPathComponent("empty").path, storage])
        #expect(foreign.status == 2)
        #expect(foreign.stderr.contains("hpcc did not build it"), "\(foreign.stderr)")
    }
}
