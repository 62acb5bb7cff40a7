import Foundation
import Testing
import TestSupport

/// `hpcc plan`, `hpcc graph` and `hpcc schema`: their view on stdout, findings on stderr, exit 1
/// and nothing on stdout when the blueprint has errors.
@Suite("plan, graph and schema")
struct ViewCommandTests {
    @Test func planAndGraphPrintTheirViews() throws {
        let plan = try HPCCBinary.run(["plan", "blueprints/gcp-slurm.yaml"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("Deployment atlas (blueprint gcp-slurm)\n"))
        #expect(plan.stdout.contains("compute    computenodeset  c2-standard-60"))
        let graph = try HPCCBinary.run(["graph", "blueprints/gcp-slurm.yaml"])
        #expect(graph.status == 0)
        #expect(graph.stdout.hasPrefix("digraph \"gcp-slurm\" {\n") && graph.stdout.hasSuffix("}\n"))
    }

    @Test(arguments: ["plan", "graph"])
    func aBrokenBlueprintPrintsOnlyFindings(_ command: String) throws {
        let blueprint = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-view-\(UUID().uuidString).yaml")
        try Data("blueprint_name: x\n".utf8).write(to: blueprint)
        defer { try? FileManager.default.removeItem(at: blueprint) }
        let outcome = try HPCCBinary.run([command, blueprint.path, "--format", "json"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("error[HPC2002]"), "findings are text on stderr: \(outcome.stderr)")
    }

    @Test func schemaIsTheCommittedCopy() throws {
        let outcome = try HPCCBinary.run(["schema"])
        #expect(outcome.status == 0)
        let committed = try String(
            contentsOf: Repository.root.appendingPathComponent("schema/hpcc-blueprint.schema.json"), encoding: .utf8)
        #expect(outcome.stdout == committed)
    }
}
