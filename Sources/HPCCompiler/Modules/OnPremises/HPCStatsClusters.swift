/// One cluster in HPCStats' terms, from an existing-slurm module or a Slurm-GCP controller: its
/// node groups with the hardware HPCStats requires, its partitions, and its accounting database.
struct StatsClusterBuilder {
    let context: LoweringContext
    let overrides: StatsOverrides
    let ini: INIText
    /// Where the hpcstats module names the cluster.
    let usedAt: SourceLocation

    func cluster(for value: Value, settings: SettingReader, diagnostics: inout Diagnostics) -> HPCStatsCluster? {
        if settings.readsUnlowered(value) { return nil }
        if let (module, entity) = settings.entity(of: value) {
            if let cluster = entity.as(OnPremCluster.self) { return existing(cluster, diagnostics: &diagnostics) }
            if let cluster = entity.as(SlurmCluster.self) { return cloud(cluster, diagnostics: &diagnostics) }
            diagnostics.report(
                .unsupportedCluster,
                """
                HPCStats describes Slurm clusters, and module '\(module)' \
                (\(context.deployment.moduleSources[module] ?? "")) is not one
                """,
                at: usedAt,
                help: "use existing-slurm modules or Slurm controllers")
            return nil
        }
        let name = value.string ?? ""
        if let cluster = context.deployment.onPremClusters.first(where: { $0.name == name }) {
            return existing(cluster, diagnostics: &diagnostics)
        }
        if let cluster = context.deployment.clusters.first(where: { $0.name == name }) {
            return cloud(cluster, diagnostics: &diagnostics)
        }
        let names = context.deployment.onPremClusters.map(\.name) + context.deployment.clusters.map(\.name)
        let correction = Suggestion.correction(for: name, at: usedAt, in: names)
        diagnostics.report(
            .unsupportedCluster, "no module of this blueprint defines cluster '\(name)'", at: usedAt,
            help: correction.help ?? "use the cluster's module instead of naming it", fixes: correction.fixes)
        return nil
    }

    /// The settings reader of the module that declared `module`, to point at what needs changing there.
    private func reader(_ module: ModuleID) -> SettingReader? {
        context.resolved.module(module).map { SettingReader(module: $0, context: context) }
    }

    private func existing(_ cluster: OnPremCluster, diagnostics: inout Diagnostics) -> HPCStatsCluster? {
        let module = reader(cluster.origin.module)
        var groups: [String: HPCStatsNodeGroup] = [:]
        var complete = true
        for (index, group) in cluster.nodeGroups.enumerated() {
            let at = { (key: String) in
                module?.location(ExistingSlurmModule.Key.nodeGroups, [.index(index), .key(key)]) ?? usedAt
            }
            let given = overrides.hardware(cluster: cluster.name, group: group.name)
            let model = given?.model ?? group.cpuModel
            let frequency = given?.frequencyHz ?? group.frequencyHz
            let flops = given?.flopsPerCycle ?? group.flopsPerCycle
            let missing = [
                ("cpu_model", model == nil), ("frequency", frequency == nil), ("flops_per_cycle", flops == nil),
            ].filter(\.1).map(\.0)
            if !missing.isEmpty {
                diagnostics.report(
                    .statsHardware,
                    """
                    HPCStats needs the \(missing.joined(separator: ", ")) of node group '\(group.name)' of cluster \
                    '\(cluster.name)'
                    """,
                    at: at("name"),
                    help: "set them on the node group, or in a node_hardware entry of the hpcstats module")
                complete = false
                continue
            }
            if given == nil, let model, !INIText.isRepresentable(model) {
                ini.report(model, at: at("cpu_model"), diagnostics: &diagnostics)
                complete = false
            }
            groups[group.name] = HPCStatsNodeGroup(
                name: group.name, nodeSet: group.hostList, nodeCount: group.hosts.count, sockets: group.sockets,
                coresPerSocket: group.coresPerSocket,
                memoryMiB: group.memoryMiB, frequencyHz: frequency, flopsPerCycle: flops, model: model ?? ""
            )
        }
        let source =
            overrides.accounting(cluster: cluster.name)
            ?? cluster.accounting.map {
                HPCStatsAccountingSource(
                    host: $0.storageHost, port: $0.storagePort, database: $0.database, tablePrefix: cluster.name)
            }
        guard complete, let accounting = accountingSource(source, cluster: cluster.name, diagnostics: &diagnostics)
        else { return nil }
        return HPCStatsCluster(
            name: cluster.name,
            partitions: HPCStatsModule.partitions(
                slurm: cluster.partitions.map { ($0.name, $0.nodeGroups) }, groups: groups),
            accounting: accounting)
    }

