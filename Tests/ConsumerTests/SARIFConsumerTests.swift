import ConsumerChecks
import Foundation
import HPCCompiler
import Testing
import TestSupport

/// `--format sarif` as the SARIF 2.1.0 schema judges it: `Tests/Tools/schema-check.py` validates
/// logs with the jsonschema package against the official schema, committed as test data. The
/// logs cover every shipped blueprint (no results) and blueprints with every shape of finding:
/// notes with positions, help, fixes, warnings, and a diagnostic without a position.
@Suite("SARIF logs validate against the SARIF 2.1.0 schema")
struct SARIFConsumerTests {

    /// Blueprints whose findings cover the shapes a result can take.
    static let findings: [(name: String, text: String)] = [
        (
            "duplicate-and-syntax",
            "blueprint_name: x\nvars:\n  deployment_name: x\n  deployment_name: y\ndeployment_groups: [\n"
        ),
        (
            "unknown-module",
            "blueprint_name: x\nvars: {deployment_name: x, project_id: p, region: us-central1, zone: us-central1-a}\n"
                + "deployment_groups:\n- group: primary\n  modules:\n  - id: net\n    source: modules/network/vcp\n"
        ),
        (
            "warning",
            """
            blueprint_name: x\nvars: {deployment_name: x, project_id: p, region: us-central1, zone: us-central1-a, \
            unused: 1}\n
            """
                + """
                validation_level: WARNING\ndeployment_groups:\n- group: primary\n  modules:\n  - id: net\n    \
                source: modules/network/vpc\n
                """
        ),
        (
            "fixes",
            "blueprint_nme: x\nvars: {deployment_name: x, project_id: p, region: us-central1, zone: us-central1-a}\n"
                + "deployment_groups:\n- group: primary\n  modules:\n  - id: net\n    source: modules/network/vpc\n"
                + "    settings: {network_name: \"$(vars.zoen)\"}\n"
        ),
        ("a b#1.yaml", "blueprint_name: [x\n"),
    ]

    static func logs() throws -> [(name: String, log: String)] {
        var logs = try Repository.blueprintNames.map { name in
            (
                name,
                DiagnosticSARIFRenderer.render(try Repository.compile(name).diagnostics, toolVersion: Compiler.version)
            )
        }
        for (name, text) in findings {
            let result = Compiler().compile(SourceFile(name: name, text: text))
            logs.append((name, DiagnosticSARIFRenderer.render(result.diagnostics, toolVersion: Compiler.version)))
        }
        logs.append(
            (
                "no-position",
                DiagnosticSARIFRenderer.render(
                    [Diagnostic(.writeFailed, "cannot write out/x: disk full", at: nil)], toolVersion: Compiler.version)
            ))
        return logs
    }

    static let schema = Repository.root.appendingPathComponent("Tests/Fixtures/sarif/sarif-schema-2.1.0.json").path

    /// Runs the checker over `logs`; nil when it cannot run here (skipped, or failed under CI).
    static func check(_ logs: [(name: String, log: String)]) throws -> (status: Int32, report: [String: [String]])? {
        guard SchemaCheck.available else {
            let line = ConsumerTools.skipped(
                "sarif-schema", because: "no python with jsonschema and PyYAML (.venv, from .ci/requirements.txt)")
            #expect(!ConsumerTools.required, "\(line)")
            return nil
        }
        return try SchemaCheck.run(schema: schema, documents: logs.map { ($0.name, $0.log, "sarif") })
    }

    @Test func everyLogValidates() throws {
        let logs = try Self.logs()
        guard let (status, report) = try Self.check(logs) else { return }
        #expect(status == 0, "\(report.filter { !$0.value.isEmpty })")
        #expect(report.count == logs.count)
        #expect(logs.contains { $0.log.contains("\"relatedLocations\"") }, "a note with a position is among the logs")
        #expect(logs.contains { $0.log.contains("\"level\": \"warning\"") }, "a warning is among the logs")
        #expect(logs.contains { $0.log.contains("\"artifactChanges\"") }, "a fix is among the logs")
        for (name, _) in logs { ConsumerTools.record(name, "sarif-schema", "valid SARIF 2.1.0") }
    }

    /// The checker is not a rubber stamp: a log with a level SARIF does not have, one without its
    /// version, and one with a fix that replaces no region, are rejected.
    @Test func brokenLogsAreRejected() throws {
        let result = Compiler().compile(SourceFile(name: "dup.yaml", text: "a: 1\na: 2\n"))
        let log = DiagnosticSARIFRenderer.render(result.diagnostics, toolVersion: Compiler.version)
        var badLevel = try #require(JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any])
        var runs = try #require(badLevel["runs"] as? [[String: Any]])
        var results = try #require(runs[0]["results"] as? [[String: Any]])
        results[0]["level"] = "fatal"
        runs[0]["results"] = results
        badLevel["runs"] = runs
        var noVersion = try #require(JSONSerialization.jsonObject(with: Data(log.utf8)) as? [String: Any])
        noVersion["version"] = nil
        let fixes = Compiler().compile(SourceFile(name: "fix.yaml", text: "blueprint_nme: x\n")).diagnostics
        var noRegion = try #require(
            JSONSerialization.jsonObject(
                with: Data(DiagnosticSARIFRenderer.render(fixes, toolVersion: Compiler.version).utf8))
                as? [String: Any])
        runs = try #require(noRegion["runs"] as? [[String: Any]])
        results = try #require(runs[0]["results"] as? [[String: Any]])
        let index = try #require(results.firstIndex { $0["fixes"] != nil })
        var fix = try #require((results[index]["fixes"] as? [[String: Any]])?.first)
        var change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
        change["replacements"] = [["insertedContent": ["text": "blueprint_name"]]]
        fix["artifactChanges"] = [change]
        results[index]["fixes"] = [fix]
        runs[0]["results"] = results
        noRegion["runs"] = runs
        let text = { (object: [String: Any]) in
            String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
        }
        guard
            let (status, report) = try Self.check([
                ("bad-level", try text(badLevel)), ("no-version", try text(noVersion)),
                ("no-region", try text(noRegion)),
            ])
        else { return }
        #expect(status == 1)
        #expect(report["bad-level"]?.contains { $0.contains("'fatal' is not one of") } == true, "\(report)")
        #expect(report["no-version"]?.contains { $0.contains("'version' is a required property") } == true, "\(report)")
        #expect(
            report["no-region"]?.contains { $0.contains("'deletedRegion' is a required property") } == true, "\(report)"
        )
    }
}
