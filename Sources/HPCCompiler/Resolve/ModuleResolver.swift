/// Resolves one module: explicit settings, `use` wiring, variables of the same name, the module id
/// where a setting defaults to it, then schema defaults; checks required settings and constraints.
struct ModuleResolver {
    let declaration: ModuleDeclaration
    let schema: ModuleSchema
    let index: ModuleIndex
    /// What every module of this source shares: its settings by name, and those variables feed.
    private let source: SourceSettings
    private(set) var settings: [String: ResolvedSetting] = [:]
    /// Settings whose value was reported as wrong, with where that value is (no further findings
    /// about them).
    private var failed: [String: SourceLocation] = [:]
    /// `use` entries that fed nothing.
    private(set) var idleUses: [Located<ModuleID>] = []
    /// Modules an unknown `use` entry probably meant (they are not reported as unused).
    private(set) var likelyMeant: Set<ModuleID> = []
    /// Settings whose wrong value was replaced by the default, with where the value is written.
    private var standIns: [String: SourceLocation] = [:]
    /// Required settings nothing sets; the Resolver reports them, once for all modules missing the
    /// same one.
    private(set) var missingSettings: [String] = []
    /// Required settings left unset because their variable is null; reported once per variable.
    private(set) var neededNullVariables: [String] = []

    /// A module source's settings as resolution looks them up, found once per source: a
    /// blueprint of thousands of nodesets has one source for all of them.
    struct SourceSettings {
        /// Settings by name (the first of a name).
        let byName: [String: SettingSpec]
        /// The settings a variable of the same name feeds, in schema order.
        let fedByVariables: [SettingSpec]
        /// The settings hpcc makes moot or does not support yet, whose values are judged.
        let notImplemented: [SettingSpec]
        /// The settings that take a default or the module id when unset: the implemented ones
        /// (nothing reads the others, so a thousand nodesets do not carry their defaults).
        let implemented: [SettingSpec]

        init(_ schema: ModuleSchema, variables: [String: VariableDeclaration]) {
            byName = Dictionary(schema.settings.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            fedByVariables = schema.settings.filter { !$0.effect.isDeprecated && variables[$0.name] != nil }
            notImplemented = schema.settings.filter { !$0.effect.isImplemented && !$0.effect.isDeprecated }
            implemented = schema.settings.filter(\.effect.isImplemented)
        }
    }

    init(_ declaration: ModuleDeclaration, schema: ModuleSchema, index: ModuleIndex, source: SourceSettings) {
        self.declaration = declaration
        self.schema = schema
        self.index = index
        self.source = source
    }

    private var id: ModuleID { declaration.id.value }
    private var site: (String) -> ValueResolver.Site {
        { [declaration, id] name in
            ValueResolver.Site(
                what: "setting '\(name)' of module '\(id)'", groupIndex: declaration.groupIndex, module: id,
                setting: name)
        }
    }

    mutating func resolve(values: inout ValueResolver, diagnostics: inout Diagnostics) -> ResolvedModule {
        resolveExplicit(values: &values, diagnostics: &diagnostics)
        wireUses(diagnostics: &diagnostics)
        applyVariables(values: &values, diagnostics: &diagnostics)
        applyDefaults(values: values, diagnostics: &diagnostics)
        judgeNotImplemented(diagnostics: &diagnostics)
        return ResolvedModule(declaration: declaration, schema: schema, settings: settings, standIns: standIns)
    }

    private mutating func resolveExplicit(values: inout ValueResolver, diagnostics: inout Diagnostics) {
        for entry in declaration.settings {
            guard let spec = source.byName[entry.key] else {
                let correction = Suggestion.correction(
                    for: entry.key, at: entry.keyLocation, in: schema.settings.map(\.name),
                    taken: Set(declaration.settings.map(\.key)))
                diagnostics.report(
                    .unknownSetting, "unknown setting '\(entry.key)' for module '\(id)' (\(schema.source))",
                    at: entry.keyLocation, help: correction.help, fixes: correction.fixes)
                continue
            }
            switch spec.effect {
            case let .deprecated(replacement):
                if !entry.value.isNull {
                    // A renamed setting the module does not set under its new name too: the fix renames it.
                    let renamed = spec.renamedTo.flatMap { new in
                        declaration.settings.contains { $0.key == new } ? nil : new
                    }
                    diagnostics.report(
                        .deprecatedSetting, "setting '\(entry.key)' was removed from \(schema.source)",
                        at: entry.keyLocation, help: replacement,
                        fixes: renamed.map { [DiagnosticFix(replacing: entry.key, at: entry.keyLocation, with: $0)] }
                            ?? [])
                    failed[spec.name] = entry.keyLocation
                }
                continue
            case .implemented, .moot, .unsupported:
                break
            }
            // A value with any error in it (a broken expression inside a list, say) is not used:
            // judging what is left would report the same mistake again.
            let errorsBefore = diagnostics.errorCount
            guard let value = values.type(entry.value, as: spec.type, site: site(spec.name), diagnostics: &diagnostics),
                diagnostics.errorCount == errorsBefore
            else {
                failed[spec.name] = entry.value.location
                continue
            }
            // A null is unset, and takes the default, unless the setting's null turns something off.
            guard value != .null || spec.nullTurnsOff else { continue }
            guard
                ConstraintChecker.check(
                    value, spec, node: entry.value, at: entry.value.location,
                    subject: "setting '\(spec.name)' of module '\(id)'",
                    diagnostics: &diagnostics)
            else {
                failed[spec.name] = entry.value.location
                continue
            }
            // A value taken whole from a variable is located where the variable's value is written:
            // that is what a finding about the value must point at. One that only --vars declares
            // is pointed at where the blueprint reads it.
            let variable = Self.soleVariable(entry.value)
            let location =
                variable.flatMap { values.variables[$0] }.flatMap { $0.fromCommandLine ? nil : $0.value.location }
                ?? entry.value.location
            settings[spec.name] = ResolvedSetting(
                value: value, origin: .explicit, location: location, variable: variable)
        }
    }

