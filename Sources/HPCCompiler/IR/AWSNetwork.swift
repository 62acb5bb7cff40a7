/// An AWS VPC hpcc creates: private subnets per availability zone, endpoints, security groups.
@_spi(Tools) public struct AWSNetwork: Hashable, Sendable {
    /// The aws-vpc module's origin.
    @_spi(Tools) public var origin: Origin
    /// The `Name` tag.
    @_spi(Tools) public var name: String
    /// The AWS region.
    @_spi(Tools) public var region: String
    /// The VPC's IPv4 range.
    @_spi(Tools) public var cidr: String
    /// One per availability zone, in the blueprint's order.
    @_spi(Tools) public var privateSubnets: [AWSSubnet]
    /// With an internet gateway and a NAT gateway the private subnets route through; nil in no-IGW mode.
    @_spi(Tools) public var publicSubnet: AWSSubnet?
    /// Services reached through gateway endpoints (`s3`, `dynamodb`).
    @_spi(Tools) public var gatewayEndpoints: [String]
    /// Services reached through interface endpoints with private DNS.
    @_spi(Tools) public var interfaceEndpoints: [String]
    /// A peering connection to an existing VPC; nil for none.
    @_spi(Tools) public var peering: AWSPeering?

    /// `com.amazonaws.<region>.<service>`.
    @_spi(Tools) public func serviceName(_ service: String) -> String { "com.amazonaws.\(region).\(service)" }
}

/// A subnet of an AWS VPC.
@_spi(Tools) public struct AWSSubnet: Hashable, Sendable {
    /// The subnet's availability zone.
    @_spi(Tools) public var availabilityZone: String
    /// Its IPv4 range.
    @_spi(Tools) public var cidr: String
}

/// A peering connection to an existing VPC, routed from the private route table.
@_spi(Tools) public struct AWSPeering: Hashable, Sendable {
    /// The existing VPC's id.
    @_spi(Tools) public var peerVPCID: String
    /// Its IPv4 range, routed through the peering.
    @_spi(Tools) public var peerCIDR: String
    /// The peering is accepted at once (both VPCs in the same account and region).
    @_spi(Tools) public var autoAccept: Bool
}
