import ConsumerChecks
import Foundation
import HPCCompiler
import Testing
import TestSupport

/// `hpcc schema` as a JSON Schema validator reads it: the jsonschema package checks the schema
/// against draft 2020-12, every shipped blueprint and Cluster Toolkit example validates, and
/// blueprints with a bad enum, an unknown setting or a mistyped value do not. (That the committed
/// copy, schema/hpcc-blueprint.schema.json, is current is ViewCommandTests' check.)
@Suite("Blueprints validate against hpcc schema")
struct BlueprintSchemaConsumerTests {
    static func check(
        _ documents: [(name: String, text: String)]
    ) throws -> (status: Int32, report: [String: [String]])? {
        guard SchemaCheck.available else {
            let line = ConsumerTools.skipped(
                "blueprint-schema", because: "no python with jsonschema and PyYAML (.venv, from .ci/requirements.txt)")
            #expect(!ConsumerTools.required, "\(line)")
            return nil
        }
        let schema = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-blueprint-\(UUID().uuidString).schema.json")
        try Data(BlueprintSchema.render().utf8).write(to: schema)
        defer { try? FileManager.default.removeItem(at: schema) }
        return try SchemaCheck.run(schema: schema.path, documents: documents.map { ($0.name, $0.text, "yaml") })
    }

    @Test func everyShippedBlueprintAndExampleValidates() throws {
        var documents = try Repository.blueprintNames.map { name in
            (
                name,
                try String(
                    contentsOf: Repository.root.appendingPathComponent("blueprints/\(name).yaml"), encoding: .utf8)
            )
        }
        let examples = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/ctk-examples")
        for file in (try? FileManager.default.contentsOfDirectory(atPath: examples.path).sorted()) ?? []
        where file.hasSuffix(".yaml") {
            documents.append(
                ("ctk-examples/\(file)", try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8))
            )
        }
        guard let (status, report) = try Self.check(documents) else { return }
        #expect(status == 0, "\(report.filter { !$0.value.isEmpty })")
        #expect(report.count == documents.count)
        for (name, _) in documents { ConsumerTools.record(name, "blueprint-schema", "valid against hpcc schema") }
    }

    @Test func badBlueprintsFail() throws {
        let head =
            "blueprint_name: x\nvars: {deployment_name: x}\ndeployment_groups:\n- group: g\n  modules:\n"
            + "  - id: n\n    source: modules/network/vpc\n    settings: "
        let cases = [
            (
                "bad-enum", head + "{network_routing_mode: SOMETIMES}\n",
                "settings/network_routing_mode: 'SOMETIMES' is not valid"
            ),
            ("unknown-setting", head + "{netwrok_name: x}\n", "'netwrok_name' was unexpected"),
            ("mistyped", head + "{mtu: [1]}\n", "settings/mtu: [1] is not valid"),
            (
                "unknown-source",
                head.replacingOccurrences(of: "modules/network/vpc", with: "modules/network/vcp") + "{}\n",
                "source: 'modules/network/vcp' is not one of"
            ),
            ("expression", head + "{mtu: $(vars.mtu), network_routing_mode: $(vars.mode)}\n", ""),
        ]
        guard let (status, report) = try Self.check(cases.map { ($0.0, $0.1) }) else { return }
        #expect(status == 1)
        for (name, _, expected) in cases {
            let errors = report[name] ?? ["(not checked)"]
            if expected.isEmpty {
                #expect(errors.isEmpty, "\(name): \(errors)")
            } else {
                #expect(errors.contains { $0.contains(expected) }, "\(name): \(errors)")
            }
        }
    }
}
