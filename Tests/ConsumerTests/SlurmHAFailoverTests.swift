import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// `gcp-slurm-ha.yaml`'s emitted slurm.conf, unchanged, runs a primary and a backup slurmctld, a
/// slurmd and munged, each host in network, mount and UTS namespaces of its own; the primary is
/// killed and the backup takes over after SlurmctldTimeout by itself, and a job submitted after
/// the failover completes.
@Suite("a real slurmctld pair fails over from hpcc's highly available configuration", .serialized)
struct SlurmHAFailoverTests {
    @Test func theBackupTakesOverAndRunsAJob() throws {
        guard SlurmHAFailover.available || ConsumerTools.required else {
            return ConsumerTools.record(
                "gcp-slurm-ha", "slurmctld failover",
                ConsumerTools.skipped(
                    "the Slurm failover run",
                    because: "it needs root and munged, slurmctld, slurmd, ip, unshare and nsenter (run .ci/run)"))
        }
        let result = try Repository.compile("gcp-slurm-ha")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let cluster = try #require(result.deployment?.clusters.first)
        let backup = try #require(cluster.controller.backup)
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let deployment = try #require(result.deployment)
        let conf = folder.appendingPathComponent(SlurmPaths.folder(of: cluster, in: deployment) + "/slurm.conf")
        let text = try String(contentsOf: conf, encoding: .utf8)
        #expect(text.contains("SlurmctldTimeout=\(BackupController.takeoverSeconds)\n"))

        // Short: the namespaces and interfaces are named after it.
        let work = URL(fileURLWithPath: "/tmp/hha\(UUID().uuidString.prefix(5).lowercased())")
        defer { try? FileManager.default.removeItem(at: work) }
        let outcome = try SlurmHAFailover.run(conf: conf, workDirectory: work)

        let primary = "Slurmctld(primary) at \(cluster.controllerHostName)"
        let standby = "Slurmctld(backup) at \(cluster.backupControllerHostName)"
        #expect(outcome.pingsBefore.contains("\(primary) is UP"), "\(outcome.pingsBefore)")
        #expect(outcome.pingsBefore.contains("\(standby) is UP"), "\(outcome.pingsBefore)")
        #expect(outcome.pingsAfter.contains("\(primary) is DOWN"), "\(outcome.pingsAfter)")
        #expect(outcome.pingsAfter.contains("\(standby) is UP"), "\(outcome.pingsAfter)")
        #expect(
            outcome.jobs.count == 2 && outcome.jobs.allSatisfy { $0.contains(" COMPLETED 0:0 ") }, "\(outcome.jobs)")
        let steps = outcome.steps.map(\.name)
        #expect(
            steps == [
                "controllers-up", "node-before-slurmd", "node-idle", "job-before-failover", "primary-killed",
                "backup-took-over", "job-after-failover",
            ])
        // Not before SlurmctldTimeout: the backup waited for the primary, as configured.
        let killed = outcome.steps.first { $0.name == "primary-killed" }?.seconds ?? 0
        let taken = outcome.steps.first { $0.name == "backup-took-over" }?.seconds ?? 0
        #expect(taken - killed >= BackupController.takeoverSeconds, "\(outcome.steps)")
        ConsumerTools.record(
            "gcp-slurm-ha", "slurmctld failover",
            """
            \(SlurmPaths.folder(of: cluster, in: deployment))/slurm.conf unchanged, backup in \(backup.zone): \
            \(outcome.pingsBefore.joined(separator: "; ")); \(outcome.jobs.first ?? ""); primary killed; \
            after \(taken - killed) s: \(outcome.pingsAfter.prefix(2).joined(separator: "; ")); \
            \(outcome.jobs.last ?? ""); \(Int(outcome.seconds)) s; daemons stopped by PID, namespaces deleted
            """)
    }
}
