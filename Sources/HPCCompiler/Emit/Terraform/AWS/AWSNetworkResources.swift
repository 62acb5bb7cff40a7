/// The resources of an aws-vpc module: VPC, subnets, route tables, endpoints, security groups
/// (rules as separate resources), and the optional internet path and peering.
enum AWSNetworkResources {
    static func emit(_ network: AWSNetwork, defaults: [String: String], into document: inout TerraformDocument) {
        let id = network.origin.module.rawValue
        let vpc = "${aws_vpc.\(id).id}"
        func tags(_ suffix: String) -> JSON { AWSTagging.tags(network.origin, name: suffix.isEmpty ? network.name : "\(network.name)-\(suffix)", defaults: defaults) }

        document.resource("aws_vpc", id, [
            "cidr_block": .string(network.cidr), "enable_dns_support": true, "enable_dns_hostnames": true, "tags": tags(""),
        ])
        // The VPC's default security group, adopted with no rules: Terraform removes the
        // allow-all rules AWS gives it, so a resource launched without a group reaches nothing.
        document.resource("aws_default_security_group", id, ["vpc_id": .string(vpc), "tags": tags("default-closed")])
        let privateTable = AWSNames.privateRoutes(id)
        document.resource("aws_route_table", privateTable, ["vpc_id": .string(vpc), "tags": tags("private")])
        for (index, subnet) in network.privateSubnets.enumerated() {
            let name = AWSNames.privateSubnet(id, index)
            document.resource("aws_subnet", name, [
                "vpc_id": .string(vpc), "cidr_block": .string(subnet.cidr), "availability_zone": .string(subnet.availabilityZone),
                "map_public_ip_on_launch": false, "tags": tags("private-\(subnet.availabilityZone)"),
            ])
            document.resource("aws_route_table_association", name, [
                "subnet_id": .string("${aws_subnet.\(name).id}"), "route_table_id": .string("${aws_route_table.\(privateTable).id}"),
            ])
        }
        if let subnet = network.publicSubnet {
            emitInternetPath(subnet, network: network, id: id, tags: tags, into: &document)
        }
        for service in network.gatewayEndpoints {
            document.resource("aws_vpc_endpoint", AWSNames.endpoint(id, service), [
                "vpc_id": .string(vpc), "service_name": .string(network.serviceName(service)), "vpc_endpoint_type": "Gateway",
                "route_table_ids": .strings(["${aws_route_table.\(privateTable).id}"]), "tags": tags(service),
            ])
        }
        let subnetIDs = JSON.strings(network.privateSubnets.indices.map { "${aws_subnet.\(AWSNames.privateSubnet(id, $0)).id}" })
        for service in network.interfaceEndpoints {
            document.resource("aws_vpc_endpoint", AWSNames.endpoint(id, service), [
                "vpc_id": .string(vpc), "service_name": .string(network.serviceName(service)), "vpc_endpoint_type": "Interface",
                "private_dns_enabled": true, "subnet_ids": subnetIDs,
                "security_group_ids": .strings(["${aws_security_group.\(AWSNames.endpointGroup(id)).id}"]), "tags": tags(service),
            ])
        }
        emitSecurityGroups(network, id: id, tags: tags, into: &document)
        if let peering = network.peering {
            document.resource("aws_vpc_peering_connection", id, [
                "vpc_id": .string(vpc), "peer_vpc_id": .string(peering.peerVPCID), "auto_accept": .when(peering.autoAccept, true), "tags": tags("peering"),
            ])
            document.resource("aws_route", "\(id)_peer", [
                "route_table_id": .string("${aws_route_table.\(privateTable).id}"), "destination_cidr_block": .string(peering.peerCIDR),
                "vpc_peering_connection_id": .string("${aws_vpc_peering_connection.\(id).id}"),
            ])
        }
    }