    /// Every output of a used module feeds the input of the same name unless set explicitly;
    /// list inputs collect from all used modules in `use` order; `labels` is never wired.
    private mutating func wireUses(diagnostics: inout Diagnostics) {
        var collected: [String: (values: [Value], from: [ModuleID], location: SourceLocation)] = [:]
        var seen = Set<ModuleID>()
        var referencedModules: Set<ModuleID>?
        for used in declaration.uses {
            guard let usedDeclaration = index.declarations[used.value] else {
                let correction = index.correction(
                    for: used.value.rawValue, at: used.location, taken: Set(declaration.uses.map(\.value) + [id]))
                diagnostics.report(
                    .unknownModule, "module '\(id)' uses unknown module '\(used.value)'", at: used.location,
                    help: correction.help, fixes: correction.fixes)
                if let meant = index.closest(to: used.value.rawValue) { likelyMeant.insert(meant) }
                continue
            }
            if used.value == id {
                diagnostics.report(.moduleCycle, "module '\(id)' uses itself", at: used.location)
                continue
            }
            if !seen.insert(used.value).inserted {
                diagnostics.report(.duplicateName, "module '\(used.value)' is listed twice in 'use'", at: used.location)
                continue
            }
            if usedDeclaration.groupIndex > declaration.groupIndex {
                diagnostics.report(
                    .laterGroupReference,
                    "module '\(id)' uses '\(used.value)' of the later group '\(usedDeclaration.group)'",
                    at: used.location,
                    notes: [DiagnosticNote("'\(used.value)' is declared here", at: usedDeclaration.id.location)],
                    help: "move '\(used.value)' to this group or an earlier one")
                continue
            }
            guard let usedSchema = index.schemas[used.value] else { continue }
            var wired = false
            for output in usedSchema.outputs where output.name != "labels" {
                guard let spec = source.byName[output.name], failed[spec.name] == nil,
                    settings[spec.name]?.origin != .explicit,
                    !spec.effect.isDeprecated
                else { continue }
                let reference = Value.output(
                    OutputReference(module: used.value, output: output.name, path: [], location: used.location))
                if spec.type.isList {
                    collected[spec.name, default: ([], [], used.location)].values.append(reference)
                    collected[spec.name]!.from.append(used.value)
                    wired = true
                } else if collected[spec.name] == nil {
                    collected[spec.name] = ([reference], [used.value], used.location)
                    wired = true
                }
            }
            if !wired {
                // The modules the explicit settings name, found once: a controller may use thousands.
                if referencedModules == nil {
                    referencedModules = Set(settings.values.flatMap { $0.value.outputReferences.map(\.module) })
                }
                if referencedModules?.contains(used.value) != true { idleUses.append(used) }
            }
        }
        for (name, wiring) in collected {
            let spec = source.byName[name]!
            let value = spec.type.isList ? Value.list(wiring.values) : wiring.values[0]
            settings[name] = ResolvedSetting(value: value, origin: .used(wiring.from), location: wiring.location)
        }
    }

