import Testing
@_spi(Tools) @testable import HPCCompiler

/// `hpcc graph`'s DOT: modules by group, `use` edges and reference edges. Graphviz renders the
/// shipped blueprints' graphs in ConsumerTests (GraphConsumerTests).
@Suite("Module graph")
struct ModuleGraphTests {
    @Test func usesAndReferencesBecomeEdgesInTheirGroups() throws {
        let text = """
            blueprint_name: two-groups
            vars: {project_id: demo-project, deployment_name: g, region: us-central1, zone: us-central1-a}
            deployment_groups:
            - group: net
              modules:
              - id: network
                source: modules/network/vpc
            - group: storage
              modules:
              - id: homefs
                source: modules/file-system/filestore
                settings: {network_id: $(network.network_id), local_mount: /home}
              - id: scratch
                source: modules/file-system/filestore
                use: [network]
                settings: {local_mount: /scratch}

            """
        let result = Compiler().compile(SourceFile(name: "g.yaml", text: text))
        let succeeded = result.succeeded
        #expect(succeeded, "\(result.diagnostics.map(\.message))")
        let graph = ModuleGraph(try #require(result.resolved))
        #expect(graph.nodes.map { "\($0.group)/\($0.id)" } == ["net/network", "storage/homefs", "storage/scratch"])
        #expect(
            graph.edges == [
                .init(from: "homefs", to: "network", kind: .reference, outputs: ["network_id"]),
                .init(from: "scratch", to: "network", kind: .use, outputs: []),
            ])
        let dot = graph.dot
        #expect(dot.hasPrefix("digraph \"two-groups\" {\n"))
        #expect(dot.contains("  subgraph cluster_1 {\n    label=\"group storage\";"))
        #expect(dot.contains("    \"homefs\" [label=\"homefs\\nmodules/file-system/filestore\"];"))
        #expect(dot.contains("  \"homefs\" -> \"network\" [style=dashed, label=\"network_id\"];"))
        #expect(dot.contains("  \"scratch\" -> \"network\" [label=\"use\"];"))
    }

    @Test func quotingKeepsTheLabelsIntact() {
        #expect(ModuleGraph.quoted("a \"b\" \\ c\nd") == "\"a \\\"b\\\" \\\\ c\\nd\"")
    }
}
