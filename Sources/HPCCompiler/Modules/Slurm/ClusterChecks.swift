/// Rules that need the whole cluster: unique names, exactly one default partition, mount points
/// that are distinct and not nested, host names within DNS limits. Each finding points at the
/// module that breaks the rule, or at the controller when no single module does.
enum ClusterChecks {
    /// Where a member module is declared, and where one of its settings is.
    struct Locator {
        let blueprint: ResolvedBlueprint
        let fallback: SourceLocation

        func module(_ id: ModuleID?) -> SourceLocation {
            id.flatMap { blueprint.module($0)?.declaration.id.location } ?? fallback
        }

        func setting(_ name: String, of id: ModuleID?) -> SourceLocation {
            id.flatMap { blueprint.module($0)?.location(of: name) } ?? fallback
        }

        /// Where the member's setting `key` is; see `setting(_:of:)`.
        func setting<T>(_ key: SettingKey<T>, of id: ModuleID?) -> SourceLocation {
            setting(key.name, of: id)
        }
    }

    static func check(
        name: String, members: ClusterMembers, mounts: [MountContract], settings: SettingReader, locate: Locator,
        diagnostics: inout Diagnostics
    ) {
        var partitionNames: [String: ModuleID] = [:]
        for partition in members.partitions {
            if let other = partitionNames[partition.name] {
                diagnostics.report(
                    .duplicateSlurmName,
                    "partitions '\(other)' and '\(partition.origin.module)' are both named '\(partition.name)'",
                    at: locate.module(partition.origin.module), help: "set a distinct 'partition_name'")
            }
            partitionNames[partition.name] = partition.origin.module
        }
        var nodesetNames: [String: ModuleID] = [:]
        for nodeset in members.nodesets {
            if let other = nodesetNames[nodeset.name] {
                diagnostics.report(
                    .duplicateSlurmName,
                    """
                    nodesets '\(other)' and '\(nodeset.origin.module)' are both named '\(nodeset.name)' in cluster \
                    '\(name)'
                    """,
                    at: locate.module(nodeset.origin.module),
                    help: "nodeset names keep only [a-z0-9] of the module id; set a distinct 'name'")
            }
            nodesetNames[nodeset.name] = nodeset.origin.module
        }
        var loginNames = Set<String>()
        for group in members.loginGroups where !loginNames.insert(group.name).inserted {
            diagnostics.report(
                .duplicateSlurmName, "two login groups of cluster '\(name)' are named '\(group.name)'",
                at: locate.module(group.origin.module))
        }
        // A partition that did not lower may be the default, or the only one; two defaults are
        // too many whatever the missing one says.
        checkDefaultPartition(
            name, members.partitions, complete: !members.incomplete, locate: locate, diagnostics: &diagnostics)
        if members.partitions.isEmpty && !members.incomplete {
            diagnostics.report(
                .partitionWithoutNodesets, "cluster '\(name)' has no partition", at: locate.fallback,
                help: "add a partition module to the controller's 'use' list")
        }
        checkMountPoints(
            name, mounts + members.nodesets.flatMap(\.mounts), settings: settings, locate: locate,
            diagnostics: &diagnostics)
        let hosts =
            members.nodesets.map { ("\(name)-\($0.name)-\(max(0, $0.count - 1))", $0.origin.module) }
            + members.loginGroups.map { ("\(name)-\($0.name)-\(max(0, $0.count - 1))", $0.origin.module) }
        for (host, module) in hosts where host.count > 63 {
            diagnostics.report(
                .hostnameTooLong, "host name '\(host)' is \(host.count) characters; host names hold at most 63",
                at: locate.module(module),
                help: "shorten the cluster, nodeset or login group name")
        }
        for group in members.loginGroups {
            guard let host = group.hostNames(cluster: name).last else { continue }
            InstanceLowering.checkDerivedDiskNames(
                group.instance, host: host, at: locate.module(group.origin.module), diagnostics: &diagnostics)
        }
    }

    /// Slurm sends jobs that name no partition to the default one: two defaults are an error, none a
    /// warning (valid Slurm where every job names its partition, as the Toolkit's af3-slurm does).
    /// A lone partition is the default without saying so (see `ClusterMembers.markSoleDefault`).
    private static func checkDefaultPartition(
        _ cluster: String, _ partitions: [Partition], complete: Bool, locate: Locator, diagnostics: inout Diagnostics
    ) {
        let defaults = partitions.filter(\.isDefault)
        if defaults.count > 1 {
            diagnostics.report(
                .defaultPartitionCount,
                "cluster '\(cluster)' has \(defaults.count) default partitions: "
                    + defaults.map(\.name).joined(separator: ", "),
                at: locate.setting(SlurmPartitionModule.Key.isDefault, of: defaults[1].origin.module),
                help: "set is_default on one partition only")
        } else if defaults.isEmpty, partitions.count > 1, complete {
            diagnostics.report(
                .noDefaultPartition,
                """
                cluster '\(cluster)' has \(partitions.count) partitions and none is the default: jobs that name no \
                partition are refused
                """, at: locate.fallback,
                help: "set is_default: true on the partition jobs should go to when they name none")
        }
    }

    /// Mount points are unique and none lies inside another: nested mounts depend on the order
    /// in which nodes mount them, which parallel boot does not keep.
    private static func checkMountPoints(
        _ cluster: String, _ mounts: [MountContract], settings: SettingReader, locate: Locator,
        diagnostics: inout Diagnostics
    ) {
        var seen: [MountContract] = []
        for mount in mounts {
            let here = mount.provider.map { locate.module($0) } ?? settings.location(CommonKey.networkStorage)
            switch mountConflict(mount.localMount, with: seen.map(\.localMount)) {
            case let .same(index):
                if !isSameFilesystem(seen[index], mount) {
                    diagnostics.report(
                        .conflictingMounts, "two filesystems mount at '\(mount.localMount)' on cluster '\(cluster)'",
                        at: here)
                }
                continue
            case let .nested(index):
                diagnostics.report(
                    .conflictingMounts,
                    """
                    mount points '\(seen[index].localMount)' and '\(mount.localMount)' on cluster '\(cluster)' are \
                    nested
                    """,
                    at: here,
                    help: "mount each filesystem at its own top-level path and link into it instead")
            case nil:
                break
            }
            seen.append(mount)
        }
    }

    /// One filesystem listed twice (for all nodes and for login nodes, say): the same module, or
    /// literal contracts naming the same export.
    private static func isSameFilesystem(_ a: MountContract, _ b: MountContract) -> Bool {
        if let provider = a.provider { return provider == b.provider }
        return b.provider == nil && a.server == b.server && a.remotePath == b.remotePath && a.type == b.type
    }

    /// How a mount point clashes with earlier ones: the same path, or one inside the other.
    enum MountConflict {
        case same(Int)
        case nested(Int)
    }

    /// The first clash of `path` with `earlier` (the same path before a nested one), by index.
    static func mountConflict(_ path: String, with earlier: [String]) -> MountConflict? {
        if let index = earlier.firstIndex(of: path) { return .same(index) }
        if let index = earlier.firstIndex(where: { isNested(path, in: $0) || isNested($0, in: path) }) {
            return .nested(index)
        }
        return nil
    }

    /// Whether `path` lies strictly inside `directory`.
    static func isNested(_ path: String, in directory: String) -> Bool {
        let parent = directory.hasSuffix("/") ? directory : directory + "/"
        return path != directory && path.hasPrefix(parent)
    }
}
