/// A vpc module's resources: network, subnetworks, routers with NAT, firewall rules; the data
/// sources of a pre-existing-vpc module.
enum NetworkResources {
    static func emit(_ network: Network, into document: inout TerraformDocument, references: inout TerraformReferences) {
        let id = network.origin.module.rawValue
        let networkID = "${google_compute_network.\(id).id}"
        document.resource("google_compute_network", id, [
            "name": .string(network.name),
            "project": .string(network.project),
            "auto_create_subnetworks": false,
            "routing_mode": .string(network.routingMode.rawValue),
            "mtu": .int(network.mtu),
            "description": .when(!network.description.isEmpty, .string(HCL.escapeTemplate(network.description))),
            "enable_ula_internal_ipv6": .when(network.ipv6ULA, true),
            "internal_ipv6_range": network.internalIPv6Range.map(JSON.string) ?? .null,
        ])
        if network.sharedVPCHost {
            document.resource("google_compute_shared_vpc_host_project", id, ["project": .string(network.project)])
        }
        for subnet in network.subnetworks {
            document.resource("google_compute_subnetwork", TerraformNames.subnetwork(id, subnet), [
                "name": .string(subnet.name),
                "project": .string(network.project),
                "region": .string(subnet.region),
                "network": .string(networkID),
                "ip_cidr_range": .string(subnet.cidr),
                "private_ip_google_access": .bool(subnet.privateGoogleAccess),
                "description": subnet.description.map { .string(HCL.escapeTemplate($0)) } ?? .null,
                "stack_type": .string(subnet.stackType.rawValue),
                "ipv6_access_type": subnet.ipv6AccessType.map { .string($0.rawValue) } ?? .null,
                "secondary_ip_range": subnet.secondaryRanges.isEmpty ? .null : .array(subnet.secondaryRanges.map {
                    ["range_name": .string($0.name), "ip_cidr_range": .string($0.cidr)]
                }),
                "log_config": .when(subnet.flowLogs, .array([["aggregation_interval": "INTERVAL_5_SEC", "flow_sampling": .double(0.5), "metadata": "INCLUDE_ALL_METADATA"]])),
            ])
        }
        for router in network.routers {
            emitRouter(router, network: network, id: id, into: &document)
        }
        for rule in network.firewallRules {
            document.resource("google_compute_firewall", TerraformNames.firewall(id, rule),
                              FirewallResources.body(rule, project: network.project, network: .string(networkID), references: &references))
        }
    }

    /// An existing network and subnetwork: looked up, never created or changed.
    static func emit(_ network: ImportedNetwork, into document: inout TerraformDocument) {
        let id = network.origin.module.rawValue
        document.data("google_compute_network", id, ["name": .string(network.name), "project": .string(network.project)])
        document.data("google_compute_subnetwork", id, [
            "name": .string(network.subnetworkName), "project": .string(network.project), "region": .string(network.region),
        ])
    }

    private static func emitRouter(_ router: CloudRouter, network: Network, id: String, into document: inout TerraformDocument) {
        let name = TerraformNames.router(id, router.region)
        document.resource("google_compute_router", name, [
            "name": .string(router.name),
            "project": .string(network.project),
            "region": .string(router.region),
            "network": .string("${google_compute_network.\(id).id}"),
        ])
        guard let nat = router.nat else { return }
        var addresses: [JSON] = []
        for (index, addressName) in nat.addressNames.enumerated() {
            let resourceName = TerraformNames.natAddress(id, router.region, index)
            document.resource("google_compute_address", resourceName, [
                "name": .string(addressName),
                "project": .string(network.project),
                "region": .string(router.region),
                "address_type": "EXTERNAL",
                "labels": .stringMap(network.origin.labels),
            ])
            addresses.append(.string("${google_compute_address.\(resourceName).self_link}"))
        }
        document.resource("google_compute_router_nat", name, [
            "name": .string(nat.name),
            "project": .string(network.project),
            "region": .string(router.region),
            "router": .string("${google_compute_router.\(name).name}"),
            "nat_ip_allocate_option": addresses.isEmpty ? "AUTO_ONLY" : "MANUAL_ONLY",
            "nat_ips": addresses.isEmpty ? .null : .array(addresses),
            "source_subnetwork_ip_ranges_to_nat": "ALL_SUBNETWORKS_ALL_IP_RANGES",
            "log_config": .array([["enable": true, "filter": "ERRORS_ONLY"]]),
        ])
    }
}
