/// How a vpc module's subnetworks, secondary ranges and routers are built from its settings.
extension VPCModule {
    /// The subnetworks: those `subnetworks` lists, or one primary subnetwork carved from the network's range.
    static func lowerSubnetworks(
        _ settings: SettingReader, range: CIDR, region: String, autoName: String, diagnostics: inout Diagnostics
    ) -> [Subnetwork]? {
        let explicit = settings.read(defaulted: Key.subnetworks, diagnostics: &diagnostics).list ?? []
        let privateAccess = settings.read(defaulted: Key.subnetworkPrivateAccess, diagnostics: &diagnostics)
        guard !explicit.isEmpty else {
            let bits = settings.read(defaulted: Key.primarySubnetworkSize, diagnostics: &diagnostics)
            guard let cidr = range.subnet(newBits: bits, number: 0) else {
                diagnostics.report(
                    .invalidNetworkRange, "a /\(range.prefix + bits) primary subnetwork does not fit in \(range)",
                    at: settings.location(Key.primarySubnetworkSize))
                return nil
            }
            let name = settings.read(Key.subnetworkName, diagnostics: &diagnostics) ?? "\(autoName)-primary-subnet"
            let stackType = settings.read(defaulted: Key.subnetworkStackType, diagnostics: &diagnostics)
            let ipv6AccessType = settings.read(Key.subnetworkIPv6AccessType, diagnostics: &diagnostics)
            return [
                Subnetwork(
                    name: name, region: region, cidr: cidr.description, privateGoogleAccess: privateAccess,
                    flowLogs: false, description: nil,
                    secondaryRanges: [], stackType: SubnetworkStackType(rawValue: stackType) ?? .ipv4Only,
                    ipv6AccessType: ipv6AccessType.flatMap(SubnetworkIPv6AccessType.init(rawValue:))
                )
            ]
        }
        let at = settings.location(Key.subnetworks)
        let entries = explicit.compactMap { $0.map?.compactMapValues(Conformance.scalarText) }
        let usesNewBits = entries.contains { $0["new_bits"] != nil }
        var allocated: [CIDR] = []
        if usesNewBits {
            guard entries.allSatisfy({ $0["new_bits"] != nil && $0["subnet_ip"] == nil }) else {
                diagnostics.report(
                    .constraintViolation, "either every subnetwork sets 'new_bits' or every one sets 'subnet_ip'",
                    at: at)
                return nil
            }
            let bits = entries.map { Int($0["new_bits"]!) ?? -1 }
            guard let blocks = range.subnets(newBits: bits) else {
                diagnostics.report(
                    .invalidNetworkRange, "subnetworks with new_bits \(bits) do not fit in \(range)", at: at)
                return nil
            }
            allocated = blocks
        }
        var subnetworks: [Subnetwork] = []
        for (index, entry) in entries.enumerated() {
            guard let name = entry["subnet_name"], let subnetRegion = entry["subnet_region"] else {
                diagnostics.report(
                    .missingSetting, "subnetwork \(index + 1) needs 'subnet_name' and 'subnet_region'", at: at)
                return nil
            }
            let cidr: String
            if usesNewBits {
                cidr = allocated[index].description
            } else {
                guard let text = entry["subnet_ip"], CIDR(text) != nil else {
                    diagnostics.report(
                        .invalidNetworkRange,
                        "subnetwork '\(name)' needs 'subnet_ip' as an IPv4 CIDR block (or 'new_bits')", at: at)
                    return nil
                }
                cidr = text
            }
            subnetworks.append(
                Subnetwork(
                    name: name, region: subnetRegion, cidr: cidr,
                    privateGoogleAccess: (entry["subnet_private_access"].map { $0 == "true" }) ?? privateAccess,
                    flowLogs: entry["subnet_flow_logs"] == "true", description: entry["description"],
                    secondaryRanges: [],
                    stackType: .ipv4Only, ipv6AccessType: nil
                ))
        }
        return subnetworks
    }

