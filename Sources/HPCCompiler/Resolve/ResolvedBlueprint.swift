/// The blueprint after Resolve: every module's settings typed against its schema, with `use`
/// wiring, variables and defaults applied, and the modules in dependency order.
@_spi(Tools) public struct ResolvedBlueprint: Sendable {
    /// The decoded blueprint.
    var blueprint: Blueprint
    /// Every variable's value (untyped: YAML's core schema), for the expanded blueprint and naming.
    var variables: [String: Value]
    /// Modules with a built-in schema, in declaration order.
    var modules: [ResolvedModule] {
        didSet { positions = Self.positions(of: modules) }
    }
    /// Where each module id is in `modules` (the first, should an id be declared twice): every
    /// stage looks modules up by id, once per module and reference, so a search would make
    /// them quadratic.
    private var positions: [ModuleID: Int]
    /// Module ids in dependency order: every module after the modules it references.
    var order: [ModuleID]
    /// Which modules use or reference each module.
    var dependents: [ModuleID: Set<ModuleID>]
    /// Variables some setting, variable or configuration reads.
    var usedVariables: Set<String>
    /// `use` entries that wired nothing: (user, used entry).
    var idleUses: [(module: ModuleID, use: Located<ModuleID>)]
    /// Resolved `terraform_backend_defaults` configuration and per-group backends.
    var backends: [GroupName: ResolvedBackend]
    /// Resolved Terraform providers per group (defaults merged with the group's own).
    var providers: [GroupName: [ResolvedProvider]]
    /// The inputs of each declared validator, in `blueprint.validators` order.
    var validatorInputs: [[String: ResolvedSetting]]
    /// What `ghpc_stage()` copies into the deployment folder, by destination.
    var stagedFiles: [StagedFile] = []

    /// A resolved blueprint from its parts (Resolve makes it; a tool may build one itself).
    init(
        blueprint: Blueprint, variables: [String: Value], modules: [ResolvedModule], order: [ModuleID],
        dependents: [ModuleID: Set<ModuleID>], usedVariables: Set<String>,
        idleUses: [(module: ModuleID, use: Located<ModuleID>)],
        backends: [GroupName: ResolvedBackend], providers: [GroupName: [ResolvedProvider]],
        validatorInputs: [[String: ResolvedSetting]]
    ) {
        self.blueprint = blueprint
        self.variables = variables
        self.modules = modules
        self.positions = Self.positions(of: modules)
        self.order = order
        self.dependents = dependents
        self.usedVariables = usedVariables
        self.idleUses = idleUses
        self.backends = backends
        self.providers = providers
        self.validatorInputs = validatorInputs
    }

    private static func positions(of modules: [ResolvedModule]) -> [ModuleID: Int] {
        Dictionary(modules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The resolved module with `id`.
    func module(_ id: ModuleID) -> ResolvedModule? {
        positions[id].map { modules[$0] }
    }

    /// `deployment_name`, when it resolved to a string.
    var deploymentName: String? { variables["deployment_name"]?.string }
}

/// One module with its typed settings.
struct ResolvedModule: Sendable {
    /// The declaration.
    var declaration: ModuleDeclaration
    /// The schema of its source.
    var schema: ModuleSchema
    /// Every setting that has a value, by name.
    var settings: [String: ResolvedSetting]
    /// Settings whose written value was wrong (reported), resolved to their default so that the
    /// module still lowers and its other settings are judged; by name, with where the wrong value
    /// is. Later findings at those positions would repeat the mistake and are dropped.
    var standIns: [String: SourceLocation] = [:]

    /// The module id.
    var id: ModuleID { declaration.id.value }

    /// The value of `name`, or null.
    func value(_ name: String) -> Value {
        settings[name]?.value ?? .null
    }

    /// Where `name`'s value came from (the module id when unset).
    func location(of name: String) -> SourceLocation {
        settings[name]?.location ?? declaration.id.location
    }
}

/// A typed setting and its provenance.
struct ResolvedSetting: Sendable, Hashable {
    /// The value.
    var value: Value
    /// Where it came from.
    var origin: SettingOrigin
    /// Where it was written (the setting, the variable, the `use` entry, or the module id for defaults).
    var location: SourceLocation
    /// The variable whose value this is, when it is one variable's value (propagated, or `$(vars.x)`).
    var variable: String?

    /// Creates a setting.
    init(value: Value, origin: SettingOrigin, location: SourceLocation, variable: String? = nil) {
        self.value = value
        self.origin = origin
        self.location = location
        self.variable = variable
        if case let .variable(name) = origin { self.variable = name }
    }
}

/// How a setting got its value.
enum SettingOrigin: Sendable, Hashable {
    case explicit
    case variable(String)
    case used([ModuleID])
    case moduleID
    case defaultValue
}

/// A Terraform backend after expressions are evaluated.
@_spi(Tools) public struct ResolvedBackend: Sendable, Hashable {
    /// Backend type.
    @_spi(Tools) public var type: String
    /// Configuration values.
    @_spi(Tools) public var configuration: [String: Value]
}

/// A Terraform provider requirement and configuration after expressions are evaluated.
@_spi(Tools) public struct ResolvedProvider: Sendable, Hashable {
    /// Local name.
    @_spi(Tools) public var name: String
    /// Registry source.
    @_spi(Tools) public var source: String?
    /// Version constraint.
    @_spi(Tools) public var version: String?
    /// Configuration values.
    @_spi(Tools) public var configuration: [String: Value]
}
