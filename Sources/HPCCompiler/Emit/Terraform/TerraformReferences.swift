/// Turns module references and Terraform text into expressions for one group's root. A
/// reference to a module of an earlier group becomes `var.<output>_<module>` here, and the
/// owning group is told to export that output.
struct TerraformReferences {
    let index: DeploymentIndex
    let group: GroupName
    /// Outputs of other groups this group reads: variable name → (owner group, module, output).
    private(set) var imports: [String: (group: GroupName, module: ModuleID, output: String)] = [:]
    /// References with neither an expression nor a compile-time value: an internal error, since
    /// every output a module declares has one or the other.
    private(set) var unexpressed: [ModuleReference] = []

    init(index: DeploymentIndex, group: GroupName) {
        self.index = index
        self.group = group
    }

    /// The HCL expression for a module output (no `${ }`), inside `merge()` when the blueprint
    /// merges members over it.
    mutating func expression(_ reference: ModuleReference) -> String {
        let plain = plainExpression(reference)
        return reference.merged.isEmpty ? plain : "merge(\(plain), \(HCL.literal(.map(reference.merged))))"
    }

    /// The HCL expression for the output itself.
    private mutating func plainExpression(_ reference: ModuleReference) -> String {
        let owner = index.group(of: reference.module)
        if let owner, owner != group {
            let name = Self.crossGroupName(module: reference.module, output: reference.output)
            imports[name] = (owner, reference.module, reference.output)
            return "var.\(name)" + HCL.access(reference.path)
        }
        if case let .expression(expression)? = index.value(
            of: reference.output, module: reference.module, path: reference.path)
        {
            return expression
        }
        guard let known = reference.known else {
            unexpressed.append(reference)
            return "null"
        }
        return HCL.literal(known)
    }

    /// The value of a Terraform output for `reference`: an expression over the resources, or the
    /// literal value when no resource stands behind it.
    mutating func outputValue(_ reference: ModuleReference) -> JSON {
        if index.group(of: reference.module) == group,
            index.value(of: reference.output, module: reference.module, path: reference.path) == .known,
            let known = reference.known
        {
            return TerraformValues.json(known)
        }
        return .string(Self.interpolation(expression(reference)))
    }

    /// `${expression}`, spaced when the expression is an object constructor.
    static func interpolation(_ expression: String) -> String {
        expression.hasPrefix("{") ? "${ \(expression) }" : "${\(expression)}"
    }

    /// The JSON string for Terraform text: literal parts escaped, references interpolated.
    mutating func template(_ text: TerraformText) -> String {
        text.parts.map { part in
            switch part {
            case let .literal(literal): HCL.escapeTemplate(literal)
            case let .reference(reference): Self.interpolation(expression(reference))
            case let .raw(raw): "${" + raw + "}"
            }
        }.joined()
    }

    /// A JSON string value for Terraform text.
    mutating func json(_ text: TerraformText) -> JSON {
        .string(template(text))
    }

    /// The HCL expression for Terraform text (a quoted template or a single reference).
    mutating func hcl(_ text: TerraformText) -> String {
        if text.parts.count == 1, case let .reference(reference) = text.parts[0] { return expression(reference) }
        if text.parts.count == 1, case let .raw(raw) = text.parts[0] { return raw }
        return "\""
            + text.parts.map { part -> String in
                switch part {
                case let .literal(literal): String(HCL.quoted(literal).dropFirst().dropLast())
                case let .reference(reference): "${" + expression(reference) + "}"
                case let .raw(raw): "${" + raw + "}"
                }
            }.joined() + "\""
    }

    /// The network id for a network attachment.
    mutating func networkID(_ attachment: NetworkAttachment) -> JSON {
        network(attachment, output: "network_id")
    }

    /// The network name (for resources that take a name) of a network attachment.
    mutating func networkName(_ attachment: NetworkAttachment) -> JSON {
        network(attachment, output: "network_name")
    }

    /// The network self link of a network attachment (for arguments that take no id).
    mutating func networkSelfLink(_ attachment: NetworkAttachment) -> JSON {
        network(attachment, output: "network_self_link")
    }

    /// The subnetwork self link of a subnetwork attachment.
    mutating func subnetwork(_ attachment: SubnetworkAttachment) -> JSON {
        switch attachment {
        case let .module(module): moduleOutput(module, "subnetwork_self_link")
        case let .external(text): json(text)
        }
    }

    private mutating func network(_ attachment: NetworkAttachment, output: String) -> JSON {
        switch attachment {
        case let .module(module): moduleOutput(module, output)
        case let .external(text): json(text)
        }
    }

    private mutating func moduleOutput(_ module: ModuleID, _ output: String) -> JSON {
        .string(Self.interpolation(expression(ModuleReference(module: module, output: output, path: [], known: nil))))
    }

    /// Resources of this group to wait for (resources of earlier groups exist already).
    func dependencies(_ addresses: [(ModuleID, TerraformAddress)]) -> JSON {
        let local = addresses.filter { index.group(of: $0.0) == group }.map(\.1)
        return local.isEmpty ? .null : .addresses(local)
    }

    /// The variable name for a cross-group output, as Cluster Toolkit names it.
    static func crossGroupName(module: ModuleID, output: String) -> String {
        "\(output)_\(module.rawValue)"
    }
}
