import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The Compute Engine catalog compiled into hpcc says what its committed source extract
/// (catalogs/gcp, re-made from public data by Tests/Tools/extract-gcp-catalog.py) says.
@Suite("Google Cloud machine catalog")
struct GCPMachineCatalogTests {
    /// Rows of one extract file by column name.
    static func extract(_ file: String) throws -> [[String: String]] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../catalogs/gcp/\(file)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }
        let header = lines[0].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
    }

    /// Ten shapes as the source lists them (pricing.yml's cpu/ram/GPU/local-ssd, memory in GiB).
    @Test func sampledShapesAreTheSources() throws {
        let catalog = MachineCatalog.gcp
        let samples: [(String, Int, Double, String?, Int, Int, String)] = [
            ("c4-standard-96", 96, 360, nil, 0, 0, "x86_64"),
            ("n4-standard-80", 80, 320, nil, 0, 0, "x86_64"),
            ("c4d-standard-384", 384, 1488, nil, 0, 0, "x86_64"),
            ("h3-standard-88", 88, 352, nil, 0, 0, "x86_64"),
            ("n1-standard-1", 1, 3.75, nil, 0, 0, "x86_64"),
            ("a3-megagpu-8g", 208, 1872, "nvidia-h100-mega-80gb", 8, 6000, "x86_64"),
            ("g2-standard-48", 48, 192, "nvidia-l4", 4, 0, "x86_64"),
            ("t2a-standard-48", 48, 192, nil, 0, 0, "arm64"),
            ("z3-highmem-176-standardlssd", 176, 1408, nil, 0, 36000, "x86_64"),
            ("c4a-highmem-72-lssd", 72, 576, nil, 0, 6000, "arm64"),
        ]
        for (name, vCPUs, memoryGiB, gpuType, gpus, localSSD, architecture) in samples {
            let machine = try #require(catalog.machine(name), "\(name)")
            #expect(machine.vCPUs == vCPUs, "\(name)")
            #expect(machine.memoryMiB == Int(memoryGiB * 1024), "\(name)")
            #expect(machine.gpu == gpuType.map { GPU(type: $0, count: gpus) }, "\(name)")
            #expect(machine.localSSDGiB == localSSD && machine.architecture == architecture, "\(name)")
        }
        let micro = try #require(catalog.machine("e2-micro"))
        #expect(micro.sharedCore && micro.vCPUs == 2 && micro.memoryMiB == 1024)
    }

    /// Ten prices as pricing.yml (generated 2026-07-30) lists them, USD per hour; `nil` where it lists none.
    @Test func sampledPricesAreTheSources() {
        let samples: [(String, String, Double, Double?)] = [
            ("c4-standard-96", "us-central1", 4.74408, 2.84652),
            ("n4-standard-80", "europe-west4", 3.8094, 0.85488),
            ("h3-standard-88", "us-central1", 4.9236, 2.68664),
            ("e2-micro", "us-central1", 0.0083764275, 0.0050265),
            ("c2d-highmem-112", "asia-southeast1", 8.460816, 3.505824),
            ("g2-standard-4", "europe-west1", 0.778293004, 0.357456),
            ("m2-ultramem-416", "us-central1", 84.223872, nil),
            ("t2d-standard-60", "us-east1", 2.53476, 0.9456),
            ("c3d-standard-360", "europe-west1", 17.9959824, 4.63896),
            ("n1-standard-8", "us-west2", 0.45643, 0.18465),
        ]
        for (name, region, onDemand, spot) in samples {
            #expect(MachineCatalog.gcp.price(name, in: region) == MachinePrice(onDemand: onDemand, spot: spot))
        }
        #expect(MachineCatalog.gcp.priceDate == "2026-07-30")
    }

    /// Every row of the extract, not only the samples, reaches the catalog unchanged.
    @Test func everyExtractRowIsInTheCatalog() throws {
        let catalog = MachineCatalog.gcp
        let types = try Self.extract("machine-types.tsv")
        #expect(types.count > 500)
        #expect(catalog.names == types.map { $0["name"] ?? "" }.sorted())
        for row in types {
            let name = row["name"] ?? ""
            let machine = catalog.machine(name)
            #expect(machine?.vCPUs == Int(row["vcpus"] ?? ""), "\(name)")
            #expect(machine?.memoryMiB == Int(row["memory_mib"] ?? ""), "\(name)")
            #expect(machine?.gpu?.type == (row["gpu_type"] == "-" ? nil : row["gpu_type"]), "\(name)")
            #expect(machine?.localSSDGiB == Int(row["local_ssd_gib"] ?? ""), "\(name)")
        }
        let prices = try Self.extract("machine-prices.tsv")
        #expect(prices.count > 10_000)
        for row in prices {
            let price = catalog.price(row["name"] ?? "", in: row["region"] ?? "")
            #expect(price?.onDemand == Double(row["on_demand_usd_per_hour"] ?? ""), "\(row)")
            #expect(price?.spot == Double(row["spot_usd_per_hour"] ?? ""), "\(row)")
        }
    }

    @Test func regionsWithAPrice() {
        let regions = MachineCatalog.gcp.regionsWithPrices(of: "a3-megagpu-8g")
        #expect(regions.contains("us-east4") || regions.contains("asia-northeast1"))
        #expect(!regions.isEmpty && regions.count < MachineCatalog.gcp.regions.count)
        #expect(MachineCatalog.gcp.regionsWithPrices(of: "x9-standard-8") == [])
    }
}
