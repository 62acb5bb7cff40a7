import Foundation
import HPCCompiler
import TestSupport

/// The real consumer of slurm.conf: Debian's slurmctld (through Tests/Tools/slurmctld-check.sh)
/// loads a cluster's Slurm files and reports the partitions and nodes it understood.
public enum SlurmctldCheck {
    public static let tools = ["slurmctld", "scontrol", "sinfo", "munged"]

    public static var available: Bool { tools.allSatisfy(Shell.has) }

    /// What slurmctld reported.
    public struct Report {
        /// Partition → node count (`sinfo`).
        public var partitions: [String: Int] = [:]
        /// Node name → `scontrol show nodes` fields.
        public var nodes: [String: [String: String]] = [:]
        /// The check's notes (what it rewrote to run here).
        public var notes: [String] = []
    }

    /// slurmctld refused the configuration; the description is slurmctld's own output.
    public struct Rejection: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads the `.conf` files of `files` found directly in `folder`.
    public static func load(_ files: [OutputFile], folder: String) throws -> Report {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in files where file.path.hasPrefix(folder + "/") && file.path.hasSuffix(".conf") {
            let name = String(file.path.dropFirst(folder.count + 1))
            guard !name.contains("/") else { continue }
            try Data(file.contents).write(to: directory.appendingPathComponent(name))
        }
        let script = Repository.root.appendingPathComponent("Tests/Tools/slurmctld-check.sh")
        let outcome = try Shell.run("/bin/bash", [script.path, directory.path])
        guard outcome.status == 0 else {
            throw Rejection(description: "slurmctld-check exited \(outcome.status):\n\(outcome.stderr)")
        }
        var report = Report()
        report.notes = outcome.stderr.split(separator: "\n").filter { $0.hasPrefix("note:") }.map(String.init)
        let sections = outcome.stdout.components(separatedBy: "\n--\n")
        for line in sections[0].split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2, let count = Int(parts[1]) { report.partitions[String(parts[0])] = count }
        }
        for line in sections.dropFirst().joined().split(separator: "\n") {
            var fields: [String: String] = [:]
            for token in line.split(separator: " ") {
                let pair = token.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
            }
            if let name = fields["NodeName"] { report.nodes[name] = fields }
        }
        return report
    }
}
