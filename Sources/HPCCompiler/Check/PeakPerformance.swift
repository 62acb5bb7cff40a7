/// Peak floating-point performance of an existing cluster, as HPCStats computes it: per node,
/// cores × FLOPs per cycle × clock; per node group, times its nodes; per cluster, the sum.
public struct PeakPerformance: Sendable {
    public let cluster: OnPremCluster

    public init(_ cluster: OnPremCluster) {
        self.cluster = cluster
    }

    /// FLOP/s of each node group with frequency and FLOPs per cycle; nil for the others.
    public var byNodeGroup: [(group: OnPremNodeGroup, flops: Double?)] {
        cluster.nodeGroups.map { group in (group, group.peakFlopsPerNode.map { $0 * Double(group.hosts.count) }) }
    }

    /// The cluster's peak over the node groups that describe theirs.
    public var total: Double { byNodeGroup.compactMap(\.flops).reduce(0, +) }

    /// One line for `hpcc build`.
    public var summary: String {
        let groups = byNodeGroup.map { entry -> String in
            let group = entry.group
            guard let flops = entry.flops, let node = group.peakFlopsPerNode else { return "\(group.name) \(group.hosts.count) nodes (no frequency or FLOPs per cycle)" }
            return "\(group.name) \(group.hosts.count) × \(group.cores) cores × \(group.flopsPerCycle ?? 0) FLOPs/cycle × \(Self.hertz(group.frequencyHz ?? 0)) = \(Self.flops(node)) per node, \(Self.flops(flops))"
        }
        return "cluster '\(cluster.name)': peak \(Self.flops(total)) (" + groups.joined(separator: "; ") + ")"
    }

    /// `2.93 TFLOP/s`, with three significant digits at most.
    static func flops(_ value: Double) -> String {
        let units = [(1e18, "EFLOP/s"), (1e15, "PFLOP/s"), (1e12, "TFLOP/s"), (1e9, "GFLOP/s"), (1e6, "MFLOP/s")]
        let (scale, unit) = units.first { value >= $0.0 } ?? (1, "FLOP/s")
        return "\(ValueText.number(((value / scale) * 100).rounded() / 100)) \(unit)"
    }

    static func hertz(_ value: Double) -> String {
        value >= 1e9 ? "\(ValueText.number(value / 1e9))GHz" : "\(ValueText.number(value / 1e6))MHz"
    }
}
