/// The resources of an aws-vpc module: VPC, subnets, route tables, endpoints, security groups
/// (rules as separate resources), and the optional internet path and peering.
enum AWSNetworkResources {
    static func emit(_ network: AWSNetwork, defaults: [String: String], into document: inout TerraformDocument) {
        let addresses = AWSNetworkAddresses(network.origin.module)
        let vpc = addresses.vpc.json("id")
        func tags(_ suffix: String) -> JSON {
            AWSTagging.tags(
                network.origin, name: suffix.isEmpty ? network.name : "\(network.name)-\(suffix)", defaults: defaults)
        }

        document.resource(
            addresses.vpc,
            [
                "cidr_block": .string(network.cidr), "enable_dns_support": true, "enable_dns_hostnames": true,
                "tags": tags(""),
            ])
        // The VPC's default security group, adopted with no rules: Terraform removes the
        // allow-all rules AWS gives it, so a resource launched without a group reaches nothing.
        document.resource(addresses.defaultSecurityGroup, ["vpc_id": vpc, "tags": tags("default-closed")])
        let privateTable = addresses.privateRoutes
        document.resource(privateTable, ["vpc_id": vpc, "tags": tags("private")])
        for (index, subnet) in network.privateSubnets.enumerated() {
            let subnetAddress = addresses.privateSubnet(index)
            document.resource(
                subnetAddress,
                [
                    "vpc_id": vpc, "cidr_block": .string(subnet.cidr),
                    "availability_zone": .string(subnet.availabilityZone),
                    "map_public_ip_on_launch": false, "tags": tags("private-\(subnet.availabilityZone)"),
                ])
            document.resource(
                addresses.privateSubnetRoutes(index),
                [
                    "subnet_id": subnetAddress.json("id"), "route_table_id": privateTable.json("id"),
                ])
        }
        if let subnet = network.publicSubnet {
            emitInternetPath(subnet, network: network, addresses: addresses, tags: tags, into: &document)
        }
        for service in network.gatewayEndpoints {
            document.resource(
                addresses.endpoint(service),
                [
                    "vpc_id": vpc, "service_name": .string(network.serviceName(service)),
                    "vpc_endpoint_type": "Gateway",
                    "route_table_ids": .array([privateTable.json("id")]), "tags": tags(service),
                ])
        }
        let subnetIDs = JSON.array(network.privateSubnets.indices.map { addresses.privateSubnet($0).json("id") })
        for service in network.interfaceEndpoints {
            document.resource(
                addresses.endpoint(service),
                [
                    "vpc_id": vpc, "service_name": .string(network.serviceName(service)),
                    "vpc_endpoint_type": "Interface",
                    "private_dns_enabled": true, "subnet_ids": subnetIDs,
                    "security_group_ids": .array([addresses.endpointGroup.json("id")]), "tags": tags(service),
                ])
        }
        emitSecurityGroups(network, addresses: addresses, tags: tags, into: &document)
        if let peering = network.peering {
            document.resource(
                addresses.peering,
                [
                    "vpc_id": vpc, "peer_vpc_id": .string(peering.peerVPCID),
                    "auto_accept": .when(peering.autoAccept, true), "tags": tags("peering"),
                ])
            document.resource(
                addresses.peerRoute,
                [
                    "route_table_id": privateTable.json("id"), "destination_cidr_block": .string(peering.peerCIDR),
                    "vpc_peering_connection_id": addresses.peering.json("id"),
                ])
        }
    }

    /// Internet gateway, public subnet and route table, and a NAT gateway the private route table uses.
    private static func emitInternetPath(
        _ subnet: AWSSubnet, network: AWSNetwork, addresses: AWSNetworkAddresses, tags: (String) -> JSON,
        into document: inout TerraformDocument
    ) {
        let vpc = addresses.vpc.json("id"), gateway = addresses.internetGateway
        document.resource(gateway, ["vpc_id": vpc, "tags": tags("igw")])
        document.resource(
            addresses.publicSubnet,
            [
                "vpc_id": vpc, "cidr_block": .string(subnet.cidr),
                "availability_zone": .string(subnet.availabilityZone),
                "map_public_ip_on_launch": false, "tags": tags("public"),
            ])
        document.resource(addresses.publicRoutes, ["vpc_id": vpc, "tags": tags("public")])
        document.resource(
            addresses.publicSubnetRoutes,
            [
                "subnet_id": addresses.publicSubnet.json("id"), "route_table_id": addresses.publicRoutes.json("id"),
            ])
        document.resource(
            addresses.internetRoute,
            [
                "route_table_id": addresses.publicRoutes.json("id"), "destination_cidr_block": "0.0.0.0/0",
                "gateway_id": gateway.json("id"),
            ])
        document.resource(
            addresses.natAddress, ["domain": "vpc", "tags": tags("nat"), "depends_on": .addresses([gateway])])
        document.resource(
            addresses.natGateway,
            [
                "allocation_id": addresses.natAddress.json("id"), "subnet_id": addresses.publicSubnet.json("id"),
                "tags": tags("nat"),
                "depends_on": .addresses([gateway]),
            ])
        document.resource(
            addresses.natRoute,
            [
                "route_table_id": addresses.privateRoutes.json("id"), "destination_cidr_block": "0.0.0.0/0",
                "nat_gateway_id": addresses.natGateway.json("id"),
            ])
    }

