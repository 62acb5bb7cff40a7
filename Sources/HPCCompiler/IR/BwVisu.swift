/// bwVisu on an existing Slurm cluster: the runner reaches the cluster over SSH through command
/// nodes, and gateway nodes forward ports from a block of the keyhole range to the compute nodes
/// of the visualization partition.
@_spi(Tools) public struct BwVisu: Hashable, Sendable {
    /// The bwvisu module's origin.
    @_spi(Tools) public var origin: Origin
    /// The module id: the folder of `config.json`.
    @_spi(Tools) public var id: String
    /// The cluster's `ClusterName`, and the partition visualization jobs run in.
    @_spi(Tools) public var clusterName: String
    /// The partition visualization jobs run in.
    @_spi(Tools) public var partition: String
    /// The partition's hosts (where forwarded ports end).
    @_spi(Tools) public var computeHosts: [String]
    /// `bwvisu-home-prefix`: users' homes (and job logs) are `<prefix>/<user>`.
    @_spi(Tools) public var homePrefix: String
    /// The gateway nodes.
    @_spi(Tools) public var gateways: [BwVisuGateway]
    /// Nodes the runner submits jobs from, over SSH.
    @_spi(Tools) public var commandNodes: [BwVisuEndpoint]
    /// The keyhole daemons the runner registers forwarded ports with.
    @_spi(Tools) public var keyholedServers: [BwVisuEndpoint]
    /// The etcd servers the runner keeps its state in.
    @_spi(Tools) public var etcdServers: [BwVisuEndpoint]
    /// The range the runner allocates forwarded ports from; every gateway forwards its own block of it.
    @_spi(Tools) public var portRange: PortRange
    /// Ports one job may have forwarded, at most.
    @_spi(Tools) public var maxForwardersPerJob: Int
    /// Appended to a compute node's host name to forward over another interface (`-ib0`).
    @_spi(Tools) public var forwardingHostnameSuffix: String
    /// Debugging: the same port for every job.
    @_spi(Tools) public var staticForwarding: Bool
}

/// A gateway: reached by the runner at its internal address, by users at its external one.
@_spi(Tools) public struct BwVisuGateway: Hashable, Sendable {
    /// The inventory host name.
    @_spi(Tools) public var host: String
    /// The address the runner reaches it at.
    @_spi(Tools) public var internalAddress: String
    /// The address users reach it at.
    @_spi(Tools) public var externalAddress: String
    /// The SSH login the runner uses.
    @_spi(Tools) public var user: String
    /// Its SSH port.
    @_spi(Tools) public var sshPort: Int
    /// The block of the keyhole range this gateway forwards.
    @_spi(Tools) public var ports: PortRange
}

/// A host the runner connects to: a command node (SSH), a keyholed server or an etcd server.
@_spi(Tools) public struct BwVisuEndpoint: Hashable, Sendable {
    /// The inventory host name; nil for servers named only by address.
    @_spi(Tools) public var host: String?
    /// Its address.
    @_spi(Tools) public var address: String
    /// The SSH login (command nodes only).
    @_spi(Tools) public var user: String?
    /// Its port.
    @_spi(Tools) public var port: Int
}

/// An inclusive range of TCP ports.
@_spi(Tools) public struct PortRange: Hashable, Sendable {
    /// The first port.
    @_spi(Tools) public var lower: Int
    /// The last port.
    @_spi(Tools) public var upper: Int

    /// The ports from `lower` to `upper`, both included.
    @_spi(Tools) public init(_ lower: Int, _ upper: Int) {
        self.lower = lower
        self.upper = upper
    }

    /// How many ports.
    @_spi(Tools) public var count: Int { upper - lower + 1 }

    /// Whether the two ranges share a port.
    @_spi(Tools) public func overlaps(_ other: PortRange) -> Bool {
        lower <= other.upper && other.lower <= upper
    }

    /// Whether `port` is in the range.
    @_spi(Tools) public func contains(_ port: Int) -> Bool { (lower...upper).contains(port) }

    /// `50000:54999`, as iptables' `--dport` takes a range.
    @_spi(Tools) public var iptables: String { "\(lower):\(upper)" }

    /// `50000-54999`.
    @_spi(Tools) public var text: String { lower == upper ? "\(lower)" : "\(lower)-\(upper)" }

    /// `count` consecutive blocks as equal as possible, the larger first; nil when there are more blocks than ports.
    @_spi(Tools) public func split(into count: Int) -> [PortRange]? {
        guard count > 0, count <= self.count else { return nil }
        let size = self.count / count, larger = self.count % count
        var start = lower
        return (0..<count).map { index in
            let block = PortRange(start, start + size + (index < larger ? 1 : 0) - 1)
            start = block.upper + 1
            return block
        }
    }
}
