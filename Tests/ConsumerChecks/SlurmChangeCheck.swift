import Foundation
import TestSupport

/// One slurm.conf change applied to a running slurmctld by `Tests/Tools/slurm-change-check.sh`:
/// what slurmctld showed before, after `scontrol reconfigure`, and after a restart.
public enum SlurmChangeCheck {
    public static var available: Bool { SlurmctldCheck.tools.allSatisfy(Shell.has) && Shell.has("slurmd") }

    /// What slurmctld answered at one step.
    public struct Snapshot: Sendable {
        /// slurmctld's process runs and answers `scontrol ping` on the port slurm.conf names.
        public var alive = false
        public var config: [String: String] = [:]
        /// Partition name → its `scontrol show partition -o` fields.
        public var partitions: [String: [String: String]] = [:]
        /// Node name → its `scontrol show node -o` fields (`Reason` is the rest of the line).
        public var nodes: [String: [String: String]] = [:]
    }

    public struct Outcome {
        public var before = Snapshot()
        public var reconfigured = Snapshot()
        public var restarted = Snapshot()
        /// `scontrol reconfigure`'s status and output.
        public var reconfigure = ""
        /// slurmctld's error and fatal log lines written by the reconfigure.
        public var log: [String] = []
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs slurmctld and slurmd (`node`) from `old`, applies `new` under `runDirectory`.
    public static func run(old: URL, new: URL, runDirectory: URL, node: String) throws -> Outcome {
        let script = Repository.root.appendingPathComponent("Tests/Tools/slurm-change-check.sh")
        let result = try Shell.run("/bin/bash", [script.path, old.path, new.path, runDirectory.path, node])
        guard result.status == 0 else {
            throw Failure(description: "slurm-change-check exited \(result.status):\n\(result.stdout)\(result.stderr)")
        }
        var outcome = Outcome()
        var phase = ""
        var snapshot = Snapshot()
        func store() {
            switch phase {
            case "before": outcome.before = snapshot
            case "reconfigured": outcome.reconfigured = snapshot
            case "restarted": outcome.restarted = snapshot
            default: break
            }
        }
        for line in result.stdout.split(separator: "\n").map(String.init) {
            let (word, rest) = (String(line.prefix { $0 != " " }), String(line.drop { $0 != " " }.dropFirst()))
            switch word {
            case "phase":
                store()
                phase = rest
                snapshot = Snapshot()
            case "alive": snapshot.alive = rest == "1"
            case "config":
                let pair = rest.components(separatedBy: " = ")
                if pair.count == 2 { snapshot.config[pair[0]] = pair[1] }
            case "partition":
                let fields = fields(rest)
                if let name = fields["PartitionName"] { snapshot.partitions[name] = fields }
            case "node":
                let fields = fields(rest)
                if let name = fields["NodeName"] { snapshot.nodes[name] = fields }
            case "reconfigure": outcome.reconfigure = rest
            case "log": outcome.log.append(rest)
            default: break
            }
        }
        store()
        return outcome
    }

    /// `Key=Value` words of one `scontrol show -o` line; `Reason` keeps the rest of the line.
    static func fields(_ line: String) -> [String: String] {
        var fields: [String: String] = [:]
        var text = Substring(line)
        if let reason = line.range(of: " Reason=") {
            fields["Reason"] = String(line[reason.upperBound...])
            text = line[..<reason.lowerBound]
        }
        for word in text.split(separator: " ") {
            let pair = word.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        return fields
    }
}
