extension BlueprintDecoder {
    /// Validators Cluster Toolkit defines; hpcc runs the offline ones and says which it skips.
    static let knownValidators = [
        "test_project_exists", "test_apis_enabled", "test_region_exists", "test_zone_exists",
        "test_zone_in_region", "test_module_not_used", "test_deployment_variable_not_used",
    ]

    func decodeValidators(_ top: MappingReader, diagnostics: inout Diagnostics) -> [ValidatorDeclaration]? {
        guard let nodes = top.list("validators", diagnostics: &diagnostics) else { return nil }
        var validators: [ValidatorDeclaration] = []
        for node in nodes {
            guard
                let reader = MappingReader(
                    node, context: "a validator", allowedKeys: ["validator", "inputs", "skip"],
                    diagnostics: &diagnostics),
                let name = reader.literalString("validator", required: true, diagnostics: &diagnostics)
            else { continue }
            if !Self.knownValidators.contains(name.value) {
                let correction = Suggestion.correction(for: name.value, at: name.location, in: Self.knownValidators)
                diagnostics.report(
                    .unknownValidator, "unknown validator '\(name.value)'", at: name.location, help: correction.help,
                    fixes: correction.fixes)
                continue
            }
            validators.append(
                ValidatorDeclaration(
                    name: name, inputs: reader.value("inputs"),
                    skip: reader.bool("skip", diagnostics: &diagnostics) ?? false))
        }
        return validators
    }

    func decodeValidationLevel(_ top: MappingReader, diagnostics: inout Diagnostics) -> ValidationLevel {
        guard let node = top.value("validation_level") else { return .error }
        guard let text = MappingReader.literalString(node, what: "'validation_level'", diagnostics: &diagnostics) else {
            return .error
        }
        switch text.value {
        case "ERROR", "2": return .error
        case "WARNING", "1": return .warning
        case "IGNORE", "0": return .ignore
        default:
            // Compared in capitals: `warnin` means WARNING.
            let meant = Suggestion.closest(to: text.value.uppercased(), in: ["ERROR", "WARNING", "IGNORE"])
            diagnostics.report(
                .constraintViolation, "validation_level must be ERROR, WARNING or IGNORE, not '\(text.value)'",
                at: text.location, help: meant.map { "did you mean '\($0)'?" },
                fixes: meant.map { [DiagnosticFix(replacing: text.value, at: text.location, with: $0)] } ?? [])
            return .error
        }
    }

    func decodeIgnore(_ top: MappingReader, diagnostics: inout Diagnostics) -> [Located<DiagnosticCode>] {
        var codes: [Located<DiagnosticCode>] = []
        for node in top.list("ignore", diagnostics: &diagnostics) ?? [] {
            guard let text = MappingReader.literalString(node, what: "an 'ignore' entry", diagnostics: &diagnostics)
            else { continue }
            guard let code = DiagnosticCode(rawValue: text.value) else {
                let correction = Suggestion.correction(
                    for: text.value, at: text.location, in: DiagnosticCode.allCases.map(\.rawValue))
                diagnostics.report(
                    .unknownDiagnosticCode, "'\(text.value)' is not a diagnostic code", at: text.location,
                    help: correction.help, fixes: correction.fixes)
                continue
            }
            guard code.canBeIgnored else {
                diagnostics.report(
                    .unknownDiagnosticCode, "\(code.rawValue) is an error (\(code.summary)); errors cannot be ignored",
                    at: text.location,
                    help: "fix what it reports, and remove '\(code.rawValue)' from 'ignore'")
                continue
            }
            codes.append(Located(code, at: text.location))
        }
        return codes
    }

    func decodeBackend(_ node: YAMLNode, diagnostics: inout Diagnostics) -> TerraformBackend? {
        guard
            let reader = MappingReader(
                node,
                context: """
                    a Terraform backend
                    """, allowedKeys: ["type", "configuration"], diagnostics: &diagnostics),
            let type = reader.literalString("type", required: true, diagnostics: &diagnostics)
        else { return nil }
        return TerraformBackend(type: type, configuration: configuration(reader, diagnostics: &diagnostics))
    }

    func decodeProviders(_ node: YAMLNode, diagnostics: inout Diagnostics) -> [TerraformProvider] {
        guard let entries = node.entries else {
            diagnostics.report(
                .wrongShape, "'terraform_providers' must be a mapping of provider names", at: node.location)
            return []
        }
        return entries.compactMap { entry in
            guard
                let reader = MappingReader(
                    entry.value, context: "provider '\(entry.key)'",
                    allowedKeys: ["source", "version", "configuration"], diagnostics: &diagnostics)
            else { return nil }
            return TerraformProvider(
                name: Located(entry.key, at: entry.keyLocation),
                source: reader.literalString("source", required: false, diagnostics: &diagnostics)?.value,
                version: reader.literalString("version", required: false, diagnostics: &diagnostics)?.value,
                configuration: configuration(reader, diagnostics: &diagnostics)
            )
        }
    }

    private func configuration(_ reader: MappingReader, diagnostics: inout Diagnostics) -> [YAMLEntry] {
        guard let node = reader.value("configuration"), !node.isNull else { return [] }
        guard let entries = node.entries else {
            diagnostics.report(.wrongShape, "'configuration' must be a mapping", at: node.location)
            return []
        }
        return entries
    }

    /// `toolkit_modules_url` and `toolkit_modules_version` come as a pair; hpcc's modules are built in,
    /// so the pair changes nothing and says so.
    func checkToolkitModules(_ top: MappingReader, diagnostics: inout Diagnostics) {
        let url = top.entry("toolkit_modules_url"), version = top.entry("toolkit_modules_version")
        if (url == nil) != (version == nil) {
            let present = (url ?? version)!
            diagnostics.report(
                .missingKey, "'toolkit_modules_url' and 'toolkit_modules_version' must be set together",
                at: present.keyLocation)
        } else if let url {
            diagnostics.report(
                .keyNoEffect, "'toolkit_modules_url' has no effect in hpcc: its modules are built in",
                at: url.keyLocation)
        }
    }
}
