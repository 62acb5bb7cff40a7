/// The rules a described cluster must keep beyond each node group's own: every host in one node
/// group once, unique names, one default partition.
extension ExistingSlurmModule {
    /// Every host belongs to one node group, once; node group names are unique.
    static func checkHosts(
        _ groups: [(group: OnPremNodeGroup, index: Int)], settings: SettingReader, diagnostics: inout Diagnostics
    ) {
        var owner: [String: String] = [:]
        var names = Set<String>()
        for (group, index) in groups {
            if !names.insert(group.name).inserted {
                diagnostics.report(
                    .duplicateSlurmName, "two node groups are named '\(group.name)'",
                    at: settings.location(Key.nodeGroups, [.index(index), .key("name")]))
            }
            var seen = Set<String>()
            let repeated = group.hosts.filter { !seen.insert($0).inserted }
            let taken = group.hosts.filter { owner[$0] != nil }
            if let host = repeated.first {
                let what =
                    repeated.count == 1 ? "\(host) twice" : "\(repeated.count) hosts more than once, first \(host)"
                diagnostics.report(
                    .overlappingHosts, "host list '\(group.hostList)' of node group '\(group.name)' names \(what)",
                    at: settings.location(Key.nodeGroups, [.index(index), .key("hostnames")]))
            }
            if let host = taken.first, let other = owner[host] {
                diagnostics.report(
                    .overlappingHosts,
                    """
                    node group '\(group.name)' names \(taken.count) host\(taken.count == 1 ? "" : "s") of node group \
                    '\(other)', first \(host)
                    """,
                    at: settings.location(Key.nodeGroups, [.index(index), .key("hostnames")]),
                    help: "a node is in one node group; put it in a partition of each instead")
            }
            for host in group.hosts where owner[host] == nil { owner[host] = group.name }
        }
    }

    /// Partition names are unique, and exactly one partition is the default when there are several.
    static func checkPartitions(
        _ partitions: [OnPremPartition], cluster: String, settings: SettingReader, diagnostics: inout Diagnostics
    ) {
        var seen: [String: Int] = [:]
        for (index, partition) in partitions.enumerated() {
            if let first = seen[partition.name] {
                diagnostics.report(
                    .duplicateSlurmName,
                    """
                    partitions \(first + 1) and \(index + 1) of cluster '\(cluster)' are both named '\(partition.name)'
                    """,
                    at: settings.location(Key.partitions, [.index(index), .key("name")]))
            }
            seen[partition.name] = seen[partition.name] ?? index
        }
        if partitions.isEmpty {
            diagnostics.report(
                .partitionWithoutNodesets, "cluster '\(cluster)' has no partition",
                at: settings.location(Key.partitions),
                help: "add a partition over the node groups jobs should run on")
        }
        let defaults = partitions.indices.filter { partitions[$0].isDefault }
        if defaults.count > 1 {
            diagnostics.report(
                .defaultPartitionCount, "cluster '\(cluster)' has \(defaults.count) default partitions",
                at: settings.location(Key.partitions, [.index(defaults[1]), .key("default")]),
                help: "set default: true on one partition only")
        } else if defaults.isEmpty, partitions.count > 1 {
            diagnostics.report(
                .noDefaultPartition,
                """
                cluster '\(cluster)' has \(partitions.count) partitions and none is the default: jobs that name no \
                partition are refused
                """,
                at: settings.location(Key.partitions),
                help: "set default: true on the partition jobs should go to when they name none")
        }
    }
}
