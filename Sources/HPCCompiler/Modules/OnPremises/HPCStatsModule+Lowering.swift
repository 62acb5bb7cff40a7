/// How the hpcstats module lowers to the `HPCStatsSetup`: each used cluster in HPCStats' terms
/// (partitions that own node groups, node groups with their hardware in HPCStats' units) and the
/// slurmdbd database its jobs are read from. One per deployment: HPCStats has one database and
/// one main configuration.
extension HPCStatsModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> HPCStatsSetup? {
        let context = settings.context
        guard let database = settings.read(Key.database, diagnostics: &diagnostics)?.map,
            let users = settings.read(Key.users, diagnostics: &diagnostics)?.map,
            let references = settings.value(Key.slurmClusterName).list
        else { return nil }
        if let first = context.deployment.hpcStats {
            diagnostics.report(
                .statsAccounting,
                """
                module '\(first.origin.module)' already configures HPCStats; a deployment has one HPCStats database \
                and configuration
                """,
                at: settings.module.declaration.id.location, help: "let one hpcstats module use every cluster")
            return nil
        }
        let errorsBefore = diagnostics.errorCount
        let ini = INIText(settings: settings)
        let overrides = StatsOverrides(settings: settings, diagnostics: &diagnostics)
        var clusters: [HPCStatsCluster] = []
        for (index, reference) in references.enumerated() {
            let at = settings.location(Key.slurmClusterName, [.index(index)])
            let builder = StatsClusterBuilder(context: context, overrides: overrides, ini: ini, usedAt: at)
            guard let cluster = builder.cluster(for: reference, settings: settings, diagnostics: &diagnostics) else {
                continue
            }
            if clusters.contains(where: { $0.name == cluster.name }) {
                diagnostics.report(.duplicateSlurmName, "cluster '\(cluster.name)' is listed twice", at: at)
                continue
            }
            clusters.append(cluster)
        }
        if references.isEmpty && !settings.usesUnresolved {
            diagnostics.report(
                .missingSetting, "hpcstats describes no cluster", at: settings.location(Key.slurmClusterName),
                help: "use an existing-slurm module or a Slurm controller")
        }
        // Entries for a cluster that failed above, or whose own module reported errors, are not to
        // blame for it.
        if diagnostics.errorCount == errorsBefore && !references.contains(where: settings.readsIncomplete) {
            overrides.reportUnused(clusters: clusters, diagnostics: &diagnostics)
        }
        let userFields = users.compactMapValues(\.string)
        for key in ["base_dn", "bind_dn", "department_group_filter", "department_group_pattern"] {
            ini.check(userFields[key] ?? "", Key.users, [.key(key)], diagnostics: &diagnostics)
        }
        let groups = users["groups"]?.list?.compactMap(\.string) ?? []
        for (index, group) in groups.enumerated() {
            ini.check(group, Key.users, [.key("groups"), .index(index)], listItem: true, diagnostics: &diagnostics)
        }
        let setup = HPCStatsSetup(
            origin: settings.origin(diagnostics: &diagnostics),
            configDirectory: settings.read(defaulted: Key.configDir, diagnostics: &diagnostics),
            database: HPCStatsDatabase(
                host: database["host"]?.string ?? "", port: database["port"]?.int ?? 5432,
                name: database["name"]?.string ?? "hpcstatsdb",
                user: database["user"]?.string ?? "hpcstats",
                passwordFile: database["password_file"]?.string ?? "/etc/hpcstats/hpcstatsdb.password"
            ),
            users: HPCStatsDirectory(
                importer: userFields["importer"].flatMap(HPCStatsImporter.init(rawValue:)) ?? .ldap,
                url: userFields["url"] ?? "", baseDN: userFields["base_dn"] ?? "", bindDN: userFields["bind_dn"] ?? "",
                passwordFile: userFields["password_file"] ?? "/etc/hpcstats/ldap.password",
                departmentSearch: userFields["department_group_filter"] ?? "",
                departmentPattern: userFields["department_group_pattern"] ?? "",
                groups: groups, certificate: userFields["certificate"]
            ),
            accountingUser: settings.read(defaulted: Key.accountingUser, diagnostics: &diagnostics),
            accountingPasswordFile: settings.read(defaulted: Key.accountingPasswordFile, diagnostics: &diagnostics),
            windowSize: settings.read(defaulted: Key.windowSize, diagnostics: &diagnostics),
            clusters: clusters
        )
        context.deployment.hpcStats = setup
        return setup
    }

    /// HPCStats partitions from Slurm's: each node group belongs to the first Slurm partition that
    /// names it; a Slurm partition that owns node groups becomes an HPCStats partition whose
    /// `job_partitions` are every Slurm partition running on them.
    static func partitions(
        slurm: [(name: String, groups: [String])], groups: [String: HPCStatsNodeGroup]
    ) -> [HPCStatsPartition] {
        var owner: [String: String] = [:]
        for partition in slurm {
            for group in partition.groups where owner[group] == nil { owner[group] = partition.name }
        }
        return slurm.compactMap { partition in
            var owned: [String] = []
            for group in partition.groups where owner[group] == partition.name && !owned.contains(group) {
                owned.append(group)
            }
            guard !owned.isEmpty else { return nil }
            let running = slurm.filter { !Set($0.groups).isDisjoint(with: owned) }.map(\.name)
            return HPCStatsPartition(
                name: partition.name, jobPartitions: running, nodeGroups: owned.compactMap { groups[$0] })
        }
    }
}

/// HPCStats reads its files with Python's ConfigParser: a value is one line, keeps no leading or
/// trailing blanks, may not start an interpolation (`%(`) or an inline comment (` ;`), and list
/// items are split at ','.
struct INIText {
    let settings: SettingReader

    static func isRepresentable(_ text: String, listItem: Bool = false) -> Bool {
        !text.isEmpty && text == text.trimmingCharacters(in: .whitespaces)
            && !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            && !text.contains("%(") && !text.contains(" ;") && !text.contains("\t;")
            && !(listItem && text.contains(","))
    }

    /// Reports `text`, the value at `path` in the setting, when HPCStats' files cannot hold it.
    func check<T>(
        _ text: String, _ key: SettingKey<T>, _ path: [Accessor], listItem: Bool = false, diagnostics: inout Diagnostics
    ) {
        guard !Self.isRepresentable(text, listItem: listItem) else { return }
        report(text, at: settings.location(key, path), listItem: listItem, diagnostics: &diagnostics)
    }

    func report(_ text: String, at location: SourceLocation, listItem: Bool = false, diagnostics: inout Diagnostics) {
        diagnostics.report(
            .unrepresentableValue, "'\(text)' cannot be written to HPCStats' configuration", at: location,
            help: "one line without leading or trailing blanks, '%(' or ' ;'"
                + (listItem ? ", and no ',' in a list item" : ""))
    }
}
