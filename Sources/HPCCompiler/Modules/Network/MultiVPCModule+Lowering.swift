/// How a multivpc module's networks are carved and named, as Cluster Toolkit's module does.
extension MultiVPCModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Networks? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let rangeText = settings.read(Key.globalRange, diagnostics: &diagnostics)
        else { return nil }
        let count = settings.read(defaulted: Key.count, diagnostics: &diagnostics)
        let suffix = settings.read(defaulted: Key.cidrSuffix, diagnostics: &diagnostics)
        guard let global = CIDR(rangeText) else {
            diagnostics.report(
                .invalidNetworkRange, "global_ip_address_range '\(rangeText)' is not an IPv4 CIDR block",
                at: settings.location(Key.globalRange), help: "write it as a.b.c.d/n, e.g. 172.16.0.0/12")
            return nil
        }
        let bits = suffix - global.prefix
        guard bits >= 0, bits < 31, (1 << bits) >= count else {
            diagnostics.report(
                .invalidNetworkRange,
                "\(count) networks of /\(suffix) do not fit in \(global)",
                at: settings.location(Key.cidrSuffix),
                help: "subnetwork_cidr_suffix must be at least \(global.prefix + bitsFor(count)) for \(count) networks")
            return nil
        }
        let prefixText = settings.read(defaulted: Key.namePrefix, diagnostics: &diagnostics)
        let prefix = ResourceName.autoName(prefixText.isEmpty ? deployment : prefixText)
        let origin = settings.origin(diagnostics: &diagnostics)
        var networks: [Network] = []
        for index in 0..<count {
            // The settings are the same for every network: their mistakes are reported once, for the first.
            var own = Diagnostics()
            let network = member(
                index, range: global.subnet(newBits: bits, number: index)!, prefix: prefix, project: project,
                region: region, origin: origin, settings: settings, diagnostics: &own)
            if index == 0 { diagnostics.merge(own) }
            networks.append(network)
            settings.context.deployment.networks.append(network)
        }
        let defaults = (settings.literal(Key.interfaceDefaults, diagnostics: &diagnostics)?.map ?? [:])
        let entity = Networks(networks: networks, interfaceDefaults: defaults)
        settings.context.knownOutputs[settings.id] = knownOutputs(entity)
        return entity
    }

    /// Bits that number `count` networks.
    static func bitsFor(_ count: Int) -> Int {
        var bits = 0
        while (1 << bits) < count { bits += 1 }
        return bits
    }

    /// Network `index`: `<prefix>-<index>` with one subnetwork spanning `range`.
    private static func member(
        _ index: Int, range: CIDR, prefix: String, project: String, region: String, origin: Origin,
        settings: SettingReader, diagnostics: inout Diagnostics
    ) -> Network {
        let name = "\(prefix)-\(index)"
        let subnet = Subnetwork(
            name: "\(name)-subnet", region: region, cidr: range.description,
            privateGoogleAccess: settings.read(
                defaulted: VPCModule.Key.subnetworkPrivateAccess, diagnostics: &diagnostics),
            flowLogs: false, description: nil, secondaryRanges: [], stackType: .ipv4Only, ipv6AccessType: nil)
        let network = Network(
            origin: origin, project: project, name: name,
            description: settings.read(defaulted: VPCModule.Key.description, diagnostics: &diagnostics),
            routingMode: settings.read(defaulted: VPCModule.Key.routingMode, diagnostics: &diagnostics),
            mtu: settings.read(defaulted: VPCModule.Key.mtu, diagnostics: &diagnostics), subnetworks: [subnet],
            firewallRules: VPCModule.firewallRules(
                settings, network: name, range: range.description, diagnostics: &diagnostics),
            routers: VPCModule.routers(settings, network: name, regions: [region], diagnostics: &diagnostics),
            ipv6ULA: false, internalIPv6Range: nil, sharedVPCHost: false,
            profile: settings.read(VPCModule.Key.networkProfile, diagnostics: &diagnostics), member: index)
        VPCModule.checkProfile(network, settings: settings, diagnostics: &diagnostics)
        return network
    }

    /// `additional_networks`: each network and its subnetwork by name, over the interface defaults.
    static func interfaces(_ entity: Networks) -> InterfaceOutput {
        InterfaceOutput(
            elements: entity.networks.map { network in
                let subnet = network.primarySubnetwork
                var element = InterfaceOutput.element(
                    network: (.string(network.name), NetworkResources.network(network.resourceKey).attribute("name")),
                    subnetwork: (
                        .string(subnet.name),
                        NetworkResources.subnetwork(network.resourceKey, subnet).attribute("name")
                    ),
                    project: network.project, nicType: nil, stackType: nil)
                for (key, value) in entity.interfaceDefaults
                where !["network", "subnetwork", "subnetwork_project"].contains(key) {
                    element.fields[key] = value
                }
                return element
            })
    }

    /// Outputs known at compile time.
    static func knownOutputs(_ entity: Networks) -> [String: Value] {
        func each(_ value: (Network) -> String) -> Value { .list(entity.networks.map { .string(value($0)) }) }
        return [
            Output.networkNames.rawValue: each(\.name),
            Output.networkIDs.rawValue: each(\.id),
            Output.networkSelfLinks.rawValue: each(\.selfLink),
            Output.additionalNetworks.rawValue: interfaces(entity).known,
            Output.subnetworkNames.rawValue: each(\.primarySubnetwork.name),
            Output.subnetworkSelfLinks.rawValue: each { $0.selfLink(of: $0.primarySubnetwork) },
            Output.subnetworkAddresses.rawValue: each(\.primarySubnetwork.cidr),
        ]
    }
}
