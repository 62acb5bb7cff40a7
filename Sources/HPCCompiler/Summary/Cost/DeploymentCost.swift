/// What a deployment costs by the list prices in hpcc's catalogs, before it is deployed: per
/// cluster, grid and region's shared services, each node kind or service with its count at the idle
/// floor (static nodes, controllers, login nodes, filesystems, databases) and at most, on demand and
/// with compute on spot. What has no public price is named, never guessed.
@_spi(Tools) public struct DeploymentCost: Sendable {
    /// Hours in a month, as Google's and AWS's price lists count them.
    @_spi(Tools) public static let hoursPerMonth = 730.0

    /// The groups, clusters first, then shared services per cloud and region.
    @_spi(Tools) public var groups: [CostGroup]
    /// The day each cloud's prices were read (`gcp`, `aws`), for the clouds the deployment uses.
    @_spi(Tools) public var priceDates: [String: String]

    /// Sum of every group at the idle floor.
    @_spi(Tools) public var idle: HourlyCost { groups.map(\.idle).reduce(.zero, +) }
    /// Sum of every group at most.
    @_spi(Tools) public var atMax: HourlyCost { groups.map(\.atMax).reduce(.zero, +) }
    /// Whether the idle sum misses something, so it is a lower bound.
    @_spi(Tools) public var idleIncomplete: Bool { groups.contains(where: \.idleIncomplete) }
    /// Whether the sum at most misses something.
    @_spi(Tools) public var atMaxIncomplete: Bool { groups.contains(where: \.atMaxIncomplete) }

    /// The cost of `deployment`.
    @_spi(Tools) public init(_ deployment: Deployment) {
        var groups = deployment.clusters.map(Self.slurm)
        groups += deployment.virtualMachines.map(Self.instances)
        groups += deployment.parallelClusters.map(Self.parallelCluster)
        groups += deployment.htcGrids.map(Self.grid)
        groups += SharedServiceCosts(deployment).groups
        self.groups = groups.filter { !$0.items.isEmpty }
        var dates: [String: String] = [:]
        for group in self.groups {
            dates[group.cloud] = group.cloud == "aws" ? AWSInstanceCatalog.priceDate : MachineCatalog.gcp.priceDate
        }
        priceDates = dates
    }

    private static func slurm(_ cluster: SlurmCluster) -> CostGroup {
        let items = InstanceUse.uses(cluster).map { use in
            InstanceCost(use.instance, region: use.region, compute: use.compute)
                .item(use.part, idle: use.idle, max: use.max, spot: use.spot)
        }
        return CostGroup(name: "Slurm cluster \(cluster.name)", cloud: "gcp", region: cluster.region, items: items)
    }

    private static func instances(_ group: VirtualMachineGroup) -> CostGroup {
        let use = InstanceUse.uses(group)
        return CostGroup(
            name: "vm-instance \(group.origin.module.rawValue)", cloud: "gcp", region: group.region,
            items: [
                InstanceCost(use.instance, region: use.region, compute: false)
                    .item(use.part, idle: use.idle, max: use.max, spot: use.spot)
            ])
    }

    private static func parallelCluster(_ cluster: ParallelCluster) -> CostGroup {
        CostGroup(
            name: "ParallelCluster \(cluster.name)", cloud: "aws", region: cluster.region,
            items: AWSInstanceUse.uses(cluster).map(awsInstances))
    }

    private static func grid(_ grid: HTCGrid) -> CostGroup {
        let control = CostItem(
            part: "control plane", resource: "EKS cluster, SQS, DynamoDB, Lambda, API Gateway, ElastiCache",
            idleCount: 1, maxCount: 1, unit: nil, spotConfigured: false,
            unpriced: ["EKS, ElastiCache and the serverless services: no price data"])
        return CostGroup(
            name: "HTC grid \(grid.projectName)", cloud: "aws", region: grid.region,
            items: AWSInstanceUse.uses(grid).map(awsInstances) + [control])
    }

    /// EC2 instances, priced as the first of their types.
    private static func awsInstances(_ use: AWSInstanceUse) -> CostItem {
        var unpriced: [String] = []
        let hourly = AWSInstanceCatalog.onDemandUSDPerHour(use.type, in: use.region)
        if hourly == nil { unpriced.append("\(use.type): no price in \(use.region) in the price data") }
        if use.compute { unpriced.append("\(use.type) spot: AWS spot prices are not in hpcc's data") }
        if let volume = use.volume { unpriced.append("\(volume) (EBS): no price data") }
        let type = use.types.count > 1 ? "\(use.type) (first of \(use.types.count) types)" : use.type
        return CostItem(
            part: use.part, resource: ([type] + (use.volume.map { [$0] } ?? [])).joined(separator: ", "),
            idleCount: use.idle, maxCount: use.max,
            unit: hourly.map { HourlyCost(onDemand: $0, spot: use.compute ? nil : $0) }, spotConfigured: use.spot,
            unpriced: unpriced)
    }
}

extension CompileResult {
    /// What the deployment costs by hpcc's list prices and which quotas it needs, as `hpcc plan` shows
    /// them (`text`, `json`); nil when compilation did not get as far as the deployment.
    public var plan: PlanDocument? {
        deployment.map(PlanDocument.init)
    }
}
