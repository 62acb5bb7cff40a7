/// Rules that need the whole cluster: unique names, one default partition, distinct mount points,
/// host names within DNS limits.
enum ClusterChecks {
    static func check(name: String, members: ClusterMembers, mounts: [MountContract], settings: SettingReader, diagnostics: inout Diagnostics) {
        let at = settings.module.declaration.id.location
        var partitionNames: [String: ModuleID] = [:]
        for partition in members.partitions {
            if let other = partitionNames[partition.name] {
                diagnostics.report(.duplicateSlurmName, "partitions '\(other)' and '\(partition.origin.module)' are both named '\(partition.name)'", at: at)
            }
            partitionNames[partition.name] = partition.origin.module
        }
        var nodesetNames: [String: ModuleID] = [:]
        for nodeset in members.nodesets {
            if let other = nodesetNames[nodeset.name] {
                diagnostics.report(.duplicateSlurmName, "nodesets '\(other)' and '\(nodeset.origin.module)' are both named '\(nodeset.name)' in cluster '\(name)'", at: at,
                                   help: "set a distinct 'name' on one of them")
            }
            nodesetNames[nodeset.name] = nodeset.origin.module
        }
        var loginNames = Set<String>()
        for group in members.loginGroups where !loginNames.insert(group.name).inserted {
            diagnostics.report(.duplicateSlurmName, "two login groups of cluster '\(name)' are named '\(group.name)'", at: at)
        }
        let defaults = members.partitions.filter(\.isDefault)
        if defaults.count > 1 {
            diagnostics.report(.multipleDefaultPartitions, "cluster '\(name)' has \(defaults.count) default partitions: " + defaults.map(\.name).joined(separator: ", "), at: at,
                               help: "set is_default on one partition only")
        }
        if members.partitions.isEmpty {
            diagnostics.report(.partitionWithoutNodesets, "cluster '\(name)' has no partition", at: at, help: "add a partition module to the controller's 'use' list")
        }
        var mountPoints: [String: ModuleID?] = [:]
        for mount in mounts + members.nodesets.flatMap(\.mounts) {
            if let other = mountPoints[mount.localMount], other != mount.provider || other == nil {
                diagnostics.report(.conflictingMounts, "two filesystems mount at '\(mount.localMount)' on cluster '\(name)'", at: settings.location("network_storage"))
            }
            mountPoints[mount.localMount] = mount.provider
        }
        let hostNames = members.nodesets.map { "\(name)-\($0.name)-\(max(0, $0.count - 1))" }
            + members.loginGroups.map { "\(name)-\($0.name)-\(max(0, $0.count - 1))" }
        for host in hostNames where host.count > 63 {
            diagnostics.report(.hostnameTooLong, "host name '\(host)' is longer than 63 characters", at: at, help: "shorten the cluster, nodeset or login group name")
        }
    }
}
