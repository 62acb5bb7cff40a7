/// The decoded blueprint: its structure checked, values still YAML nodes (typed later from module schemas).
struct Blueprint: Sendable, Hashable {
    /// The file it came from.
    var file: String
    /// `blueprint_name`.
    var name: Located<String>?
    /// `vars`, in source order (command-line overrides already applied).
    var variables: [VariableDeclaration]
    /// `deployment_groups`.
    var groups: [DeploymentGroup]
    /// `validators`; nil when the key is absent (hpcc then runs its default set).
    var validators: [ValidatorDeclaration]?
    /// `validation_level`.
    var validationLevel: ValidationLevel
    /// `ignore`: warning codes to silence.
    var ignoredCodes: [Located<DiagnosticCode>]
    /// `terraform_backend_defaults`.
    var backendDefaults: TerraformBackend?
    /// `terraform_providers` at the top level.
    var providers: [TerraformProvider]
    /// Where the document starts (for findings about the blueprint as a whole).
    var location: SourceLocation
    /// The `vars` key, when the blueprint has one.
    var variablesKey: SourceLocation? = nil
    /// Machine types declared under `machine_types:` (types newer than hpcc's catalog).
    var machineTypes: [DeclaredMachineType] = []

    /// The variable named `name`, if declared.
    func variable(_ name: String) -> VariableDeclaration? {
        variables.first { $0.name == name }
    }

    /// Every module of every group, in order.
    var modules: [ModuleDeclaration] { groups.flatMap(\.modules) }
}

/// One deployment variable.
struct VariableDeclaration: Sendable, Hashable {
    /// The name.
    var name: String
    /// Where the name was written.
    var nameLocation: SourceLocation
    /// The value, untyped until a setting uses it.
    var value: YAMLNode
    /// True for a variable only `--vars` declares (the blueprint does not).
    var fromCommandLine = false
}

/// One deployment group: one Terraform root.
struct DeploymentGroup: Sendable, Hashable {
    /// `group`.
    var name: Located<GroupName>
    /// `terraform_backend`, overriding the defaults.
    var backend: TerraformBackend?
    /// `terraform_providers` of this group.
    var providers: [TerraformProvider]
    /// `modules`.
    var modules: [ModuleDeclaration]
}

/// One module instance in a group.
struct ModuleDeclaration: Sendable, Hashable {
    /// `id`.
    var id: Located<ModuleID>
    /// `source`.
    var source: Located<String>
    /// `kind` (terraform unless written).
    var kind: Located<String>?
    /// `use`.
    var uses: [Located<ModuleID>]
    /// `outputs`: module outputs to expose as outputs of the group's Terraform root.
    var exposedOutputs: [ExposedOutput]
    /// `settings`, in source order.
    var settings: [YAMLEntry]
    /// The group the module belongs to.
    var group: GroupName
    /// Index of the group in the blueprint (earlier groups have lower indices).
    var groupIndex: Int
    /// Where the module's mapping starts.
    var location: SourceLocation
}

/// An entry of a module's `outputs` list.
struct ExposedOutput: Sendable, Hashable {
    /// The module output's name.
    var name: Located<String>
    /// Description for the Terraform output.
    var description: String?
    /// Whether Terraform should treat it as sensitive.
    var sensitive: Bool
}

/// A validator entry.
struct ValidatorDeclaration: Sendable, Hashable {
    /// `validator`.
    var name: Located<String>
    /// `inputs`.
    var inputs: YAMLNode?
    /// `skip`.
    var skip: Bool
}

/// What non-fatal rule findings become.
enum ValidationLevel: String, Sendable, Hashable {
    case error = "ERROR"
    case warning = "WARNING"
    case ignore = "IGNORE"
}

/// A Terraform backend block.
struct TerraformBackend: Sendable, Hashable {
    /// `type` (gcs, s3, local, ...).
    var type: Located<String>
    /// `configuration`, a mapping whose values may hold expressions.
    var configuration: [YAMLEntry]
}

/// A Terraform provider entry.
struct TerraformProvider: Sendable, Hashable {
    /// The provider's local name (`google`).
    var name: Located<String>
    /// `source` (`hashicorp/google`).
    var source: String?
    /// `version` constraint.
    var version: String?
    /// `configuration`, a mapping whose values may hold expressions.
    var configuration: [YAMLEntry]
}
