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

    /// The plan's costs and quotas, as text and as JSON for tools.
    @Test func planPricesTheDeployment() throws {
        let plan = try HPCCBinary.run(["plan", "blueprints/gcp-slurm.yaml"])
        #expect(plan.stdout.contains("Cost in USD by list prices (GCP 2026-07-30)"))
        #expect(plan.stdout.contains("Deployment total: idle floor "))
        #expect(plan.stdout.contains("GCP    us-central1  c2 vCPUs"))
        let json = try HPCCBinary.run(["plan", "blueprints/gcp-slurm.yaml", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(document["deployment"] as? String == "atlas")
        #expect((document["priceDates"] as? [String: String]) == ["gcp": "2026-07-30"])
        let quota = try #require(document["quota"] as? [[String: Any]])
        #expect(quota.contains { $0["resource"] as? String == "c2 vCPUs" && $0["atMax"] as? Int == 1920 })
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
