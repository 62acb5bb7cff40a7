/// Finds cycles among deployment variables. Each cycle is reported once, at the reference that
/// closes it; its members are poisoned so later stages do not report it again.
enum VariableGraph {
    static func cycles(in variables: [VariableDeclaration], diagnostics: inout Diagnostics) -> Set<String> {
        var edges: [String: [(String, SourceLocation)]] = [:]
        for variable in variables {
            var scratch = Diagnostics()
            edges[variable.name] = references(in: variable.value, diagnostics: &scratch)
        }
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var path: [String] = []
        var poisoned = Set<String>()
        var reported = Set<[String]>()

        var reportedDepth = false
        func visit(_ name: String) {
            marks[name] = .visiting
            path.append(name)
            for (target, location) in edges[name] ?? [] where edges[target] != nil {
                // A chain longer than any blueprint needs is refused before its readers recurse
                // down it (each level of the chain is a level of recursion when it is typed).
                if path.count >= ExpressionParser.depthLimit, marks[target] == nil {
                    poisoned.formUnion(path)
                    if !reportedDepth {
                        reportedDepth = true
                        diagnostics.report(
                            .nestingTooDeep,
                            """
                            variables read variables more than \(ExpressionParser.depthLimit) deep: \
                            \(path[0]) → ... → \(target)
                            """,
                            at: location, help: "give one of them a literal value")
                    }
                    continue
                }
                switch marks[target] {
                case .visiting:
                    let cycle = Array(path[path.lastIndex(of: target)!...])
                    poisoned.formUnion(cycle)
                    if reported.insert(cycle.sorted()).inserted {
                        let chain = (cycle + [target]).joined(separator: " → ")
                        diagnostics.report(
                            .variableCycle, "variables reference each other in a cycle: \(chain)", at: location,
                            help: "give one of them a literal value")
                    }
                case .done:
                    if poisoned.contains(target) { poisoned.insert(name) }
                case nil:
                    visit(target)
                    if poisoned.contains(target), !poisoned.contains(name) { poisoned.insert(name) }
                }
            }
            path.removeLast()
            marks[name] = .done
        }
        for variable in variables where marks[variable.name] == nil {
            visit(variable.name)
        }
        return poisoned
    }

    /// `vars.X` references anywhere inside `node`, in source order.
    static func references(in node: YAMLNode, diagnostics: inout Diagnostics) -> [(String, SourceLocation)] {
        switch node {
        case let .scalar(text, style, _, location):
            guard text.containsBytes(of: "$(") else { return [] }
            return TemplateParser.parse(text, at: location, style: style, diagnostics: &diagnostics).expressions
                .flatMap(\.variables)
        case let .sequence(elements, _):
            return elements.flatMap { references(in: $0, diagnostics: &diagnostics) }
        case let .mapping(entries, _):
            return entries.flatMap { references(in: $0.value, diagnostics: &diagnostics) }
        }
    }
}
