/// An AWS VPC hpcc creates: private subnets per availability zone, endpoints, security groups.
public struct AWSNetwork: Hashable, Sendable {
    /// The aws-vpc module's origin.
    public var origin: Origin
    /// The `Name` tag.
    public var name: String
    /// The AWS region.
    public var region: String
    /// The VPC's IPv4 range.
    public var cidr: String
    /// One per availability zone, in the blueprint's order.
    public var privateSubnets: [AWSSubnet]
    /// With an internet gateway and a NAT gateway the private subnets route through; nil in no-IGW mode.
    public var publicSubnet: AWSSubnet?
    /// Services reached through gateway endpoints (`s3`, `dynamodb`).
    public var gatewayEndpoints: [String]
    /// Services reached through interface endpoints with private DNS.
    public var interfaceEndpoints: [String]
    /// A peering connection to an existing VPC; nil for none.
    public var peering: AWSPeering?

    /// `com.amazonaws.<region>.<service>`.
    public func serviceName(_ service: String) -> String { "com.amazonaws.\(region).\(service)" }
}

/// A subnet of an AWS VPC.
public struct AWSSubnet: Hashable, Sendable {
    /// The subnet's availability zone.
    public var availabilityZone: String
    /// Its IPv4 range.
    public var cidr: String
}

/// A peering connection to an existing VPC, routed from the private route table.
public struct AWSPeering: Hashable, Sendable {
    /// The existing VPC's id.
    public var peerVPCID: String
    /// Its IPv4 range, routed through the peering.
    public var peerCIDR: String
    /// The peering is accepted at once (both VPCs in the same account and region).
    public var autoAccept: Bool
}
