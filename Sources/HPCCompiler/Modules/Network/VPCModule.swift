/// `modules/network/vpc`: one module, whole.
enum VPCModule: BuiltInModule {
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
            SettingSpec("network_name", .string, "VPC name; null means `<deployment_name>-net`.",
                        constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name (lowercase letters, digits, '-'; at most 63)")]),
            SettingSpec("subnetwork_name", .string, "Name of the primary subnetwork; null means `<deployment_name>-primary-subnet`.",
                        constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name")]),
            SettingSpec("network_address_range", .string, "Address space of the network; the primary subnetwork and `new_bits` subnetworks are carved from it, and the internal-traffic rule admits it.",
                        default: .string("10.0.0.0/9")),
            SettingSpec("default_primary_subnetwork_size", .number, "Extra prefix bits of the primary subnetwork within `network_address_range`.",
                        default: .int(15), constraints: [.integer, .range(min: 0, max: 29)]),
            SettingSpec("subnetworks", .list(.map(.string)), "Subnetworks to create instead of the primary one: `subnet_name`, `subnet_region`, and `subnet_ip` or `new_bits`; optional `subnet_private_access`, `subnet_flow_logs`, `description`. The first is the primary.",
                        default: .list([])),
            SettingSpec("secondary_ranges", .map(.list(.object([.required("range_name", .string), .required("ip_cidr_range", .string)]))),
                        "Secondary ranges keyed by subnetwork name.", default: .map([:])),
            SettingSpec("secondary_ranges_list", .list(.object([.required("subnetwork_name", .string),
                                                               .required("ranges", .list(.object([.required("range_name", .string), .required("ip_cidr_range", .string)])))])),
                        "Secondary ranges as a list; wins over `secondary_ranges` when not empty.", default: .list([])),
            SettingSpec("network_routing_mode", .string, "Dynamic routing mode.", default: .string("GLOBAL"), constraints: [.oneOf(["GLOBAL", "REGIONAL"])]),
            SettingSpec("network_description", .string, "Description of the network (changing it replaces the network).", default: .string("")),
            SettingSpec("mtu", .number, "Maximum transmission unit; 0 keeps Compute Engine's default.", default: .int(8896), constraints: [.integer, .range(min: 0, max: 8896)]),
            SettingSpec("enable_iap", .bool, "Create the firewall rule admitting Identity-Aware Proxy (35.235.240.0/20) on the IAP ports.", default: .bool(true)),
            SettingSpec("enable_iap_ssh_ingress", .bool, "Admit TCP 22 through IAP.", default: .bool(true)),
            SettingSpec("enable_iap_rdp_ingress", .bool, "Admit TCP 3389 through IAP.", default: .bool(false)),
            SettingSpec("enable_iap_winrm_ingress", .bool, "Admit TCP 5986 through IAP.", default: .bool(false)),
            SettingSpec("extra_iap_ports", .list(.string), "More TCP ports to admit through IAP.", default: .list([])),
            SettingSpec("enable_internal_traffic", .bool, "Allow all TCP, UDP and ICMP traffic within `network_address_range`.", default: .bool(true)),
            SettingSpec("allowed_ssh_ip_ranges", .list(.string), "Source ranges allowed to reach TCP 22 directly.", default: .list([])),
            SettingSpec("firewall_rules", .list(firewallRule), "Extra firewall rules.", default: .list([])),
            SettingSpec("firewall_log_config", .string, "Logging of the rules hpcc creates.", default: .string("DISABLE_LOGGING"),
                        constraints: [.oneOf(["INCLUDE_ALL_METADATA", "EXCLUDE_ALL_METADATA", "DISABLE_LOGGING"])]),
            SettingSpec("enable_cloud_router", .bool, "Create a Cloud Router per subnetwork region.", default: .bool(true)),
            SettingSpec("enable_cloud_nat", .bool, "Create Cloud NAT on each router (needs `enable_cloud_router`).", default: .bool(true)),
            SettingSpec("ips_per_nat", .number, "Static external addresses reserved per Cloud NAT; 0 creates no NAT.",
                        default: .int(2), constraints: [.integer, .range(min: 0, max: 64)]),
            SettingSpec("subnetwork_private_access", .bool, "Private Google Access on the primary subnetwork.", default: .bool(true)),
            SettingSpec("subnetwork_stack_type", .string, "Stack type of the primary subnetwork.", default: .string("IPV4_ONLY"),
                        constraints: [.oneOf(["IPV4_ONLY", "IPV4_IPV6"])]),
            SettingSpec("subnetwork_ipv6_access_type", .string, "IPv6 access type of the primary subnetwork.", constraints: [.oneOf(["INTERNAL", "EXTERNAL"])]),
            SettingSpec("enable_ipv6_ula", .bool, "Give the network an internal IPv6 ULA range (cannot be undone).", default: .bool(false)),
            SettingSpec("internal_ipv6_range", .string, "The /48 ULA range to use with `enable_ipv6_ula`."),
            SettingSpec("shared_vpc_host", .bool, "Make the project a Shared VPC host.", default: .bool(false)),
        ] + CommonSettings.moot([
            ("nic_type", .string, .string("GVNIC"), "it only shapes Cluster Toolkit's `instance_additional_networks` output; hpcc's instances choose their NIC with bandwidth_tier"),
        ]) + CommonSettings.unsupported([
            ("delete_default_internet_gateway_routes", .bool, .bool(false), "deleting the network's default internet gateway routes"),
            ("network_profile", .string, nil, "network profiles (RDMA networks)"),
        ]) + CommonSettings.deprecated([
            ("subnetwork_size", "use default_primary_subnetwork_size"),
            ("primary_subnetwork", "use subnetworks"),
            ("additional_subnetworks", "use subnetworks"),
        ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of the modules that attach to it"
    )

    static let firewallRule = SettingType.object([
        .required("name", .string),
        .optional("description", .string),
        .optional("direction", .string, .string("INGRESS")),
        .optional("priority", .number),
        .optional("ranges", .list(.string), .list([])),
        .optional("source_tags", .list(.string)),
        .optional("source_service_accounts", .list(.string)),
        .optional("target_tags", .list(.string)),
        .optional("target_service_accounts", .list(.string)),
        .optional("allow", .list(.object([.required("protocol", .string), .optional("ports", .list(.string))])), .list([])),
        .optional("deny", .list(.object([.required("protocol", .string), .optional("ports", .list(.string))])), .list([])),
        .optional("log_config", .object([.required("metadata", .string)])),
    ])

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
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkID, .subnetworkSelfLink]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Network? {
        VPCLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: Network, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in NetworkResources.emit(entity, into: &document, references: &references) }
    }

    static func value(of output: Output, entity: Network, module: ModuleID, path: [Accessor]) -> OutputValue {
        let id = module.rawValue
        let network = "google_compute_network.\(id)"
        let subnet = "google_compute_subnetwork.\(TerraformNames.subnetwork(id, entity.primarySubnetwork))"
        let base = switch output {
        case .networkName: "\(network).name"
        case .networkID: "\(network).id"
        case .networkSelfLink: "\(network).self_link"
        case .subnetworkName: "\(subnet).name"
        case .subnetworkSelfLink: "\(subnet).self_link"
        case .subnetworkAddress: "\(subnet).ip_cidr_range"
        case .subnetwork: subnet
        case .subnetworks:
            "{" + entity.subnetworks.map { "\(HCL.quoted("\($0.region)/\($0.name)")) = google_compute_subnetwork.\(TerraformNames.subnetwork(id, $0))" }.joined(separator: ", ") + "}"
        case .natIPs:
            "[" + entity.routers.flatMap { router in
                (router.nat?.addressNames ?? []).indices.map { "google_compute_address.\(TerraformNames.natAddress(id, router.region, $0)).address" }
            }.joined(separator: ", ") + "]"
        }
        return .expression(base + HCL.access(path))
    }
}