    /// `secondary_ranges_list` when it is not empty, else `secondary_ranges`, added to the subnetworks they name.
    static func attachSecondaryRanges(
        _ settings: SettingReader, to subnetworks: inout [Subnetwork], diagnostics: inout Diagnostics
    ) {
        var bySubnet: [(String, [Value])] = []
        if let list = settings.read(defaulted: Key.secondaryRangesList, diagnostics: &diagnostics).list, !list.isEmpty {
            bySubnet = list.compactMap { entry in
                guard let name = entry.map?["subnetwork_name"]?.string else { return nil }
                return (name, entry.map?["ranges"]?.list ?? [])
            }
        } else if let map = settings.read(defaulted: Key.secondaryRanges, diagnostics: &diagnostics).map {
            bySubnet = map.keys.sorted().map { ($0, map[$0]?.list ?? []) }
        }
        for (subnet, ranges) in bySubnet {
            guard let index = subnetworks.firstIndex(where: { $0.name == subnet }) else {
                diagnostics.report(
                    .unknownAttribute, "secondary ranges name subnetwork '\(subnet)', which this network does not have",
                    at: settings.location(Key.secondaryRanges),
                    help: Suggestion.help(for: subnet, in: subnetworks.map(\.name)))
                continue
            }
            for range in ranges {
                guard let name = range.map?["range_name"]?.string, let cidr = range.map?["ip_cidr_range"]?.string else {
                    continue
                }
                if CIDR(cidr) == nil {
                    diagnostics.report(
                        .invalidNetworkRange, "secondary range '\(name)' is not an IPv4 CIDR block: '\(cidr)'",
                        at: settings.location(Key.secondaryRanges))
                }
                subnetworks[index].secondaryRanges.append(SecondaryRange(name: name, cidr: cidr))
            }
        }
    }

    /// No two address ranges of the network overlap; a finding about a secondary range points at
    /// the secondary ranges, one about two subnetworks at the subnetworks.
    static func checkOverlaps(_ subnetworks: [Subnetwork], settings: SettingReader, diagnostics: inout Diagnostics) {
        let secondarySetting =
            settings.isExplicit(Key.secondaryRangesList)
            ? AnySettingKey(Key.secondaryRangesList) : AnySettingKey(Key.secondaryRanges)
        let blocks = subnetworks.flatMap { subnet in
            [(subnet.name, subnet.cidr, AnySettingKey(Key.subnetworks))]
                + subnet.secondaryRanges.map { ("\(subnet.name)/\($0.name)", $0.cidr, secondarySetting) }
        }.compactMap { name, text, setting in CIDR(text).map { (name: name, range: $0, setting: setting) } }
        for (i, first) in blocks.enumerated() {
            for second in blocks[(i + 1)...] where first.range.overlaps(second.range) {
                diagnostics.report(
                    .invalidNetworkRange,
                    "address ranges of '\(first.name)' (\(first.range)) and '\(second.name)' (\(second.range)) overlap",
                    at: settings.location(second.setting))
            }
        }
    }

    /// One Cloud Router (with Cloud NAT unless turned off) per region the subnetworks are in.
    static func routers(
        _ settings: SettingReader, network: String, regions: [String], diagnostics: inout Diagnostics
    ) -> [CloudRouter] {
        let routerOn = settings.read(defaulted: Key.cloudRouter, diagnostics: &diagnostics)
        let natOn = settings.read(defaulted: Key.cloudNAT, diagnostics: &diagnostics)
        let addresses = settings.read(defaulted: Key.ipsPerNAT, diagnostics: &diagnostics)
        if natOn, !routerOn, settings.isChosen(Key.cloudNAT) || settings.isChosen(Key.cloudRouter) {
            diagnostics.report(
                .constraintViolation,
                "Cloud NAT needs a Cloud Router; set enable_cloud_router to true or enable_cloud_nat to false",
                at: settings.location(Key.cloudRouter))
        }
        guard routerOn else { return [] }
        var seen = Set<String>()
        return regions.filter { seen.insert($0).inserted }.map { region in
            let nat =
                natOn && addresses > 0
                ? CloudNAT(
                    name: "cloud-nat-\(region)",
                    addressNames: (0..<addresses).map { "\(network)-nat-ips-\(region)-\($0)" })
                : nil
            return CloudRouter(name: "\(network)-router", region: region, nat: nat)
        }
    }

