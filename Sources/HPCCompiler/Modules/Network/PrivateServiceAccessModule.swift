/// `modules/network/private-service-access`: one module, whole.
enum PrivateServiceAccessModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let address = SettingKey<String>("address")
        static let prefixLength = SettingKey<Int>("prefix_length")
        static let serviceName = SettingKey<String>("service_name")
        static let deletionPolicy = SettingKey<String>("deletion_policy")
    }

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
            SettingSpec(Key.address, .string, "First address of the reserved range; null lets Google choose."),
            SettingSpec(
                Key.prefixLength, .number, "Prefix length of the reserved range.", default: .int(16),
                constraints: [.integer, .range(min: 8, max: 29)]),
            SettingSpec(
                Key.serviceName, .string, "The service producer to peer with.",
                default: .string("servicenetworking.googleapis.com")),
            SettingSpec(
                Key.deletionPolicy, .string,
                "`ABANDON` leaves the peering in place when Terraform destroys the connection.",
                constraints: [.oneOf([""] + ServiceConnectionDeletionPolicy.allCases.map(\.rawValue))]),
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
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let network = settings.networkAttachment(CommonKey.networkID, diagnostics: &diagnostics)
        else { return nil }
        let prefix = settings.read(defaulted: Key.prefixLength, diagnostics: &diagnostics)
        let address = settings.read(Key.address, diagnostics: &diagnostics)
        if let address, CIDR("\(address)/\(prefix)") == nil {
            diagnostics.report(
                .invalidNetworkRange, "address '\(address)' is not the start of a /\(prefix) block",
                at: settings.location(Key.address))
        }
        // The empty string the schema admits means no policy.
        let deletionPolicy = settings.read(Key.deletionPolicy, diagnostics: &diagnostics).flatMap(
            ServiceConnectionDeletionPolicy.init(rawValue:))
        let access = PrivateServiceAccess(
            origin: settings.origin(diagnostics: &diagnostics), project: project,
            addressName: ResourceName.make(
                ResourceName.autoName(settings.context.deployment.name), settings.id.rawValue),
            network: network, address: address, prefixLength: prefix,
            service: settings.read(defaulted: Key.serviceName, diagnostics: &diagnostics),
            deletionPolicy: deletionPolicy
        )
        settings.context.deployment.privateServiceAccesses.append(access)
        var known: [String: Value] = [
            Output.connectMode.rawValue: .string(FilestoreConnectMode.privateServiceAccess.rawValue),
            Output.reservedIPRange.rawValue: .string(access.addressName),
        ]
        if let address { known[Output.cidrRange.rawValue] = .string("\(address)/\(prefix)") }
        settings.context.knownOutputs[settings.id] = known
        return access
    }

    static func emit(_ entity: PrivateServiceAccess, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            StorageResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(
        of output: Output, entity: PrivateServiceAccess, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        let range = StorageResources.reservedRange(module)
        let base =
            switch output {
            case .privateVPCConnectionPeering: StorageResources.peering(module).attribute("peering")
            case .reservedIPRange: range.attribute("name")
            case .cidrRange: "\"\(range.interpolation("address"))/\(range.interpolation("prefix_length"))\""
            case .connectMode: nil as String?
            }
        return base.map { .expression($0 + HCL.access(path)) } ?? .known
    }
}
