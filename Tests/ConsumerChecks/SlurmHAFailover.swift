import Foundation
import TestSupport

/// A real slurmctld pair, slurmd and munged in network namespaces of their own, started from an
/// emitted slurm.conf unchanged by `Tests/Tools/slurm-ha-failover.sh`: the primary is killed and
/// the backup takes over by itself.
public enum SlurmHAFailover {
    public static let tools = [
        "munged", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo", "ip", "unshare", "nsenter",
    ]

    /// Whether this machine can run it: the tools, and root for the namespaces.
    public static var available: Bool { tools.allSatisfy(Shell.has) && getuid() == 0 }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// What the run printed: its steps, `scontrol ping` before and after the failover, the jobs.
    public struct Outcome {
        /// `(name, seconds since start, detail)` in order.
        public let steps: [(name: String, seconds: Int, detail: String)]
        /// `scontrol ping` once both controllers answer.
        public let pingsBefore: [String]
        /// `scontrol ping` once the backup has taken over.
        public let pingsAfter: [String]
        /// `job <id> <state> <exit code> <node> <output>` lines, before and after the failover.
        public let jobs: [String]
        /// The backup's log line saying it runs as the primary now.
        public let backupLog: [String]
        /// Wall time of the whole run.
        public let seconds: Double
    }

    /// Runs the failover of `conf`, with the power-saving programs beside it, under `workDirectory`
    /// (its last component names the namespaces: at most 8 lowercase letters or digits).
    public static func run(conf: URL, workDirectory: URL) throws -> Outcome {
        let script = Repository.root.appendingPathComponent("Tests/Tools/slurm-ha-failover.sh")
        let started = Date()
        let outcome = try Shell.run("/bin/bash", [script.path, conf.path, workDirectory.path])
        let seconds = Date().timeIntervalSince(started)
        guard outcome.status == 0 else {
            throw Failure(
                description: "slurm-ha-failover exited \(outcome.status):\n\(outcome.stdout)\(outcome.stderr)")
        }
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        func rest(_ line: String) -> String { String(line.drop { $0 != " " }.dropFirst()) }
        var steps: [(String, Int, String)] = []
        var before: [String] = []
        var after: [String] = []
        for line in lines {
            if line.hasPrefix("step ") {
                let fields = line.split(separator: " ", maxSplits: 3).map(String.init)
                steps.append((fields[1], Int(fields[2]) ?? -1, fields.count > 3 ? fields[3] : ""))
            } else if line.hasPrefix("ping ") {
                if steps.contains(where: { $0.0 == "primary-killed" }) {
                    after.append(rest(line))
                } else {
                    before.append(rest(line))
                }
            }
        }
        return Outcome(
            steps: steps, pingsBefore: before, pingsAfter: after,
            jobs: lines.filter { $0.hasPrefix("job ") },
            backupLog: lines.filter { $0.hasPrefix("backup-log ") }.map(rest),
            seconds: seconds)
    }
}
