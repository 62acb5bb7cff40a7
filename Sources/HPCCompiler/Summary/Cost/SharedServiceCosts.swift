/// The services a deployment creates beside its clusters, grouped by cloud and region: shared
/// filesystems, Cloud NAT and NAT gateways, databases, notebooks.
struct SharedServiceCosts {
    private var byRegion: [String: CostGroup] = [:]
    private var order: [String] = []
    /// The region of the deployment's AWS resources, for those that do not name one (FSx).
    private let awsRegion: String

    init(_ deployment: Deployment) {
        awsRegion = deployment.awsRegion ?? "?"
        for bench in deployment.workbenches { notebook(bench) }
        for filesystem in deployment.filesystems { self.filesystem(filesystem) }
        for network in deployment.networks {
            for router in network.routers { if let nat = router.nat { cloudNAT(nat, region: router.region) } }
        }
        for network in deployment.awsNetworks where network.publicSubnet != nil {
            add(
                "aws", network.region,
                CostItem(
                    part: "NAT gateway of \(network.name)", resource: "NAT gateway", idleCount: 1, maxCount: 1,
                    unit: nil, spotConfigured: false, unpriced: ["NAT gateway: no price data"]))
        }
        for database in deployment.accountingDatabases {
            add(
                "aws", database.region,
                CostItem(
                    part: "database \(database.identifier)",
                    resource: "RDS \(database.instanceClass), \(database.allocatedStorageGiB) GiB"
                        + (database.multiAZ ? ", Multi-AZ" : ""),
                    idleCount: 1, maxCount: 1, unit: nil, spotConfigured: false, unpriced: ["RDS: no price data"]))
        }
        for module in deployment.modules.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let database = deployment.modules[module]?.entity.as(CloudSQLDatabase.self) else { continue }
            add(
                "gcp", database.region,
                CostItem(
                    part: "database \(module.rawValue)", resource: "Cloud SQL \(database.tier)", idleCount: 1,
                    maxCount: 1, unit: nil, spotConfigured: false, unpriced: ["Cloud SQL: no price data"]))
        }
    }

    /// The groups in the order their first item came.
    var groups: [CostGroup] { order.compactMap { byRegion[$0] } }

    private mutating func add(_ cloud: String, _ region: String, _ item: CostItem) {
        let key = "\(cloud) \(region)"
        if byRegion[key] == nil {
            order.append(key)
            byRegion[key] = CostGroup(name: "shared services", cloud: cloud, region: region, items: [])
        }
        byRegion[key]?.items.append(item)
    }

    private mutating func notebook(_ bench: Workbench) {
        let region = CommonSettings.region(of: bench.zone)
        let catalog = MachineCatalog.gcp
        var unpriced: [String] = []
        var hourly = 0.0
        var priced = false
        if let price = catalog.price(bench.machineType, in: region)?.onDemand {
            hourly += price
            priced = true
        } else {
            unpriced.append("\(bench.machineType): no price in \(region)")
        }
        if let perMonth = catalog.servicePrice("disk:\(bench.diskType.rawValue)", in: region) {
            hourly += perMonth * Double(bench.diskSizeGB) / DeploymentCost.hoursPerMonth
            priced = true
        } else {
            unpriced.append("\(bench.diskType.rawValue) disk: no price data")
        }
        unpriced.append("Vertex AI Workbench management fee: no price data")
        add(
            "gcp", region,
            CostItem(
                part: "notebook \(bench.name)",
                resource: "\(bench.machineType), \(bench.diskSizeGB) GiB \(bench.diskType.rawValue)", idleCount: 1,
                maxCount: 1, unit: priced ? HourlyCost(onDemand: hourly, spot: hourly) : nil, spotConfigured: false,
                unpriced: unpriced))
    }

    private mutating func filesystem(_ filesystem: SharedFilesystem) {
        let part = "filesystem \(filesystem.origin.module.rawValue)"
        func unpricedItem(_ resource: String, because: String) -> CostItem {
            CostItem(
                part: part, resource: resource, idleCount: 1, maxCount: 1, unit: nil, spotConfigured: false,
                unpriced: [because])
        }
        switch filesystem.backing {
        case let .filestore(instance):
            let resource = "Filestore \(instance.tier.rawValue), \(instance.capacityGiB) GiB"
            add(
                "gcp", CommonSettings.region(of: instance.location),
                unpricedItem(resource, because: "Filestore: no price data"))
        case let .managedLustre(instance):
            let resource = "Managed Lustre \(instance.throughput) MB/s/TiB, \(instance.capacityGiB) GiB"
            add(
                "gcp", CommonSettings.region(of: instance.zone),
                unpricedItem(resource, because: "Managed Lustre: no price data"))
        case let .cloudStorage(bucket):
            let region = CommonSettings.region(of: bucket.location.lowercased())
            // REGIONAL and MULTI_REGIONAL are the old names of Standard storage, and priced as it.
            let priced =
                ["REGIONAL", "MULTI_REGIONAL"].contains(bucket.storageClass.rawValue)
                ? "STANDARD" : bucket.storageClass.rawValue
            let rate = MachineCatalog.gcp.servicePrice("bucket:\(priced)", in: region)
            let because =
                rate.map { String(format: "billed by what it holds: USD %g per GiB-month", $0) }
                ?? "Cloud Storage \(bucket.storageClass.rawValue) in \(bucket.location): no price data"
            add("gcp", region, unpricedItem("Cloud Storage \(bucket.storageClass.rawValue)", because: because))
        case let .efs(efs) where efs.created != nil:
            add("aws", efs.region, unpricedItem("EFS", because: "EFS: billed by what it holds; no price data"))
        case let .fsxLustre(fsx):
            let resource = "FSx for Lustre \(fsx.deploymentType.rawValue), \(fsx.capacityGiB) GiB"
            add(
                "aws", awsRegion, unpricedItem(resource, because: "FSx for Lustre: no price data"))
        case let .netAppVolume(volume):
            // The pool holds the capacity that is billed; the volume only draws on it.
            add(
                "gcp", volume.region,
                unpricedItem("NetApp Volumes in pool \(volume.pool.name)", because: "NetApp Volumes: no price data"))
        case .imported, .efs:
            return
        }
    }

    private mutating func cloudNAT(_ nat: CloudNAT, region: String) {
        let catalog = MachineCatalog.gcp
        let gateway = catalog.servicePrice("nat:gateway", in: region)
        var unpriced = [String]()
        if gateway == nil { unpriced.append("Cloud NAT: no price in \(region)") }
        if let data = catalog.servicePrice("nat:data", in: region) {
            unpriced.append(String(format: "plus USD %g per GiB it processes", data))
        }
        add(
            "gcp", region,
            CostItem(
                part: "Cloud NAT \(nat.name)", resource: "NAT gateway (billed per VM, at most this)", idleCount: 1,
                maxCount: 1, unit: gateway.map { HourlyCost(onDemand: $0, spot: $0) }, spotConfigured: false,
                unpriced: unpriced))
    }
}

extension Deployment {
    /// The region of the deployment's AWS resources, for those that do not name one (FSx).
    var awsRegion: String? {
        awsNetworks.first?.region ?? parallelClusters.first?.region ?? htcGrids.first?.region
    }
}
