import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// Every shipped blueprint compiles to exactly its committed deployment folder under golden/.
/// `HPCC_RECORD_GOLDEN=1 swift test` rewrites the folders (and fails, so a recording is never a pass).
@Suite("Golden deployments")
struct GoldenTests {
    static let recording = ProcessInfo.processInfo.environment["HPCC_RECORD_GOLDEN"] == "1"

    @Test(arguments: Repository.blueprintNames)
    func matchesGolden(_ name: String) throws {
        let result = try Repository.compile(name)
        #expect(
            result.succeeded,
            """
            \(name) has errors: \
            \(result.diagnostics.map { "\($0.location?.description ?? "") \($0.code.rawValue) \($0.message)" })
            """
        )
        let folder = Repository.golden.appendingPathComponent(name)
        if Self.recording {
            try DeploymentWriter().write(result.files, to: folder)
            Issue.record(
                """
                recorded golden/\(name); run the tests again without HPCC_RECORD_GOLDEN and read the diff before \
                committing
                """
            )
            return
        }
        let committed = Repository.files(under: folder)
        #expect(committed == result.files.map(\.path), "file list of golden/\(name) differs")
        for file in result.files {
            let url = folder.appendingPathComponent(file.path)
            guard let data = FileManager.default.contents(atPath: url.path) else { continue }
            if Array(data) != file.contents {
                let diff = LineDiff.describe(expected: String(decoding: data, as: UTF8.self), actual: file.text)
                Issue.record(Comment(rawValue: "golden/\(name)/\(file.path) differs:\n\(diff)"))
            }
        }
    }

    @Test(arguments: Repository.blueprintNames)
    func compilesDeterministically(_ name: String) throws {
        let first = try Repository.compile(name)
        let second = try Repository.compile(name)
        #expect(first.files == second.files)
    }

    @Test(arguments: Repository.blueprintNames)
    func manifestListsEveryFileWithItsHash(_ name: String) throws {
        let result = try Repository.compile(name)
        let manifestFile = try #require(result.files.first { $0.path == "hpcc-manifest.json" })
        let manifest = try #require(
            try JSONSerialization.jsonObject(with: Data(manifestFile.contents)) as? [String: Any])
        let entries = try #require(manifest["files"] as? [[String: Any]])
        let listed = Dictionary(uniqueKeysWithValues: entries.map { ($0["path"] as! String, $0["sha256"] as! String) })
        let others = result.files.filter { $0.path != "hpcc-manifest.json" }
        #expect(Set(listed.keys) == Set(others.map(\.path)))
        for file in others {
            #expect(listed[file.path] == Digest.sha256(file.contents), "hash of \(file.path)")
        }
    }

    /// The expanded blueprint is itself a blueprint, and compiles to the same infrastructure.
    @Test(arguments: Repository.blueprintNames)
    func expandedBlueprintCompilesToTheSameDeployment(_ name: String) throws {
        let result = try Repository.compile(name)
        let expanded = try #require(result.files.first { $0.path == "expanded-blueprint.yaml" })
        let again = Compiler().compile(SourceFile(name: "expanded-blueprint.yaml", text: expanded.text))
        #expect(again.succeeded, "\(again.diagnostics.map { "\($0.location?.description ?? "") \($0.message)" })")
        let compared = { (files: [OutputFile]) in
            files.filter { !["hpcc-manifest.json", "expanded-blueprint.yaml"].contains($0.path) }
        }
        #expect(compared(again.files) == compared(result.files))
    }
}
