extension BlueprintDecoder {
    func decodeModule(
        _ node: YAMLNode, group: GroupName, groupIndex: Int, diagnostics: inout Diagnostics
    ) -> ModuleDeclaration? {
        let provisional = node["id"]?.scalarText.map { "module '\($0)'" } ?? "a module of group '\(group)'"
        guard
            let reader = MappingReader(
                node, context: provisional, allowedKeys: Self.moduleKeys,
                silentlyAccepted: Self.obsoleteModuleKeys, diagnostics: &diagnostics)
        else { return nil }
        let id = reader.literalString("id", required: true, diagnostics: &diagnostics)
        // A module whose source is malformed is kept with an empty source, so that references
        // to its id do not cascade into "unknown module" errors.
        let source =
            reader.literalString("source", required: true, diagnostics: &diagnostics)
            ?? Located("", at: reader.value("source")?.location ?? reader.location)
        if let id {
            if id.value == "vars" {
                diagnostics.report(.invalidName, "'vars' is reserved and cannot be a module id", at: id.location)
            } else if !NameRules.isIdentifier(id.value) {
                diagnostics.report(
                    .invalidName, "module id '\(id.value)' is not valid", at: id.location,
                    help: "start with a letter or '_', then letters, digits, '_' or '-'")
            }
        }
        let kind = reader.literalString("kind", required: false, diagnostics: &diagnostics)
        if let kind {
            switch kind.value {
            // Whether the kind fits the module is judged once its source is known (`PackerGroups`).
            case "terraform", "packer": break
            default:
                let correction = Suggestion.correction(for: kind.value, at: kind.location, in: ["terraform", "packer"])
                diagnostics.report(
                    .constraintViolation, "module kind must be 'terraform' or 'packer', not '\(kind.value)'",
                    at: kind.location, help: correction.help, fixes: correction.fixes)
            }
        }
        var uses: [Located<ModuleID>] = []
        for element in reader.list("use", diagnostics: &diagnostics) ?? [] {
            if let used = MappingReader.literalString(element, what: "a 'use' entry", diagnostics: &diagnostics) {
                uses.append(Located(ModuleID(used.value), at: used.location))
            }
        }
        var settings: [YAMLEntry] = []
        if let node = reader.value("settings") {
            if let entries = node.entries {
                settings = entries
            } else if !node.isNull {
                diagnostics.report(
                    .wrongShape, "'settings' must be a mapping, not \(node.kindDescription)", at: node.location)
            }
        }
        guard let id else { return nil }
        return ModuleDeclaration(
            id: Located(ModuleID(id.value), at: id.location), source: source, kind: kind, uses: uses,
            exposedOutputs: decodeOutputs(reader, diagnostics: &diagnostics), settings: settings,
            group: group, groupIndex: groupIndex, location: reader.location
        )
    }

    private func decodeOutputs(_ reader: MappingReader, diagnostics: inout Diagnostics) -> [ExposedOutput] {
        var outputs: [ExposedOutput] = []
        for element in reader.list("outputs", diagnostics: &diagnostics) ?? [] {
            if element.entries != nil {
                guard
                    let entry = MappingReader(
                        element, context: "an output entry", allowedKeys: ["name", "description", "sensitive"],
                        diagnostics: &diagnostics),
                    let name = entry.literalString("name", required: true, diagnostics: &diagnostics)
                else { continue }
                let description = entry.literalString("description", required: false, diagnostics: &diagnostics)
                outputs.append(
                    ExposedOutput(
                        name: name, description: description?.value,
                        sensitive: entry.bool("sensitive", diagnostics: &diagnostics) ?? false))
            } else if let name = MappingReader.literalString(
                element, what: "an output entry", diagnostics: &diagnostics)
            {
                outputs.append(ExposedOutput(name: name, description: nil, sensitive: false))
            }
        }
        return outputs
    }
}
