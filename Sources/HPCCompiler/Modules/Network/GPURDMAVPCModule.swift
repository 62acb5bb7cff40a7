/// `modules/network/gpu-rdma-vpc`: the RDMA network of a GPU cluster (A3 Ultra, A4, A4X), one module, whole.
/// A network with a RoCE network profile and `count` subnetworks, one per RDMA NIC; no firewall
/// rules, router or NAT, which RDMA traffic bypasses.
enum GPURDMAVPCModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and the vpc module's.
    enum Key {
        static let subnetworksTemplate = SettingKey<Value>("subnetworks_template")
    }

    /// The subnetworks a `vpc-roce-metal` profile makes itself; the others need a template.
    static let metalProfile = "vpc-roce-metal"

    /// The template when the blueprint sets none.
    static let defaultTemplate: [String: Value] = ["count": .int(8), "ip_range": .string("192.168.0.0/16")]

    /// `subnetworks_template`, with Cluster Toolkit's defaults.
    static let templateType = SettingType.object([
        .required("count", .number, constraints: [.integer, .range(min: 1, max: 64)]),
        .optional("name_prefix", .string), .required("ip_range", .string), .optional("region", .string),
    ])

    static let schema = ModuleSchema(
        source: "modules/network/gpu-rdma-vpc", cloud: .gcp,
        summary: "RDMA VPC network of a GPU cluster: a RoCE network profile and one subnetwork per RDMA NIC",
        description: """
            Creates a VPC network with a RoCE network profile and `subnetworks_template.count` subnetworks carved \
            from its `ip_range` (none with a `vpc-roce-metal` profile, which makes its own). Its \
            `subnetwork_interfaces` output gives a nodeset's `additional_networks` one MRDMA interface per subnetwork.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region,
            SettingSpec(
                VPCModule.Key.networkName, .string, "VPC name; null means `<deployment_name>-net`.",
                constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name")]),
            SettingSpec(
                VPCModule.Key.mtu, .number, "Maximum transmission unit; 0 keeps Compute Engine's default.",
                default: .int(8896), constraints: [.integer, .range(min: 0, max: 8896)]),
            SettingSpec(
                Key.subnetworksTemplate, templateType,
                """
                `count` subnetworks named `<name_prefix>-<i>` (default `<deployment_name>-subnet`), each an equal \
                part of `ip_range`, in `region` (default the module's). Must be null with a `vpc-roce-metal` profile.
                """,
                default: .map(defaultTemplate), nullTurnsOff: true),
            SettingSpec(
                VPCModule.Key.routingMode, .string, "Dynamic routing mode.",
                default: .string(NetworkRoutingMode.regional.rawValue),
                constraints: [.oneOf(NetworkRoutingMode.allCases.map(\.rawValue))]),
            SettingSpec(
                VPCModule.Key.description, .string, "Description of the network (changing it replaces the network).",
                default: .string("")),
            SettingSpec(
                VPCModule.Key.sharedVPCHost, .bool, "Make the project a Shared VPC host.", default: .bool(false)),
            SettingSpec(
                VPCModule.Key.networkProfile, .string, VPCModule.networkProfileSpec.description, required: true,
                constraints: VPCModule.networkProfileSpec.constraints),
            SettingSpec(
                VPCModule.Key.nicType, .string, "NIC type of the interfaces `subnetwork_interfaces` gives instances.",
                default: .string("MRDMA"), constraints: [.oneOf(["MRDMA"])]),
        ]
            + CommonSettings.unsupported([
                (
                    "delete_default_internet_gateway_routes", .bool, .bool(false),
                    "deleting the network's default internet gateway routes"
                )
            ])
            + CommonSettings.deprecated([
                ("enable_internal_traffic", "an RDMA network takes no firewall rules"),
                ("firewall_rules", "an RDMA network takes no firewall rules"),
                ("firewall_log_config", "an RDMA network takes no firewall rules"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "give its subnetwork_interfaces to a nodeset's additional_networks"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkName = "network_name"
        case networkID = "network_id"
        case networkSelfLink = "network_self_link"
        case subnetworks = "subnetworks"
        case subnetworkInterfaces = "subnetwork_interfaces"
        case subnetworkInterfacesGKE = "subnetwork_interfaces_gke"
        case subnetworkNamePrefix = "subnetwork_name_prefix"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkName: (.string, "Name of the network.")
            case .networkID: (.string, "Id of the network (`projects/P/global/networks/N`).")
            case .networkSelfLink: (.string, "Self link of the network.")
            case .subnetworks: (.list(.map(.string)), "The subnetworks: name, region, ip_cidr_range, self_link.")
            case .subnetworkInterfaces:
                (.list(.map(.any)), "One interface per subnetwork (by self link), for `additional_networks`.")
            case .subnetworkInterfacesGKE:
                (.list(.map(.any)), "One interface per subnetwork by network and subnetwork name, as GKE takes them.")
            case .subnetworkNamePrefix: (.string, "Prefix of the subnetwork names; null with a metal profile.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkID]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Network? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let profile = settings.read(VPCModule.Key.networkProfile, diagnostics: &diagnostics)
        else { return nil }
        let autoName = ResourceName.autoName(deployment)
        let name = settings.read(VPCModule.Key.networkName, diagnostics: &diagnostics) ?? "\(autoName)-net"
        // Null (for a metal profile) is no template; unset is Cluster Toolkit's default one.
        let template = settings.literal(Key.subnetworksTemplate, diagnostics: &diagnostics)?.map
        let metal = profile.contains(metalProfile)
        var subnetworks: [Subnetwork] = []
        if metal, template != nil {
            diagnostics.report(
                .constraintViolation,
                "a '\(metalProfile)' network makes its own subnetwork; subnetworks_template must be null",
                at: settings.location(Key.subnetworksTemplate), help: "set subnetworks_template: null")
        } else if !metal {
            guard let template else {
                diagnostics.report(
                    .missingSetting, "network profile '\(profile)' needs subnetworks_template",
                    at: settings.location(Key.subnetworksTemplate))
                return nil
            }
            guard
                let carved = templateSubnetworks(
                    template, autoName: autoName, region: region, settings: settings, diagnostics: &diagnostics)
            else { return nil }
            subnetworks = carved
        }
        let network = Network(
            origin: settings.origin(diagnostics: &diagnostics), project: project, name: name,
            description: settings.read(defaulted: VPCModule.Key.description, diagnostics: &diagnostics),
            routingMode: settings.read(defaulted: VPCModule.Key.routingMode, diagnostics: &diagnostics),
            mtu: settings.read(defaulted: VPCModule.Key.mtu, diagnostics: &diagnostics), subnetworks: subnetworks,
            firewallRules: [], routers: [], ipv6ULA: false, internalIPv6Range: nil,
            sharedVPCHost: settings.read(defaulted: VPCModule.Key.sharedVPCHost, diagnostics: &diagnostics),
            profile: profile, nicType: settings.read(defaulted: VPCModule.Key.nicType, diagnostics: &diagnostics))
        settings.context.knownOutputs[settings.id] = knownOutputs(
            network, prefix: template == nil ? nil : subnetPrefix(template!, autoName: autoName))
        return network
    }

    static func emit(_ entity: Network, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            NetworkResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: Network, module: ModuleID, path: [Accessor]) -> OutputValue {
        let network = NetworkResources.network(module)
        let base: String
        switch output {
        case .networkName: base = network.attribute("name")
        case .networkID: base = network.attribute("id")
        case .networkSelfLink: base = network.attribute("self_link")
        case .subnetworks:
            base =
                "["
                + entity.subnetworks.map { NetworkResources.subnetwork(module, $0).reference }.joined(
                    separator: ", ") + "]"
        case .subnetworkInterfaces: return .expression(interfaces(entity, module: module).expression(path))
        case .subnetworkInterfacesGKE: return .expression(gkeInterfaces(entity, module: module).expression(path))
        case .subnetworkNamePrefix: return .known
        }
        return .expression(base + HCL.access(path))
    }
}
