/// USD per hour, on demand and with the compute nodes on spot capacity.
@_spi(Tools) public struct HourlyCost: Hashable, Sendable, Codable {
    /// Everything on demand.
    @_spi(Tools) public var onDemand: Double
    /// Compute nodes (nodesets, queues, worker groups) at their spot price; everything else, which has
    /// no spot price, as on demand. Nil where a compute node's type has no listed spot price.
    @_spi(Tools) public var spot: Double?

    static let zero = HourlyCost(onDemand: 0, spot: 0)

    static func + (left: HourlyCost, right: HourlyCost) -> HourlyCost {
        HourlyCost(
            onDemand: left.onDemand + right.onDemand,
            spot: left.spot.flatMap { spot in right.spot.map { spot + $0 } })
    }

    /// `count` of it; none costs nothing, spot price or not.
    func times(_ count: Int) -> HourlyCost { count == 0 ? .zero : times(Double(count)) }

    /// Scaled by `factor` (hours in a month, say).
    func times(_ factor: Double) -> HourlyCost {
        HourlyCost(onDemand: onDemand * factor, spot: spot.map { $0 * factor })
    }
}

/// One priced line of a plan: a kind of node or service, its count at the idle floor and at most,
/// and what one of it costs.
@_spi(Tools) public struct CostItem: Hashable, Sendable, Encodable {
    /// What it is in the blueprint (`nodeset c2nodeset`, `controller`, `filesystem homefs`).
    @_spi(Tools) public var part: String
    /// What is bought (`c2-standard-60, 50 GiB pd-balanced`).
    @_spi(Tools) public var resource: String
    /// How many run with no jobs (static nodes, servers, services).
    @_spi(Tools) public var idleCount: Int
    /// How many run at most.
    @_spi(Tools) public var maxCount: Int
    /// What one costs; nil when nothing of it has a price.
    @_spi(Tools) public var unit: HourlyCost?
    /// Whether the blueprint runs it on spot capacity.
    @_spi(Tools) public var spotConfigured: Bool
    /// What of it has no price, and why (`hyperdisk-balanced boot disk: no price data`); a figure with
    /// something unpriced is a lower bound.
    @_spi(Tools) public var unpriced: [String]

    /// Its cost with only the idle floor running; nil when it runs then and has no price.
    @_spi(Tools) public var idle: HourlyCost? { idleCount == 0 ? .zero : unit?.times(idleCount) }
    /// Its cost at most.
    @_spi(Tools) public var atMax: HourlyCost? { maxCount == 0 ? .zero : unit?.times(maxCount) }
    /// Whether the idle figure misses something (it runs then, and something of it has no price).
    @_spi(Tools) public var idleIncomplete: Bool { idleCount > 0 && (unit == nil || !unpriced.isEmpty) }
    /// Whether the figure at most misses something.
    @_spi(Tools) public var atMaxIncomplete: Bool { maxCount > 0 && (unit == nil || !unpriced.isEmpty) }
}

/// The priced lines of one cluster, grid or the deployment's shared services, in one cloud region.
@_spi(Tools) public struct CostGroup: Hashable, Sendable, Encodable {
    /// `Slurm cluster atlas`, `ParallelCluster hpc`, `shared services`.
    @_spi(Tools) public var name: String
    /// `gcp` or `aws`.
    @_spi(Tools) public var cloud: String
    @_spi(Tools) public var region: String
    @_spi(Tools) public var items: [CostItem]

    /// Sum of the priced items at the idle floor.
    @_spi(Tools) public var idle: HourlyCost { items.compactMap(\.idle).reduce(.zero, +) }
    /// Sum of the priced items at most.
    @_spi(Tools) public var atMax: HourlyCost { items.compactMap(\.atMax).reduce(.zero, +) }
    /// Whether the idle sum misses something, so it is a lower bound.
    @_spi(Tools) public var idleIncomplete: Bool { items.contains(where: \.idleIncomplete) }
    /// Whether the sum at most misses something.
    @_spi(Tools) public var atMaxIncomplete: Bool { items.contains(where: \.atMaxIncomplete) }
}
