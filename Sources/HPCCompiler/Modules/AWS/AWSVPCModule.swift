/// `modules/network/aws-vpc`: one module, whole.
enum AWSVPCModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "modules/network/aws-vpc", cloud: .aws,
        summary: "Private VPC: a subnet per availability zone, VPC endpoints, security groups, no internet gateway by default",
        description: """
        Creates a VPC with one private subnet per availability zone (carved from `vpc_cidr`), one private \
        route table, S3 and DynamoDB gateway endpoints on it, interface endpoints (private DNS) for the \
        services a ParallelCluster without internet access calls, a cluster security group open to its own \
        members, and a security group for the endpoints admitting HTTPS from the VPC. No internet gateway \
        and no NAT unless `enable_public_subnet` asks for a public subnet; `peering` connects an existing VPC.
        """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.region, AWSSettings.tags,
            SettingSpec("availability_zones", .list(.string), "Availability zones of the private subnets, one subnet each (normally `vars.availability_zones`).", required: true),
            SettingSpec("vpc_name", .string, "Name tag of the VPC; null means `<deployment_name>-vpc`.",
                        constraints: [.maxLength(255)]),
            SettingSpec("vpc_cidr", .string, "IPv4 address space of the VPC (/16 to /28).", default: .string("10.0.0.0/16")),
            SettingSpec("private_subnet_new_bits", .number, "Extra prefix bits of each private subnet within `vpc_cidr`.", default: .int(4),
                        constraints: [.integer, .range(min: 1, max: 12)]),
            SettingSpec("enable_public_subnet", .bool, "Create a public subnet with an internet gateway and a NAT gateway the private subnets route through.", default: .bool(false)),
            SettingSpec("public_subnet_new_bits", .number, "Extra prefix bits of the public subnet, placed after the private ones.", default: .int(8),
                        constraints: [.integer, .range(min: 1, max: 12)]),
            SettingSpec("gateway_endpoints", .list(.string), "Services reached through gateway endpoints on the private route table.",
                        default: .list(AWSEndpoints.gateway.map(Value.string))),
            SettingSpec("interface_endpoints", .list(.string), "Services reached through interface endpoints in the private subnets: the ones ParallelCluster documents for clusters without internet access.",
                        default: .list(AWSEndpoints.interface.map(Value.string))),
            SettingSpec("peering", .object([.required("peer_vpc_id", .string), .required("peer_cidr", .string), .optional("auto_accept", .bool, .bool(false))]),
                        "Peer an existing VPC: a peering connection and a route to `peer_cidr` in the private route table. `auto_accept` only works within one account and region."),
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
        AWSVPCLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: AWSNetwork, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in AWSNetworkResources.emit(entity, defaults: group.defaultTags, into: &document) }
    }

    static func value(of output: Output, entity: AWSNetwork, module: ModuleID, path: [Accessor]) -> OutputValue {
        AWSNetworkResources.value(of: output, network: entity, id: module.rawValue, path: path)
    }
}

/// The AWS services the VPC module reaches privately by default.
public enum AWSEndpoints {
    /// Gateway endpoints (route-table entries, free of charge); AWS offers them for these two services only.
    public static let gateway = ["dynamodb", "s3"]
    /// Interface endpoints ParallelCluster lists for a subnet without internet access; Secrets
    /// Manager because hpcc keeps cluster keys and database credentials there.
    public static let interface = ["cloudformation", "ec2", "logs", "secretsmanager"]
}
