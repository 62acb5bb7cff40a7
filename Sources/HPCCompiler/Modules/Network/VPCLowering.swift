/// `modules/network/vpc` → `Network`.
enum VPCLowering {
    static let iapRange = "35.235.240.0/20"

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Network? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let region = settings.string("region", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let rangeText = settings.string("network_address_range", diagnostics: &diagnostics)
        else { return nil }
        let autoName = ResourceName.autoName(deployment)
        let name = settings.string("network_name", diagnostics: &diagnostics) ?? "\(autoName)-net"
        guard let range = CIDR(rangeText) else {
            diagnostics.report(.invalidNetworkRange, "network_address_range '\(rangeText)' is not an IPv4 CIDR block", at: settings.location("network_address_range"),
                               help: "write it as a.b.c.d/n with the host bits zero, e.g. 10.0.0.0/9")
            return nil
        }
        guard var subnetworks = lowerSubnetworks(settings, range: range, region: region, autoName: autoName, diagnostics: &diagnostics) else { return nil }
        attachSecondaryRanges(settings, to: &subnetworks, diagnostics: &diagnostics)
        checkOverlaps(subnetworks, settings: settings, diagnostics: &diagnostics)

        let network = Network(
            origin: settings.origin(diagnostics: &diagnostics), project: project, name: name,
            description: settings.string("network_description", diagnostics: &diagnostics) ?? "",
            routingMode: settings.string("network_routing_mode", diagnostics: &diagnostics) ?? "GLOBAL",
            mtu: settings.int("mtu", diagnostics: &diagnostics) ?? 8896,
            subnetworks: subnetworks,
            firewallRules: VPCFirewall.rules(settings, network: name, range: rangeText, diagnostics: &diagnostics),
            routers: routers(settings, network: name, regions: subnetworks.map(\.region), diagnostics: &diagnostics),
            ipv6ULA: settings.bool("enable_ipv6_ula", diagnostics: &diagnostics) ?? false,
            internalIPv6Range: settings.string("internal_ipv6_range", diagnostics: &diagnostics),
            sharedVPCHost: settings.bool("shared_vpc_host", diagnostics: &diagnostics) ?? false
        )
        context.deployment.networks.append(network)
        context.knownOutputs[settings.id] = outputs(network)
        return network
    }

    private static func lowerSubnetworks(
        _ settings: SettingReader, range: CIDR, region: String, autoName: String, diagnostics: inout Diagnostics
    ) -> [Subnetwork]? {
        let explicit = settings.literal("subnetworks", diagnostics: &diagnostics)?.list ?? []
        let privateAccess = settings.bool("subnetwork_private_access", diagnostics: &diagnostics) ?? true
        guard !explicit.isEmpty else {
            let bits = settings.int("default_primary_subnetwork_size", diagnostics: &diagnostics) ?? 15
            guard let cidr = range.subnet(newBits: bits, number: 0) else {
                diagnostics.report(.invalidNetworkRange, "a /\(range.prefix + bits) primary subnetwork does not fit in \(range)", at: settings.location("default_primary_subnetwork_size"))
                return nil
            }
            return [Subnetwork(
                name: settings.string("subnetwork_name", diagnostics: &diagnostics) ?? "\(autoName)-primary-subnet",
                region: region, cidr: cidr.description, privateGoogleAccess: privateAccess, flowLogs: false, description: nil,
                secondaryRanges: [], stackType: settings.string("subnetwork_stack_type", diagnostics: &diagnostics) ?? "IPV4_ONLY",
                ipv6AccessType: settings.string("subnetwork_ipv6_access_type", diagnostics: &diagnostics)
            )]
        }
        let at = settings.location("subnetworks")
        let entries = explicit.compactMap { $0.map?.compactMapValues(Conformance.scalarText) }
        let usesNewBits = entries.contains { $0["new_bits"] != nil }
        var allocated: [CIDR] = []
        if usesNewBits {
            guard entries.allSatisfy({ $0["new_bits"] != nil && $0["subnet_ip"] == nil }) else {
                diagnostics.report(.constraintViolation, "either every subnetwork sets 'new_bits' or every one sets 'subnet_ip'", at: at)
                return nil
            }
            let bits = entries.map { Int($0["new_bits"]!) ?? -1 }
            guard let blocks = range.subnets(newBits: bits) else {
                diagnostics.report(.invalidNetworkRange, "subnetworks with new_bits \(bits) do not fit in \(range)", at: at)
                return nil
            }
            allocated = blocks
        }
        var subnetworks: [Subnetwork] = []
        for (index, entry) in entries.enumerated() {
            guard let name = entry["subnet_name"], let subnetRegion = entry["subnet_region"] else {
                diagnostics.report(.missingSetting, "subnetwork \(index + 1) needs 'subnet_name' and 'subnet_region'", at: at)
                return nil
            }
            let cidr: String
            if usesNewBits {
                cidr = allocated[index].description
            } else {
                guard let text = entry["subnet_ip"], CIDR(text) != nil else {
                    diagnostics.report(.invalidNetworkRange, "subnetwork '\(name)' needs 'subnet_ip' as an IPv4 CIDR block (or 'new_bits')", at: at)
                    return nil
                }
                cidr = text
            }
            subnetworks.append(Subnetwork(
                name: name, region: subnetRegion, cidr: cidr,
                privateGoogleAccess: (entry["subnet_private_access"].map { $0 == "true" }) ?? privateAccess,
                flowLogs: entry["subnet_flow_logs"] == "true", description: entry["description"], secondaryRanges: [],
                stackType: "IPV4_ONLY", ipv6AccessType: nil
            ))
        }
        return subnetworks
    }

