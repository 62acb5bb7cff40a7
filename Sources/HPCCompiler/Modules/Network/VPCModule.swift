/// `modules/network/vpc`: one module, whole.
enum VPCModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let networkName = SettingKey<String>("network_name")
        static let subnetworkName = SettingKey<String>("subnetwork_name")
        static let addressRange = SettingKey<String>("network_address_range")
        static let primarySubnetworkSize = SettingKey<Int>("default_primary_subnetwork_size")
        static let subnetworks = SettingKey<Value>("subnetworks")
        static let secondaryRanges = SettingKey<Value>("secondary_ranges")
        static let secondaryRangesList = SettingKey<Value>("secondary_ranges_list")
        static let routingMode = SettingKey<NetworkRoutingMode>("network_routing_mode")
        static let description = SettingKey<String>("network_description")
        static let mtu = SettingKey<Int>("mtu")
        static let enableIAP = SettingKey<Bool>("enable_iap")
        static let iapSSH = SettingKey<Bool>("enable_iap_ssh_ingress")
        static let iapRDP = SettingKey<Bool>("enable_iap_rdp_ingress")
        static let iapWinRM = SettingKey<Bool>("enable_iap_winrm_ingress")
        static let extraIAPPorts = SettingKey<[String]>("extra_iap_ports")
        static let internalTraffic = SettingKey<Bool>("enable_internal_traffic")
        static let allowedSSHRanges = SettingKey<[String]>("allowed_ssh_ip_ranges")
        static let firewallRules = SettingKey<Value>("firewall_rules")
        static let firewallLogConfig = SettingKey<String>("firewall_log_config")
        static let cloudRouter = SettingKey<Bool>("enable_cloud_router")
        static let cloudNAT = SettingKey<Bool>("enable_cloud_nat")
        static let ipsPerNAT = SettingKey<Int>("ips_per_nat")
        static let subnetworkPrivateAccess = SettingKey<Bool>("subnetwork_private_access")
        static let subnetworkStackType = SettingKey<String>("subnetwork_stack_type")
        static let subnetworkIPv6AccessType = SettingKey<String>("subnetwork_ipv6_access_type")
        static let ipv6ULA = SettingKey<Bool>("enable_ipv6_ula")
        static let internalIPv6Range = SettingKey<String>("internal_ipv6_range")
        static let sharedVPCHost = SettingKey<Bool>("shared_vpc_host")
        static let networkProfile = SettingKey<String>("network_profile")
        static let nicType = SettingKey<String>("nic_type")
    }

    static let schema = ModuleSchema(
        source: "modules/network/vpc", cloud: .gcp,
        summary: "VPC network with subnetworks, Cloud Router + NAT and firewall rules",
        description: """
            Creates a VPC network, its subnetworks (a primary one carved from `network_address_range` unless \
            `subnetworks` lists them), one Cloud Router with Cloud NAT per subnetwork region, and firewall rules \
            for internal traffic and SSH through Identity-Aware Proxy.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.labels,
            SettingSpec(
                Key.networkName, .string, "VPC name; null means `<deployment_name>-net`.",
                constraints: [
                    .pattern(
                        "[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
                        description: "a Compute Engine name (lowercase letters, digits, '-'; at most 63)")
                ]),
            SettingSpec(
                Key.subnetworkName, .string,
                "Name of the primary subnetwork; null means `<deployment_name>-primary-subnet`.",
                constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name")]),
            SettingSpec(
                Key.addressRange, .string,
                """
                Address space of the network; the primary subnetwork and `new_bits` subnetworks are carved from it, \
                and the internal-traffic rule admits it.
                """,
                default: .string("10.0.0.0/9")),
            SettingSpec(
                Key.primarySubnetworkSize, .number,
                "Extra prefix bits of the primary subnetwork within `network_address_range`.",
                default: .int(15), constraints: [.integer, .range(min: 0, max: 29)]),
            SettingSpec(
                Key.subnetworks, .list(.map(.string)),
                """
                Subnetworks to create instead of the primary one: `subnet_name`, `subnet_region`, and `subnet_ip` or \
                `new_bits`; optional `subnet_private_access`, `subnet_flow_logs`, `description`. The first is the \
                primary.
                """,
                default: .list([])),
            SettingSpec(
                Key.secondaryRanges,
                .map(.list(.object([.required("range_name", .string), .required("ip_cidr_range", .string)]))),
                "Secondary ranges keyed by subnetwork name.", default: .map([:])),
            SettingSpec(
                Key.secondaryRangesList,
                .list(
                    .object([
                        .required("subnetwork_name", .string),
                        .required(
                            "ranges",
                            .list(.object([.required("range_name", .string), .required("ip_cidr_range", .string)]))),
                    ])),
                "Secondary ranges as a list; wins over `secondary_ranges` when not empty.", default: .list([])),
            SettingSpec(
                Key.routingMode, .string, "Dynamic routing mode.", default: .string(NetworkRoutingMode.global.rawValue),
                constraints: [.oneOf(NetworkRoutingMode.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.description, .string, "Description of the network (changing it replaces the network).",
                default: .string("")),
            SettingSpec(
                Key.mtu, .number, "Maximum transmission unit; 0 keeps Compute Engine's default.", default: .int(8896),
                constraints: [.integer, .range(min: 0, max: 8896)]),
            SettingSpec(
                Key.enableIAP, .bool,
                "Create the firewall rule admitting Identity-Aware Proxy (35.235.240.0/20) on the IAP ports.",
                default: .bool(true)),
            SettingSpec(Key.iapSSH, .bool, "Admit TCP 22 through IAP.", default: .bool(true)),
            SettingSpec(Key.iapRDP, .bool, "Admit TCP 3389 through IAP.", default: .bool(false)),
            SettingSpec(Key.iapWinRM, .bool, "Admit TCP 5986 through IAP.", default: .bool(false)),
            SettingSpec(Key.extraIAPPorts, .list(.string), "More TCP ports to admit through IAP.", default: .list([])),
            SettingSpec(
                Key.internalTraffic, .bool, "Allow all TCP, UDP and ICMP traffic within `network_address_range`.",
                default: .bool(true)),
            SettingSpec(
                Key.allowedSSHRanges, .list(.string), "Source ranges allowed to reach TCP 22 directly.",
                default: .list([])),
            SettingSpec(Key.firewallRules, .list(firewallRule), "Extra firewall rules.", default: .list([])),
            SettingSpec(
                Key.firewallLogConfig, .string, "Logging of the rules hpcc creates.",
                default: .string("DISABLE_LOGGING"),
                constraints: [.oneOf(["INCLUDE_ALL_METADATA", "EXCLUDE_ALL_METADATA", "DISABLE_LOGGING"])]),
            SettingSpec(Key.cloudRouter, .bool, "Create a Cloud Router per subnetwork region.", default: .bool(true)),
            SettingSpec(
                Key.cloudNAT, .bool, "Create Cloud NAT on each router (needs `enable_cloud_router`).",
                default: .bool(true)),
            SettingSpec(
                Key.ipsPerNAT, .number, "Static external addresses reserved per Cloud NAT; 0 creates no NAT.",
                default: .int(2), constraints: [.integer, .range(min: 0, max: 64)]),
            SettingSpec(
                Key.subnetworkPrivateAccess, .bool, "Private Google Access on the primary subnetwork.",
                default: .bool(true)),
            SettingSpec(
                Key.subnetworkStackType, .string, "Stack type of the primary subnetwork.",
                default: .string(SubnetworkStackType.ipv4Only.rawValue),
                constraints: [.oneOf(SubnetworkStackType.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.subnetworkIPv6AccessType, .string, "IPv6 access type of the primary subnetwork.",
                constraints: [.oneOf(SubnetworkIPv6AccessType.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.ipv6ULA, .bool, "Give the network an internal IPv6 ULA range (cannot be undone).",
                default: .bool(false)),
            SettingSpec(Key.internalIPv6Range, .string, "The /48 ULA range to use with `enable_ipv6_ula`."),
            SettingSpec(Key.sharedVPCHost, .bool, "Make the project a Shared VPC host.", default: .bool(false)),
            networkProfileSpec,
            SettingSpec(
                Key.nicType, .string,
                "NIC type of the interface `instance_additional_networks` gives instances (`IRDMA` for RDMA).",
                default: .string("GVNIC"), constraints: [.oneOf(InterfaceNICType.all)]),
        ]
            + CommonSettings.unsupported([
                (
                    "delete_default_internet_gateway_routes", .bool, .bool(false),
                    "deleting the network's default internet gateway routes"
                )
            ])
            + CommonSettings.renamed([("subnetwork_size", "default_primary_subnetwork_size")])
            + CommonSettings.deprecated([
                ("primary_subnetwork", "use subnetworks"),
                ("additional_subnetworks", "use subnetworks"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of the modules that attach to it"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkName = "network_name"
        case networkID = "network_id"
        case networkSelfLink = "network_self_link"
        case subnetwork = "subnetwork"
        case subnetworks = "subnetworks"
        case subnetworkName = "subnetwork_name"
        case subnetworkSelfLink = "subnetwork_self_link"
        case subnetworkAddress = "subnetwork_address"
        case natIPs = "nat_ips"
        case instanceAdditionalNetworks = "instance_additional_networks"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkName: (.string, "Name of the network.")
            case .networkID: (.string, "Id of the network (`projects/P/global/networks/N`).")
            case .networkSelfLink: (.string, "Self link of the network.")
            case .subnetwork: (.map(.string), "The primary subnetwork: name, region, ip_cidr_range, self_link.")
            case .subnetworks: (.map(.map(.string)), "Every subnetwork, keyed `region/name`.")
            case .subnetworkName: (.string, "Name of the primary subnetwork.")
            case .subnetworkSelfLink: (.string, "Self link of the primary subnetwork.")
            case .subnetworkAddress: (.string, "Address range of the primary subnetwork.")
            case .natIPs: (.list(.string), "External addresses of the Cloud NATs (empty with automatic allocation).")
            case .instanceAdditionalNetworks:
                (
                    .list(.map(.any)),
                    "The primary subnetwork as a one-interface list, for an instance's `additional_networks`."
                )
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkID, .subnetworkSelfLink]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Network? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let rangeText = settings.read(Key.addressRange, diagnostics: &diagnostics)
        else { return nil }
        let autoName = ResourceName.autoName(deployment)
        let name = settings.read(Key.networkName, diagnostics: &diagnostics) ?? "\(autoName)-net"
        guard let range = CIDR(rangeText) else {
            diagnostics.report(
                .invalidNetworkRange, "network_address_range '\(rangeText)' is not an IPv4 CIDR block",
                at: settings.location(Key.addressRange),
                help: "write it as a.b.c.d/n with the host bits zero, e.g. 10.0.0.0/9")
            return nil
        }
        guard
            var subnetworks = lowerSubnetworks(
                settings, range: range, region: region, autoName: autoName, diagnostics: &diagnostics)
        else { return nil }
        attachSecondaryRanges(settings, to: &subnetworks, diagnostics: &diagnostics)
        checkOverlaps(subnetworks, settings: settings, diagnostics: &diagnostics)

        let network = Network(
            origin: settings.origin(diagnostics: &diagnostics), project: project, name: name,
            description: settings.read(defaulted: Key.description, diagnostics: &diagnostics),
            routingMode: settings.read(defaulted: Key.routingMode, diagnostics: &diagnostics),
            mtu: settings.read(defaulted: Key.mtu, diagnostics: &diagnostics),
            subnetworks: subnetworks,
            firewallRules: firewallRules(settings, network: name, range: rangeText, diagnostics: &diagnostics),
            routers: routers(settings, network: name, regions: subnetworks.map(\.region), diagnostics: &diagnostics),
            ipv6ULA: settings.read(defaulted: Key.ipv6ULA, diagnostics: &diagnostics),
            internalIPv6Range: settings.read(Key.internalIPv6Range, diagnostics: &diagnostics),
            sharedVPCHost: settings.read(defaulted: Key.sharedVPCHost, diagnostics: &diagnostics),
            profile: settings.read(Key.networkProfile, diagnostics: &diagnostics),
            nicType: settings.read(defaulted: Key.nicType, diagnostics: &diagnostics)
        )
        checkProfile(network, settings: settings, diagnostics: &diagnostics)
        settings.context.deployment.networks.append(network)
        settings.context.knownOutputs[settings.id] = knownOutputs(network)
        return network
    }

    static func emit(_ entity: Network, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            NetworkResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: Network, module: ModuleID, path: [Accessor]) -> OutputValue {
        // An element's subnetwork is the subnetwork resource itself, not an index into a list.
        if output == .instanceAdditionalNetworks {
            return .expression(interfaces(entity, module: module).expression(path))
        }
        let network = NetworkResources.network(module)
        let subnet = NetworkResources.subnetwork(module, entity.primarySubnetwork)
        let base =
            switch output {
            case .networkName: network.attribute("name")
            case .networkID: network.attribute("id")
            case .networkSelfLink: network.attribute("self_link")
            case .subnetworkName: subnet.attribute("name")
            case .subnetworkSelfLink: subnet.attribute("self_link")
            case .subnetworkAddress: subnet.attribute("ip_cidr_range")
            case .subnetwork: subnet.reference
            case .subnetworks:
                "{"
                    + entity.subnetworks.map {
                        """
                        \(HCL.quoted("\($0.region)/\($0.name)")) = \(NetworkResources.subnetwork(module, $0).reference)
                        """
                    }.joined(separator: ", ") + "}"
            case .natIPs:
                "["
                    + entity.routers.flatMap { router in
                        (router.nat?.addressNames ?? []).indices.map {
                            NetworkResources.natAddress(module, router.region, $0).attribute("address")
                        }
                    }.joined(separator: ", ") + "]"
            case .instanceAdditionalNetworks: interfaces(entity, module: module).expression([])
            }
        return .expression(base + HCL.access(path))
    }
}
