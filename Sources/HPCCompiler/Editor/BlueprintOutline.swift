/// What a blueprint declares and where it refers to it, read from its syntax tree alone (so it is
/// there even when the blueprint has errors): variables, groups, modules, and every reference
/// in `$( )` and `use:`.
struct BlueprintOutline: Sendable {
    /// A deployment variable under `vars`.
    struct Variable: Sendable {
        var name: String
        var key: SourceLocation
        var value: YAMLNode
    }

    /// A module of a group.
    struct Module: Sendable {
        var id: String
        /// The `id:` value.
        var idLocation: SourceLocation
        var source: String?
        var sourceLocation: SourceLocation?
        var group: String
        /// The ids its `use:` lists.
        var uses: [String]
        /// Index of the group: a module may use modules of its own and earlier groups.
        var groupIndex: Int
        /// From the module's first key to the end of its last value.
        var extent: (start: SourceLocation, end: SourceLocation)
    }

    /// A deployment group.
    struct Group: Sendable {
        var name: String
        var nameLocation: SourceLocation?
        var extent: (start: SourceLocation, end: SourceLocation)
        var modules: [Module]
    }

    /// What a reference names.
    enum Target: Hashable, Sendable {
        case variable(String)
        case module(String)
    }

    /// One reference: `vars.x` or `id.output` inside `$( )`, or an element of `use:`.
    struct Reference: Sendable {
        var target: Target
        /// The output after the module id, for `id.output`.
        var output: String?
        /// The whole reference (`vars.x`, `id.output`, the `use` element).
        var location: SourceLocation
    }

    private(set) var variables: [Variable] = []
    /// The `vars` key and the end of its mapping, when the blueprint has one.
    private(set) var variablesExtent: (start: SourceLocation, end: SourceLocation)?
    private(set) var groups: [Group] = []
    private(set) var references: [Reference] = []

    /// Every module, in order.
    var modules: [Module] { groups.flatMap(\.modules) }

    /// The module with id `id`.
    func module(_ id: String) -> Module? { modules.first { $0.id == id } }

    /// The modules that use `id`, directly or through others (a `use:` of `id` may not name them).
    func users(of id: String) -> Set<String> {
        var found: Set<String> = []
        var frontier = [id]
        while let next = frontier.popLast() {
            for module in modules where module.uses.contains(next) && found.insert(module.id).inserted {
                frontier.append(module.id)
            }
        }
        return found
    }

    /// The variable named `name`.
    func variable(_ name: String) -> Variable? { variables.first { $0.name == name } }

    /// The declaration a target names: the variable's key, or the module's `id:` value.
    func declaration(of target: Target) -> SourceLocation? {
        switch target {
        case let .variable(name): variable(name)?.key
        case let .module(id): module(id)?.idLocation
        }
    }

    /// Reads the outline of `tree`, a blueprint written in `source`.
    init(_ tree: YAMLNode, source: SourceFile) {
        let placement = ScalarPlacement(source)
        if let vars = tree.entries?.first(where: { $0.key == "vars" }) {
            variablesExtent = (vars.keyLocation, Self.end(of: vars.value))
        }
        for entry in tree["vars"]?.entries ?? [] {
            variables.append(Variable(name: entry.key, key: entry.keyLocation, value: entry.value))
        }
        for (index, node) in (tree["deployment_groups"]?.elements ?? []).enumerated() {
            let name = node["group"]?.scalarText.flatMap { $0.isEmpty ? nil : $0 } ?? "group \(index + 1)"
            let modules = (node["modules"]?.elements ?? []).compactMap { module -> Module? in
                guard let id = module["id"], let text = id.scalarText, !text.isEmpty else { return nil }
                let uses = (module["use"]?.elements ?? []).compactMap { use -> String? in
                    guard let used = use.scalarText else { return nil }
                    references.append(Reference(target: .module(used), location: use.location))
                    return used
                }
                return Module(
                    id: text, idLocation: id.location, source: module["source"]?.scalarText,
                    sourceLocation: module["source"]?.location, group: name, uses: uses, groupIndex: index,
                    extent: Self.extent(of: module))
            }
            groups.append(
                Group(
                    name: name, nameLocation: node["group"]?.location, extent: Self.extent(of: node), modules: modules))
        }
        collectExpressions(in: tree, placement: placement)
        references.sort { $0.location < $1.location }
    }

    /// The references inside every scalar's `$( )`.
    private mutating func collectExpressions(in node: YAMLNode, placement: ScalarPlacement) {
        switch node {
        case let .scalar(text, style, _, location):
            guard text.contains("$(") else { return }
            var ignored = Diagnostics()
            let template = TemplateParser.parse(text, at: location, style: style, diagnostics: &ignored)
            for case let .expression(expression) in template.segments {
                for reference in expression.references {
                    switch reference {
                    case let .variable(name, location):
                        references.append(Reference(target: .variable(name), location: placement.place(location)))
                    case let .output(module, output, location):
                        references.append(
                            Reference(
                                target: .module(module.rawValue), output: output, location: placement.place(location)))
                    default: break
                    }
                }
            }
        case let .sequence(elements, _):
            for element in elements { collectExpressions(in: element, placement: placement) }
        case let .mapping(entries, _):
            for entry in entries { collectExpressions(in: entry.value, placement: placement) }
        }
    }

    /// From where `node` starts to the end of the last thing written in it.
    private static func extent(of node: YAMLNode) -> (start: SourceLocation, end: SourceLocation) {
        var start = node.location
        if let first = node.entries?.first?.keyLocation, first < start { start = first }
        return (start, end(of: node))
    }

    /// The position after the last scalar written in `node`.
    private static func end(of node: YAMLNode) -> SourceLocation {
        switch node {
        case let .scalar(_, _, _, location):
            return location.advanced(by: location.length, length: 1)
        case let .sequence(elements, location):
            return elements.last.map(end) ?? location.advanced(by: 1, length: 1)
        case let .mapping(entries, location):
            guard let last = entries.last else { return location.advanced(by: 1, length: 1) }
            let value = end(of: last.value)
            let key = last.keyLocation.advanced(by: last.keyLocation.length + 1, length: 1)
            return value < key ? key : value
        }
    }
}
