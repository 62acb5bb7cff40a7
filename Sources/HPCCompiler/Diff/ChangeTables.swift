/// The change report as titled tables, the one layout the text and Markdown renderings share.
struct ChangeTable {
    var title: String
    var header: [String]
    var rows: [[String]]
}

extension ChangeReport {
    /// One table per Terraform group, Slurm folder and ParallelCluster file, then native configs and cost.
    var tables: [ChangeTable] {
        var tables: [ChangeTable] = []
        for group in Set(terraform.map(\.group)).sorted() {
            let changes = terraform.filter { $0.group == group }.sorted {
                ($0.action, $0.address) < ($1.action, $1.address)
            }
            tables.append(
                ChangeTable(
                    title: "Terraform group \(group): \(Self.counts(changes))",
                    header: ["action", "resource", "why", "data"],
                    rows: changes.map { change in
                        [change.action.rawValue, change.address, Self.why(change), Self.data(change)]
                    }))
        }
        for folder in Set(slurm.map(\.folder)).sorted() {
            let changes = slurm.filter { $0.folder == folder }.sorted {
                ($1.takes, $0.file, $0.subject) < ($0.takes, $1.file, $1.subject)
            }
            tables.append(
                ChangeTable(
                    title: "Slurm \(folder): takes \(changes.map(\.takes).max()!.rawValue)",
                    header: ["takes", "file", "what", "before", "after", "nodes", "running jobs", "why"],
                    rows: changes.map { change in
                        [
                            change.takes.rawValue, change.file, change.subject, change.before ?? "-",
                            change.after ?? "-",
                            change.nodes ?? "all", change.affectsRunningJobs ? "affected" : "-", change.reason,
                        ]
                    }))
        }
        for file in Set(parallelCluster.map(\.file)).sorted() {
            let changes = parallelCluster.filter { $0.file == file }.sorted {
                ($1.policy, $0.path) < ($0.policy, $1.path)
            }
            tables.append(
                ChangeTable(
                    title: "ParallelCluster \(file): \(changes.map(\.policy).max()!.rawValue)",
                    header: ["policy", "setting", "before", "after", "ParallelCluster's policy", "data"],
                    rows: changes.map { change in
                        [
                            change.policy.rawValue, change.path, change.before ?? "-", change.after ?? "-",
                            change.policyName, change.losesData ? "LOST" : "-",
                        ]
                    }))
        }
        if !native.isEmpty {
            tables.append(
                ChangeTable(
                    title: "Native configurations", header: ["file", "change", "read by", "keys", "takes"],
                    rows: native.map { change in
                        [
                            change.path, change.kind.rawValue, change.system,
                            change.keys.isEmpty ? "-" : change.keys.joined(separator: ", "), change.takes,
                        ]
                    }))
        }
        if let cost, !isEmpty {
            let bound = cost.incomplete ? "+" : ""
            tables.append(
                ChangeTable(
                    title:
                        "Cost, USD per hour, on demand / compute on spot\(cost.incomplete ? " (+: lower bound)" : "")",
                    header: ["", "before", "after"],
                    rows: [
                        [
                            "idle", DeploymentCost.pair(cost.idleBefore) + bound,
                            DeploymentCost.pair(cost.idleAfter) + bound,
                        ],
                        [
                            "at most", DeploymentCost.pair(cost.maxBefore) + bound,
                            DeploymentCost.pair(cost.maxAfter) + bound,
                        ],
                    ]))
        }
        return tables
    }

    /// `2 create, 1 replace` for the actions present.
    static func counts(_ changes: [ResourceChange]) -> String {
        let order: [ResourceChange.Action] = [.create, .update, .replace, .destroy, .move]
        return order.compactMap { action in
            let count = changes.filter {
                $0.action == action || (action == .move && $0.movedFrom != nil && $0.action != .move)
            }
            .count
            return count == 0 ? nil : "\(count) \(action.rawValue)"
        }.joined(separator: ", ")
    }

    private static func why(_ change: ResourceChange) -> String {
        var parts: [String] = []
        if let from = change.movedFrom { parts.append("moved from \(from)") }
        switch change.action {
        case .replace: parts.append("forced by " + change.forcedBy.joined(separator: ", "))
        case .update: parts.append("changes " + change.changed.joined(separator: ", "))
        default: break
        }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }

    private static func data(_ change: ResourceChange) -> String {
        guard change.losesData else { return "-" }
        return change.preventDestroy ? "LOST (prevent_destroy: apply refuses until lifted)" : "LOST"
    }

    /// The one-line verdict.
    var verdict: String {
        if isEmpty { return "No changes." }
        var lines: [String] = []
        let lost =
            terraform.filter(\.losesData).map { "\($0.group)/\($0.address)" }
            + parallelCluster.filter(\.losesData).map { "\($0.file): \($0.path)" }
        if !lost.isEmpty { lines.append("DESTROYS DATA: \(lost.joined(separator: ", ")).") }
        if let worst = slurm.map(\.takes).max(), worst > .nothing { lines.append("Slurm: takes \(worst.rawValue).") }
        if slurm.contains(where: \.affectsRunningJobs) { lines.append("Running jobs are affected.") }
        if let worst = parallelCluster.map(\.policy).max() { lines.append("ParallelCluster: \(worst.rawValue).") }
        if lines.isEmpty { lines.append("Nothing destructive.") }
        return lines.joined(separator: " ")
    }
}
