import Foundation
import Testing
import TestSupport

@_spi(Tools) @testable import HPCCompiler

/// `hpcc plan`'s costs and quotas: figures from the catalogs' list prices, counted at the idle floor
/// and at most, and what has no price named instead of guessed.
@Suite struct DeploymentCostTests {
    static func cost(_ blueprint: String) throws -> DeploymentCost {
        DeploymentCost(try #require(try Repository.compile(blueprint).deployment))
    }

    static func item(_ part: String, in cost: DeploymentCost) throws -> CostItem {
        try #require(cost.groups.flatMap(\.items).first { $0.part == part }, "no \(part)")
    }

    /// gcp-slurm's compute nodeset: 32 c2-standard-60 nodes with a 50 GiB pd-balanced boot disk and a
    /// 375 GiB local SSD each, by the figures of catalogs/gcp (us-central1, 2026-07-30).
    @Test func aNodesetCostsItsMachineAndDisksPerNode() throws {
        let cost = try Self.cost("gcp-slurm")
        let compute = try Self.item("nodeset computenodeset", in: cost)
        // machine-prices.tsv: c2-standard-60 3.13212 on demand, 1.4952 spot; service-prices.tsv:
        // pd-balanced 0.1, local SSD 0.08 (0.0428 for spot VMs) per GiB-month.
        let onDemand = 3.13212 + (50 * 0.1 + 375 * 0.08) / 730
        let spot = 1.4952 + (50 * 0.1 + 375 * 0.0428) / 730
        let unit = try #require(compute.unit)
        #expect(abs(unit.onDemand - onDemand) < 1e-9 && abs((unit.spot ?? 0) - spot) < 1e-9)
        #expect(compute.idleCount == 0 && compute.maxCount == 32)
        #expect(compute.idle == .zero && !compute.idleIncomplete)
        #expect(abs((compute.atMax?.onDemand ?? 0) - 32 * onDemand) < 1e-9)
        // Two static debug nodes (n2-standard-4, 50 GiB pd-standard) run with no jobs.
        let debug = try Self.item("nodeset debugnodeset", in: cost)
        #expect(debug.idleCount == 2 && debug.maxCount == 6)
        #expect(abs((debug.idle?.onDemand ?? 0) - 2 * (0.194236 + 50 * 0.04 / 730)) < 1e-9)
        // The controller stays on demand in the spot figure.
        let controller = try Self.item("controller", in: cost)
        #expect(controller.unit?.spot == controller.unit?.onDemand)
        #expect(cost.priceDates == ["gcp": "2026-07-30"])
    }

    /// A GPU attached to N1 is priced per GPU (accelerator-prices.tsv: T4 0.35 on demand, 0.14 spot
    /// per hour in us-central1) on top of the machine (n1-standard-16: 0.759996 and 0.26804).
    @Test func anAttachedGPUIsPricedPerGPU() throws {
        let result = compile(
            mini(
                "machine_type: n2-standard-2",
                "machine_type: n1-standard-16\n      guest_accelerator: [{type: nvidia-tesla-t4, count: 2}]"))
        let cost = DeploymentCost(try #require(result.deployment))
        let nodeset = try Self.item("nodeset nodeset", in: cost)
        let disk = try #require(nodeset.unit).onDemand - 0.759996 - 2 * 0.35
        #expect(disk > 0 && disk < 0.01, "the boot disk's share")
        #expect(abs((nodeset.unit?.spot ?? 0) - (0.26804 + 2 * 0.14 + disk)) < 1e-9)
        #expect(nodeset.unpriced.isEmpty && nodeset.resource.hasPrefix("n1-standard-16, 2 nvidia-tesla-t4"))
    }

    @Test func theIdleFloorIsWhatRunsWithNoJobs() throws {
        let cost = try Self.cost("gcp-slurm")
        let group = try #require(cost.groups.first { $0.name == "Slurm cluster atlas" })
        let idle = group.items.compactMap(\.idle).reduce(0) { $0 + $1.onDemand }
        #expect(abs(group.idle.onDemand - idle) < 1e-9)
        #expect(
            group.items.filter { ($0.idle?.onDemand ?? 0) > 0 }.map(\.part).sorted() == [
                "controller", "login login", "nodeset debugnodeset",
            ])
        #expect(group.atMax.onDemand > group.idle.onDemand)
    }

    /// Types without a public price, Filestore and Hyperdisk are named, and the sums say they are
    /// lower bounds; nothing is priced at zero for want of data.
    @Test func whatHasNoPriceIsNamed() throws {
        let cost = try Self.cost("gcp-slurm-current-families")
        let h4d = try Self.item("nodeset h4dnodeset", in: cost)
        #expect(h4d.unpriced.contains("h4d-highmem-192-lssd: no public price data"))
        #expect(h4d.unpriced.contains("hyperdisk-balanced disk: no price data"))
        #expect(h4d.unit == nil && h4d.atMaxIncomplete && !h4d.idleIncomplete)
        let c4 = try Self.item("nodeset c4nodeset", in: cost)
        #expect(c4.unit?.onDemand == MachineCatalog.gcp.price("c4-standard-96", in: "us-central1")?.onDemand)
        let home = try Self.item("filesystem homefs", in: cost)
        #expect(home.unit == nil && home.unpriced == ["Filestore: no price data"])
        #expect(cost.idleIncomplete && cost.atMaxIncomplete)
        #expect(cost.text.contains("Slurm cluster vega, nodeset a4nodeset: a4-highgpu-8g: no public price data"))
    }

    @Test func parallelClusterIsPricedFromTheEC2Prices() throws {
        let cost = try Self.cost("aws-parallelcluster")
        let head = try Self.item("head node", in: cost)
        #expect(head.unit?.onDemand == AWSInstanceCatalog.onDemandUSDPerHour("t3.medium", in: "eu-west-1"))
        #expect(head.unit?.onDemand != nil)
        let mpi = try Self.item("queue mpi/hpc7a-96xlarge", in: cost)
        #expect(mpi.unit?.spot == nil && mpi.unpriced.contains { $0.contains("AWS spot prices") })
        #expect(cost.priceDates == ["aws": AWSInstanceCatalog.priceDate])
        let quota = QuotaBill(try #require(try Repository.compile("aws-parallelcluster").deployment))
        // 16 hpc7a.96xlarge of 192 vCPUs at most.
        #expect(quota.lines.contains { $0.resource == "On-Demand HPC vCPUs" && $0.atMax == 16 * 192 })
    }

    @Test func quotaCountsFamiliesGPUsAndDisks() throws {
        let quota = QuotaBill(try #require(try Repository.compile("gcp-slurm-current-families").deployment))
        func line(_ resource: String) -> QuotaBill.Line? { quota.lines.first { $0.resource == resource } }
        #expect(line("c4 vCPUs")?.atMax == 16 * 96)
        #expect(line("c4d vCPUs")?.atMax == 4 * 384)
        #expect(line("nvidia-b200 GPUs")?.atMax == 2 * 8)
        // h4d-highmem-192-lssd brings 3,750 GiB of local SSD, a4-highgpu-8g 12,000 GiB.
        #expect(line("local SSD GiB")?.atMax == 8 * 3750 + 2 * 12000)
        #expect(line("Filestore BASIC_HDD GiB")?.idle == 1024)
        #expect(line("n2 vCPUs")?.idle == 16)
    }

    /// Every shipped blueprint's plan prices what it runs in a cloud and lists its quotas.
    @Test(arguments: Repository.blueprintNames)
    func everyShippedBlueprintIsPriced(_ name: String) throws {
        let deployment = try #require(try Repository.compile(name).deployment)
        let cost = DeploymentCost(deployment), quota = QuotaBill(deployment)
        let inCloud =
            !deployment.clusters.isEmpty || !deployment.parallelClusters.isEmpty
            || !deployment.htcGrids.isEmpty || !deployment.workbenches.isEmpty || !deployment.filesystems.isEmpty
        #expect(cost.groups.isEmpty == !inCloud, "\(name)")
        if inCloud {
            #expect(cost.text.contains("Cost in USD by list prices"), "\(name)")
            #expect(!quota.lines.isEmpty, "\(name)")
        }
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(PlanDocument(deployment).json.utf8)) as? [String: Any])
        #expect(json["currency"] as? String == "USD" && json["hoursPerMonth"] as? Double == 730)
        let total = try #require(json["cost"] as? [String: Any])
        let idle = try #require(total["idle"] as? [String: Any])
        #expect(abs((idle["onDemand"] as? Double ?? -1) - cost.idle.onDemand) < 1e-6, "\(name)")
    }
}
