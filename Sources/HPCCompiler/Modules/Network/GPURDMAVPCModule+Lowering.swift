/// How a gpu-rdma-vpc module's subnetworks and interface outputs are built.
extension GPURDMAVPCModule {
    /// `<name_prefix>`, or `<deployment>-subnet`.
    static func subnetPrefix(_ template: [String: Value], autoName: String) -> String {
        template["name_prefix"]?.string ?? "\(autoName)-subnet"
    }

    /// `count` subnetworks, each `cidrsubnet(ip_range, ceil(log2(count)), i)` as Cluster Toolkit carves them.
    static func templateSubnetworks(
        _ template: [String: Value], autoName: String, region: String, settings: SettingReader,
        diagnostics: inout Diagnostics
    ) -> [Subnetwork]? {
        let at = settings.location(Key.subnetworksTemplate)
        guard let count = template["count"]?.int, count > 0, let rangeText = template["ip_range"]?.string else {
            return nil
        }
        guard let range = CIDR(rangeText) else {
            diagnostics.report(
                .invalidNetworkRange, "subnetworks_template.ip_range '\(rangeText)' is not an IPv4 CIDR block",
                at: settings.location(Key.subnetworksTemplate, [.key("ip_range")]))
            return nil
        }
        var bits = 0
        while (1 << bits) < count { bits += 1 }
        let prefix = subnetPrefix(template, autoName: autoName)
        let subnetRegion = template["region"]?.string ?? region
        var subnetworks: [Subnetwork] = []
        for index in 0..<count {
            guard let cidr = range.subnet(newBits: bits, number: index) else {
                diagnostics.report(
                    .invalidNetworkRange, "\(count) subnetworks do not fit in \(range)", at: at,
                    help: "choose a larger ip_range or a smaller count")
                return nil
            }
            subnetworks.append(
                Subnetwork(
                    name: "\(prefix)-\(index)", region: subnetRegion, cidr: cidr.description,
                    privateGoogleAccess: false, flowLogs: false, description: nil, secondaryRanges: [],
                    stackType: .ipv4Only, ipv6AccessType: nil))
        }
        return subnetworks
    }

    /// `subnetwork_interfaces`: each subnetwork by self link, with the module's NIC type.
    static func interfaces(_ network: Network, module: ModuleID) -> InterfaceOutput {
        InterfaceOutput(
            elements: network.subnetworks.map { subnet in
                InterfaceOutput.element(
                    network: (.null, nil),
                    subnetwork: (
                        .string(network.selfLink(of: subnet)),
                        NetworkResources.subnetwork(module, subnet).attribute("self_link")
                    ),
                    project: nil, nicType: network.nicType, stackType: nil)
            })
    }

    /// `subnetwork_interfaces_gke`: network and subnetwork by name; a metal profile's eight
    /// interfaces on the subnetwork it makes itself, IPv6 only.
    static func gkeInterfaces(_ network: Network, module: ModuleID) -> InterfaceOutput {
        let networkField: (Value, String?) = (.string(network.name), NetworkResources.network(module).attribute("name"))
        guard network.subnetworks.isEmpty else {
            return InterfaceOutput(
                elements: network.subnetworks.map { subnet in
                    InterfaceOutput.element(
                        network: networkField,
                        subnetwork: (
                            .string(subnet.name), NetworkResources.subnetwork(module, subnet).attribute("name")
                        ),
                        project: network.project, nicType: network.nicType, stackType: nil)
                })
        }
        // The profile's own subnetwork exists once the network does.
        let subnetwork = "format(\"default-subnet-1-%s\", \(NetworkResources.network(module).attribute("name")))"
        let element = InterfaceOutput.element(
            network: networkField, subnetwork: (.string("default-subnet-1-\(network.name)"), subnetwork),
            project: network.project, nicType: "MRDMA", stackType: "IPV6_ONLY")
        return InterfaceOutput(elements: Array(repeating: element, count: 8))
    }

    /// Outputs known at compile time.
    static func knownOutputs(_ network: Network, prefix: String?) -> [String: Value] {
        let module = network.origin.module
        return [
            Output.networkName.rawValue: .string(network.name),
            Output.networkID.rawValue: .string(network.id),
            Output.networkSelfLink.rawValue: .string(network.selfLink),
            Output.subnetworks.rawValue: .list(network.subnetworks.map { VPCModule.subnetValue($0, of: network) }),
            Output.subnetworkInterfaces.rawValue: interfaces(network, module: module).known,
            Output.subnetworkInterfacesGKE.rawValue: gkeInterfaces(network, module: module).known,
            Output.subnetworkNamePrefix.rawValue: prefix.map(Value.string) ?? .null,
        ]
    }
}
