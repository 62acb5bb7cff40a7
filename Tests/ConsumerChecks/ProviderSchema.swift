import Foundation

/// A Terraform value type, as provider schemas spell it (`"string"`, `["list", "string"]`, ...).
public indirect enum TerraformType: Equatable, Sendable, CustomStringConvertible {
    case string, number, bool, dynamic
    case list(TerraformType), set(TerraformType), map(TerraformType)
    case object([String: TerraformType])
    case tuple([TerraformType])

    /// Reads the JSON form used by `terraform providers schema -json`.
    init(json: Any) throws {
        if let name = json as? String {
            switch name {
            case "string": self = .string
            case "number": self = .number
            case "bool": self = .bool
            case "dynamic": self = .dynamic
            default: throw ProviderSchema.Malformed(message: "unknown type \(name)")
            }
            return
        }
        guard let parts = json as? [Any], parts.count >= 2, let kind = parts[0] as? String else {
            throw ProviderSchema.Malformed(message: "unreadable type \(json)")
        }
        switch kind {
        case "list": self = .list(try TerraformType(json: parts[1]))
        case "set": self = .set(try TerraformType(json: parts[1]))
        case "map": self = .map(try TerraformType(json: parts[1]))
        case "object":
            let attributes = parts[1] as? [String: Any] ?? [:]
            self = .object(try attributes.mapValues(TerraformType.init(json:)))
        case "tuple":
            self = .tuple(try (parts[1] as? [Any] ?? []).map(TerraformType.init(json:)))
        default: throw ProviderSchema.Malformed(message: "unknown type \(kind)")
        }
    }

    public var description: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .dynamic: "any"
        case let .list(element): "list(\(element))"
        case let .set(element): "set(\(element))"
        case let .map(element): "map(\(element))"
        case .object: "object"
        case .tuple: "tuple"
        }
    }
}

/// An argument or exported attribute of a resource, data source or provider.
public struct SchemaAttribute: Sendable {
    public var type: TerraformType
    public var required = false
    public var optional = false
    public var computed = false

    /// Set only by the provider: cannot appear in configuration.
    public var computedOnly: Bool { computed && !optional && !required }
}

/// A nested block type (`network_interface { ... }`).
public struct NestedBlockType: Sendable {
    public var block: SchemaBlock
    public var minItems = 0
    public var maxItems: Int?
}

/// The body schema of a resource, data source, provider or nested block.
public struct SchemaBlock: Sendable {
    public var attributes: [String: SchemaAttribute] = [:]
    public var blockTypes: [String: NestedBlockType] = [:]

    init() {}

    init(json: [String: Any]) throws {
        for (name, value) in json["attributes"] as? [String: Any] ?? [:] {
            guard let attribute = value as? [String: Any] else { continue }
            let type: TerraformType
            if let cty = attribute["type"] {
                type = try TerraformType(json: cty)
            } else if let nested = attribute["nested_type"] as? [String: Any] {
                // Plugin framework attributes with nested attributes: an object, or a collection of them.
                let inner = try SchemaBlock(json: nested)
                let object = TerraformType.object(inner.attributes.mapValues(\.type))
                switch nested["nesting_mode"] as? String {
                case "list": type = .list(object)
                case "set": type = .set(object)
                case "map": type = .map(object)
                default: type = object
                }
            } else {
                type = .dynamic
            }
            attributes[name] = SchemaAttribute(
                type: type,
                required: attribute["required"] as? Bool ?? false,
                optional: attribute["optional"] as? Bool ?? false,
                computed: attribute["computed"] as? Bool ?? false)
        }
        for (name, value) in json["block_types"] as? [String: Any] ?? [:] {
            guard let nested = value as? [String: Any] else { continue }
            var maxItems = nested["max_items"] as? Int
            if nested["nesting_mode"] as? String == "single" { maxItems = 1 }
            blockTypes[name] = NestedBlockType(
                block: try SchemaBlock(json: nested["block"] as? [String: Any] ?? [:]),
                minItems: nested["min_items"] as? Int ?? 0,
                maxItems: maxItems)
        }
    }
}

/// One provider's schema: what `terraform providers schema -json` prints for it, or hpcc's
/// committed extract of the Google provider in the same format.
public struct ProviderSchema: Sendable {
    public struct Malformed: Error, CustomStringConvertible {
        public let message: String
        public var description: String { "malformed provider schema: \(message)" }
    }

    /// Registry address, `registry.terraform.io/hashicorp/google`.
    public var source: String
    /// Provider version, when the schema says.
    public var version: String?
    public var provider: SchemaBlock
    public var resources: [String: SchemaBlock]
    public var dataSources: [String: SchemaBlock]
    /// Every resource and data source type of the provider, when the schema is an extract that
    /// holds full schemas only for some of them.
    public var allResourceTypes: Set<String>?
    public var allDataSourceTypes: Set<String>?
    /// Ephemeral resource types (`ephemeral "aws_secretsmanager_random_password"`).
    public var ephemeralResources: [String: SchemaBlock] = [:]

    /// Short name for messages: `google 6.50.0`.
    public var label: String {
        (source.split(separator: "/").last.map(String.init) ?? source) + (version.map { " " + $0 } ?? "")
    }

    /// Every provider in a `terraform providers schema -json` document (or an hpcc extract).
    public static func load(_ data: Data, version: String? = nil) throws -> [ProviderSchema] {
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let providers = root["provider_schemas"] as? [String: Any]
        else {
            throw Malformed(message: "no provider_schemas")
        }
        let extract = root["hpcc_extract"] as? [String: Any]
        return try providers.keys.sorted().map { source in
            let body = providers[source] as? [String: Any] ?? [:]
            func blocks(_ key: String) throws -> [String: SchemaBlock] {
                try (body[key] as? [String: Any] ?? [:]).mapValues {
                    try SchemaBlock(json: ($0 as? [String: Any])?["block"] as? [String: Any] ?? [:])
                }
            }
            let own = extract?["provider"] as? String == source
            return ProviderSchema(
                source: source,
                version: own ? extract?["provider_version"] as? String : version,
                provider: try SchemaBlock(
                    json: (body["provider"] as? [String: Any])?["block"] as? [String: Any] ?? [:]),
                resources: try blocks("resource_schemas"),
                dataSources: try blocks("data_source_schemas"),
                allResourceTypes: own ? (extract?["resource_types"] as? [String]).map(Set.init) : nil,
                allDataSourceTypes: own ? (extract?["data_source_types"] as? [String]).map(Set.init) : nil,
                ephemeralResources: try blocks("ephemeral_resource_schemas"))
        }
    }

    /// Terraform's built-in provider, which `providers schema -json` does not list:
    /// `terraform_data` is all hpcc uses of it.
    public static let builtin: ProviderSchema = {
        var data = SchemaBlock()
        data.attributes = [
            "id": SchemaAttribute(type: .string, computed: true),
            "input": SchemaAttribute(type: .dynamic, optional: true),
            "output": SchemaAttribute(type: .dynamic, computed: true),
            "triggers_replace": SchemaAttribute(type: .dynamic, optional: true),
        ]
        return ProviderSchema(
            source: "terraform.io/builtin/terraform", version: nil, provider: SchemaBlock(),
            resources: ["terraform_data": data], dataSources: [:])
    }()
}
