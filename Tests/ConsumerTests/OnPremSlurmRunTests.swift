import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// `onprem-localhost.yaml` describes the machine running the tests; its emitted slurm.conf,
/// unchanged, runs a real munged, slurmctld and slurmd here, and a job in each partition
/// completes. The blueprint's variables put every daemon path under a private directory and the
/// daemons on free ports, as the user running the tests.
@Suite("a real Slurm runs jobs from hpcc's on-premises configuration", .serialized)
struct OnPremSlurmRunTests {
    @Test func localhostRunsAJobInEveryPartition() throws {
        guard SlurmLocalRun.available || ConsumerTools.required else {
            return ConsumerTools.record(
                "onprem-localhost", "slurm job run",
                ConsumerTools.skipped(
                    "the localhost Slurm run",
                    because: "munged, slurmctld or slurmd is not installed (run .ci/run)"))
        }
        // MUNGE's socket path must stay short, so the run lives near /tmp.
        let run = URL(fileURLWithPath: "/tmp/hpcc-onprem-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: run) }
        let ports = try SlurmLocalRun.freePorts(4)
        let result = try Repository.compile(
            "onprem-localhost",
            extraVariables: [
                "run_dir=\(run.path)", "slurm_user=\(try SlurmLocalRun.user())",
                "slurmctld_port=\(ports[0])", "slurmd_port=\(ports[1])", "slurmdbd_port=\(ports[2])",
                "mariadb_port=\(ports[3])",
            ])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let cluster = try #require(result.deployment?.onPremClusters.first)
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let conf = folder.appendingPathComponent(OnPremSlurmEmitter.folder(cluster) + "/slurm.conf")
        let node = try #require(cluster.nodeGroups.first?.hosts.first)
        let outcome = try SlurmLocalRun.run(conf: conf, runDirectory: run, node: node)
        let jobs = outcome.jobs
        #expect(Set(jobs.map(\.partition)) == Set(cluster.partitions.map(\.name)), "a job in every partition")
        for job in jobs {
            #expect(
                job.state == "COMPLETED" && job.exitCode == "0:0",
                "job \(job.id) in \(job.partition): \(job.state) \(job.exitCode)")
            #expect(job.output.hasSuffix("in partition \(job.partition)"), "\(job.output)")
        }
        // With accounting, slurmdbd recorded every job in MariaDB.
        #expect(cluster.accounting != nil)
        #expect(
            Set(outcome.accounted.map { "\($0.id) \($0.partition) \($0.state)" })
                == Set(jobs.map { "\($0.id) \($0.partition) COMPLETED" }),
            "sacct: \(outcome.accounted)")
        // Job scripts (issue 20): on the node of every job, both prologs ran in name order (the blueprint
        // lists them the other way round), then the epilog.
        let order = ["prolog 10-first", "prolog 20-second", "epilog 50-last"]
        for job in jobs {
            #expect(outcome.scripts[job.id] == order, "job \(job.id): \(outcome.scripts[job.id] ?? [])")
        }
        #expect(cluster.jobScripts.kinds == [.prolog, .epilog])
        ConsumerTools.record(
            "onprem-localhost", "slurm job run",
            "MariaDB, slurmdbd, munged, slurmctld and slurmd from "
                + "\(OnPremSlurmEmitter.folder(cluster))/slurm.conf and slurmdbd.conf: "
                + jobs.map { "job \($0.id) in \($0.partition) \($0.state)" }.joined(separator: ", ")
                + "; sacct: " + outcome.accounted.map { "\($0.id) \($0.state)" }.joined(separator: ", ")
                + "; job scripts: "
                + jobs.map { "\($0.id) " + (outcome.scripts[$0.id] ?? []).joined(separator: ", ") }
                .joined(separator: "; ")
                + "; daemons stopped by PID")
    }
}
