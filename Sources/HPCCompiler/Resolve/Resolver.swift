/// Resolve stage: decoded blueprint + module catalog → typed settings for every module.
struct Resolver: Sendable {
    /// The modules settings are checked against.
    var catalog: ModuleCatalog

    /// Creates a resolver.
    init(catalog: ModuleCatalog = .builtIn) {
        self.catalog = catalog
    }

    /// Resolves `blueprint`, reporting every problem it finds.
    func resolve(_ blueprint: Blueprint, into diagnostics: inout Diagnostics) -> ResolvedBlueprint {
        checkGroupNames(blueprint, diagnostics: &diagnostics)
        let index = ModuleIndex(blueprint.modules, catalog: catalog, diagnostics: &diagnostics)
        var values = ValueResolver(variables: blueprint.variables, modules: index)
        values.poisoned = VariableGraph.cycles(in: blueprint.variables, diagnostics: &diagnostics)

        var variables: [String: Value] = [:]
        for variable in blueprint.variables {
            if let value = values.untypedValue(of: variable.name, diagnostics: &diagnostics) {
                variables[variable.name] = value
            }
        }
        values.usedVariables = []
        if !checkWellKnownVariables(blueprint, variables, diagnostics: &diagnostics),
            let declaration = blueprint.variable("deployment_name"),
            let name = variables["deployment_name"]?.string
        {
            values.variables["deployment_name"] = VariableDeclaration(
                name: declaration.name, nameLocation: declaration.nameLocation,
                value: .scalar(NameRules.standInDeploymentName(name), .plain, tag: nil, declaration.value.location))
        }

        var modules: [ResolvedModule] = []
        var idleUses: [(module: ModuleID, use: Located<ModuleID>)] = []
        var likelyMeant = Set<ModuleID>()
        var nullNeeds: [String: [ModuleID]] = [:]
        var missing: [(setting: String, module: ResolvedModule)] = []
        var edges: [ModuleID: [(ModuleID, SourceLocation)]] = [:]
        var sources: [String: ModuleResolver.SourceSettings] = [:]
        for id in index.ids {
            let declaration = index.declarations[id]!
            // A module using itself is reported by ModuleResolver; it is not also a cycle.
            edges[id] = declaration.uses.filter { $0.value != id }.map { ($0.value, $0.location) }
            guard let schema = index.schemas[id] else { continue }
            let source = sources[schema.source] ?? ModuleResolver.SourceSettings(schema, variables: values.variables)
            sources[schema.source] = source
            var resolver = ModuleResolver(declaration, schema: schema, index: index, source: source)
            modules.append(resolver.resolve(values: &values, diagnostics: &diagnostics))
            idleUses += resolver.idleUses.map { (id, $0) }
            likelyMeant.formUnion(resolver.likelyMeant)
            for name in resolver.neededNullVariables { nullNeeds[name, default: []].append(id) }
            missing += resolver.missingSettings.map { ($0, modules[modules.count - 1]) }
        }
        for variable in blueprint.variables where nullNeeds[variable.name] != nil {
            let modules = nullNeeds[variable.name]!.map(\.rawValue).joined(separator: ", ")
            diagnostics.report(
                .missingSetting, "variable '\(variable.name)' has no value, and modules need it: \(modules)",
                at: variable.value.location,
                help: "give it a value here, or pass --vars \(variable.name)=VALUE")
        }
        // A variable named in a setting that failed, an unknown setting or a module of unknown
        // source is still used: reporting it unused would only repeat that mistake. A module of
        // unknown source may take any variable by name, so then none is judged unused.
        let named = Self.namesInExpressions(blueprint.modules.flatMap { $0.settings.map(\.value) })
        values.usedVariables.formUnion(named.variables)
        if blueprint.modules.contains(where: { index.schemas[$0.id.value] == nil }) {
            values.usedVariables.formUnion(blueprint.variables.map(\.name))
        }
        let misspelled = MissingSettings(missing, blueprint: blueprint, used: values.usedVariables).report(
            into: &diagnostics)
        values.usedVariables.formUnion(misspelled)
        for (user, references) in values.references {
            edges[user, default: []] += references.map { ($0.module, $0.location) }
        }
        let order = DependencyOrder.sort(index.ids, edges: edges, diagnostics: &diagnostics)
        var dependents: [ModuleID: Set<ModuleID>] = [:]
        for (user, dependencies) in edges {
            for (dependency, _) in dependencies where dependency != user {
                dependents[dependency, default: []].insert(user)
            }
        }
        // A module a setting names is used, also where that reference failed (an unknown output):
        // saying it is unused would repeat that error.
        checkUsed(
            modules.filter { !likelyMeant.contains($0.id) && !named.modules.contains($0.id.rawValue) },
            dependents: dependents, diagnostics: &diagnostics)

        var configuration = ConfigurationResolver(blueprint: blueprint)
        let backends = configuration.backends(values: &values, diagnostics: &diagnostics)
        let providers = configuration.providers(values: &values, diagnostics: &diagnostics)
        let validatorInputs = configuration.validatorInputs(values: &values, diagnostics: &diagnostics)
        var resolved = ResolvedBlueprint(
            blueprint: blueprint, variables: variables, modules: modules, order: order, dependents: dependents,
            usedVariables: values.usedVariables, idleUses: idleUses, backends: backends, providers: providers,
            validatorInputs: validatorInputs
        )
        resolved.stagedFiles = values.staged.values.sorted { $0.destination < $1.destination }
        return resolved
    }

