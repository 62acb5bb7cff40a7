import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// `hpcc plan`: the figures in each row come from the IR and the machine catalogs.
@Suite("Deployment summary")
struct DeploymentSummaryTests {
    /// The rows of the summary's tables, cells split where two or more spaces separate them.
    private func rows(_ name: String) throws -> [[String]] {
        let deployment = try #require(try Repository.compile(name).deployment)
        return DeploymentSummary(deployment).text.split(separator: "\n").map { line in
            line.trimmingCharacters(in: .whitespaces).components(separatedBy: "  ").map {
                $0.trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty }
        }
    }

    @Test func slurmPartitionsShowNodesCPUsMemoryAndPeak() throws {
        let table = try rows("gcp-slurm")
        // c2-standard-60 runs on Cascade Lake at 3.1 GHz with AVX-512 (32 FLOPs per cycle per
        // core), SMT off: 30 cores × 32 × 3.1 GHz = 2.976 TFLOP/s per node, 32 nodes at most.
        #expect(
            table.contains([
                "compute", "computenodeset", "c2-standard-60", "0", "32", "60", "-", "240 GiB", "1920", "95.23 TFLOP/s",
            ]), "\(table)")
        #expect(table.contains(["debug*", "debugnodeset", "n2-standard-4", "2", "6", "4", "-", "16 GiB", "24", "-"]))
        #expect(
            table.contains([
                "gpu", "gpunodeset", "g2-standard-24", "0", "8", "24", "2 nvidia-l4", "96 GiB", "192", "6.76 TFLOP/s",
            ]))
        #expect(table.contains(["total", "3 nodesets", "2", "46", "16 GPUs", "8544 GiB", "2136", "≥ 101.99 TFLOP/s"]))
        #expect(table.contains(["homefs", "Filestore BASIC_SSD", "2560 GiB", "/home"]))
    }

    @Test func parallelClusterQueuesAndExistingNodeGroups() throws {
        let queues = try rows("aws-parallelcluster")
        #expect(
            queues.contains(["mpi", "hpc7a-96xlarge", "hpc7a.96xlarge", "0", "16", "192", "-", "768 GiB", "3072"]),
            "\(queues)")
        #expect(queues.contains(["scratch", "FSx for Lustre PERSISTENT_2", "1200 GiB", "/fsx"]))
        let groups = try rows("onprem-bwvisu")
        #expect(groups.contains(["compute", "200", "12", "-", "24 GiB", "28.13 TFLOP/s"]), "\(groups)")
    }

    @Test func tablesLineUp() {
        var table = TextTable(header: ["a", "long header", "c"])
        table.rows = [["wide cell", "x", "y"]]
        #expect(table.render() == "  a          long header  c\n  wide cell  x            y\n")
    }
}
