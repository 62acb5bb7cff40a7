/// Slurm host list notation.
enum HostList {
    /// `prefix-[0-3]`, `prefix-0` for one, or `prefix-[2-5]` for a sub-range.
    static func range(_ prefix: String, from first: Int, through last: Int) -> String {
        first == last ? "\(prefix)-\(first)" : "\(prefix)-[\(first)-\(last)]"
    }

    /// Every node of a nodeset.
    static func nodes(of nodeset: Nodeset, cluster: String) -> String {
        range(nodeset.prefix(cluster: cluster), from: 0, through: nodeset.count - 1)
    }

    /// The static nodes of a nodeset, or nil.
    static func staticNodes(of nodeset: Nodeset, cluster: String) -> String? {
        nodeset.staticCount > 0
            ? range(nodeset.prefix(cluster: cluster), from: 0, through: nodeset.staticCount - 1) : nil
    }
}
