/// An AWS VPC hpcc creates: private subnets per availability zone, endpoints, security groups.
public struct AWSNetwork: Hashable, Sendable {
    public var origin: Origin
    /// The `Name` tag.
    public var name: String
    public var region: String
    public var cidr: String
    /// One per availability zone, in the blueprint's order.
    public var privateSubnets: [AWSSubnet]
    /// With an internet gateway and a NAT gateway the private subnets route through; nil in no-IGW mode.
    public var publicSubnet: AWSSubnet?
    /// Services reached through gateway endpoints (`s3`, `dynamodb`).
    public var gatewayEndpoints: [String]
    /// Services reached through interface endpoints with private DNS.
    public var interfaceEndpoints: [String]
    public var peering: AWSPeering?

    /// `com.amazonaws.<region>.<service>`.
    public func serviceName(_ service: String) -> String { "com.amazonaws.\(region).\(service)" }
}

/// A subnet of an AWS VPC.
public struct AWSSubnet: Hashable, Sendable {
    public var availabilityZone: String
    public var cidr: String
}

/// A peering connection to an existing VPC, routed from the private route table.
public struct AWSPeering: Hashable, Sendable {
    public var peerVPCID: String
    public var peerCIDR: String
    public var autoAccept: Bool
}
