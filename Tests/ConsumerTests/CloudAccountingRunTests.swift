import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// `gcp-slurm-accounting.yaml`'s emitted Slurm files, unchanged, run real daemons here: MariaDB
/// standing in for Cloud SQL on the address the controller's boot script would write, slurmdbd,
/// munged, slurmctld, and a slurmd that slurmctld powers up through the emitted resume.sh. The
/// files name the cloud's fixed paths, ports and host names, so `Tests/Tools/slurm-cloud-run.sh`
/// gives them a network, mount and UTS namespace of their own (which needs root); jobs complete
/// and `sacct` reports them from the database.
@Suite("a real Slurm with slurmdbd runs jobs from hpcc's Google Cloud accounting configuration", .serialized)
struct CloudAccountingRunTests {
    /// The Cloud SQL address of the run (any private address: it lives only in the test's namespace).
    static let databaseAddress = "10.83.0.5"

    @Test func accountingClusterRunsJobsThatSacctReports() throws {
        let missing = (SlurmLocalRun.tools + SlurmLocalRun.cloudTools).filter { !Shell.has($0) }
        let root = getuid() == 0
        guard (missing.isEmpty && root) || ConsumerTools.required else {
            return ConsumerTools.record(
                "gcp-slurm-accounting", "slurm accounting run",
                ConsumerTools.skipped(
                    "the Google Cloud accounting Slurm run",
                    because: root
                        ? "\(missing.joined(separator: ", ")) not installed (run .ci/run)"
                        : "it needs root for its network, mount and UTS namespaces"))
        }
        #expect(root, "the accounting run needs root")
        #expect(missing.isEmpty, "missing: \(missing)")
        let result = try Repository.compile("gcp-slurm-accounting")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let deployment = try #require(result.deployment)
        let cluster = try #require(deployment.clusters.first)
        #expect(cluster.accounting != nil)
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = URL(fileURLWithPath: "/tmp/hpcc-cloud-acct-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: run) }
        let slurm = folder.appendingPathComponent(SlurmPaths.folder(of: cluster, in: deployment))
        let started = Date()
        let outcome = try SlurmLocalRun.runCloud(
            slurmDirectory: slurm, runDirectory: run, databaseAddress: Self.databaseAddress)
        let seconds = Int(Date().timeIntervalSince(started).rounded())
        #expect(outcome.jobs.count >= cluster.partitions.count, "\(outcome.jobs)")
        #expect(Set(outcome.jobs.map(\.partition)) == Set(cluster.partitions.map(\.name)))
        for job in outcome.jobs {
            #expect(job.state == "COMPLETED" && job.exitCode == "0:0", "job \(job.id): \(job.state) \(job.exitCode)")
            // The job ran on a node slurmctld powered up, not on the controller.
            #expect(job.output.hasPrefix("ran on \(cluster.name)-"), "\(job.output)")
            #expect(!job.output.hasPrefix("ran on \(cluster.controllerHostName) "), "\(job.output)")
        }
        #expect(
            Set(outcome.accounted.map { "\($0.id) \($0.partition) \($0.state)" })
                == Set(outcome.jobs.map { "\($0.id) \($0.partition) COMPLETED" }),
            "sacct: \(outcome.accounted)")
        ConsumerTools.record(
            "gcp-slurm-accounting", "slurm accounting run",
            "MariaDB (for Cloud SQL), slurmdbd, munged, slurmctld and a powered-up slurmd from slurm.conf, "
                + "slurmdbd.conf and resume.sh in \(seconds) s: "
                + outcome.jobs.map { "job \($0.id) \($0.state) (\($0.output))" }.joined(separator: ", ")
                + "; sacct:\n" + outcome.sacct.joined(separator: "\n"))
    }
}