    private func cloud(_ cluster: SlurmCluster, diagnostics: inout Diagnostics) -> HPCStatsCluster? {
        var groups: [String: HPCStatsNodeGroup] = [:]
        var complete = true
        for nodeset in cluster.nodesets {
            let machine = nodeset.instance.machine
            let platform = nodeset.instance.machine.cpuPlatform(minimum: nodeset.instance.minCPUPlatform)
            let given = overrides.hardware(cluster: cluster.name, group: nodeset.name)
            guard let model = given?.model ?? platform?.model,
                let frequency = given?.frequencyHz ?? platform?.frequencyHz,
                let flops = given?.flopsPerCycle ?? platform?.flopsPerCycle
            else {
                let known = machine.cpuPlatforms.map(\.platform)
                let why =
                    known.isEmpty
                    ? "hpcc does not know the CPU platforms of \(machine.family)"
                    : "\(machine.family) runs on \(known.joined(separator: ", "))"
                diagnostics.report(
                    .statsHardware, "HPCStats needs the CPU of nodeset '\(nodeset.name)' (\(machine.name)), and \(why)",
                    at: reader(nodeset.origin.module)?.location(InstanceKey.machineType) ?? usedAt,
                    help: known.count > 1
                        ? """
                        set min_cpu_platform: \(known.last!) on the nodeset, or add a node_hardware entry to the \
                        hpcstats module
                        """
                        : """
                        add a node_hardware entry for cluster '\(cluster.name)', nodeset '\(nodeset.name)' to the \
                        hpcstats module
                        """
                )
                complete = false
                continue
            }
            let shape = nodeset.shape
            groups[nodeset.name] = HPCStatsNodeGroup(
                name: nodeset.name, nodeSet: HostList.nodes(of: nodeset, cluster: cluster.name),
                nodeCount: nodeset.count,
                sockets: shape.boards * shape.socketsPerBoard, coresPerSocket: shape.coresPerSocket,
                memoryMiB: machine.memoryMiB,
                frequencyHz: frequency, flopsPerCycle: flops, model: model
            )
        }
        guard complete,
            let accounting = accountingSource(
                overrides.accounting(cluster: cluster.name), cluster: cluster.name, diagnostics: &diagnostics)
        else { return nil }
        return HPCStatsCluster(
            name: cluster.name,
            partitions: HPCStatsModule.partitions(
                slurm: cluster.partitions.map { ($0.name, $0.nodesets) }, groups: groups),
            accounting: accounting)
    }

    private func accountingSource(
        _ source: HPCStatsAccountingSource?, cluster: String, diagnostics: inout Diagnostics
    ) -> HPCStatsAccountingSource? {
        if let source { return source }
        diagnostics.report(
            .statsAccounting,
            "HPCStats imports jobs from Slurm accounting, and cluster '\(cluster)' has none hpcc knows", at: usedAt,
            help:
                """
                give the cluster accounting, or add an accounting_databases entry for '\(cluster)' to the hpcstats \
                module
                """
        )
        return nil
    }
}

/// The hpcstats module's `node_hardware` and `accounting_databases` entries, checked once.
struct StatsOverrides {
    private typealias Key = HPCStatsModule.Key

    struct Hardware {
        var cluster: String
        var group: String
        var model: String
        var frequencyHz: Double
        var flopsPerCycle: Int
        var index: Int
    }

