/// `modules/network/aws-vpc`: a VPC whose subnets are carved from its CIDR (one private per
/// availability zone, then the optional public one), checked to fit and not to overlap a peer.
enum AWSVPCModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `AWSKey`'s.
    enum Key {
        static let availabilityZones = SettingKey<[String]>("availability_zones")
        static let name = SettingKey<String>("vpc_name")
        static let cidr = SettingKey<String>("vpc_cidr")
        static let privateSubnetNewBits = SettingKey<Int>("private_subnet_new_bits")
        static let enablePublicSubnet = SettingKey<Bool>("enable_public_subnet")
        static let publicSubnetNewBits = SettingKey<Int>("public_subnet_new_bits")
        static let gatewayEndpoints = SettingKey<[String]>("gateway_endpoints")
        static let interfaceEndpoints = SettingKey<[String]>("interface_endpoints")
        static let sessionManager = SettingKey<Bool>("enable_session_manager")
        static let peering = SettingKey<Value>("peering")
    }

    static let schema = ModuleSchema(
        source: "modules/network/aws-vpc", cloud: .aws,
        summary:
            """
            Private VPC: a subnet per availability zone, VPC endpoints, security groups, no internet gateway by default
            """,
        description: """
            Creates a VPC with one private subnet per availability zone (carved from `vpc_cidr`), one private \
            route table, S3 and DynamoDB gateway endpoints on it, interface endpoints (private DNS) for the \
            services a ParallelCluster without internet access calls, a cluster security group open to its own \
            members, and a security group for the endpoints admitting HTTPS from the VPC. No internet gateway \
            and no NAT unless `enable_public_subnet` asks for a public subnet; `peering` connects an existing VPC; \
            `enable_session_manager` adds the Systems Manager endpoints Session Manager needs to reach nodes \
            without an internet path.
            """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.region, AWSSettings.tags,
            SettingSpec(
                Key.availabilityZones, .list(.string),
                "Availability zones of the private subnets, one subnet each (normally `vars.availability_zones`).",
                required: true),
            SettingSpec(
                Key.name, .string, "Name tag of the VPC; null means `<deployment_name>-vpc`.",
                constraints: [.maxLength(255)]),
            SettingSpec(
                Key.cidr, .string, "IPv4 address space of the VPC (/16 to /28).", default: .string("10.0.0.0/16")),
            SettingSpec(
                Key.privateSubnetNewBits, .number, "Extra prefix bits of each private subnet within `vpc_cidr`.",
                default: .int(4),
                constraints: [.integer, .range(min: 1, max: 12)]),
            SettingSpec(
                Key.enablePublicSubnet, .bool,
                "Create a public subnet with an internet gateway and a NAT gateway the private subnets route through.",
                default: .bool(false)),
            SettingSpec(
                Key.publicSubnetNewBits, .number,
                "Extra prefix bits of the public subnet, placed after the private ones.", default: .int(8),
                constraints: [.integer, .range(min: 1, max: 12)]),
            SettingSpec(
                Key.gatewayEndpoints, .list(.string),
                "Services reached through gateway endpoints on the private route table.",
                default: .list(AWSEndpoints.gateway.map(Value.string))),
            SettingSpec(
                Key.interfaceEndpoints, .list(.string),
                """
                Services reached through interface endpoints in the private subnets: the ones ParallelCluster \
                documents for clusters without internet access.
                """,
                default: .list(AWSEndpoints.interface.map(Value.string))),
            SettingSpec(
                Key.sessionManager, .bool,
                """
                Also create the interface endpoints (private DNS, in the private subnets, behind the endpoint security \
                group that admits HTTPS from the VPC only) that Systems Manager's agent needs: \
                \(AWSEndpoints.sessionManager.joined(separator: ", ")) (ec2messages only for agents before 3.3.40). \
                Nodes whose role has AmazonSSMManagedInstanceCore are then reachable with `aws ssm start-session`, \
                without an internet gateway, a bastion or an open SSH port.
                """,
                default: .bool(false)),
            SettingSpec(
                Key.peering,
                .object([
                    .required("peer_vpc_id", .string), .required("peer_cidr", .string),
                    .optional("auto_accept", .bool, .bool(false)),
                ]),
                """
                Peer an existing VPC: a peering connection and a route to `peer_cidr` in the private route table. \
                `auto_accept` only works within one account and region.
                """
            ),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case vpcID = "vpc_id"
        case vpcCIDR = "vpc_cidr"
        case privateSubnetIDs = "private_subnet_ids"
        case subnetID = "subnet_id"
        case publicSubnetID = "public_subnet_id"
        case securityGroupID = "security_group_id"
        case availabilityZones = "availability_zones"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .vpcID: (.string, "Id of the VPC.")
            case .vpcCIDR: (.string, "Address space of the VPC.")
            case .privateSubnetIDs: (.list(.string), "Ids of the private subnets, in `availability_zones` order.")
            case .subnetID: (.string, "Id of the first private subnet (single-subnet services such as FSx for Lustre).")
            case .publicSubnetID: (.string, "Id of the public subnet; null without one.")
            case .securityGroupID: (.string, "Id of the cluster security group (all traffic among its members).")
            case .availabilityZones: (.list(.string), "The availability zones of the private subnets.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.vpcID, .privateSubnetIDs, .securityGroupID]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> AWSNetwork? {
        guard let region = settings.read(AWSKey.region, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let cidrText = settings.read(Key.cidr, diagnostics: &diagnostics),
            let privateBits = settings.read(Key.privateSubnetNewBits, diagnostics: &diagnostics),
            let publicBits = settings.read(Key.publicSubnetNewBits, diagnostics: &diagnostics)
        else { return nil }
        let zones = settings.read(Key.availabilityZones, diagnostics: &diagnostics) ?? []
        // A range that is wrong is reported, and the network still lowers with a stand-in range
        // (flawed, never emitted), so the modules in it are checked in the same run.
        let cidr = CIDR(cidrText).flatMap { (16...28).contains($0.prefix) ? $0 : nil }
        if cidr == nil {
            diagnostics.report(
                .invalidNetworkRange, "vpc_cidr '\(cidrText)' is not an IPv4 CIDR block from /16 to /28",
                at: settings.location(Key.cidr),
                help: "write it as a.b.c.d/n with the host bits zero, e.g. 10.0.0.0/16")
        }
        guard checkZones(zones, region: region, settings: settings, diagnostics: &diagnostics) || !zones.isEmpty else {
            return nil
        }
        let withPublic = settings.read(defaulted: Key.enablePublicSubnet, diagnostics: &diagnostics)
        let bits = Array(repeating: privateBits, count: zones.count) + (withPublic ? [publicBits] : [])
        var blocks = cidr.flatMap { $0.subnets(newBits: bits) }.flatMap { $0.allSatisfy { $0.prefix <= 28 } ? $0 : nil }
        if let cidr, blocks == nil {
            // The bits when the blueprint chose them, else the range they are carved from.
            let culprit =
                settings.isExplicit(Key.privateSubnetNewBits)
                ? settings.location(Key.privateSubnetNewBits) : settings.location(Key.cidr)
            diagnostics.report(
                .invalidNetworkRange,
                "\(zones.count) private subnet\(zones.count == 1 ? "" : "s") of /\(cidr.prefix + privateBits)"
                    + (withPublic ? " and a public /\(cidr.prefix + publicBits)" : "")
                    + " do not fit in \(cidr) (AWS subnets are /16 to /28)",
                at: culprit,
                help: "use fewer new bits or a larger vpc_cidr")
        }
        blocks = blocks ?? CIDR.standIn.subnets(newBits: Array(repeating: 16, count: bits.count))
        guard let blocks else { return nil }
        let network = AWSNetwork(
            origin: settings.origin(diagnostics: &diagnostics),
            name: settings.read(Key.name, diagnostics: &diagnostics) ?? "\(ResourceName.autoName(deployment))-vpc",
            region: region, cidr: (cidr ?? CIDR.standIn).description,
            privateSubnets: zip(zones, blocks).map { AWSSubnet(availabilityZone: $0.0, cidr: $0.1.description) },
            publicSubnet: withPublic
                ? AWSSubnet(availabilityZone: zones[0], cidr: blocks[zones.count].description) : nil,
            gatewayEndpoints: services(Key.gatewayEndpoints, settings: settings, diagnostics: &diagnostics),
            interfaceEndpoints: interfaceServices(settings, diagnostics: &diagnostics),
            peering: cidr.flatMap { peering(settings, vpc: $0, diagnostics: &diagnostics) }
        )
        settings.context.deployment.awsNetworks.append(network)
        settings.context.knownOutputs[settings.id] = [
            Output.vpcCIDR.rawValue: .string(network.cidr),
            Output.availabilityZones.rawValue: .list(zones.map(Value.string)),
        ]
        return network
    }

    static func emit(_ entity: AWSNetwork, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in
            AWSNetworkResources.emit(entity, defaults: group.defaultTags, into: &document)
        }
    }

    static func value(of output: Output, entity: AWSNetwork, module: ModuleID, path: [Accessor]) -> OutputValue {
        AWSNetworkResources.value(of: output, network: entity, module: module, path: path)
    }
}

/// The AWS services the VPC module reaches privately by default.
enum AWSEndpoints {
    /// Gateway endpoints (route-table entries, free of charge); AWS offers them for these two services only.
    static let gateway = ["dynamodb", "s3"]
    /// Interface endpoints ParallelCluster lists for a subnet without internet access; Secrets
    /// Manager because hpcc keeps cluster keys and database credentials there.
    static let interface = ["cloudformation", "ec2", "logs", "secretsmanager"]
    /// Interface endpoints the Systems Manager agent calls (ec2messages only before agent 3.3.40).
    static let sessionManager = ["ec2messages", "ssm", "ssmmessages"]
    /// The ones every agent version needs.
    static let sessionManagerRequired = ["ssm", "ssmmessages"]
}
