/// Peak floating-point performance of a cluster, as HPCStats computes it: per node, cores × FLOPs
/// per cycle × clock; per node group, times its nodes; per cluster, the sum. For existing clusters
/// and for the cloud clusters HPCStats describes.
struct PeakPerformance: Sendable {
    /// Identical nodes, and how many.
    struct Group: Sendable {
        /// The node group's name.
        var name: String
        /// How many nodes.
        var nodes: Int
        /// Cores per node.
        var cores: Int
        /// Double-precision FLOPs per cycle per core; nil when unknown.
        var flopsPerCycle: Int?
        /// Base clock; nil when unknown.
        var frequencyHz: Double?

        init(name: String, nodes: Int, hardware: some NodeHardware) {
            self.name = name
            self.nodes = nodes
            cores = hardware.cores
            flopsPerCycle = hardware.flopsPerCycle
            frequencyHz = hardware.frequencyHz
        }

        /// FLOP/s of one node; nil without clock or FLOPs per cycle.
        var perNode: Double? {
            guard let frequencyHz, let flopsPerCycle else { return nil }
            return Double(cores * flopsPerCycle) * frequencyHz
        }
    }

    /// The cluster's name.
    let cluster: String
    /// Its node groups.
    let groups: [Group]

    /// The peak of an existing cluster, from its node groups' hardware.
    init(_ cluster: OnPremCluster) {
        self.cluster = cluster.name
        groups = cluster.nodeGroups.map { Group(name: $0.name, nodes: $0.hosts.count, hardware: $0) }
    }

    /// The peak of a cluster HPCStats describes.
    init(_ cluster: HPCStatsCluster) {
        self.cluster = cluster.name
        groups = cluster.nodeGroups.map { Group(name: $0.name, nodes: $0.nodeCount, hardware: $0) }
    }

    /// FLOP/s of each node group with frequency and FLOPs per cycle; nil for the others.
    var byNodeGroup: [(group: Group, flops: Double?)] {
        groups.map { group in (group, group.perNode.map { $0 * Double(group.nodes) }) }
    }

    /// The cluster's peak over the node groups that describe theirs.
    var total: Double { byNodeGroup.compactMap(\.flops).reduce(0, +) }

    /// One line for `hpcc build`.
    var summary: String {
        let groups = byNodeGroup.map { entry -> String in
            let group = entry.group
            guard let flops = entry.flops, let node = group.perNode else {
                return "\(group.name) \(group.nodes) nodes (no frequency or FLOPs per cycle)"
            }
            return
                """
                \(group.name) \(group.nodes) × \(group.cores) cores × \(group.flopsPerCycle ?? 0) FLOPs/cycle × \
                \(Self.hertz(group.frequencyHz ?? 0)) = \(Self.flops(node)) per node, \(Self.flops(flops))
                """
        }
        return "cluster '\(cluster)': peak \(Self.flops(total)) (" + groups.joined(separator: "; ") + ")"
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

/// A cloud nodeset's hardware, from its Slurm shape and its machine's CPU platform (when hpcc can
/// tell which one the nodes run on).
extension Nodeset: NodeHardware {
    /// Cores per node.
    @_spi(Tools) public var cores: Int { shape.boards * shape.socketsPerBoard * shape.coresPerSocket }
    /// The platform's base clock; nil when the family runs on several and `min_cpu_platform` does not pick one.
    @_spi(Tools) public var frequencyHz: Double? {
        instance.machine.cpuPlatform(minimum: instance.minCPUPlatform)?.frequencyHz
    }
    /// The platform's double-precision FLOPs per cycle per core; nil as for `frequencyHz`.
    @_spi(Tools) public var flopsPerCycle: Int? {
        instance.machine.cpuPlatform(minimum: instance.minCPUPlatform)?.flopsPerCycle
    }
}
