/// `modules/network/private-service-access`: one module, whole.
enum PrivateServiceAccessModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "modules/network/private-service-access", cloud: .gcp,
        summary: "Private services access: a reserved range peered to Google's service producers",
        description: """
        Reserves an internal address range in the VPC and connects it to a service producer (Service \
        Networking by default), so that Filestore in PRIVATE_SERVICE_ACCESS mode and Managed Lustre get \
        addresses from it.
        """,
        settings: [
            CommonSettings.project, CommonSettings.labels, CommonSettings.networkID,
            SettingSpec("address", .string, "First address of the reserved range; null lets Google choose."),
            SettingSpec("prefix_length", .number, "Prefix length of the reserved range.", default: .int(16), constraints: [.integer, .range(min: 8, max: 29)]),
            SettingSpec("service_name", .string, "The service producer to peer with.", default: .string("servicenetworking.googleapis.com")),
            SettingSpec("deletion_policy", .string, "`ABANDON` leaves the peering in place when Terraform destroys the connection.", constraints: [.oneOf(["", "ABANDON"])]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case privateVPCConnectionPeering = "private_vpc_connection_peering"
        case connectMode = "connect_mode"
        case reservedIPRange = "reserved_ip_range"
        case cidrRange = "cidr_range"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .privateVPCConnectionPeering: (.string, "Name of the peering the connection created.")
            case .connectMode: (.string, "`PRIVATE_SERVICE_ACCESS`, for Filestore's `connect_mode`.")
            case .reservedIPRange: (.string, "Name of the reserved range, for Filestore's `reserved_ip_range`.")
            case .cidrRange: (.string, "The reserved range as CIDR.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> PrivateServiceAccess? {
        PrivateServiceAccessLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: PrivateServiceAccess, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in StorageResources.emit(entity, into: &document, references: &references) }
    }

    static func value(of output: Output, entity: PrivateServiceAccess, module: ModuleID, path: [Accessor]) -> OutputValue {
        let address = "google_compute_global_address.\(module.rawValue)"
        let base = switch output {
        case .privateVPCConnectionPeering: "google_service_networking_connection.\(module.rawValue).peering"
        case .reservedIPRange: "\(address).name"
        case .cidrRange: "\"${\(address).address}/${\(address).prefix_length}\""
        case .connectMode: nil as String?
        }
        return base.map { .expression($0 + HCL.access(path)) } ?? .known
    }
}