    private static func attachSecondaryRanges(_ settings: SettingReader, to subnetworks: inout [Subnetwork], diagnostics: inout Diagnostics) {
        var bySubnet: [(String, [Value])] = []
        if let list = settings.literal("secondary_ranges_list", diagnostics: &diagnostics)?.list, !list.isEmpty {
            bySubnet = list.compactMap { entry in
                guard let name = entry.map?["subnetwork_name"]?.string else { return nil }
                return (name, entry.map?["ranges"]?.list ?? [])
            }
        } else if let map = settings.literal("secondary_ranges", diagnostics: &diagnostics)?.map {
            bySubnet = map.keys.sorted().map { ($0, map[$0]?.list ?? []) }
        }
        for (subnet, ranges) in bySubnet {
            guard let index = subnetworks.firstIndex(where: { $0.name == subnet }) else {
                diagnostics.report(.unknownAttribute, "secondary ranges name subnetwork '\(subnet)', which this network does not have", at: settings.location("secondary_ranges"),
                                   help: Suggestion.help(for: subnet, in: subnetworks.map(\.name)))
                continue
            }
            for range in ranges {
                guard let name = range.map?["range_name"]?.string, let cidr = range.map?["ip_cidr_range"]?.string else { continue }
                if CIDR(cidr) == nil {
                    diagnostics.report(.invalidNetworkRange, "secondary range '\(name)' is not an IPv4 CIDR block: '\(cidr)'", at: settings.location("secondary_ranges"))
                }
                subnetworks[index].secondaryRanges.append(SecondaryRange(name: name, cidr: cidr))
            }
        }
    }

    /// No two address ranges of the network overlap; a finding about a secondary range points at
    /// the secondary ranges, one about two subnetworks at the subnetworks.
    private static func checkOverlaps(_ subnetworks: [Subnetwork], settings: SettingReader, diagnostics: inout Diagnostics) {
        let secondarySetting = settings.isExplicit("secondary_ranges_list") ? "secondary_ranges_list" : "secondary_ranges"
        let blocks = subnetworks.flatMap { subnet in
            [(subnet.name, subnet.cidr, "subnetworks")] + subnet.secondaryRanges.map { ("\(subnet.name)/\($0.name)", $0.cidr, secondarySetting) }
        }.compactMap { name, text, setting in CIDR(text).map { (name: name, range: $0, setting: setting) } }
        for (i, first) in blocks.enumerated() {
            for second in blocks[(i + 1)...] where first.range.overlaps(second.range) {
                diagnostics.report(.invalidNetworkRange, "address ranges of '\(first.name)' (\(first.range)) and '\(second.name)' (\(second.range)) overlap",
                                   at: settings.location(second.setting))
            }
        }
    }

    private static func routers(_ settings: SettingReader, network: String, regions: [String], diagnostics: inout Diagnostics) -> [CloudRouter] {
        let routerOn = settings.bool("enable_cloud_router", diagnostics: &diagnostics) ?? true
        let natOn = settings.bool("enable_cloud_nat", diagnostics: &diagnostics) ?? true
        let addresses = settings.int("ips_per_nat", diagnostics: &diagnostics) ?? 2
        if natOn, !routerOn, settings.isChosen("enable_cloud_nat") || settings.isChosen("enable_cloud_router") {
            diagnostics.report(.constraintViolation, "Cloud NAT needs a Cloud Router; set enable_cloud_router to true or enable_cloud_nat to false",
                               at: settings.location("enable_cloud_router"))
        }
        guard routerOn else { return [] }
        var seen = Set<String>()
        return regions.filter { seen.insert($0).inserted }.map { region in
            let nat = natOn && addresses > 0
                ? CloudNAT(name: "cloud-nat-\(region)", addressNames: (0..<addresses).map { "\(network)-nat-ips-\(region)-\($0)" })
                : nil
            return CloudRouter(name: "\(network)-router", region: region, nat: nat)
        }
    }

    /// Outputs known at compile time.
    static func outputs(_ network: Network) -> [String: Value] {
        let base = "https://www.googleapis.com/compute/v1/projects/\(network.project)"
        func subnetValue(_ subnet: Subnetwork) -> Value {
            .map(["name": .string(subnet.name), "region": .string(subnet.region), "ip_cidr_range": .string(subnet.cidr),
                  "self_link": .string("\(base)/regions/\(subnet.region)/subnetworks/\(subnet.name)")])
        }
        let primary = network.primarySubnetwork
        return [
            "network_name": .string(network.name),
            "network_id": .string(network.id),
            "network_self_link": .string("\(base)/global/networks/\(network.name)"),
            "subnetwork": subnetValue(primary),
            "subnetworks": .map(Dictionary(uniqueKeysWithValues: network.subnetworks.map { ("\($0.region)/\($0.name)", subnetValue($0)) })),
            "subnetwork_name": .string(primary.name),
            "subnetwork_self_link": .string("\(base)/regions/\(primary.region)/subnetworks/\(primary.name)"),
            "subnetwork_address": .string(primary.cidr),
        ]
    }
}