    /// What the `NAME.member` references in scalars holding a `$(` name, parsed or not: the
    /// `NAME` of every `vars.NAME`, and every other `NAME` as a module id it may be. (Text of a
    /// script's own `$(...)` may add names; they only keep something from being called unused.)
    static func namesInExpressions(_ nodes: [YAMLNode]) -> (variables: Set<String>, modules: Set<String>) {
        var variables = Set<String>(), modules = Set<String>()
        var pending = nodes
        func isNamePart(_ character: Character) -> Bool {
            character.isLetter || character.isNumber || character == "_" || character == "-"
        }
        while let node = pending.popLast() {
            switch node {
            case let .scalar(text, _, _, _):
                guard text.contains("$(") else { continue }
                var rest = Substring(text)
                while let dot = rest.firstIndex(of: ".") {
                    let name = rest[..<dot].reversed().prefix(while: isNamePart).reversed()
                    let member = rest[rest.index(after: dot)...].prefix(while: isNamePart)
                    if !name.isEmpty, !member.isEmpty {
                        if String(name) == "vars" {
                            variables.insert(String(member))
                        } else {
                            modules.insert(String(name))
                        }
                    }
                    rest = rest[rest.index(after: dot)...]
                }
            case let .sequence(elements, _): pending += elements
            case let .mapping(entries, _): pending += entries.map(\.value)
            }
        }
        return (variables, modules)
    }

    private func checkGroupNames(_ blueprint: Blueprint, diagnostics: inout Diagnostics) {
        var seen: [GroupName: SourceLocation] = [:]
        for group in blueprint.groups {
            if let first = seen[group.name.value] {
                diagnostics.report(
                    .duplicateName, "group name '\(group.name.value)' is already used", at: group.name.location,
                    notes: [DiagnosticNote("first used here", at: first)])
            } else {
                seen[group.name.value] = group.name.location
            }
        }
    }

    /// `deployment_name` names every resource; `labels` must be a mapping of strings. False when
    /// deployment_name is a string that is not a valid name (the modules then lower with a
    /// stand-in, so the names they derive from it are not reported again).
    private func checkWellKnownVariables(
        _ blueprint: Blueprint, _ variables: [String: Value], diagnostics: inout Diagnostics
    ) -> Bool {
        var validName = true
        if let declaration = blueprint.variable("deployment_name"), let value = variables["deployment_name"] {
            if let name = value.string {
                if !NameRules.isDeploymentName(name) {
                    diagnostics.report(
                        .invalidName, "deployment_name '\(name)' is not valid", at: declaration.value.location,
                        help: "start with a lowercase letter; use lowercase letters, digits, '-' and '_'; at most 63")
                    validName = false
                }
            } else {
                diagnostics.report(
                    .typeMismatch, "deployment_name must be a string, not \(TypeWords.describe(value))",
                    at: declaration.value.location)
            }
        }
        if let declaration = blueprint.variable("labels"), let value = variables["labels"] {
            // The keys and values are judged where they are applied, by the rules of each module's
            // cloud (GCP labels, AWS tags).
            if case let .map(members) = value, members.values.allSatisfy({ $0.string != nil }) { return validName }
            diagnostics.report(
                .typeMismatch, "the 'labels' variable must be a mapping of strings", at: declaration.value.location)
        }
        return validName
    }

    /// Modules that only make sense when used (nodesets, partitions, login groups, networks).
    private func checkUsed(
        _ modules: [ResolvedModule], dependents: [ModuleID: Set<ModuleID>], diagnostics: inout Diagnostics
    ) {
        for module in modules where module.schema.mustBeUsed && (dependents[module.id] ?? []).isEmpty {
            diagnostics.report(
                .moduleNotUsed, "module '\(module.id)' (\(module.schema.source)) is not used by any module",
                at: module.declaration.id.location,
                help: module.schema.unusedHelp)
        }
    }
}
