import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// `hpcc graph` as Graphviz reads it: `dot -Tsvg` renders every shipped blueprint's graph, with
/// a node per module and an edge per `use` entry and reference.
@Suite(
    "Graphviz renders hpcc graph", .enabled(if: Shell.has("dot") || ConsumerTools.required, "Graphviz (dot) is needed"))
struct GraphConsumerTests {
    @Test(arguments: Repository.blueprintNames)
    func dotRendersTheGraph(_ name: String) throws {
        let result = try Repository.compile(name)
        let graph = ModuleGraph(try #require(result.resolved))
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-graph-\(UUID().uuidString).dot")
        try Data(graph.dot.utf8).write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }
        let outcome = try Shell.run("/usr/bin/env", ["dot", "-Tsvg", input.path])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty, "dot warned: \(outcome.stderr)")
        let svg = outcome.stdout.replacingOccurrences(of: "&#45;", with: "-")  // SVG writes "-" as an entity
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == graph.nodes.count)
        #expect(svg.components(separatedBy: "class=\"edge\"").count - 1 == graph.edges.count)
        for node in graph.nodes {
            #expect(svg.contains("<title>\(node.id)</title>"), "\(node.id) is not in the rendered graph")
        }
        ConsumerTools.record(name, "graphviz dot", "\(graph.nodes.count) modules, \(graph.edges.count) edges rendered")
    }
}