    /// A subnetwork as the network modules' outputs describe it: name, region, range and self link.
    static func subnetValue(_ subnet: Subnetwork, of network: Network) -> Value {
        .map([
            "name": .string(subnet.name), "region": .string(subnet.region), "ip_cidr_range": .string(subnet.cidr),
            "self_link": .string(network.selfLink(of: subnet)),
        ])
    }

    /// Outputs known at compile time.
    static func knownOutputs(_ network: Network) -> [String: Value] {
        let primary = network.primarySubnetwork
        return [
            Output.networkName.rawValue: .string(network.name),
            Output.networkID.rawValue: .string(network.id),
            Output.networkSelfLink.rawValue: .string(network.selfLink),
            Output.subnetwork.rawValue: subnetValue(primary, of: network),
            Output.subnetworks.rawValue: .map(
                Dictionary(
                    uniqueKeysWithValues: network.subnetworks.map {
                        ("\($0.region)/\($0.name)", subnetValue($0, of: network))
                    })),
            Output.subnetworkName.rawValue: .string(primary.name),
            Output.subnetworkSelfLink.rawValue: .string(network.selfLink(of: primary)),
            Output.subnetworkAddress.rawValue: .string(primary.cidr),
            Output.instanceAdditionalNetworks.rawValue: interfaces(network, module: network.origin.module).known,
        ]
    }
}

/// The network profile of a vpc module and the interface it offers instances.
extension VPCModule {
    /// `network_profile`: what makes a network an RDMA network.
    static let networkProfileSpec = SettingSpec(
        Key.networkProfile, .string,
        """
        Network profile of the network (`projects/P/global/networkProfiles/ZONE-vpc-roce` for GPU RDMA NICs, \
        `...-vpc-falcon` for H4D's); it can only be set when the network is created.
        """,
        constraints: [
            .pattern(
                "(https://www\\.googleapis\\.com/compute/(v1|beta)/)?projects/[a-z0-9-]+/global/networkProfiles/"
                    + "[a-z0-9-]+",
                description: "a network profile URL or `projects/P/global/networkProfiles/NAME`")
        ])

    /// RoCE NICs bypass VPC firewalls, so Compute Engine refuses firewall rules on a RoCE network.
    static func checkProfile(_ network: Network, settings: SettingReader, diagnostics: inout Diagnostics) {
        guard let profile = network.profile, profile.contains("roce"), !network.firewallRules.isEmpty else { return }
        diagnostics.report(
            .constraintViolation,
            """
            network '\(network.name)' has the RoCE profile '\(profile)', which takes no firewall rules; this one would \
            get \(network.firewallRules.map(\.name).joined(separator: ", "))
            """,
            at: settings.location(Key.networkProfile),
            help: "set enable_internal_traffic and enable_iap_ssh_ingress to false and leave firewall_rules empty")
    }

    /// `instance_additional_networks`: the primary subnetwork by name, with the module's NIC type.
    static func interfaces(_ network: Network, module: ModuleID) -> InterfaceOutput {
        let subnet = network.primarySubnetwork
        return InterfaceOutput(elements: [
            InterfaceOutput.element(
                network: (.string(network.name), NetworkResources.network(module).attribute("name")),
                subnetwork: (.string(subnet.name), NetworkResources.subnetwork(module, subnet).attribute("name")),
                project: network.project, nicType: network.nicType, stackType: subnet.stackType.rawValue)
        ])
    }
}
