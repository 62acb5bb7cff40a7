import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The per-region facts of the EC2 catalog, read through its API from the committed generated
/// tables, against figures looked up by hand in the source files the tables are generated from.
@Suite("AWS region catalog")
struct AWSRegionCatalogTests {
    /// apache-libcloud 3.9.1, libcloud/data/pricing.json, compute.ec2_linux[type][region]
    /// (Apache-2.0, "updated" 1740936978).
    @Test(arguments: [
        ("m5.large", "us-east-1", 0.096), ("c5n.18xlarge", "eu-west-1", 4.392),
        ("hpc7a.96xlarge", "us-east-2", 7.2), ("hpc6a.48xlarge", "eu-north-1", 3.093),
        ("c6i.32xlarge", "ap-southeast-2", 7.104), ("t3.micro", "sa-east-1", 0.0168),
        ("p4d.24xlarge", "us-west-2", 32.7726), ("c7a.16xlarge", "eu-west-1", 3.52384),
        ("m6i.large", "eu-west-1", 0.1177), ("t3.medium", "eu-west-1", 0.0487),
    ])
    func onDemandPriceIsTheSources(type: String, region: String, usdPerHour: Double) {
        #expect(AWSInstanceCatalog.onDemandUSDPerHour(type, in: region) == usdPerHour)
    }

    /// The same file has 0.0 for these: a price libcloud could not read, which must not read as free.
    /// Nor does a type or region the file lacks, nor a key that is a family name ('c5', 4.237 in
    /// ap-northeast-3).
    @Test func unpricedIsNilNeverZero() {
        #expect(AWSInstanceCatalog.onDemandUSDPerHour("g5.xlarge", in: "eu-west-1") == nil)
        #expect(AWSInstanceCatalog.onDemandUSDPerHour("m5.large", in: "ap-south-1") == nil)
        #expect(AWSInstanceCatalog.onDemandUSDPerHour("a1.xlarge", in: "us-east-2") == nil)
        #expect(AWSInstanceCatalog.onDemandUSDPerHour("m5.large", in: "xx-nowhere-1") == nil)
        #expect(AWSInstanceCatalog.onDemandUSDPerHour("c5", in: "ap-northeast-3") == nil)
        #expect(AWSInstanceCatalog.onDemandUSDPerHour("t3.mediun", in: "eu-west-1") == nil)
    }

    @Test func priceDateAndRegions() {
        #expect(AWSInstanceCatalog.priceDate == "2025-03-02")  // 1740936978 is 2025-03-02T17:36:18Z
        #expect(AWSInstanceCatalog.pricedRegions.count == 35)
        #expect(AWSInstanceCatalog.pricedRegions.contains("us-gov-west-1"))
        #expect(AWSInstanceCatalog.pricedRegions == AWSInstanceCatalog.pricedRegions.sorted())
    }

    /// moto 5.2.5, moto/ec2/resources/instance_type_offerings/availability-zone/<region>.json.gz:
    /// the Location of every entry whose InstanceType is the type (Apache-2.0).
    @Test(arguments: [
        ("hpc7a.96xlarge", "eu-west-1", ["eu-west-1b"]), ("p4d.24xlarge", "eu-west-1", ["eu-west-1c"]),
        ("hpc7a.96xlarge", "us-east-2", ["us-east-2b"]), ("hpc6a.48xlarge", "us-east-2", ["us-east-2b"]),
        (
            "p5.48xlarge", "us-east-1",
            ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"]
        ),
        ("c7a.large", "us-east-1", ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1f"]),
        ("t3.medium", "ca-central-1", ["ca-central-1a", "ca-central-1b", "ca-central-1d"]),
        ("g6.xlarge", "eu-west-1", []), ("c5n.18xlarge", "us-west-1", ["us-west-1a", "us-west-1b"]),
        ("trn1.32xlarge", "us-east-1", ["us-east-1b", "us-east-1c", "us-east-1f"]),
    ])
    func zonesAreTheSources(type: String, region: String, zones: [String]) {
        #expect(AWSInstanceCatalog.zones(offering: type, in: region) == zones)
    }

    @Test func regionsTheOfferingsCover() {
        #expect(AWSInstanceCatalog.offeringRegions.count == 30)
        #expect(
            AWSInstanceCatalog.zones(in: "ap-northeast-1") == ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"])
        // moto records no offerings for these: unknown, so nil rather than "offered nowhere".
        #expect(AWSInstanceCatalog.zones(in: "mx-central-1") == nil)
        #expect(AWSInstanceCatalog.zones(offering: "m5.large", in: "ap-southeast-7") == nil)
        #expect(AWSInstanceCatalog.zones(offering: "no.such", in: "eu-west-1") == [])
    }

    /// Every line of the generated tables has a column for each region its header lists.
    @Test func everyLineHasAColumnPerRegion() {
        for (table, regions) in [
            (AWSInstanceCatalog.priceTable, AWSInstanceCatalog.pricedRegions.count),
            (AWSInstanceCatalog.zoneTable, AWSInstanceCatalog.offeringRegions.count),
        ] {
            let short = table.split(separator: "\n").filter { $0.split(separator: " ").count != regions + 1 }
            #expect(short == [])
        }
    }
}
