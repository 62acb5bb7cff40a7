/// A network interface of an instance beyond its first one: a GPU cluster's RDMA or extra VPC NICs.
@_spi(Tools) public struct NetworkInterface: Hashable, Sendable {
    /// The network (name or self link); nil lets Compute Engine take it from the subnetwork.
    @_spi(Tools) public var network: TerraformText?
    /// The subnetwork (name or self link).
    @_spi(Tools) public var subnetwork: TerraformText
    /// Project of the subnetwork when it is given by name; nil for the instance's.
    @_spi(Tools) public var subnetworkProject: TerraformText?
    /// A fixed internal address; nil for an ephemeral one.
    @_spi(Tools) public var networkIP: String?
    /// The NIC type (`GVNIC`, `IRDMA`, `MRDMA`, ...); nil for Compute Engine's choice.
    @_spi(Tools) public var nicType: String?
    /// `IPV4_ONLY`, `IPV4_IPV6` or `IPV6_ONLY`; nil for Compute Engine's default.
    @_spi(Tools) public var stackType: String?
    /// Queues of the NIC; nil for Compute Engine's default.
    @_spi(Tools) public var queueCount: Int?
    /// External IPv4 access.
    @_spi(Tools) public var accessConfigs: [AccessConfig]
    /// Network tiers of external IPv6 access, one per configuration.
    @_spi(Tools) public var ipv6AccessTiers: [String]
    /// Alias IP ranges.
    @_spi(Tools) public var aliasRanges: [AliasIPRange]
}

/// An alias IP range of a network interface.
@_spi(Tools) public struct AliasIPRange: Hashable, Sendable {
    /// The range (CIDR or netmask such as `/24`).
    @_spi(Tools) public var cidr: String
    /// The secondary range of the subnetwork it is taken from; nil for the primary range.
    @_spi(Tools) public var subnetworkRangeName: String?
}

/// The NIC types Compute Engine takes on an instance's interfaces.
@_spi(Tools) public enum InterfaceNICType {
    /// Every type the `nic_type` of an interface may name.
    @_spi(Tools) public static let all = ["GVNIC", "VIRTIO_NET", "IDPF", "IRDMA", "MRDMA"]
}

/// The IP stacks an interface may have.
@_spi(Tools) public enum InterfaceStackType {
    /// Every value `stack_type` of an interface may take.
    @_spi(Tools) public static let all = ["IPV4_ONLY", "IPV4_IPV6", "IPV6_ONLY"]
}
