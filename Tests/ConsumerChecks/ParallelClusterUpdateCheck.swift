import Foundation
import TestSupport

/// ParallelCluster's own update validation of a pair of cluster configs, run offline by
/// `Tests/Tools/pcluster-update-check.py`: the package's ConfigPatch lists the changes and their update
/// policies, and each policy's check is run against a stand-in running cluster in states from "all
/// running" to "all stopped" (the script's doc names them); the first that passes is the class.
public enum ParallelClusterUpdateCheck {
    static let script = Repository.root.appendingPathComponent("Tests/Tools/pcluster-update-check.py")

    /// One change as the package sees it.
    public struct Change: Sendable, CustomStringConvertible {
        public let path: String
        /// The package's policy name (`COMPUTE_FLEET_STOP`).
        public let policy: String
        /// The class the checks gave it (`compute-fleet-stop`), nil for an IGNORED change.
        public let policyClass: String?
        public let old: String?
        public let new: String?
        public var description: String {
            "\(path) \(old ?? "-") -> \(new ?? "-"): \(policy) (\(policyClass ?? "ignored"))"
        }
    }

    /// The changes from `old` to `new` (two cluster config texts), in ConfigPatch's order.
    public static func changes(old: String, new: String, clusterName: String) throws -> [Change] {
        guard let python = ParallelClusterCheck.python, ParallelClusterCheck.available else {
            throw ParallelClusterCheck.Unavailable(description: "aws-parallelcluster is not importable")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-pcupdate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = folder.appendingPathComponent("old.yaml")
        let after = folder.appendingPathComponent("new.yaml")
        try Data(old.utf8).write(to: before)
        try Data(new.utf8).write(to: after)
        let outcome = try Shell.run(
            python, [script.path, before.path, after.path, "--cluster-name", clusterName], directory: folder)
        guard outcome.status == 0,
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
            let rows = json["changes"] as? [[String: Any]]
        else {
            throw ParallelClusterCheck.Unavailable(
                description: "pcluster-update-check.py exited \(outcome.status):\n\(outcome.stderr)\(outcome.stdout)")
        }
        return rows.map {
            Change(
                path: $0["path"] as? String ?? "", policy: $0["policy"] as? String ?? "",
                policyClass: $0["class"] as? String, old: $0["old"] as? String, new: $0["new"] as? String)
        }
    }
}
