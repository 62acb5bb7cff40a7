/// A deployment file (`hpcc build -d FILE`, gcluster's `--deployment-file`): the values one
/// deployment of a shared blueprint gives. Its `vars` override the blueprint's (and `--vars`
/// overrides both); its `terraform_backend_defaults` replaces the blueprint's. The Cluster
/// Toolkit's machine-learning examples ship one beside each blueprint.
struct DeploymentSettings: Sendable, Hashable {
    /// The keys a deployment file may hold.
    static let keys = ["vars", "terraform_backend_defaults"]

    /// `vars`, in file order, located in the deployment file.
    var variables: [VariableDeclaration] = []
    /// `terraform_backend_defaults`, when the file has it.
    var backendDefaults: TerraformBackend?

    /// No deployment file.
    static let none = DeploymentSettings()

    /// Decodes a deployment file's tree; structural errors are positioned in that file.
    static func decode(_ root: YAMLNode, into diagnostics: inout Diagnostics) -> DeploymentSettings {
        var settings = DeploymentSettings()
        guard
            let top = MappingReader(
                root, context: "the deployment file", allowedKeys: keys, diagnostics: &diagnostics)
        else { return settings }
        let decoder = BlueprintDecoder()
        if let node = top.value("vars") {
            settings.variables = decoder.declarations(node, what: "the deployment file's 'vars'", into: &diagnostics)
        }
        if let node = top.value("terraform_backend_defaults") {
            settings.backendDefaults = decoder.decodeBackend(node, diagnostics: &diagnostics)
        }
        return settings
    }

    /// `overrides` after this file's variables, so that each name is given once and `--vars` wins.
    func variables(overriddenBy overrides: [VariableDeclaration]) -> [VariableDeclaration] {
        let given = Set(overrides.map(\.name))
        return variables.filter { !given.contains($0.name) } + overrides
    }
}