    let settings: SettingReader
    private(set) var hardwareEntries: [Hardware] = []
    private(set) var accountingEntries: [(cluster: String, source: HPCStatsAccountingSource, index: Int)] = []

    init(settings: SettingReader, diagnostics: inout Diagnostics) {
        self.settings = settings
        let ini = INIText(settings: settings)
        for (index, value) in (settings.read(defaulted: Key.nodeHardware, diagnostics: &diagnostics).list ?? [])
            .enumerated()
        {
            let fields = value.map ?? [:]
            let text = fields["frequency"]?.string ?? ""
            guard let hertz = HardwareUnits.hertz(text) else {
                diagnostics.report(
                    .statsHardware, "frequency '\(text)' is not a clock in MHz or GHz",
                    at: settings.location(Key.nodeHardware, [.index(index), .key("frequency")]),
                    help: "e.g. 2.6GHz or 2600MHz")
                continue
            }
            let model = fields["cpu_model"]?.string ?? ""
            ini.check(model, Key.nodeHardware, [.index(index), .key("cpu_model")], diagnostics: &diagnostics)
            hardwareEntries.append(
                Hardware(
                    cluster: fields["cluster"]?.string ?? "", group: fields["nodeset"]?.string ?? "", model: model,
                    frequencyHz: hertz, flopsPerCycle: fields["flops_per_cycle"]?.int ?? 1, index: index))
        }
        for (index, value) in (settings.read(defaulted: Key.accountingDatabases, diagnostics: &diagnostics).list ?? [])
            .enumerated()
        {
            let fields = value.map ?? [:]
            let cluster = fields["cluster"]?.string ?? ""
            accountingEntries.append(
                (
                    cluster,
                    HPCStatsAccountingSource(
                        host: fields["host"]?.string ?? "", port: fields["port"]?.int ?? 3306,
                        database: fields["database"]?.string ?? "slurm_acct_db", tablePrefix: cluster), index
                ))
        }
    }

    func hardware(cluster: String, group: String) -> Hardware? {
        hardwareEntries.first { $0.cluster == cluster && $0.group == group }
    }

    func accounting(cluster: String) -> HPCStatsAccountingSource? {
        accountingEntries.first { $0.cluster == cluster }?.source
    }

    /// An entry for a cluster or node group hpcstats does not describe would change nothing.
    func reportUnused(clusters: [HPCStatsCluster], diagnostics: inout Diagnostics) {
        let names = clusters.map(\.name)
        for entry in accountingEntries where !names.contains(entry.cluster) {
            let at = settings.location(Key.accountingDatabases, [.index(entry.index), .key("cluster")])
            let correction = Suggestion.correction(for: entry.cluster, at: at, in: names)
            diagnostics.report(
                .unsupportedCluster,
                "accounting_databases names cluster '\(entry.cluster)', which hpcstats does not describe",
                at: at, help: correction.help, fixes: correction.fixes)
        }
        for entry in hardwareEntries {
            guard let cluster = clusters.first(where: { $0.name == entry.cluster }) else {
                let at = settings.location(Key.nodeHardware, [.index(entry.index), .key("cluster")])
                let correction = Suggestion.correction(for: entry.cluster, at: at, in: names)
                diagnostics.report(
                    .unsupportedCluster,
                    "node_hardware names cluster '\(entry.cluster)', which hpcstats does not describe",
                    at: at, help: correction.help, fixes: correction.fixes)
                continue
            }
            let groups = cluster.nodeGroups.map(\.name)
            if !groups.contains(entry.group) {
                let at = settings.location(Key.nodeHardware, [.index(entry.index), .key("nodeset")])
                let correction = Suggestion.correction(for: entry.group, at: at, in: groups)
                diagnostics.report(
                    .statsHardware,
                    """
                    node_hardware names '\(entry.group)', which is not a node group or nodeset of cluster \
                    '\(cluster.name)'
                    """,
                    at: at, help: correction.help, fixes: correction.fixes)
            }
        }
    }
}
