import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// Blueprints with many independent mistakes, spread over the stages after syntax (schema,
/// references, a module's own rules, rules over several modules, target rules): every mistake
/// arrives in the first run, at the position its fixture's `# expect: LINE:COLUMN CODE` line gives.
@Suite struct ManyMistakesTests {
    static let folder = Repository.root.appendingPathComponent("Tests/Fixtures/many-mistakes")
    static let fixtures =
        (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.filter { $0.hasSuffix(".yaml") }.sorted()
        ?? []

    /// The `# expect:` lines of a fixture, as `LINE:COLUMN CODE`.
    static func expected(in text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("# expect: ") else { return nil }
            return line.dropFirst("# expect: ".count).split(separator: " ").prefix(2).joined(separator: " ")
        }
    }

    @Test func thereAreFixtures() {
        #expect(Self.fixtures.count >= 3)
    }

    @Test(arguments: fixtures)
    func everyMistakeArrivesInTheFirstRun(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let expected = Self.expected(in: text)
        #expect(expected.count >= 8, "a fixture holds many mistakes")
        let result = Compiler().compile(SourceFile(name: name, text: text))
        #expect(
            positions(result.diagnostics) == expected,
            "\(result.diagnostics.map { "\($0.location?.description ?? "-") \($0.code.rawValue) \($0.message)" })")
        #expect(Set(expected.map { $0.split(separator: " ")[1] }).count >= 5, "the mistakes are of several kinds")
        #expect(result.files.isEmpty)
    }
}
