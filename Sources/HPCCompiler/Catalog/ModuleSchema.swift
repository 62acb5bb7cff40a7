/// The cloud a module provisions on.
public enum Cloud: String, Hashable, Sendable {
    case gcp = "GCP"
    case aws = "AWS"
    case any = "any"
    /// Machines that exist already: no Terraform.
    case onPremises = "none"
}

/// One input of a module.
public struct SettingSpec: Hashable, Sendable {
    /// Setting name (Cluster Toolkit's where it has one).
    public var name: String
    /// Type.
    public var type: SettingType
    /// What it means, in one or two sentences.
    public var description: String
    /// Required when no default, variable or used module provides it.
    public var required: Bool
    /// The value used when nothing sets it (nil means null).
    public var defaultValue: Value?
    /// Checks beyond the type.
    public var constraints: [Constraint]
    /// Whether hpcc acts on it.
    public var effect: SettingEffect
    /// When unset, the module's id is used (Cluster Toolkit's `inject_module_id`).
    public var defaultsToModuleID: Bool
    /// An explicit null is kept rather than replaced by the default: for a setting whose default
    /// turns something on, null turns it off (Terraform's nullable variables). Any other null
    /// means unset. Lower reads such a setting with `read`, not `read(defaulted:)`.
    public var nullTurnsOff: Bool
    /// For a removed setting that was only renamed (same type and meaning): the new name, which a
    /// fix writes in its place.
    var renamedTo: String?

    /// Creates a setting.
    init(
        _ name: String, _ type: SettingType, _ description: String, required: Bool = false,
        default defaultValue: Value? = nil,
        constraints: [Constraint] = [], effect: SettingEffect = .implemented, defaultsToModuleID: Bool = false,
        nullTurnsOff: Bool = false
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
        self.defaultValue = defaultValue
        self.constraints = constraints
        self.effect = effect
        self.defaultsToModuleID = defaultsToModuleID
        self.nullTurnsOff = nullTurnsOff
    }
}

/// One output of a module.
public struct OutputSpec: Hashable, Sendable {
    /// Output name.
    public var name: String
    /// Type.
    public var type: SettingType
    /// What it holds.
    public var description: String

    /// Creates an output.
    init(_ name: String, _ type: SettingType, _ description: String) {
        self.name = name
        self.type = type
        self.description = description
    }
}

/// A built-in module as the catalog shows it: the schema users write settings against.
public struct ModuleSchema: Hashable, Sendable {
    /// The source path (`modules/file-system/filestore`).
    public var source: String
    /// Cloud.
    public var cloud: Cloud
    /// One line for `hpcc modules`.
    public var summary: String
    /// A paragraph for the module's README.
    public var description: String
    /// Inputs.
    public var settings: [SettingSpec]
    /// Outputs.
    public var outputs: [OutputSpec]
    /// True when the module does nothing unless another module uses it (an error otherwise).
    public var mustBeUsed: Bool
    /// What to do about an unused module that must be used, for the diagnostic's help.
    public var unusedHelp: String?
    /// Further sections of the module's reference page (Markdown, `##` headings); empty for none.
    public var guide: String = ""

    /// The setting named `name`.
    public func setting(_ name: String) -> SettingSpec? {
        settings.first { $0.name == name }
    }

    /// The output named `name`.
    public func output(_ name: String) -> OutputSpec? {
        outputs.first { $0.name == name }
    }
}
