/// What a deployment needs of each regional quota, at the idle floor and at most: vCPUs per machine
/// family (Google counts most families in a quota of their own, `C4_CPUS`, and spot VMs in
/// preemptible quotas) or per EC2 vCPU class (On-Demand and Spot apart), GPUs per type, local SSD,
/// disks per type, Filestore per tier and Managed Lustre capacity.
@_spi(Tools) public struct QuotaBill: Sendable {
    /// One quota line.
    @_spi(Tools) public struct Line: Hashable, Sendable, Encodable {
        /// `gcp` or `aws`.
        @_spi(Tools) public var cloud: String
        @_spi(Tools) public var region: String
        /// What is counted (`c4 vCPUs`, `c4 vCPUs (spot)`, `nvidia-b200 GPUs`, `local SSD GiB`).
        @_spi(Tools) public var resource: String
        /// With only the idle floor running.
        @_spi(Tools) public var idle: Int
        /// At most.
        @_spi(Tools) public var atMax: Int
    }

    /// The lines, by cloud and region in the order they first come, then resource.
    @_spi(Tools) public var lines: [Line]

    /// The quotas `deployment` needs.
    @_spi(Tools) public init(_ deployment: Deployment) {
        var bill = Tally()
        for cluster in deployment.clusters {
            for use in InstanceUse.uses(cluster) { bill.add(use) }
        }
        for group in deployment.virtualMachines { bill.add(InstanceUse.uses(group)) }
        for bench in deployment.workbenches {
            let region = CommonSettings.region(of: bench.zone)
            if let machine = MachineCatalog.gcp.machine(bench.machineType) {
                bill.add("gcp", region, "\(machine.family) vCPUs", idle: machine.vCPUs, max: machine.vCPUs)
            }
            bill.add("gcp", region, "\(bench.diskType.rawValue) GiB", idle: bench.diskSizeGB, max: bench.diskSizeGB)
        }
        for filesystem in deployment.filesystems {
            switch filesystem.backing {
            case let .filestore(instance):
                bill.add(
                    "gcp", CommonSettings.region(of: instance.location), "Filestore \(instance.tier.rawValue) GiB",
                    idle: instance.capacityGiB, max: instance.capacityGiB)
            case let .managedLustre(instance):
                bill.add(
                    "gcp", CommonSettings.region(of: instance.zone), "Managed Lustre GiB",
                    idle: instance.capacityGiB, max: instance.capacityGiB)
            case let .fsxLustre(fsx):
                bill.add(
                    "aws", deployment.awsRegion ?? "?", "FSx for Lustre GiB", idle: fsx.capacityGiB,
                    max: fsx.capacityGiB)
            case let .efs(efs) where efs.created != nil:
                bill.add("aws", efs.region, "EFS file systems", idle: 1, max: 1)
            default:
                continue
            }
        }
        for cluster in deployment.parallelClusters {
            for use in AWSInstanceUse.uses(cluster) { bill.add(use) }
        }
        for grid in deployment.htcGrids {
            for use in AWSInstanceUse.uses(grid) { bill.add(use) }
        }
        lines = bill.lines
    }

    /// Sums per (cloud, region, resource), in the order each first comes.
    private struct Tally {
        var lines: [Line] = []
        var index: [String: Int] = [:]

        mutating func add(_ cloud: String, _ region: String, _ resource: String, idle: Int, max: Int) {
            guard max > 0 else { return }
            let key = "\(cloud) \(region) \(resource)"
            if let at = index[key] {
                lines[at].idle += idle
                lines[at].atMax += max
            } else {
                index[key] = lines.count
                lines.append(Line(cloud: cloud, region: region, resource: resource, idle: idle, atMax: max))
            }
        }

        mutating func add(_ use: InstanceUse) {
            let machine = use.instance.machine
            let spot = use.spot ? " (spot)" : ""
            func count(_ resource: String, _ each: Int) {
                add("gcp", use.region, resource, idle: each * use.idle, max: each * use.max)
            }
            count("\(machine.family) vCPUs\(spot)", machine.vCPUs)
            if let gpu = use.instance.gpu { count("\(gpu.type) GPUs\(spot)", gpu.count) }
            var localSSD = machine.localSSDGiB ?? 0
            for disk in [use.instance.bootDisk] + use.instance.additionalDisks {
                if disk.type == "local-ssd" {
                    localSSD += disk.sizeGB ?? InstanceLowering.localSSDSizeGB
                } else if let size = disk.sizeGB {
                    count("\(disk.type) GiB", size)
                }
            }
            count("local SSD GiB\(spot)", localSSD)
        }

        mutating func add(_ use: AWSInstanceUse) {
            guard let type = AWSInstanceCatalog.instanceType(use.type) else { return }
            let market = use.spot ? "Spot" : "On-Demand"
            add(
                "aws", use.region, "\(market) \(Self.vCPUClass(use.type)) vCPUs", idle: type.vCPUs * use.idle,
                max: type.vCPUs * use.max)
        }

        /// The EC2 vCPU quota class an instance type counts in, by its family's letters (AWS's
        /// "Running On-Demand … instances" quotas).
        static func vCPUClass(_ type: String) -> String {
            let family = type.prefix { $0 != "." }
            for (prefixes, quota) in [
                (["hpc"], "HPC"), (["inf"], "Inf"), (["trn"], "Trn"), (["dl"], "DL"), (["u-"], "High Memory"),
                (["vt", "g"], "G and VT"), (["p"], "P"), (["x"], "X"), (["f"], "F"),
            ] where prefixes.contains(where: { family.hasPrefix($0) }) {
                return quota
            }
            return "Standard (A, C, D, H, I, M, R, T, Z)"
        }
    }
}
