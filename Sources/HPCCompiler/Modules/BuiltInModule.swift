/// A built-in module, whole: the schema blueprints are checked against, how one use of it lowers
/// to IR, the Terraform it adds to its group's root, and a value for every output. Each module
/// is one type listed once in `BuiltInModules.all`; a part left out does not compile (the
/// output switch is exhaustive, every requirement has no default).
protocol BuiltInModule: SendableMetatype {
    /// What Lower builds for one use of the module, and what its emitter and outputs read.
    associatedtype Entity: Hashable & Sendable
    /// The module's outputs.
    associatedtype Output: ModuleOutput

    /// Source path, cloud, docs and settings; the outputs come from `Output`.
    static var schema: ModuleSchema { get }

    /// Outputs every deployment exposes without being asked: how to reach what the module made
    /// and what other tools need to attach to it.
    static var exposedByDefault: [Output] { get }

    /// The module's entity, or nil when its errors (reported) leave nothing to build.
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Entity?

    /// Adds the entity's resources to the Terraform roots of the groups that own them.
    static func emit(_ entity: Entity, module: ModuleID, into roots: inout TerraformRoots)

    /// A `.known` output's value read from the entity when asked, for values not worth building
    /// for every use of the module (a nodeset's description, at 10,000 nodesets); nil by default,
    /// where Lower stores what it knows in `LoweringContext.knownOutputs`.
    static func knownValue(of output: Output, entity: Entity) -> Value?

    /// The value of `output` with `path` applied: an expression over the emitted resources, or
    /// the value Lower already knows.
    static func value(of output: Output, entity: Entity, module: ModuleID, path: [Accessor]) -> OutputValue
}

/// The names of one module's outputs, declared once; `spec` gives each its type and meaning.
protocol ModuleOutput: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    /// Type and description for the catalog.
    var spec: (type: SettingType, description: String) { get }
}

/// Where an output's value comes from.
enum OutputValue: Hashable, Sendable {
    /// A Terraform expression (no `${ }`) over the module's resources.
    case expression(String)
    /// Lower knows the value at compile time (`LoweringContext.knownOutputs`); nothing in
    /// Terraform stands behind it.
    case known
}

/// The outputs of a module that has none.
enum NoOutput: String, ModuleOutput {
    /// Never produced: `allCases` is empty and no output name reads as it. (An enum without
    /// cases would say so better, but Swift warns about every function that takes one.)
    case none = ""

    init?(rawValue: String) { nil }

    static var allCases: [NoOutput] { [] }
    var spec: (type: SettingType, description: String) { (.string, "") }
}

extension BuiltInModule where Output == NoOutput {
    /// A module without outputs is never asked for one.
    static func value(of output: NoOutput, entity: Entity, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}

extension BuiltInModule {
    static func knownValue(of output: Output, entity: Entity) -> Value? { nil }

    /// `knownValue(of:entity:)` for an output named `name` of a lowered entity of this module.
    static func knownValue(of name: String, entity lowered: LoweredEntity) -> Value? {
        guard let output = Output(rawValue: name), let entity = lowered.as(Entity.self) else { return nil }
        return knownValue(of: output, entity: entity)
    }

    /// The catalog's outputs, in declaration order.
    static var outputSpecs: [OutputSpec] {
        Output.allCases.map { OutputSpec($0.rawValue, $0.spec.type, $0.spec.description) }
    }

    /// The names of `exposedByDefault`.
    static var defaultOutputNames: [String] { exposedByDefault.map(\.rawValue) }

    /// Lowers and wraps the entity for the context's module table.
    static func lowerEntity(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LoweredEntity? {
        lower(settings, diagnostics: &diagnostics).map(LoweredEntity.init)
    }

    /// Emits a lowered entity of this module.
    static func emit(_ lowered: LoweredEntity, module: ModuleID, into roots: inout TerraformRoots) {
        // Only `lowerEntity` makes a module's entity, so it is always of this module's type.
        guard let entity = lowered.as(Entity.self) else {
            preconditionFailure("module '\(module)' holds another module's entity")
        }
        emit(entity, module: module, into: &roots)
    }

    /// The value of the output named `name`; nil for a name the module does not declare.
    static func value(
        of name: String, entity lowered: LoweredEntity, module: ModuleID, path: [Accessor]
    ) -> OutputValue? {
        guard let output = Output(rawValue: name), let entity = lowered.as(Entity.self) else { return nil }
        return value(of: output, entity: entity, module: module, path: path)
    }
}
