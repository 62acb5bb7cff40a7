/// `modules/network/multivpc`: several VPC networks for a GPU cluster's extra NICs (A3 High and
/// Mega), one module, whole. Each network is a vpc module's network with one subnetwork spanning
/// its share of `global_ip_address_range`; `additional_networks` gives a nodeset one interface per network.
enum MultiVPCModule: BuiltInModule {
    /// The module's own settings; the rest are the vpc module's.
    enum Key {
        static let namePrefix = SettingKey<String>("network_name_prefix")
        static let count = SettingKey<Int>("network_count")
        static let globalRange = SettingKey<String>("global_ip_address_range")
        static let cidrSuffix = SettingKey<Int>("subnetwork_cidr_suffix")
        static let interfaceDefaults = SettingKey<Value>("network_interface_defaults")
    }

    /// What one use of the module makes: its networks, in order.
    struct Networks: Hashable, Sendable {
        /// The networks, `<prefix>-0` first.
        var networks: [Network]
        /// The fields every `additional_networks` element starts from.
        var interfaceDefaults: [String: Value]
    }

    /// The vpc module's settings multivpc passes to each of its networks unchanged.
    static let sharedSettings = [
        "mtu", "network_description", "ips_per_nat", "enable_iap_ssh_ingress", "enable_iap_rdp_ingress",
        "enable_iap_winrm_ingress", "enable_internal_traffic", "extra_iap_ports", "allowed_ssh_ip_ranges",
        "firewall_rules", "network_profile", "enable_cloud_router", "enable_cloud_nat", "subnetwork_private_access",
    ]

    static let schema = ModuleSchema(
        source: "modules/network/multivpc", cloud: .gcp,
        summary: "Up to 8 VPC networks, one subnetwork each, for the extra NICs of GPU nodes",
        description: """
            Creates `network_count` VPC networks named `<network_name_prefix>-<i>`, each with one subnetwork \
            `<network_name_prefix>-<i>-subnet` spanning its `/subnetwork_cidr_suffix` share of \
            `global_ip_address_range`, with the vpc module's firewall rules, Cloud Router and NAT. Its \
            `additional_networks` output gives a nodeset one interface per network.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.labels,
            SettingSpec(
                Key.namePrefix, .string, "Base of the network and subnetwork names; empty means the deployment name.",
                default: .string("")),
            SettingSpec(
                Key.count, .number, "Number of networks.", default: .int(4),
                constraints: [.integer, .range(min: 1, max: 8)]),
            SettingSpec(
                Key.globalRange, .string, "Address range the networks' ranges are carved from.",
                default: .string("172.16.0.0/12")),
            SettingSpec(
                Key.cidrSuffix, .number, "Prefix length of each network's range (and its one subnetwork).",
                default: .int(16), constraints: [.integer, .range(min: 1, max: 29)]),
            SettingSpec(
                VPCModule.Key.routingMode, .string, "Dynamic routing mode of every network.",
                default: .string(NetworkRoutingMode.regional.rawValue),
                constraints: [.oneOf(NetworkRoutingMode.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.interfaceDefaults, AdditionalNetworks.entryType,
                "Fields of every `additional_networks` element; network, subnetwork and project are each network's.",
                default: .map([
                    "network_ip": .string(""), "nic_type": .string("GVNIC"), "stack_type": .string("IPV4_ONLY"),
                    "access_config": .list([]), "ipv6_access_config": .list([]), "alias_ip_range": .list([]),
                ])),
        ] + VPCModule.schema.settings.filter { sharedSettings.contains($0.name) }
            + CommonSettings.unsupported([
                (
                    "delete_default_internet_gateway_routes", .bool, .bool(false),
                    "deleting the networks' default internet gateway routes"
                )
            ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of a nodeset, which takes its additional_networks"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkNames = "network_names"
        case networkIDs = "network_ids"
        case networkSelfLinks = "network_self_links"
        case additionalNetworks = "additional_networks"
        case subnetworkNames = "subnetwork_names"
        case subnetworkSelfLinks = "subnetwork_self_links"
        case subnetworkAddresses = "subnetwork_addresses"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkNames: (.list(.string), "Names of the networks.")
            case .networkIDs: (.list(.string), "Ids of the networks.")
            case .networkSelfLinks: (.list(.string), "Self links of the networks.")
            case .additionalNetworks:
                (.list(.map(.any)), "One interface per network, for a nodeset's `additional_networks`.")
            case .subnetworkNames: (.list(.string), "Name of each network's subnetwork.")
            case .subnetworkSelfLinks: (.list(.string), "Self link of each network's subnetwork.")
            case .subnetworkAddresses: (.list(.string), "Address range of each network's subnetwork.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkIDs]

    static func emit(_ entity: Networks, module: ModuleID, into roots: inout TerraformRoots) {
        for network in entity.networks {
            roots.add(to: network.origin.group) { _, document, references in
                NetworkResources.emit(network, into: &document, references: &references)
            }
        }
    }

    static func value(of output: Output, entity: Networks, module: ModuleID, path: [Accessor]) -> OutputValue {
        if output == .additionalNetworks { return .expression(interfaces(entity).expression(path)) }
        let attributes = entity.networks.map { network -> String in
            let subnet = NetworkResources.subnetwork(network.resourceKey, network.primarySubnetwork)
            let net = NetworkResources.network(network.resourceKey)
            return switch output {
            case .networkNames: net.attribute("name")
            case .networkIDs: net.attribute("id")
            case .networkSelfLinks: net.attribute("self_link")
            case .subnetworkNames: subnet.attribute("name")
            case .subnetworkSelfLinks: subnet.attribute("self_link")
            case .subnetworkAddresses, .additionalNetworks: subnet.attribute("ip_cidr_range")
            }
        }
        if case let .index(index)? = path.first, attributes.indices.contains(index) {
            return .expression(attributes[index] + HCL.access(Array(path.dropFirst())))
        }
        return .expression("[" + attributes.joined(separator: ", ") + "]" + HCL.access(path))
    }
}
