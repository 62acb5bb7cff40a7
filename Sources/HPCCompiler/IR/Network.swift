/// A VPC network hpcc creates.
public struct Network: Hashable, Sendable {
    public var origin: Origin
    public var project: String
    public var name: String
    public var description: String
    public var routingMode: String
    public var mtu: Int
    public var subnetworks: [Subnetwork]
    public var firewallRules: [FirewallRule]
    /// One per subnetwork region when Cloud Router is on.
    public var routers: [CloudRouter]
    public var ipv6ULA: Bool
    public var internalIPv6Range: String?
    public var sharedVPCHost: Bool

    /// `projects/P/global/networks/N`.
    public var id: String { "projects/\(project)/global/networks/\(name)" }

    /// The primary (first) subnetwork.
    public var primarySubnetwork: Subnetwork { subnetworks[0] }
}

/// A subnetwork.
public struct Subnetwork: Hashable, Sendable {
    public var name: String
    public var region: String
    public var cidr: String
    public var privateGoogleAccess: Bool
    public var flowLogs: Bool
    public var description: String?
    public var secondaryRanges: [SecondaryRange]
    public var stackType: String
    public var ipv6AccessType: String?
}

/// A secondary range of a subnetwork.
public struct SecondaryRange: Hashable, Sendable {
    public var name: String
    public var cidr: String
}

/// A Cloud Router, optionally with Cloud NAT.
public struct CloudRouter: Hashable, Sendable {
    public var name: String
    public var region: String
    /// Nil when NAT is off.
    public var nat: CloudNAT?
}

/// Cloud NAT on a router.
public struct CloudNAT: Hashable, Sendable {
    public var name: String
    /// Static external addresses to reserve; empty means automatic allocation.
    public var addressNames: [String]
}

/// A firewall rule.
public struct FirewallRule: Hashable, Sendable {
    public var name: String
    public var description: String?
    public var direction: String
    public var priority: Int?
    public var ranges: [String]
    public var sourceTags: [String]
    public var targetTags: [String]
    public var sourceServiceAccounts: [String]
    public var targetServiceAccounts: [String]
    public var allow: [FirewallPermission]
    public var deny: [FirewallPermission]
    /// Logging metadata (`INCLUDE_ALL_METADATA`), nil when logging is off.
    public var logMetadata: String?
}

/// A protocol and its ports.
public struct FirewallPermission: Hashable, Sendable {
    public var protocolName: String
    public var ports: [String]
}

/// Private services access: a reserved range and its connection.
public struct PrivateServiceAccess: Hashable, Sendable {
    public var origin: Origin
    public var project: String
    public var addressName: String
    public var network: NetworkAttachment
    public var address: String?
    public var prefixLength: Int
    public var service: String
    public var deletionPolicy: String?
}

/// The network a resource attaches to: one hpcc creates, or one given by id.
public enum NetworkAttachment: Hashable, Sendable {
    /// The network of a vpc or pre-existing-vpc module.
    case module(ModuleID)
    /// A network by id or self link.
    case external(TerraformText)
}

/// The subnetwork instances attach to.
public enum SubnetworkAttachment: Hashable, Sendable {
    /// The primary subnetwork of a vpc module, or the subnetwork of a pre-existing-vpc module.
    case module(ModuleID)
    /// A subnetwork by self link.
    case external(TerraformText)
}

/// A VPC network and subnetwork that exist already; hpcc only looks them up.
public struct ImportedNetwork: Hashable, Sendable {
    public var origin: Origin
    /// Project that holds the network (a Shared VPC host project, possibly).
    public var project: String
    public var name: String
    public var subnetworkName: String
    /// Region of the subnetwork.
    public var region: String

    /// `projects/P/global/networks/N`.
    public var id: String { "projects/\(project)/global/networks/\(name)" }
}
