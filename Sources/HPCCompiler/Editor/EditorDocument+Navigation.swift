extension EditorDocument {
    /// Where the variable or module referred to at `position` is declared.
    func definition(at position: EditorPosition) -> EditorRange? {
        guard let outline, let target = reference(at: position)?.target,
            let declaration = outline.declaration(of: target)
        else { return nil }
        return text.range(of: declaration)
    }

    /// Every reference to the variable or module at `position` (a reference, a variable's key or
    /// a module's `id:`), with the declaration when asked for.
    func references(at position: EditorPosition, includingDeclaration: Bool) -> [EditorRange] {
        guard let outline, let target = target(at: position) else { return [] }
        let uses = outline.references.filter { $0.target == target }.map { text.range(of: $0.location) }
        guard includingDeclaration, let declaration = outline.declaration(of: target) else { return uses }
        return [text.range(of: declaration)] + uses
    }

    /// What `position` names: a reference's target, or the variable or module declared there.
    private func target(at position: EditorPosition) -> BlueprintOutline.Target? {
        if let reference = reference(at: position) { return reference.target }
        guard let outline else { return nil }
        if let variable = outline.variables.first(where: { text.range(of: $0.key).contains(position) }) {
            return .variable(variable.name)
        }
        return outline.modules.first { text.range(of: $0.idLocation).contains(position) }.map { .module($0.id) }
    }

    /// The groups with their modules, and the variables, for the editor's outline view.
    func symbols() -> [EditorSymbol] {
        guard let outline else { return [] }
        var symbols: [EditorSymbol] = []
        if let extent = outline.variablesExtent, !outline.variables.isEmpty {
            symbols.append(
                EditorSymbol(
                    name: "vars", kind: .namespace, range: span(extent.start, extent.end),
                    selection: text.range(of: extent.start),
                    children: outline.variables.map {
                        EditorSymbol(
                            name: $0.name, kind: .variable, range: text.range(of: $0.key),
                            selection: text.range(of: $0.key))
                    }))
        }
        for group in outline.groups {
            symbols.append(
                EditorSymbol(
                    name: group.name, detail: "deployment group", kind: .namespace,
                    range: span(group.extent.start, group.extent.end),
                    selection: text.range(of: group.nameLocation ?? group.extent.start),
                    children: group.modules.map {
                        EditorSymbol(
                            name: $0.id, detail: $0.source, kind: .module, range: span($0.extent.start, $0.extent.end),
                            selection: text.range(of: $0.idLocation))
                    }))
        }
        return symbols
    }

    private func span(_ start: SourceLocation, _ end: SourceLocation) -> EditorRange {
        let last = text.range(of: end)
        return EditorRange(start: text.range(of: start).start, end: max(last.start, text.range(of: start).end))
    }
}

/// An entry of the editor's outline.
struct EditorSymbol: Sendable, Equatable {
    /// The protocol's symbol kinds hpcc uses.
    enum Kind: Int, Sendable {
        case module = 2
        case namespace = 3
        case variable = 13
    }

    var name: String
    var detail: String?
    var kind: Kind
    /// All of it.
    var range: EditorRange
    /// Its name.
    var selection: EditorRange
    var children: [EditorSymbol] = []
}
