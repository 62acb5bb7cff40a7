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

    /// The jobs run, (with accounting) what sacct recorded, and what each job's job scripts wrote to
    /// RUN_DIR/markers/<job id>, line by line, by job id.
    public struct Outcome {
        public let jobs: [Job]
        public let accounted: [AccountedJob]
        public let scripts: [String: [String]]
    }

    /// Runs the cluster of `conf` under `runDirectory` and a job in every partition.
    public static func run(conf: URL, runDirectory: URL, node: String) throws -> Outcome {
        let script = Repository.root.appendingPathComponent("Tests/Tools/slurm-localhost-run.sh")
        let outcome = try Shell.run("/bin/bash", [script.path, conf.path, runDirectory.path, node])
        guard outcome.status == 0 else {
            throw Failure(
                description: "slurm-localhost-run exited \(outcome.status):\n\(outcome.stdout)\(outcome.stderr)")
        }
        let lines = outcome.stdout.split(separator: "\n").map {
            $0.split(separator: " ", maxSplits: 5).map(String.init)
        }
        return Outcome(
            jobs: lines.compactMap { fields in
                guard fields.count >= 5, fields[0] == "job" else { return nil }
                return Job(
                    id: fields[1], partition: fields[2], state: fields[3], exitCode: fields[4],
                    output: fields.count > 5 ? fields[5] : "")
            },
            accounted: lines.compactMap { fields in
                guard fields.count == 4, fields[0] == "accounted" else { return nil }
                return AccountedJob(id: fields[1], partition: fields[2], state: fields[3])
            },
            scripts: Dictionary(
                outcome.stdout.split(separator: "\n").compactMap { line -> (String, [String])? in
                    let fields = line.split(separator: " ", maxSplits: 2).map(String.init)
                    guard fields.count == 3, fields[0] == "scripts" else { return nil }
                    return (fields[1], fields[2].split(separator: ";").map(String.init))
                },
                uniquingKeysWith: { first, _ in first })
        )
    }
}
