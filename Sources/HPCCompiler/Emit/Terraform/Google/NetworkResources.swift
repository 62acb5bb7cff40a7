/// A vpc module's resources: network, subnetworks, routers with NAT, firewall rules; the data
/// sources of a pre-existing-vpc module.
enum NetworkResources {
    /// The network of the vpc module `module`.
    static func network(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_network", module.rawValue)
    }
    /// The network's project as a Shared VPC host.
    static func sharedVPCHost(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_shared_vpc_host_project", module.rawValue)
    }
    /// One subnetwork of the network.
    static func subnetwork(_ module: ModuleID, _ subnet: Subnetwork) -> TerraformAddress {
        TerraformAddress("google_compute_subnetwork", "\(module.rawValue)_\(subnet.name)")
    }
    /// The network's router in `region`.
    static func router(_ module: ModuleID, _ region: String) -> TerraformAddress {
        TerraformAddress("google_compute_router", "\(module.rawValue)_\(region)")
    }
    /// The NAT of the router in `region`.
    static func nat(_ module: ModuleID, _ region: String) -> TerraformAddress {
        TerraformAddress("google_compute_router_nat", "\(module.rawValue)_\(region)")
    }
    /// NAT address `index` of the router in `region`.
    static func natAddress(_ module: ModuleID, _ region: String, _ index: Int) -> TerraformAddress {
        TerraformAddress("google_compute_address", "\(module.rawValue)_\(region)_\(index)")
    }
    /// A firewall rule of the network.
    static func firewall(_ module: ModuleID, _ rule: FirewallRule) -> TerraformAddress {
        TerraformAddress("google_compute_firewall", "\(module.rawValue)_\(rule.name)")
    }
    /// The network a pre-existing-vpc module `module` looks up.
    static func importedNetwork(_ module: ModuleID) -> TerraformAddress {
        .data("google_compute_network", module.rawValue)
    }
    /// The subnetwork a pre-existing-vpc module `module` looks up.
    static func importedSubnetwork(_ module: ModuleID) -> TerraformAddress {
        .data("google_compute_subnetwork", module.rawValue)
    }

    static func emit(_ network: Network, into document: inout TerraformDocument, references: inout TerraformReferences)
    {
        let module = network.resourceKey
        let networkID = Self.network(module).json("id")
        document.resource(
            Self.network(module),
            [
                "name": .string(network.name),
                "project": .string(network.project),
                "auto_create_subnetworks": false,
                "routing_mode": .string(network.routingMode.rawValue),
                "mtu": .int(network.mtu),
                "description": .when(!network.description.isEmpty, .string(HCL.escapeTemplate(network.description))),
                "enable_ula_internal_ipv6": .when(network.ipv6ULA, true),
                "internal_ipv6_range": network.internalIPv6Range.map(JSON.string) ?? .null,
                "network_profile": network.profile.map(JSON.string) ?? .null,
            ])
        if network.sharedVPCHost {
            document.resource(sharedVPCHost(module), ["project": .string(network.project)])
        }
        for subnet in network.subnetworks {
            document.resource(
                subnetwork(module, subnet),
                [
                    "name": .string(subnet.name),
                    "project": .string(network.project),
                    "region": .string(subnet.region),
                    "network": networkID,
                    "ip_cidr_range": .string(subnet.cidr),
                    "private_ip_google_access": .bool(subnet.privateGoogleAccess),
                    "description": subnet.description.map { .string(HCL.escapeTemplate($0)) } ?? .null,
                    "stack_type": .string(subnet.stackType.rawValue),
                    "ipv6_access_type": subnet.ipv6AccessType.map { .string($0.rawValue) } ?? .null,
                    "secondary_ip_range": subnet.secondaryRanges.isEmpty
                        ? .null
                        : .array(
                            subnet.secondaryRanges.map {
                                ["range_name": .string($0.name), "ip_cidr_range": .string($0.cidr)]
                            }),
                    "log_config": .when(
                        subnet.flowLogs,
                        .array([
                            [
                                "aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": .double(0.5),
                                "metadata": "INCLUDE_ALL_METADATA",
                            ]
                        ])),
                ])
        }
        for router in network.routers {
            emitRouter(router, network: network, into: &document)
        }
        for rule in network.firewallRules {
            document.resource(
                firewall(module, rule),
                FirewallResources.body(rule, project: network.project, network: networkID, references: &references))
        }
    }

    /// An existing network and subnetwork: looked up, never created or changed.
    static func emit(_ network: ImportedNetwork, into document: inout TerraformDocument) {
        document.data(
            importedNetwork(network.origin.module),
            ["name": .string(network.name), "project": .string(network.project)])
        document.data(
            importedSubnetwork(network.origin.module),
            [
                "name": .string(network.subnetworkName), "project": .string(network.project),
                "region": .string(network.region),
            ])
    }

    private static func emitRouter(_ router: CloudRouter, network: Network, into document: inout TerraformDocument) {
        let module = network.resourceKey
        document.resource(
            Self.router(module, router.region),
            [
                "name": .string(router.name),
                "project": .string(network.project),
                "region": .string(router.region),
                "network": Self.network(module).json("id"),
            ])
        guard let nat = router.nat else { return }
        var addresses: [JSON] = []
        for (index, addressName) in nat.addressNames.enumerated() {
            let address = natAddress(module, router.region, index)
            document.resource(
                address,
                [
                    "name": .string(addressName),
                    "project": .string(network.project),
                    "region": .string(router.region),
                    "address_type": "EXTERNAL",
                    "labels": .stringMap(network.origin.labels),
                ])
            addresses.append(address.json("self_link"))
        }
        document.resource(
            Self.nat(module, router.region),
            [
                "name": .string(nat.name),
                "project": .string(network.project),
                "region": .string(router.region),
                "router": Self.router(module, router.region).json("name"),
                "nat_ip_allocate_option": addresses.isEmpty ? "AUTO_ONLY" : "MANUAL_ONLY",
                "nat_ips": addresses.isEmpty ? .null : .array(addresses),
                "source_subnetwork_ip_ranges_to_nat": "ALL_SUBNETWORKS_ALL_IP_RANGES",
                "log_config": .array([["enable": true, "filter": "ERRORS_ONLY"]]),
            ])
    }
}
