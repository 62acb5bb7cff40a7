/// The modules of a blueprint and how they depend on each other, as Graphviz DOT for
/// `hpcc graph`: a box per module (id and source) inside a cluster per deployment group, a solid
/// edge per `use` entry, and a dashed edge per module a setting references (`$(network.network_id)`),
/// labelled with the outputs it reads.
@_spi(Tools) public struct ModuleGraph: Sendable {
    /// A module.
    @_spi(Tools) public struct Node: Hashable, Sendable {
        /// The module id.
        @_spi(Tools) public var id: String
        /// Its source (`modules/network/vpc`).
        @_spi(Tools) public var source: String
        /// Its deployment group.
        @_spi(Tools) public var group: String
    }

    /// One module depending on another.
    @_spi(Tools) public struct Edge: Hashable, Sendable {
        /// A `use` entry, or a setting that references the other module's outputs.
        @_spi(Tools) public enum Kind: String, Sendable { case use, reference }
        /// The depending module's id.
        @_spi(Tools) public var from: String
        /// The module it depends on.
        @_spi(Tools) public var to: String
        /// How it depends on it.
        @_spi(Tools) public var kind: Kind
        /// For a reference: the outputs read, sorted.
        @_spi(Tools) public var outputs: [String]
    }

    /// Modules in declaration order.
    @_spi(Tools) public var nodes: [Node]
    /// Edges in declaration order of their modules, `use` entries first.
    @_spi(Tools) public var edges: [Edge]
    /// The graph's name.
    @_spi(Tools) public var blueprintName: String

    /// The graph of a resolved blueprint.
    @_spi(Tools) public init(_ resolved: ResolvedBlueprint) {
        blueprintName = resolved.blueprint.name?.value ?? ""
        nodes = resolved.modules.map {
            Node(id: $0.id.rawValue, source: $0.schema.source, group: $0.declaration.group.rawValue)
        }
        let known = Set(nodes.map(\.id))
        edges = resolved.modules.flatMap { module -> [Edge] in
            let uses = module.declaration.uses.map(\.value.rawValue).filter(known.contains)
            var read: [String: Set<String>] = [:]
            for setting in module.settings.values where setting.origin == .explicit {
                for reference in setting.value.outputReferences where known.contains(reference.module.rawValue) {
                    read[reference.module.rawValue, default: []].insert(reference.output)
                }
            }
            return uses.map { Edge(from: module.id.rawValue, to: $0, kind: .use, outputs: []) }
                + read.keys.sorted().map {
                    Edge(from: module.id.rawValue, to: $0, kind: .reference, outputs: read[$0]!.sorted())
                }
        }
    }

    /// The graph as DOT text.
    @_spi(Tools) public var dot: String {
        var out = "digraph \(Self.quoted(blueprintName)) {\n"
        out +=
            """
              rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n
            """
        var groups: [String] = []
        for node in nodes where !groups.contains(node.group) { groups.append(node.group) }
        for (index, group) in groups.enumerated() {
            out += "  subgraph cluster_\(index) {\n    label=\(Self.quoted("group " + group));\n    style=rounded;\n"
            for node in nodes where node.group == group {
                out += "    \(Self.quoted(node.id)) [label=\(Self.quoted(node.id + "\n" + node.source))];\n"
            }
            out += "  }\n"
        }
        for edge in edges {
            switch edge.kind {
            case .use:
                out += "  \(Self.quoted(edge.from)) -> \(Self.quoted(edge.to)) [label=\"use\"];\n"
            case .reference:
                out +=
                    """
                      \(Self.quoted(edge.from)) -> \(Self.quoted(edge.to)) [style=dashed, \
                    label=\(Self.quoted(edge.outputs.joined(separator: ", ")))];\n
                    """
            }
        }
        return out + "}\n"
    }

    /// A DOT quoted string: `"` and `\` escaped, line breaks as DOT's centred `\n`.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