    /// Internet gateway, public subnet and route table, and a NAT gateway the private route table uses.
    private static func emitInternetPath(_ subnet: AWSSubnet, network: AWSNetwork, id: String, tags: (String) -> JSON, into document: inout TerraformDocument) {
        let name = AWSNames.publicSubnet(id)
        document.resource("aws_internet_gateway", id, ["vpc_id": .string("${aws_vpc.\(id).id}"), "tags": tags("igw")])
        document.resource("aws_subnet", name, [
            "vpc_id": .string("${aws_vpc.\(id).id}"), "cidr_block": .string(subnet.cidr), "availability_zone": .string(subnet.availabilityZone),
            "map_public_ip_on_launch": false, "tags": tags("public"),
        ])
        document.resource("aws_route_table", AWSNames.publicRoutes(id), ["vpc_id": .string("${aws_vpc.\(id).id}"), "tags": tags("public")])
        document.resource("aws_route_table_association", name, [
            "subnet_id": .string("${aws_subnet.\(name).id}"), "route_table_id": .string("${aws_route_table.\(AWSNames.publicRoutes(id)).id}"),
        ])
        document.resource("aws_route", "\(id)_public_internet", [
            "route_table_id": .string("${aws_route_table.\(AWSNames.publicRoutes(id)).id}"), "destination_cidr_block": "0.0.0.0/0",
            "gateway_id": .string("${aws_internet_gateway.\(id).id}"),
        ])
        document.resource("aws_eip", "\(id)_nat", ["domain": "vpc", "tags": tags("nat"), "depends_on": .strings(["aws_internet_gateway.\(id)"])])
        document.resource("aws_nat_gateway", id, [
            "allocation_id": .string("${aws_eip.\(id)_nat.id}"), "subnet_id": .string("${aws_subnet.\(name).id}"), "tags": tags("nat"),
            "depends_on": .strings(["aws_internet_gateway.\(id)"]),
        ])
        document.resource("aws_route", "\(id)_private_nat", [
            "route_table_id": .string("${aws_route_table.\(AWSNames.privateRoutes(id)).id}"), "destination_cidr_block": "0.0.0.0/0",
            "nat_gateway_id": .string("${aws_nat_gateway.\(id).id}"),
        ])
    }

    /// The cluster group (all traffic among members, all egress) and the endpoint group (HTTPS from the VPC).
    private static func emitSecurityGroups(_ network: AWSNetwork, id: String, tags: (String) -> JSON, into document: inout TerraformDocument) {
        let cluster = AWSNames.clusterGroup(id), endpoints = AWSNames.endpointGroup(id)
        document.resource("aws_security_group", cluster, [
            "name": .string(HCL.escapeTemplate("\(network.name)-cluster")), "description": "Cluster nodes: all traffic among members",
            "vpc_id": .string("${aws_vpc.\(id).id}"), "tags": tags("cluster"),
        ])
        document.resource("aws_vpc_security_group_ingress_rule", "\(cluster)_members", [
            "security_group_id": .string("${aws_security_group.\(cluster).id}"), "referenced_security_group_id": .string("${aws_security_group.\(cluster).id}"),
            "ip_protocol": "-1", "description": "All traffic among cluster members",
        ])
        document.resource("aws_vpc_security_group_egress_rule", "\(cluster)_all", [
            "security_group_id": .string("${aws_security_group.\(cluster).id}"), "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1",
            "description": "Outbound: the VPC, its endpoints, and whatever routes the VPC has",
        ])
        guard !network.interfaceEndpoints.isEmpty else { return }
        document.resource("aws_security_group", endpoints, [
            "name": .string(HCL.escapeTemplate("\(network.name)-endpoints")), "description": "Interface endpoints: HTTPS from the VPC",
            "vpc_id": .string("${aws_vpc.\(id).id}"), "tags": tags("endpoints"),
        ])
        document.resource("aws_vpc_security_group_ingress_rule", "\(endpoints)_https", [
            "security_group_id": .string("${aws_security_group.\(endpoints).id}"), "cidr_ipv4": .string(network.cidr),
            "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "description": "HTTPS from the VPC",
        ])
    }

    /// The aws-vpc module's outputs over these resources.
    static func value(of output: AWSVPCModule.Output, network: AWSNetwork, id: String, path: [Accessor]) -> OutputValue {
        let subnets = network.privateSubnets.indices.map { "aws_subnet.\(AWSNames.privateSubnet(id, $0)).id" }
        switch output {
        case .vpcID: return .expression("aws_vpc.\(id).id" + HCL.access(path))
        case .subnetID: return .expression(subnets[0] + HCL.access(path))
        case .securityGroupID: return .expression("aws_security_group.\(AWSNames.clusterGroup(id)).id" + HCL.access(path))
        case .publicSubnetID: return .expression((network.publicSubnet == nil ? "null" : "aws_subnet.\(AWSNames.publicSubnet(id)).id") + HCL.access(path))
        case .privateSubnetIDs:
            // A single element is addressed directly, so references stay readable.
            if case let .index(index)? = path.first, subnets.indices.contains(index) {
                return .expression(subnets[index] + HCL.access(Array(path.dropFirst())))
            }
            return .expression("[" + subnets.joined(separator: ", ") + "]" + HCL.access(path))
        case .vpcCIDR, .availabilityZones: return .known
        }
    }
}
