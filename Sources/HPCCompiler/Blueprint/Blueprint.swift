/// The decoded blueprint: its structure checked, values still YAML nodes (typed later from module schemas).
public struct Blueprint: Sendable, Hashable {
    /// The file it came from.
    public var file: String
    /// `blueprint_name`.
    public var name: Located<String>?
    /// `vars`, in source order (command-line overrides already applied).
    public var variables: [VariableDeclaration]
    /// `deployment_groups`.
    public var groups: [DeploymentGroup]
    /// `validators`; nil when the key is absent (hpcc then runs its default set).
    public var validators: [ValidatorDeclaration]?
    /// `validation_level`.
    public var validationLevel: ValidationLevel
    /// `ignore`: warning codes to silence.
    public var ignoredCodes: [Located<DiagnosticCode>]
    /// `terraform_backend_defaults`.
    public var backendDefaults: TerraformBackend?
    /// `terraform_providers` at the top level.
    public var providers: [TerraformProvider]
    /// Where the document starts (for findings about the blueprint as a whole).
    public var location: SourceLocation
    /// The `vars` key, when the blueprint has one.
    public var variablesKey: SourceLocation? = nil

    /// The variable named `name`, if declared.
    public func variable(_ name: String) -> VariableDeclaration? {
        variables.first { $0.name == name }
    }

    /// Every module of every group, in order.
    public var modules: [ModuleDeclaration] { groups.flatMap(\.modules) }
}

/// One deployment variable.
public struct VariableDeclaration: Sendable, Hashable {
    /// The name.
    public var name: String
    /// Where the name was written.
    public var nameLocation: SourceLocation
    /// The value, untyped until a setting uses it.
    public var value: YAMLNode
    /// True for a variable only `--vars` declares (the blueprint does not).
    public var fromCommandLine = false
}

/// One deployment group: one Terraform root.
public struct DeploymentGroup: Sendable, Hashable {
    /// `group`.
    public var name: Located<GroupName>
    /// `terraform_backend`, overriding the defaults.
    public var backend: TerraformBackend?
    /// `terraform_providers` of this group.
    public var providers: [TerraformProvider]
    /// `modules`.
    public var modules: [ModuleDeclaration]
}

/// One module instance in a group.
public struct ModuleDeclaration: Sendable, Hashable {
    /// `id`.
    public var id: Located<ModuleID>
    /// `source`.
    public var source: Located<String>
    /// `kind` (terraform unless written).
    public var kind: Located<String>?
    /// `use`.
    public var uses: [Located<ModuleID>]
    /// `outputs`: module outputs to expose as outputs of the group's Terraform root.
    public var exposedOutputs: [ExposedOutput]
    /// `settings`, in source order.
    public var settings: [YAMLEntry]
    /// The group the module belongs to.
    public var group: GroupName
    /// Index of the group in the blueprint (earlier groups have lower indices).
    public var groupIndex: Int
    /// Where the module's mapping starts.
    public var location: SourceLocation
}

/// An entry of a module's `outputs` list.
public struct ExposedOutput: Sendable, Hashable {
    /// The module output's name.
    public var name: Located<String>
    /// Description for the Terraform output.
    public var description: String?
    /// Whether Terraform should treat it as sensitive.
    public var sensitive: Bool
}

/// A validator entry.
public struct ValidatorDeclaration: Sendable, Hashable {
    /// `validator`.
    public var name: Located<String>
    /// `inputs`.
    public var inputs: YAMLNode?
    /// `skip`.
    public var skip: Bool
}

/// What non-fatal rule findings become.
public enum ValidationLevel: String, Sendable, Hashable {
    case error = "ERROR"
    case warning = "WARNING"
    case ignore = "IGNORE"
}

/// A Terraform backend block.
public struct TerraformBackend: Sendable, Hashable {
    /// `type` (gcs, s3, local, ...).
    public var type: Located<String>
    /// `configuration`, a mapping whose values may hold expressions.
    public var configuration: [YAMLEntry]
}

/// A Terraform provider entry.
public struct TerraformProvider: Sendable, Hashable {
    /// The provider's local name (`google`).
    public var name: Located<String>
    /// `source` (`hashicorp/google`).
    public var source: String?
    /// `version` constraint.
    public var version: String?
    /// `configuration`, a mapping whose values may hold expressions.
    public var configuration: [YAMLEntry]
}
