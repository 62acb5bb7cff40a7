/// A VPC network hpcc creates.
@_spi(Tools) public struct Network: Hashable, Sendable {
    /// The vpc module's origin.
    @_spi(Tools) public var origin: Origin
    /// Project that holds the network.
    @_spi(Tools) public var project: String
    /// The network's name.
    @_spi(Tools) public var name: String
    /// The network's description (changing it replaces the network).
    @_spi(Tools) public var description: String
    /// Dynamic routing mode.
    @_spi(Tools) public var routingMode: NetworkRoutingMode
    /// Maximum transmission unit; 0 keeps Compute Engine's default.
    @_spi(Tools) public var mtu: Int
    /// Subnetworks, the primary one first.
    @_spi(Tools) public var subnetworks: [Subnetwork]
    /// Firewall rules: hpcc's (internal traffic, IAP) and the blueprint's.
    @_spi(Tools) public var firewallRules: [FirewallRule]
    /// One per subnetwork region when Cloud Router is on.
    @_spi(Tools) public var routers: [CloudRouter]
    /// An internal IPv6 range (ULA) is enabled on the network.
    @_spi(Tools) public var ipv6ULA: Bool
    /// That range, when the blueprint chooses it.
    @_spi(Tools) public var internalIPv6Range: String?
    /// The project is made a Shared VPC host.
    @_spi(Tools) public var sharedVPCHost: Bool
    /// The network profile (an RDMA network's `...-vpc-roce` or `...-vpc-falcon`); nil for none.
    @_spi(Tools) public var profile: String? = nil
    /// The NIC type the network's interface outputs give the instances that attach to it.
    @_spi(Tools) public var nicType: String? = nil
    /// Its position among a multivpc module's networks; nil for a module's only network.
    @_spi(Tools) public var member: Int? = nil

    /// What the network's Terraform addresses are named after: the module, and the member's position.
    @_spi(Tools) public var resourceKey: ModuleID {
        member.map { ModuleID("\(origin.module.rawValue)_\($0)") } ?? origin.module
    }

    /// `projects/P/global/networks/N`.
    @_spi(Tools) public var id: String { "projects/\(project)/global/networks/\(name)" }

    /// The primary (first) subnetwork.
    @_spi(Tools) public var primarySubnetwork: Subnetwork { subnetworks[0] }

    /// The network's self link, known from its project and name.
    @_spi(Tools) public var selfLink: String { "\(Self.computeAPI)/projects/\(project)/global/networks/\(name)" }

    /// The self link of one of its subnetworks.
    @_spi(Tools) public func selfLink(of subnet: Subnetwork) -> String {
        "\(Self.computeAPI)/projects/\(project)/regions/\(subnet.region)/subnetworks/\(subnet.name)"
    }

    /// The Compute Engine API self links are written under.
    @_spi(Tools) public static let computeAPI = "https://www.googleapis.com/compute/v1"
}

/// A subnetwork.
@_spi(Tools) public struct Subnetwork: Hashable, Sendable {
    /// The subnetwork's name.
    @_spi(Tools) public var name: String
    /// Its region.
    @_spi(Tools) public var region: String
    /// Its primary IPv4 range.
    @_spi(Tools) public var cidr: String
    /// Instances without external addresses may reach Google APIs.
    @_spi(Tools) public var privateGoogleAccess: Bool
    /// VPC flow logs are on.
    @_spi(Tools) public var flowLogs: Bool
    /// Its description.
    @_spi(Tools) public var description: String?
    /// Secondary ranges (for alias IPs, GKE pods and services).
    @_spi(Tools) public var secondaryRanges: [SecondaryRange]
    /// IPv4 only, or dual-stack.
    @_spi(Tools) public var stackType: SubnetworkStackType
    /// How a dual-stack subnetwork's IPv6 addresses are reached; nil for Compute Engine's default.
    @_spi(Tools) public var ipv6AccessType: SubnetworkIPv6AccessType?
}

/// A network's dynamic routing mode: routes learned by its Cloud Routers reach every region, or only their own.
@_spi(Tools) public enum NetworkRoutingMode: String, CaseIterable, Sendable {
    case global = "GLOBAL"
    case regional = "REGIONAL"
}

/// The IP stack of a subnetwork.
@_spi(Tools) public enum SubnetworkStackType: String, CaseIterable, Sendable {
    case ipv4Only = "IPV4_ONLY"
    case dualStack = "IPV4_IPV6"
}

/// Who reaches a dual-stack subnetwork's IPv6 addresses: the VPC only, or the internet too.
@_spi(Tools) public enum SubnetworkIPv6AccessType: String, CaseIterable, Sendable {
    case `internal` = "INTERNAL"
    case external = "EXTERNAL"
}

/// A secondary range of a subnetwork.
@_spi(Tools) public struct SecondaryRange: Hashable, Sendable {
    /// The range's name.
    @_spi(Tools) public var name: String
    /// The range.
    @_spi(Tools) public var cidr: String
}

/// A Cloud Router, optionally with Cloud NAT.
@_spi(Tools) public struct CloudRouter: Hashable, Sendable {
    /// The router's name.
    @_spi(Tools) public var name: String
    /// Its region.
    @_spi(Tools) public var region: String
    /// Nil when NAT is off.
    @_spi(Tools) public var nat: CloudNAT?
}

