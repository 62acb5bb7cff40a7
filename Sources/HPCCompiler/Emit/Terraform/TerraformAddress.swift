/// The address of one block of a Terraform root: `type.name` for a resource, `data.type.name`
/// for a data source, `ephemeral.type.name` for an ephemeral resource. Each entity's addresses are
/// spelled once, beside its emitter; the emitter adds its blocks under them and the module's
/// outputs, `depends_on` lists and other resources refer to them, so an output cannot name a
/// resource that is not emitted under that name.
struct TerraformAddress: Hashable, Sendable {
    /// Which kind of block the address names.
    enum Mode: Hashable, Sendable {
        case resource, data, ephemeral
    }

    let mode: Mode
    /// The resource type (`google_compute_network`).
    let type: String
    /// The block's name (`network1`).
    let name: String

    /// `resource "type" "name"`.
    init(_ type: String, _ name: String) {
        self.init(mode: .resource, type: type, name: name)
    }

    private init(mode: Mode, type: String, name: String) {
        self.mode = mode
        self.type = type
        self.name = name
    }

    /// `data "type" "name"`.
    static func data(_ type: String, _ name: String) -> TerraformAddress {
        TerraformAddress(mode: .data, type: type, name: name)
    }

    /// `ephemeral "type" "name"`.
    static func ephemeral(_ type: String, _ name: String) -> TerraformAddress {
        TerraformAddress(mode: .ephemeral, type: type, name: name)
    }

    /// The expression naming the block, as `depends_on` and `replace_triggered_by` list it:
    /// `type.name`, `data.type.name`, `ephemeral.type.name`.
    var reference: String {
        switch mode {
        case .resource: "\(type).\(name)"
        case .data: "data.\(type).\(name)"
        case .ephemeral: "ephemeral.\(type).\(name)"
        }
    }

    /// An attribute of the block (`type.name.id`); `attribute` may continue with a path
    /// (`networks[0].ip_addresses[0]`).
    func attribute(_ attribute: String) -> String {
        "\(reference).\(attribute)"
    }

    /// The attribute interpolated into a Terraform JSON string: `${type.name.id}`.
    func interpolation(_ attribute: String) -> String {
        "${\(self.attribute(attribute))}"
    }

    /// The attribute as a Terraform JSON string value.
    func json(_ attribute: String) -> JSON {
        .string(interpolation(attribute))
    }
}

/// A named value of a Terraform root's `locals`, read as `local.name`.
struct TerraformLocal: Hashable, Sendable {
    let name: String

    init(_ name: String) {
        self.name = name
    }

    /// `local.name`.
    var reference: String { "local.\(name)" }
}

extension JSON {
    /// A `depends_on` (or `replace_triggered_by`) list naming `addresses`.
    static func addresses(_ addresses: [TerraformAddress]) -> JSON {
        .strings(addresses.map(\.reference))
    }
}
