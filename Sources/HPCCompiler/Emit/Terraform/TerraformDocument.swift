/// One Terraform root in JSON syntax, built up block by block.
struct TerraformDocument {
    var resources: [String: [String: JSON]] = [:]
    var dataSources: [String: [String: JSON]] = [:]
    /// `ephemeral` blocks: values Terraform opens during a run and never stores in state.
    var ephemerals: [String: [String: JSON]] = [:]
    /// The oldest Terraform the root needs (1.11 for ephemeral values and write-only arguments).
    var requiredVersion = ">= 1.5.0"
    var outputs: [String: JSON] = [:]
    var locals: [String: JSON] = [:]
    var variables: [String: JSON] = [:]
    var providers: [String: JSON] = [:]
    var requiredProviders: [String: JSON] = [:]
    var backend: (type: String, configuration: JSON)?

    /// Adds `resource "type" "name"` at `address`.
    mutating func resource(_ address: TerraformAddress, _ body: [String: JSON]) {
        precondition(address.mode == .resource, "\(address.reference) is not a resource address")
        resources[address.type, default: [:]][address.name] = .object(body.filter { $0.value != .null })
    }

    /// Adds `data "type" "name"` at `address`.
    mutating func data(_ address: TerraformAddress, _ body: [String: JSON]) {
        precondition(address.mode == .data, "\(address.reference) is not a data source address")
        dataSources[address.type, default: [:]][address.name] = .object(body.filter { $0.value != .null })
    }

    /// Adds `ephemeral "type" "name"` at `address`: its values reach only write-only arguments,
    /// never the state. Ephemeral resources and write-only arguments need Terraform 1.11.
    mutating func ephemeral(_ address: TerraformAddress, _ body: [String: JSON]) {
        precondition(address.mode == .ephemeral, "\(address.reference) is not an ephemeral address")
        ephemerals[address.type, default: [:]][address.name] = .object(body.filter { $0.value != .null })
        requiredVersion = ">= 1.11.0"
    }

    /// Sets `locals.name`.
    mutating func local(_ local: TerraformLocal, _ value: JSON) {
        locals[local.name] = value
    }

    /// The whole root as JSON.
    func json() -> JSON {
        var terraform: [String: JSON] = [
            "required_version": .string(requiredVersion),
            "required_providers": .object(requiredProviders),
        ]
        if let backend { terraform["backend"] = .object([backend.type: backend.configuration]) }
        var root: [String: JSON] = ["terraform": .object(terraform)]
        if !providers.isEmpty { root["provider"] = .object(providers) }
        if !resources.isEmpty { root["resource"] = .object(resources.mapValues { .object($0) }) }
        if !dataSources.isEmpty { root["data"] = .object(dataSources.mapValues { .object($0) }) }
        if !ephemerals.isEmpty { root["ephemeral"] = .object(ephemerals.mapValues { .object($0) }) }
        if !locals.isEmpty { root["locals"] = .object(locals) }
        if !outputs.isEmpty { root["output"] = .object(outputs) }
        if !variables.isEmpty { root["variable"] = .object(variables) }
        return .object(root)
    }
}

/// JSON building shortcuts for resource bodies.
extension JSON {
    /// A list of strings.
    static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

    /// A string map.
    static func stringMap(_ values: [String: String]) -> JSON { .object(values.mapValues(JSON.string)) }

    /// The value when the condition holds, null (dropped) otherwise.
    static func when(_ condition: Bool, _ value: @autoclosure () -> JSON) -> JSON { condition ? value() : .null }

    /// A nested block list from optional content: absent when nil.
    static func block(_ body: [String: JSON]?) -> JSON {
        guard let body else { return .null }
        return .array([.object(body.filter { $0.value != .null })])
    }
}