/// Cloud NAT on a router.
@_spi(Tools) public struct CloudNAT: Hashable, Sendable {
    /// The NAT's name.
    @_spi(Tools) public var name: String
    /// Static external addresses to reserve; empty means automatic allocation.
    @_spi(Tools) public var addressNames: [String]
}

/// A firewall rule: a vpc module's own or user rules, or a firewall-rules module's.
@_spi(Tools) public struct FirewallRule: Hashable, Sendable {
    /// The rule's name.
    @_spi(Tools) public var name: String
    /// Its description.
    @_spi(Tools) public var description: String?
    /// Whether the rule admits traffic or lets it out.
    @_spi(Tools) public var direction: FirewallDirection
    /// 0 (first) to 65535; nil for Compute Engine's default, 1000.
    @_spi(Tools) public var priority: Int?
    /// A disabled rule exists but is not enforced.
    @_spi(Tools) public var disabled: Bool = false
    /// Address ranges traffic comes from.
    @_spi(Tools) public var sourceRanges: [TerraformText] = []
    /// Address ranges traffic goes to.
    @_spi(Tools) public var destinationRanges: [TerraformText] = []
    /// Network tags of the sources.
    @_spi(Tools) public var sourceTags: [String] = []
    /// Network tags of the instances the rule applies to; empty for all.
    @_spi(Tools) public var targetTags: [String] = []
    /// Service accounts of the sources.
    @_spi(Tools) public var sourceServiceAccounts: [TerraformText] = []
    /// Service accounts of the instances the rule applies to.
    @_spi(Tools) public var targetServiceAccounts: [TerraformText] = []
    /// What the rule allows.
    @_spi(Tools) public var allow: [FirewallPermission] = []
    /// What the rule denies.
    @_spi(Tools) public var deny: [FirewallPermission] = []
    /// Logging metadata (`INCLUDE_ALL_METADATA`), nil when logging is off.
    @_spi(Tools) public var logMetadata: String?
}

/// The traffic a firewall rule applies to.
@_spi(Tools) public enum FirewallDirection: String, CaseIterable, Sendable {
    case ingress = "INGRESS"
    case egress = "EGRESS"
}

/// A protocol and its ports.
@_spi(Tools) public struct FirewallPermission: Hashable, Sendable {
    /// `tcp`, `udp`, `icmp`, `all`, or a protocol number.
    @_spi(Tools) public var protocolName: String
    /// Ports and port ranges (`22`, `6817-6819`); empty for all.
    @_spi(Tools) public var ports: [String]
}

/// Private services access: a reserved range and its connection.
@_spi(Tools) public struct PrivateServiceAccess: Hashable, Sendable {
    /// The private-service-access module's origin.
    @_spi(Tools) public var origin: Origin
    /// Project of the reserved range.
    @_spi(Tools) public var project: String
    /// Name of the reserved global address range.
    @_spi(Tools) public var addressName: String
    /// The network the services are connected to.
    @_spi(Tools) public var network: NetworkAttachment
    /// The range's first address, when the blueprint chooses it.
    @_spi(Tools) public var address: String?
    /// The range's prefix length.
    @_spi(Tools) public var prefixLength: Int
    /// The service producer (`servicenetworking.googleapis.com`).
    @_spi(Tools) public var service: String
    /// The connection's deletion policy; nil deletes the peering on destroy.
    @_spi(Tools) public var deletionPolicy: ServiceConnectionDeletionPolicy?
}

/// What `terraform destroy` does to a private services access connection besides deleting it.
@_spi(Tools) public enum ServiceConnectionDeletionPolicy: String, CaseIterable, Sendable {
    /// Leaves the peering in place.
    case abandon = "ABANDON"
}

/// The network a resource attaches to: one hpcc creates, or one given by id.
@_spi(Tools) public enum NetworkAttachment: Hashable, Sendable {
    /// The network of a vpc or pre-existing-vpc module.
    case module(ModuleID)
    /// A network by id or self link.
    case external(TerraformText)
}

/// The subnetwork instances attach to.
@_spi(Tools) public enum SubnetworkAttachment: Hashable, Sendable {
    /// The primary subnetwork of a vpc module, or the subnetwork of a pre-existing-vpc module.
    case module(ModuleID)
    /// A subnetwork by self link.
    case external(TerraformText)
}

/// A VPC network and subnetwork that exist already; hpcc only looks them up.
@_spi(Tools) public struct ImportedNetwork: Hashable, Sendable {
    /// The pre-existing-vpc module's origin.
    @_spi(Tools) public var origin: Origin
    /// Project that holds the network (a Shared VPC host project, possibly).
    @_spi(Tools) public var project: String
    /// The network's name.
    @_spi(Tools) public var name: String
    /// The subnetwork's name.
    @_spi(Tools) public var subnetworkName: String
    /// Region of the subnetwork.
    @_spi(Tools) public var region: String

    /// `projects/P/global/networks/N`.
    @_spi(Tools) public var id: String { "projects/\(project)/global/networks/\(name)" }
}