    /// The cluster group (all traffic among members, all egress) and the endpoint group (HTTPS from the VPC).
    private static func emitSecurityGroups(
        _ network: AWSNetwork, addresses: AWSNetworkAddresses, tags: (String) -> JSON,
        into document: inout TerraformDocument
    ) {
        let cluster = addresses.clusterGroup, endpoints = addresses.endpointGroup
        document.resource(
            cluster,
            [
                "name": .string(HCL.escapeTemplate("\(network.name)-cluster")),
                "description": "Cluster nodes: all traffic among members",
                "vpc_id": addresses.vpc.json("id"), "tags": tags("cluster"),
            ])
        document.resource(
            TerraformAddress("aws_vpc_security_group_ingress_rule", "\(cluster.name)_members"),
            [
                "security_group_id": cluster.json("id"), "referenced_security_group_id": cluster.json("id"),
                "ip_protocol": "-1", "description": "All traffic among cluster members",
            ])
        document.resource(
            TerraformAddress("aws_vpc_security_group_egress_rule", "\(cluster.name)_all"),
            [
                "security_group_id": cluster.json("id"), "cidr_ipv4": "0.0.0.0/0", "ip_protocol": "-1",
                "description": "Outbound: the VPC, its endpoints, and whatever routes the VPC has",
            ])
        guard !network.interfaceEndpoints.isEmpty else { return }
        document.resource(
            endpoints,
            [
                "name": .string(HCL.escapeTemplate("\(network.name)-endpoints")),
                "description": "Interface endpoints: HTTPS from the VPC",
                "vpc_id": addresses.vpc.json("id"), "tags": tags("endpoints"),
            ])
        document.resource(
            TerraformAddress("aws_vpc_security_group_ingress_rule", "\(endpoints.name)_https"),
            [
                "security_group_id": endpoints.json("id"), "cidr_ipv4": .string(network.cidr),
                "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "description": "HTTPS from the VPC",
            ])
    }

    /// The aws-vpc module's outputs over these resources.
    static func value(
        of output: AWSVPCModule.Output, network: AWSNetwork, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        let addresses = AWSNetworkAddresses(module)
        let subnets = network.privateSubnets.indices.map { addresses.privateSubnet($0).attribute("id") }
        switch output {
        case .vpcID: return .expression(addresses.vpc.attribute("id") + HCL.access(path))
        case .subnetID: return .expression(subnets[0] + HCL.access(path))
        case .securityGroupID: return .expression(addresses.clusterGroup.attribute("id") + HCL.access(path))
        case .publicSubnetID:
            return .expression(
                (network.publicSubnet == nil ? "null" : addresses.publicSubnet.attribute("id")) + HCL.access(path))
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

/// Terraform addresses of an aws-vpc module's resources, derived from the module id.
struct AWSNetworkAddresses {
    let id: String

    init(_ module: ModuleID) {
        id = module.rawValue
    }

    var vpc: TerraformAddress { TerraformAddress("aws_vpc", id) }
    /// The VPC's default security group, adopted and emptied.
    var defaultSecurityGroup: TerraformAddress { TerraformAddress("aws_default_security_group", id) }
    var privateRoutes: TerraformAddress { TerraformAddress("aws_route_table", "\(id)_private") }
    var publicRoutes: TerraformAddress { TerraformAddress("aws_route_table", "\(id)_public") }
    func privateSubnet(_ index: Int) -> TerraformAddress { TerraformAddress("aws_subnet", "\(id)_private_\(index)") }
    /// The association of private subnet `index` with the private route table.
    func privateSubnetRoutes(_ index: Int) -> TerraformAddress {
        TerraformAddress("aws_route_table_association", "\(id)_private_\(index)")
    }
    var publicSubnet: TerraformAddress { TerraformAddress("aws_subnet", "\(id)_public") }
    /// The association of the public subnet with the public route table.
    var publicSubnetRoutes: TerraformAddress { TerraformAddress("aws_route_table_association", "\(id)_public") }
    var internetGateway: TerraformAddress { TerraformAddress("aws_internet_gateway", id) }
    var internetRoute: TerraformAddress { TerraformAddress("aws_route", "\(id)_public_internet") }
    var natAddress: TerraformAddress { TerraformAddress("aws_eip", "\(id)_nat") }
    var natGateway: TerraformAddress { TerraformAddress("aws_nat_gateway", id) }
    var natRoute: TerraformAddress { TerraformAddress("aws_route", "\(id)_private_nat") }
    /// The cluster security group: all traffic among members.
    var clusterGroup: TerraformAddress { TerraformAddress("aws_security_group", "\(id)_cluster") }
    /// The security group of the interface endpoints.
    var endpointGroup: TerraformAddress { TerraformAddress("aws_security_group", "\(id)_endpoints") }
    /// The endpoint of `service`: `ecr.api` → `aws_vpc_endpoint.<module>_ecr_api`.
    func endpoint(_ service: String) -> TerraformAddress {
        TerraformAddress("aws_vpc_endpoint", id + "_" + TerraformName.sanitize(service))
    }
    var peering: TerraformAddress { TerraformAddress("aws_vpc_peering_connection", id) }
    var peerRoute: TerraformAddress { TerraformAddress("aws_route", "\(id)_peer") }
}
