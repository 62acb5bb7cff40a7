import Foundation
import TestSupport

/// A real Slurm (munged, slurmctld, slurmd) on this machine, started from an emitted slurm.conf
/// unchanged by `Tests/Tools/slurm-localhost-run.sh`, with one `sbatch --wait` job per partition.
public enum SlurmLocalRun {
    public static let tools = [
        "munged", "slurmctld", "slurmd", "sbatch", "sinfo", "scontrol", "slurmdbd", "sacct", "mariadbd",
        "mariadb-install-db",
    ]
    public static var available: Bool { tools.allSatisfy(Shell.has) }

    public struct Job: Equatable {
        public let id: String
        public let partition: String
        public let state: String
        public let exitCode: String
        public let output: String
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// `count` distinct free TCP ports on 127.0.0.1.
    public static func freePorts(_ count: Int) throws -> [Int] {
        let program =
            """
            import socket\nsockets = [socket.socket() for _ in range(\(count))]\nfor s in sockets: \
            s.bind(('127.0.0.1', 0))\nprint(*[s.getsockname()[1] for s in sockets])
            """
        let ports = try Shell.run("/usr/bin/env", ["python3", "-c", program]).stdout.split(separator: " ").compactMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard ports.count == count else { throw Failure(description: "no free ports") }
        return ports
    }

    /// The user the tests run as (the daemons' SlurmUser).
    public static func user() throws -> String {
        try Shell.run("/usr/bin/id", ["-un"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A job as sacct reports it.
    public struct AccountedJob: Equatable, CustomStringConvertible {
        public let id: String
        public let partition: String
        public let state: String
        public var description: String { "\(id) \(partition) \(state)" }
    }

    /// The jobs run, and (with accounting) what sacct recorded.
    public struct Outcome {
        /// sacct's own table, as an operator sees it.
        public let sacct: [String]
        public let jobs: [Job]
        public let accounted: [AccountedJob]
    }

    /// Runs the cluster of `conf` under `runDirectory` and a job in every partition.
    public static func run(conf: URL, runDirectory: URL, node: String) throws -> Outcome {
        try run("slurm-localhost-run.sh", [conf.path, runDirectory.path, node])
    }

    /// What `Tests/Tools/slurm-cloud-run.sh` needs besides Slurm, MUNGE and MariaDB.
    public static let cloudTools = ["ip", "nsenter", "unshare", "mount"]

    /// Runs a Google Cloud cluster's emitted Slurm files (`slurmDirectory`) in namespaces of their own,
    /// with MariaDB on `databaseAddress` standing in for Cloud SQL, and jobs in every partition.
    public static func runCloud(slurmDirectory: URL, runDirectory: URL, databaseAddress: String) throws -> Outcome {
        try run("slurm-cloud-run.sh", [slurmDirectory.path, runDirectory.path, databaseAddress])
    }

    private static func run(_ tool: String, _ arguments: [String]) throws -> Outcome {
        let script = Repository.root.appendingPathComponent("Tests/Tools/\(tool)")
        let outcome = try Shell.run("/bin/bash", [script.path] + arguments)
        guard outcome.status == 0 else {
            throw Failure(
                description: "\(tool) exited \(outcome.status):\n\(outcome.stdout)\(outcome.stderr)")
        }
        let lines = outcome.stdout.split(separator: "\n").map {
            $0.split(separator: " ", maxSplits: 5).map(String.init)
        }
        return Outcome(
            sacct: lines.compactMap { fields in
                fields.first == "sacct|" ? fields.dropFirst().joined(separator: " ") : nil
            },
            jobs: lines.compactMap { fields in
                guard fields.count >= 5, fields[0] == "job" else { return nil }
                return Job(
                    id: fields[1], partition: fields[2], state: fields[3], exitCode: fields[4],
                    output: fields.count > 5 ? fields[5] : "")
            },
            accounted: lines.compactMap { fields in
                guard fields.count == 4, fields[0] == "accounted" else { return nil }
                return AccountedJob(id: fields[1], partition: fields[2], state: fields[3])
            }
        )
    }
}
