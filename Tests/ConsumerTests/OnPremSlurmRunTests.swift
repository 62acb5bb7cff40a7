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
    /// The localhost cluster compiled for a fresh run directory near /tmp (MUNGE's socket path
    /// must stay short), on free ports, with a REST API whose identity provider's key is made here.
    struct Localhost {
        let run: URL
        let ports: [Int]
        let issuer: SlurmLocalRun.IssuerKey
        let cluster: OnPremCluster
        let folder: URL
        let conf: URL
        let node: String

        init() throws {
            run = URL(fileURLWithPath: "/tmp/hpcc-onprem-\(UUID().uuidString.prefix(8))")
            ports = try SlurmLocalRun.freePorts(5)
            issuer = try SlurmLocalRun.issuerKey(in: run.appendingPathComponent("idp"))
            let result = try Repository.compile(
                "onprem-localhost",
                extraVariables: [
                    "run_dir=\(run.path)", "slurm_user=\(try SlurmLocalRun.user())",
                    "slurmctld_port=\(ports[0])", "slurmd_port=\(ports[1])", "slurmdbd_port=\(ports[2])",
                    "mariadb_port=\(ports[3])",
                ] + OnPremSlurmRunTests.restVariables(issuer: issuer, port: ports[4]))
            #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
            cluster = try #require(result.deployment?.onPremClusters.first)
            folder = try ConsumerTools.writeDeployment(result.files)
            conf = folder.appendingPathComponent(OnPremSlurmEmitter.folder(cluster) + "/slurm.conf")
            node = try #require(cluster.nodeGroups.first?.hosts.first)
        }

        func remove() {
            try? FileManager.default.removeItem(at: run)
            try? FileManager.default.removeItem(at: folder)
        }
    }

    static func skipped(_ name: String, _ check: String) -> Bool {
        guard SlurmLocalRun.available || ConsumerTools.required else {
            ConsumerTools.record(
                name, check,
                ConsumerTools.skipped(
                    "the localhost Slurm run", because: "munged, slurmctld or slurmd is not installed (run .ci/run)"))
            return true
        }
        return false
    }

    @Test func localhostRunsAJobInEveryPartition() throws {
        if Self.skipped("onprem-localhost", "slurm job run") { return }
        let localhost = try Localhost()
        defer { localhost.remove() }
        let (run, issuer, cluster, conf, node) = (
            localhost.run, localhost.issuer, localhost.cluster, localhost.conf, localhost.node
        )
        let started = Date()
        let outcome = try SlurmLocalRun.run(
            conf: conf, runDirectory: run, node: node, environment: issuer.environment)
        let seconds = Date().timeIntervalSince(started)
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
        let rest = Self.checkRestAPI(outcome.rest, cluster: cluster)
        ConsumerTools.record(
            "onprem-localhost", "slurm job run",
            "MariaDB, slurmdbd, munged, slurmctld and slurmd from "
                + "\(OnPremSlurmEmitter.folder(cluster))/slurm.conf and slurmdbd.conf: "
                + jobs.map { "job \($0.id) in \($0.partition) \($0.state)" }.joined(separator: ", ")
                + "; sacct: " + outcome.accounted.map { "\($0.id) \($0.state)" }.joined(separator: ", ")
                + "; job scripts: "
                + jobs.map { "\($0.id) " + (outcome.scripts[$0.id] ?? []).joined(separator: ", ") }
                .joined(separator: "; ")
                + "; " + rest + String(format: "; %.1f s", seconds) + "; daemons stopped by PID")
    }

    // MARK: REST API (slurmrestd from the emitted unit, tokens of a key made by the test)

    /// slurmrestd's port and account (nobody: an unprivileged account every machine has), and the
    /// JWKS of the test's identity provider.
    static func restVariables(issuer: SlurmLocalRun.IssuerKey, port: Int) -> [String] {
        ["rest_port=\(port)", "rest_user=nobody", "rest_jwks=\(issuer.jwks)"]
    }

    /// A valid token pings and submits a job that completes; another key's and an expired token
    /// are refused and submit nothing.
    static func checkRestAPI(_ requests: [SlurmLocalRun.RestRequest], cluster: OnPremCluster) -> String {
        #expect(cluster.restAPI != nil)
        func request(_ kind: String, _ name: String) -> SlurmLocalRun.RestRequest? {
            requests.first { $0.kind == kind && $0.name == name }
        }
        #expect(request("nftables", "check") != nil, "nft -c: \(requests)")
        #expect(request("valid", "ping")?.status == "200", "\(requests)")
        #expect(request("valid", "submit")?.status == "200", "\(requests)")
        #expect(request("valid", "job")?.detail.hasSuffix("=COMPLETED") == true, "\(requests)")
        #expect(request("valid", "output")?.detail == "submitted through slurmrestd by nobody", "\(requests)")
        for kind in ["other-key", "expired"] {
            for name in ["ping", "submit"] {
                let refused = request(kind, "\(kind)-\(name)")
                #expect(refused != nil && refused?.status != "200", "\(kind) \(name): \(requests)")
            }
        }
        let log = requests.filter { $0.kind == "slurmctld" }.map(\.detail)
        #expect(log.contains { $0.contains("could not find matching kid") }, "\(log)")
        #expect(log.contains { $0.contains("token expired") }, "\(log)")
        return "slurmrestd: " + requests.filter { $0.kind != "slurmctld" }.map(\.description).joined(separator: ", ")
    }
}
