/// Decode stage: YAML tree → `Blueprint`. Checks the blueprint's own structure (keys, shapes,
/// names); module settings stay YAML until Resolve types them from the module schema.
/// Decodes as much as it can, so one run reports every structural error.
struct BlueprintDecoder: Sendable {
    static let topLevelKeys = [
        "blueprint_name", "vars", "deployment_groups", "validators", "validation_level", "ignore",
        "terraform_backend_defaults", "terraform_providers", "toolkit_modules_url", "toolkit_modules_version",
        "ghpc_version", "machine_types",
    ]
    static let groupKeys = ["group", "terraform_backend", "terraform_providers", "modules"]
    static let moduleKeys = ["id", "source", "kind", "use", "outputs", "settings"]
    /// Module keys Cluster Toolkit made obsolete and still accepts without a word.
    static let obsoleteModuleKeys: Set<String> = ["required_apis", "wrapsettingswith"]

    /// Creates a decoder.
    init() {}

    /// Decodes `root`, applying `deployment` (a deployment file) and then `overrides` (from `--vars`).
    func decode(
        _ root: YAMLNode, file: String, deployment: DeploymentSettings = .none, overrides: [VariableDeclaration],
        into diagnostics: inout Diagnostics
    ) -> Blueprint? {
        guard
            let top = MappingReader(
                root, context: "the blueprint", allowedKeys: Self.topLevelKeys,
                silentlyAccepted: ["ghpc_version"], diagnostics: &diagnostics)
        else { return nil }

        var blueprint = Blueprint(
            file: file, name: nil, variables: [], groups: [], validators: nil, validationLevel: .error,
            ignoredCodes: [], backendDefaults: nil, providers: [], location: top.location
        )
        blueprint.name = top.literalString("blueprint_name", required: true, diagnostics: &diagnostics)
        if let name = blueprint.name, !NameRules.isLabelValue(name.value) {
            diagnostics.report(
                .invalidName, "blueprint_name '\(name.value)' is not a valid GCP label value", at: name.location,
                help: "use 1 to 63 lowercase letters, digits, '_' and '-'")
        }
        blueprint.variables = decodeVariables(
            top, overrides: deployment.variables(overriddenBy: overrides), diagnostics: &diagnostics)
        blueprint.variablesKey = top.entry("vars")?.keyLocation
        blueprint.groups = decodeGroups(top, diagnostics: &diagnostics)
        blueprint.validators = decodeValidators(top, diagnostics: &diagnostics)
        blueprint.validationLevel = decodeValidationLevel(top, diagnostics: &diagnostics)
        blueprint.ignoredCodes = decodeIgnore(top, diagnostics: &diagnostics)
        if let node = top.value("terraform_backend_defaults") {
            blueprint.backendDefaults = decodeBackend(node, diagnostics: &diagnostics)
        }
        if let backend = deployment.backendDefaults { blueprint.backendDefaults = backend }
        if let node = top.value("terraform_providers") {
            blueprint.providers = decodeProviders(node, diagnostics: &diagnostics)
        }
        blueprint.machineTypes = decodeMachineTypes(top, diagnostics: &diagnostics)
        checkToolkitModules(top, diagnostics: &diagnostics)
        return blueprint
    }

    private func decodeVariables(
        _ top: MappingReader, overrides: [VariableDeclaration], diagnostics: inout Diagnostics
    ) -> [VariableDeclaration] {
        var variables = top.value("vars").map { declarations($0, what: "'vars'", into: &diagnostics) } ?? []
        for override in overrides {
            // A deployment file's names were checked as it was read; `--vars` names are checked here.
            let onCommandLine = CommandLineVariables.isArgument(override.nameLocation.file)
            guard NameRules.isIdentifier(override.name) else {
                if onCommandLine {
                    diagnostics.report(
                        .invalidOverride, "variable name '\(override.name)' given to --vars is not valid",
                        at: override.nameLocation)
                }
                continue
            }
            if let index = variables.firstIndex(where: { $0.name == override.name }) {
                variables[index].value = override.value
            } else {
                var declared = override
                declared.fromCommandLine = onCommandLine
                variables.append(declared)
            }
        }
        if !variables.contains(where: { $0.name == "deployment_name" }) {
            diagnostics.report(
                .missingKey, "the blueprint has no 'deployment_name' variable",
                at: top.value("vars")?.location ?? top.location,
                help: "add 'deployment_name' under 'vars' or pass --vars deployment_name=NAME")
        }
        return variables
    }

    /// The variables of a `vars` mapping (of the blueprint or of a deployment file).
    func declarations(_ node: YAMLNode, what: String, into diagnostics: inout Diagnostics) -> [VariableDeclaration] {
        guard let entries = node.entries else {
            if !node.isNull {
                diagnostics.report(
                    .wrongShape, "\(what) must be a mapping, not \(node.kindDescription)", at: node.location)
            }
            return []
        }
        return entries.map { entry in
            if !NameRules.isIdentifier(entry.key) {
                diagnostics.report(
                    .invalidName, "variable name '\(entry.key)' is not valid", at: entry.keyLocation,
                    help: "start with a letter or '_', then letters, digits, '_' or '-'")
            }
            return VariableDeclaration(name: entry.key, nameLocation: entry.keyLocation, value: entry.value)
        }
    }

    private func decodeGroups(_ top: MappingReader, diagnostics: inout Diagnostics) -> [DeploymentGroup] {
        guard top.entry("deployment_groups") != nil else {
            diagnostics.report(.missingKey, "the blueprint has no 'deployment_groups'", at: top.location)
            return []
        }
        guard let nodes = top.list("deployment_groups", diagnostics: &diagnostics) else { return [] }
        if nodes.isEmpty {
            diagnostics.report(
                .missingKey, "'deployment_groups' is empty", at: top.value("deployment_groups")!.location)
        }
        var groups: [DeploymentGroup] = []
        for (index, node) in nodes.enumerated() {
            if let group = decodeGroup(node, index: index, diagnostics: &diagnostics) {
                groups.append(group)
            }
        }
        return groups
    }

    private func decodeGroup(_ node: YAMLNode, index: Int, diagnostics: inout Diagnostics) -> DeploymentGroup? {
        guard
            let reader = MappingReader(
                node, context: "deployment group \(index + 1)", allowedKeys: Self.groupKeys, diagnostics: &diagnostics),
            let name = reader.literalString("group", required: true, diagnostics: &diagnostics)
        else { return nil }
        if !NameRules.isGroupName(name.value) {
            diagnostics.report(
                .invalidName, "group name '\(name.value)' is not valid", at: name.location,
                help: "use letters, digits and '_', optionally joined by '-'")
        }
        let context = "group '\(name.value)'"
        var modules: [ModuleDeclaration] = []
        if let nodes = reader.list("modules", diagnostics: &diagnostics) {
            for moduleNode in nodes {
                if let module = decodeModule(
                    moduleNode, group: GroupName(name.value), groupIndex: index, diagnostics: &diagnostics)
                {
                    modules.append(module)
                }
            }
            if nodes.isEmpty {
                diagnostics.report(.missingKey, "\(context) has no modules", at: reader.value("modules")!.location)
            }
        } else if reader.entry("modules") == nil {
            diagnostics.report(.missingKey, "\(context) has no 'modules'", at: reader.location)
        }
        return DeploymentGroup(
            name: Located(GroupName(name.value), at: name.location),
            backend: reader.value("terraform_backend").flatMap { decodeBackend($0, diagnostics: &diagnostics) },
            providers: reader.value("terraform_providers").map { decodeProviders($0, diagnostics: &diagnostics) } ?? [],
            modules: modules
        )
    }
}
