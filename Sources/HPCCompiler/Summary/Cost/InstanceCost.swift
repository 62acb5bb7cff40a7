/// What one Compute Engine instance costs an hour: its machine type, its disks (a GiB-month price
/// spread over `DeploymentCost.hoursPerMonth`), with what has no price named.
struct InstanceCost {
    var unit: HourlyCost?
    var unpriced: [String]
    var resource: String

    /// `compute`: a Slurm node, whose spot figure is its spot price; other instances (controller,
    /// login, notebook) stay on demand in the spot figure.
    init(_ instance: InstanceProperties, region: String, compute: Bool) {
        let catalog = MachineCatalog.gcp
        let machine = instance.machine
        var unpriced: [String] = []
        var parts = [machine.name]
        var diskGiB = 0
        var onDemand = 0.0
        var spot: Double? = 0
        var priced = false
        if let price = catalog.price(machine.name, in: region), let hourly = price.onDemand {
            onDemand += hourly
            spot = compute ? price.spot : hourly
            priced = true
        } else {
            unpriced.append(
                catalog.regionsWithPrices(of: machine.name).isEmpty
                    ? "\(machine.name): no public price data"
                    : "\(machine.name): no listed price in \(region)")
            spot = nil
        }
        if let gpu = instance.attachedGPU {
            parts.append("\(gpu.count) \(gpu.type)")
            if let perGPU = catalog.servicePrice("gpu:\(gpu.type)", in: region) {
                onDemand += perGPU * Double(gpu.count)
                let spotPerGPU = compute ? catalog.servicePrice("gpu:\(gpu.type):spot", in: region) : perGPU
                spot = spot.flatMap { total in spotPerGPU.map { total + $0 * Double(gpu.count) } }
                priced = true
            } else {
                unpriced.append("attached \(gpu.type): no price in \(region)")
            }
        }
        for disk in [instance.bootDisk] + instance.additionalDisks {
            let size = disk.sizeGB ?? (disk.type == "local-ssd" ? InstanceLowering.localSSDSizeGB : nil)
            guard let size else {
                unpriced.append("\(disk.type) disk of the image's size")
                continue
            }
            diskGiB += size
            guard let perMonth = catalog.servicePrice("disk:\(disk.type)", in: region) else {
                unpriced.append("\(disk.type) disk: no price data")
                continue
            }
            let spotPerMonth = compute ? catalog.servicePrice("disk:\(disk.type):spot", in: region) : nil
            onDemand += perMonth * Double(size) / DeploymentCost.hoursPerMonth
            spot = spot.map { $0 + (spotPerMonth ?? perMonth) * Double(size) / DeploymentCost.hoursPerMonth }
            priced = true
        }
        self.unit = priced ? HourlyCost(onDemand: onDemand, spot: spot) : nil
        self.unpriced = unpriced
        self.resource = (parts + (diskGiB > 0 ? ["\(diskGiB) GiB of disks"] : [])).joined(separator: ", ")
    }

    /// A cost line for `count` instances of this kind, `idle` of them running with no jobs.
    func item(_ part: String, idle: Int, max: Int, spot: Bool) -> CostItem {
        CostItem(
            part: part, resource: resource, idleCount: idle, maxCount: max, unit: unit, spotConfigured: spot,
            unpriced: unpriced)
    }
}
