import Foundation
import TestSupport

/// Documents judged against a JSON Schema by the jsonschema package (`Tests/Tools/schema-check.py`):
/// the SARIF logs hpcc writes, and blueprints against `hpcc schema`.
public enum SchemaCheck {
    public static let checker = Repository.root.appendingPathComponent("Tests/Tools/schema-check.py").path
    /// The python of `.venv` (from .ci/requirements.txt), or HPCC_SCHEMA_PYTHON.
    public static let python = ConsumerTools.python("HPCC_SCHEMA_PYTHON", venv: ".venv")

    /// Whether the checker can run here.
    public static var available: Bool { ConsumerTools.imports("jsonschema, yaml", with: python) }

    /// Validates `documents` (a name, the text, and the file extension that says JSON or YAML)
    /// against the schema at `schema`; the report maps each name to its violations.
    public static func run(
        schema: String, documents: [(name: String, text: String, ext: String)]
    ) throws -> (status: Int32, report: [String: [String]]) {
        guard let python else { throw ConsumerFailure(description: "no python for schema-check.py") }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var names: [String: String] = [:]
        for (index, document) in documents.enumerated() {
            let path = folder.appendingPathComponent("\(index).\(document.ext)").path
            try Data(document.text.utf8).write(to: URL(fileURLWithPath: path))
            names[path] = document.name
        }
        let outcome = try Shell.run(python, [checker, schema] + names.keys.sorted())
        guard let report = try? JSONDecoder().decode([String: [String]].self, from: Data(outcome.stdout.utf8)) else {
            throw ConsumerFailure(
                description: "schema-check.py exited \(outcome.status): \(outcome.stdout) \(outcome.stderr)")
        }
        return (outcome.status, Dictionary(uniqueKeysWithValues: report.map { (names[$0.key] ?? $0.key, $0.value) }))
    }
}

/// A consumer check that could not run as it should.
public struct ConsumerFailure: Error, CustomStringConvertible {
    public let description: String
}
