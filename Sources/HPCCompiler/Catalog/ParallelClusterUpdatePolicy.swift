/// ParallelCluster's update policy of every cluster config setting, as the aws-parallelcluster package
/// declares it on its schema (the table is generated from the package; see catalogs/README.md).
enum ParallelClusterUpdatePolicies {
    /// One setting of the cluster config schema.
    struct Setting: Hashable, Sendable {
        enum Kind: String, Sendable {
            /// A plain value (a scalar, or a list of scalars compared whole).
            case value
            /// A nested mapping: adding or removing it is one change under its own policy.
            case section
            /// A list of mappings, items matched by `updateKey`.
            case list
        }

        /// The setting's name in the config (`MaxCount`, `SlurmQueues`).
        var name: String
        var kind: Kind
        /// For a list: the item key items are matched by (`Name`, `Key`, `Policy`).
        var updateKey: String?
        /// The package's policy name (`COMPUTE_FLEET_STOP`).
        var policyName: String
    }

    /// The settings under each schema path (`""` for the top, `Scheduling.SlurmQueues[]` for a queue), in
    /// the schema's order: the order ParallelCluster's ConfigPatch visits them in.
    static let children: [String: [Setting]] = {
        var children: [String: [Setting]] = [:]
        // The schema path of the latest section at each depth; a line's parent is the one a level up.
        var open: [String] = []
        for line in table.split(separator: "\n") {
            let depth = line.prefix { $0 == " " }.count
            let columns = line.split(separator: " ").map(String.init)
            guard columns.count == 4, let kind = Setting.Kind(rawValue: columns[1]), depth <= open.count else {
                continue
            }
            open.removeSubrange(depth...)
            let parent = open.last ?? ""
            let leaf = columns[0]
            open.append(parent.isEmpty ? leaf : "\(parent).\(leaf)")
            let name = leaf.hasSuffix("[]") ? String(leaf.dropLast(2)) : leaf
            children[parent, default: []].append(
                Setting(
                    name: name, kind: kind, updateKey: columns[2] == "-" ? nil : columns[2], policyName: columns[3]))
        }
        return children
    }()
}
