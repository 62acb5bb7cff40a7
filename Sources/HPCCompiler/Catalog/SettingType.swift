/// The type of a module setting or output, in Terraform's type language.
public indirect enum SettingType: Hashable, Sendable {
    case string
    case number
    case bool
    /// Any value (Terraform `any`): typed from YAML by the core schema.
    case any
    case list(SettingType)
    case map(SettingType)
    case object([ObjectAttribute])

    /// The type in Terraform syntax: `list(object({type=string, count=number}))`.
    public var terraformSyntax: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .any: "any"
        case let .list(element): "list(\(element.terraformSyntax))"
        case let .map(element): "map(\(element.terraformSyntax))"
        case let .object(attributes):
            "object({"
                + attributes.map { attribute in
                    let defaultValue = attribute.defaultValue.map { ", \(ValueText.hcl($0))" } ?? ""
                    let type =
                        attribute.optional
                        ? "optional(\(attribute.type.terraformSyntax)\(defaultValue))"
                        : attribute.type.terraformSyntax
                    return "\(attribute.name)=\(type)"
                }.joined(separator: ", ") + "})"
        }
    }

    /// True for list types (inputs that collect from every used module).
    public var isList: Bool {
        if case .list = self { return true }
        return false
    }

    /// Whether a value of type `other` (an output) can feed an input of this type, directly or as one list element.
    func accepts(_ other: SettingType) -> Bool {
        if self == other || self == .any || other == .any { return true }
        switch (self, other) {
        case let (.list(a), .list(b)), let (.map(a), .map(b)): return a.accepts(b)
        case (.object, .object), (.object, .map), (.map, .object): return true
        case let (.list(element), _): return element.accepts(other)
        default: return false
        }
    }
}

/// One attribute of an object type.
public struct ObjectAttribute: Hashable, Sendable {
    /// Attribute name.
    public var name: String
    /// Attribute type.
    public var type: SettingType
    /// Whether it may be left out.
    public var optional: Bool
    /// The value used when it is left out.
    public var defaultValue: Value?
    /// Checks beyond the type, as for a setting.
    public var constraints: [Constraint] = []

    /// A required attribute.
    static func required(_ name: String, _ type: SettingType, constraints: [Constraint] = []) -> ObjectAttribute {
        ObjectAttribute(name: name, type: type, optional: false, defaultValue: nil, constraints: constraints)
    }

    /// An optional attribute, with an optional default.
    static func optional(
        _ name: String, _ type: SettingType, _ defaultValue: Value? = nil, constraints: [Constraint] = []
    ) -> ObjectAttribute {
        ObjectAttribute(name: name, type: type, optional: true, defaultValue: defaultValue, constraints: constraints)
    }
}
