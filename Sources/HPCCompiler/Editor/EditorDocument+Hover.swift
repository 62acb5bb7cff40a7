extension EditorDocument {
    /// Markdown about what is at `position`, and the span it is about.
    func hover(at position: EditorPosition, settings: EditorSettings) -> (EditorRange, String)? {
        let catalog = settings.compiler.catalog
        if let reference = reference(at: position) {
            let range = text.range(of: reference.location)
            switch reference.target {
            case let .variable(name): return variableHover(name).map { (range, $0) }
            case let .module(id):
                guard let schema = knownOutline?.module(id)?.source.flatMap(catalog.module) else { return nil }
                let headEnd = reference.location.column - 1 + id.unicodeScalars.count
                if let output = reference.output, text.scalarColumn(of: position) > headEnd,
                    let spec = schema.output(output)
                {
                    return (range, EditorDocs.output(spec, of: schema))
                }
                return (range, EditorDocs.module(schema))
            }
        }
        let context = CursorContext.at(position, in: text)
        let line = Array(text.line(position.line).unicodeScalars)
        guard !context.word.isEmpty else { return nil }
        let word = String(String.UnicodeScalarView(line[context.word]))
        let range = EditorRange(
            start: text.position(line: position.line, scalarColumn: context.word.lowerBound),
            end: text.position(line: position.line, scalarColumn: context.word.upperBound))
        if let code = DiagnosticCode(rawValue: word) { return (range, code.manual) }
        let markdown: String?
        switch context.place {
        case .key: markdown = keyHover(word, context: context, settings: settings)
        case let .value(key):
            markdown = valueHover(ModuleItem.unquoted(word), of: key, context: context, settings: settings)
        case .expression, .text: markdown = nil
        }
        return markdown.map { (range, $0) }
    }

    /// The reference written at `position`, in the current text.
    func reference(at position: EditorPosition) -> BlueprintOutline.Reference? {
        outline?.references.first { text.range(of: $0.location).contains(position) }
    }

    private func variableHover(_ name: String) -> String? {
        guard let variable = knownOutline?.variable(name) else { return nil }
        var text = "**`vars.\(name)`**"
        if let value = resolved?.variables[name] { text += " = `\(ValueText.hcl(value))`" }
        let uses = outline?.references.filter { $0.target == .variable(name) }.count ?? 0
        text +=
            "\n\nDeployment variable, declared on line \(variable.key.line); \(uses) reference\(uses == 1 ? "" : "s")."
        text += " A module setting named `\(name)` takes this value unless the module sets it."
        return text
    }

    private func keyHover(_ key: String, context: CursorContext, settings: EditorSettings) -> String? {
        if context.path == ["vars"] { return variableHover(key) }
        if let structure = EditorDocs.structureKey(key, path: context.path) { return structure }
        guard context.path.count >= 3, Array(context.path.prefix(3)) == ["deployment_groups", "modules", "settings"],
            let line = context.moduleLine, let source = ModuleItem(at: line, in: text).source,
            let schema = settings.compiler.catalog.module(source)
        else { return nil }
        if context.path.count == 3 { return schema.setting(key).map { EditorDocs.setting($0, of: source) } }
        guard let setting = schema.setting(context.path[3]) else { return nil }
        return Self.attributes(of: setting.type, below: context.path.dropFirst(4)).first { $0.name == key }.map {
            EditorDocs.attribute($0, of: context.path.last ?? setting.name)
        }
    }

    private func valueHover(
        _ value: String, of key: String, context: CursorContext, settings: EditorSettings
    )
        -> String?
    {
        let catalog = settings.compiler.catalog
        let inModule = context.path.starts(with: ["deployment_groups", "modules"])
        if inModule, context.path.count == 2 {
            switch key {
            case "source": return catalog.module(value).map(EditorDocs.module)
            case "id", "use": return knownOutline?.module(value)?.source.flatMap(catalog.module).map(EditorDocs.module)
            default: break
            }
        }
        let id = context.moduleLine.flatMap { ModuleItem(at: $0, in: text).id }
        if key.hasSuffix("machine_type"), let machine = settings.compiler.machines.machine(value) {
            return EditorDocs.machine(
                machine, region: placement(ofModule: id).region, catalog: settings.compiler.machines)
        }
        if key.hasSuffix("instance_type") || key.hasSuffix("instance_types") {
            return EditorDocs.instance(value, region: placement(ofModule: id).region)
        }
        return nil
    }
}