    /// Unset inputs take the variable of the same name; `labels` merges the module's own over `vars.labels`.
    private mutating func applyVariables(values: inout ValueResolver, diagnostics: inout Diagnostics) {
        for spec in source.fedByVariables where failed[spec.name] == nil {
            guard let variable = values.variables[spec.name] else { continue }
            if let existing = settings[spec.name] {
                guard spec.name == "labels", existing.origin == .explicit, case let .map(own) = existing.value,
                    case let .map(shared)? = values.typedValue(
                        of: "labels", as: spec.type, site: site(spec.name), diagnostics: &diagnostics)
                else { continue }
                settings[spec.name]!.value = .map(shared.merging(own) { _, mine in mine })
                continue
            }
            guard
                let value = values.typedValue(
                    of: spec.name, as: spec.type, site: site(spec.name), diagnostics: &diagnostics)
            else {
                if !values.poisoned.contains(spec.name) { failed[spec.name] = variable.value.location }
                continue
            }
            guard value != .null else { continue }
            // Said without the module: a variable feeding many modules is one mistake, reported once.
            guard
                ConstraintChecker.check(
                    value, spec, node: variable.value, at: variable.value.location,
                    subject: "variable '\(spec.name)' (fed to setting '\(spec.name)')", diagnostics: &diagnostics)
            else {
                failed[spec.name] = variable.value.location
                continue
            }
            settings[spec.name] = ResolvedSetting(
                value: value, origin: .variable(spec.name), location: variable.value.location)
        }
    }

    /// `NAME` when the node is exactly `$(vars.NAME)`.
    static func soleVariable(_ node: YAMLNode) -> String? {
        guard case let .scalar(text, _, _, location) = node, text.hasPrefix("$(vars.") else { return nil }
        var scratch = Diagnostics()
        if case let .variable(name, _)? = TemplateParser.parse(text, at: location, style: .plain, diagnostics: &scratch)
            .soleExpression
        {
            return name
        }
        return nil
    }

    /// True when a used module is unknown or missing (already reported): its outputs cannot be known.
    private var dependsOnUnknownModule: Bool {
        declaration.uses.contains { index.declarations[$0.value] == nil || index.isUnknown($0.value) }
    }

    /// A moot setting that asks for something warns, saying what hpcc does instead; an
    /// unsupported one is an error, since the deployment would silently lack it. Settings that
    /// ask for the same missing thing (a disk key and its service account) make one finding, at
    /// the first. A value from a variable is reported at the variable, once for every module it
    /// feeds.
    private func judgeNotImplemented(diagnostics: inout Diagnostics) {
        var reported: [SettingEffect: Int] = [:]
        var findings: [Diagnostic] = []
        for spec in source.notImplemented {
            guard let setting = settings[spec.name], setting.origin != .defaultValue,
                spec.asksForSomething(setting.value)
            else { continue }
            // `use` wires every output of the same name: a moot input fed that way was not chosen.
            if case .moot = spec.effect, case .used = setting.origin { continue }
            let written = declaration.settings.first { $0.key == spec.name }?.keyLocation
            if let first = reported[spec.effect] {
                findings[first].notes.append(
                    DiagnosticNote("'\(spec.name)' asks for it too", at: written ?? setting.location))
                continue
            }
            let location: SourceLocation
            let subject: String
            switch setting.origin {
            case .explicit:
                location = written ?? setting.location
                subject = "setting '\(spec.name)' of module '\(id)'"
            case let .variable(name):
                location = setting.location
                subject = "variable '\(name)', which feeds setting '\(spec.name)',"
            default:
                location = setting.location
                subject = "setting '\(spec.name)' of module '\(id)', wired by 'use',"
            }
            switch spec.effect {
            case let .moot(instead):
                findings.append(
                    Diagnostic(
                        .settingNoEffect, "\(subject) is moot in hpcc: \(instead)", at: location,
                        help: "remove it; hpcc reaches the same end without it"))
            case let .unsupported(missing):
                findings.append(
                    Diagnostic(
                        .settingNotSupported,
                        "\(subject) asks for \(missing), which hpcc does not support yet; the deployment would lack it",
                        at: location, help: "remove it (or set it to its default) to build without it"))
            default:
                continue
            }
            reported[spec.effect] = findings.count - 1
        }
        findings.forEach { diagnostics.report($0) }
    }

    private mutating func applyDefaults(values: ValueResolver, diagnostics: inout Diagnostics) {
        for spec in source.implemented where settings[spec.name] == nil {
            if let written = failed[spec.name] {
                // A wrong value is reported; the module lowers with the default in its place, so
                // its other settings are judged in the same run.
                if let defaultValue = spec.defaultValue {
                    settings[spec.name] = ResolvedSetting(value: defaultValue, origin: .defaultValue, location: written)
                    standIns[spec.name] = written
                }
                continue
            }
            if spec.defaultsToModuleID {
                settings[spec.name] = ResolvedSetting(
                    value: .string(id.rawValue), origin: .moduleID, location: declaration.id.location)
            } else if let defaultValue = spec.defaultValue {
                settings[spec.name] = ResolvedSetting(
                    value: defaultValue, origin: .defaultValue, location: declaration.id.location)
            } else if spec.required, let variable = values.variables[spec.name], variable.value.isNull {
                neededNullVariables.append(spec.name)
            } else if spec.required && !dependsOnUnknownModule
                && !(spec.name == "deployment_name" && values.variables["deployment_name"] == nil)
            {
                missingSettings.append(spec.name)
            }
        }
    }
}
