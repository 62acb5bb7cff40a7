/// The list-of-interfaces outputs of the network modules (`instance_additional_networks`,
/// `subnetwork_interfaces`, `additional_networks`): known at compile time, so an instance module
/// writes one `network_interface` per element (`AdditionalNetworks`), and an expression whose
/// network and subnetwork read the resources, so Terraform orders the instances after them.
struct InterfaceOutput: Hashable, Sendable {
    /// One interface: its fields as Cluster Toolkit's modules write them, and HCL expressions
    /// for those that name a resource (network, subnetwork).
    struct Element: Hashable, Sendable {
        /// Every field, known at compile time (names and self links are fixed by the blueprint).
        var fields: [String: Value]
        /// Expressions standing for fields that are resources Terraform creates.
        var expressions: [String: String]
    }

    /// The elements, in order.
    var elements: [Element]

    /// An element with Cluster Toolkit's field set: the given values, the rest null or empty.
    static func element(
        network: (Value, String?), subnetwork: (Value, String?), project: String?, nicType: String?,
        stackType: String?, networkIP: Value = .null
    ) -> Element {
        let fields: [String: Value] = [
            "network": network.0, "subnetwork": subnetwork.0, "subnetwork_project": project.map(Value.string) ?? .null,
            "network_ip": networkIP, "nic_type": nicType.map(Value.string) ?? .null,
            "stack_type": stackType.map(Value.string) ?? .null, "queue_count": .null, "access_config": .list([]),
            "ipv6_access_config": .list([]), "alias_ip_range": .list([]),
        ]
        var expressions: [String: String] = [:]
        if let expression = network.1 { expressions["network"] = expression }
        if let expression = subnetwork.1 { expressions["subnetwork"] = expression }
        return Element(fields: fields, expressions: expressions)
    }

    /// The compile-time value.
    var known: Value { .list(elements.map { .map($0.fields) }) }

    /// The HCL expression for the output with `path` applied; one element's resource field is
    /// that resource's attribute itself.
    func expression(_ path: [Accessor]) -> String {
        if case let .index(index)? = path.first, elements.indices.contains(index) {
            let element = elements[index]
            if path.count > 1, case let .key(key) = path[1], let expression = element.expressions[key] {
                return expression + HCL.access(Array(path.dropFirst(2)))
            }
            return Self.object(element) + HCL.access(Array(path.dropFirst()))
        }
        return "[" + elements.map(Self.object).joined(separator: ", ") + "]" + HCL.access(path)
    }

    /// `{network = ..., subnetwork = ..., ...}`, keys sorted.
    private static func object(_ element: Element) -> String {
        "{"
            + element.fields.keys.sorted().map { key in
                "\(key) = \(element.expressions[key] ?? HCL.literal(element.fields[key]!))"
            }.joined(separator: ", ") + "}"
    }
}
