import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The EC2 instance-type catalog generated from moto's recorded DescribeInstanceTypes answers.
@Suite("AWS instance catalog")
struct AWSInstanceCatalogTests {
    @Test func everyTableLineParses() {
        let lines = AWSInstanceCatalog.table.split(separator: "\n")
        #expect(lines.count > 1000)
        #expect(lines.filter { AWSInstanceCatalog.instanceType(line: $0) == nil } == [])
        #expect(AWSInstanceCatalog.names.count == lines.count)
        #expect(AWSInstanceCatalog.names == lines.map { String($0.prefix { $0 != " " }) })
    }

    @Test func malformedLineIsRejectedNotFatal() {
        #expect(AWSInstanceCatalog.instanceType(line: "t3.medium 2 4096 maybe x86_64 0") == nil)
        #expect(AWSInstanceCatalog.instanceType(line: "t3.medium two 4096 no x86_64 0") == nil)
        #expect(AWSInstanceCatalog.instanceType(line: "t3.medium 2 4096 no x86_64") == nil)
    }

    @Test func knownTypes() throws {
        #expect(
            AWSInstanceCatalog.instanceType("t3.medium")
                == AWSInstanceType(
                    name: "t3.medium", vCPUs: 2, memoryMiB: 4096, efaSupported: false, architectures: ["x86_64"],
                    gpus: 0))
        let hpc7a = try #require(AWSInstanceCatalog.instanceType("hpc7a.96xlarge"))
        #expect(hpc7a.efaSupported && hpc7a.vCPUs == 192 && hpc7a.memoryMiB == 786_432)
        let p4d = try #require(AWSInstanceCatalog.instanceType("p4d.24xlarge"))
        #expect(p4d.gpus == 8 && p4d.vCPUs == 96 && p4d.efaSupported)
        #expect(AWSInstanceCatalog.instanceType("t2.micro")?.architectures == ["i386", "x86_64"])
    }

    @Test func gravitonFamilyIsArm() {
        let c7g = AWSInstanceCatalog.names.filter { $0.hasPrefix("c7g.") }
        #expect(c7g.contains("c7g.large"))
        for name in c7g {
            #expect(AWSInstanceCatalog.instanceType(name)?.architectures == ["arm64"], "\(name)")
        }
    }

    @Test func unknownNameIsNil() {
        #expect(AWSInstanceCatalog.instanceType("t3.mediun") == nil)
        #expect(AWSInstanceCatalog.instanceType("") == nil)
    }

    /// The ParallelCluster check's fixture is cut from the same moto data, so the two must agree.
    @Test func agreesWithParallelClusterFixture() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/pcluster-control/ec2-facts.json")
        let facts = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let types = try #require(facts["instance_types"] as? [String: [String: Any]])
        #expect(!types.isEmpty)
        for (name, recorded) in types.sorted(by: { $0.key < $1.key }) {
            let type = try #require(AWSInstanceCatalog.instanceType(name), "\(name)")
            #expect((recorded["VCpuInfo"] as? [String: Any])?["DefaultVCpus"] as? Int == type.vCPUs, "\(name)")
            #expect((recorded["MemoryInfo"] as? [String: Any])?["SizeInMiB"] as? Int == type.memoryMiB, "\(name)")
            #expect(
                (recorded["NetworkInfo"] as? [String: Any])?["EfaSupported"] as? Bool == type.efaSupported, "\(name)")
        }
    }
}
