/// How the existing-slurm module lowers to an `OnPremCluster`, with the rules each part of a
/// described cluster must keep: host lists that parse, partitions over known node groups, hardware
/// figures in HPCStats' units, slurm.conf-safe text. The rules across parts (every host named once,
/// one default partition) are in `ExistingSlurmModule+Rules.swift`.
extension ExistingSlurmModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> OnPremCluster? {
        let context = settings.context
        guard let name = settings.read(Key.clusterName, diagnostics: &diagnostics),
            let controller = settings.read(Key.controller, diagnostics: &diagnostics)?.map,
            let groupValues = settings.read(Key.nodeGroups, diagnostics: &diagnostics)?.list,
            let partitionValues = settings.read(Key.partitions, diagnostics: &diagnostics)?.list
        else { return nil }
        var hostsLeft = SlurmHostList.limit
        let groups = groupValues.enumerated().compactMap { index, value in
            nodeGroup(
                value, index: index, cluster: name, hostsLeft: &hostsLeft, settings: settings, diagnostics: &diagnostics
            )
        }
        checkHosts(groups, settings: settings, diagnostics: &diagnostics)
        let logins = loginNodes(settings, groups: groups.map(\.group), diagnostics: &diagnostics)
        // Every group the blueprint names counts, also one that broke a rule above: its
        // partitions are not to blame for that.
        let written = Set(groupValues.compactMap { $0.map?["name"]?.string })
        let partitions = partitionValues.enumerated().map { index, value in
            partition(value, index: index, known: written, settings: settings, diagnostics: &diagnostics)
        }
        checkPartitions(partitions, cluster: name, settings: settings, diagnostics: &diagnostics)
        let host = controller["host"]?.string ?? ""
        let slurmUser = settings.read(defaulted: Key.slurmUser, diagnostics: &diagnostics)
        let cluster = OnPremCluster(
            origin: settings.origin(diagnostics: &diagnostics), name: name, controllerHost: host,
            controllerAddress: controller["address"]?.string,
            loginNodes: logins,
            nodeGroups: groups.map(\.group), partitions: partitions,
            accounting: accounting(settings, controllerHost: host, diagnostics: &diagnostics),
            daemons: SlurmDaemonLayout(
                slurmUser: slurmUser,
                slurmctldPort: settings.read(defaulted: Key.slurmctldPort, diagnostics: &diagnostics),
                slurmdPort: settings.read(defaulted: Key.slurmdPort, diagnostics: &diagnostics),
                stateSaveLocation: settings.read(defaulted: Key.stateSaveLocation, diagnostics: &diagnostics),
                slurmdSpoolDirectory: settings.read(defaulted: Key.slurmdSpoolDir, diagnostics: &diagnostics),
                logDirectory: settings.read(defaulted: Key.logDirectory, diagnostics: &diagnostics),
                pidDirectory: settings.read(defaulted: Key.pidDirectory, diagnostics: &diagnostics),
                mungeSocket: settings.read(Key.mungeSocket, diagnostics: &diagnostics)
            ),
            processTracking: settings.read(defaulted: Key.processTracking, diagnostics: &diagnostics),
            restAPI: RestAPISettings.read(
                Key.restAPI, settings: settings, slurmUser: slurmUser, defaultJWKSFile: "/etc/slurm/jwks.json",
                diagnostics: &diagnostics),
            // Job scripts (issue 20).
            jobScripts: JobScripts(
                directory: settings.read(defaulted: Key.jobScriptDirectory, diagnostics: &diagnostics),
                scripts: JobScriptSettings.read(settings, diagnostics: &diagnostics))
        )
        context.deployment.onPremClusters.append(cluster)
        context.knownOutputs[settings.id] = [
            Output.slurmClusterName.rawValue: .string(name), Output.controllerHost.rawValue: .string(host),
        ]
        return cluster
    }

    private static func nodeGroup(
        _ value: Value, index: Int, cluster: String, hostsLeft: inout Int, settings: SettingReader,
        diagnostics: inout Diagnostics
    ) -> (group: OnPremNodeGroup, index: Int)? {
        let fields = value.map ?? [:]
        func at(_ key: String) -> SourceLocation { settings.location(Key.nodeGroups, [.index(index), .key(key)]) }
        let name = fields["name"]?.string ?? ""
        let list = fields["hostnames"]?.string ?? ""
        var hosts: [String] = []
        switch SlurmHostList.expand(list, budget: hostsLeft) {
        case let .success(expanded):
            hosts = expanded
            hostsLeft -= expanded.count
        case .failure(.tooLarge) where hostsLeft < SlurmHostList.limit:
            diagnostics.report(
                .invalidHostList,
                """
                host list '\(list)' of node group '\(name)' takes cluster '\(cluster)' past \(SlurmHostList.limit) \
                hosts, where hpcc stops
                """,
                at: at("hostnames"), help: "a cluster this large is a mistake in a range; check the brackets")
            hostsLeft = 0
            return nil
        case let .failure(failure):
            diagnostics.report(
                .invalidHostList,
                "host list '\(list)' of node group '\(name)' is not a Slurm host list: \(failure.message)",
                at: at("hostnames"),
                help: "write names and bracketed ranges, e.g. cn[001-200] or gpu[01-04,07],login1")
            return nil
        }
        let memoryText = fields["memory"]?.string ?? ""
        // A size that is wrong is reported; the group stays, so its hosts and partitions are
        // still checked.
        let parsedMemory = HardwareUnits.mebibytes(memoryText)
        if parsedMemory == nil {
            diagnostics.report(
                .nodeHardware, "memory '\(memoryText)' of node group '\(name)' is not a size in MB, GB or TB",
                at: at("memory"),
                help: "write it as HPCStats does, e.g. 24GB, 512GB or 1TB (1024-based)")
        }
        let memory = parsedMemory ?? fields["real_memory"]?.int ?? 0
        var frequency: Double?
        if let text = fields["frequency"]?.string {
            frequency = HardwareUnits.hertz(text)
            if frequency == nil {
                diagnostics.report(
                    .nodeHardware, "frequency '\(text)' of node group '\(name)' is not a clock in MHz or GHz",
                    at: at("frequency"), help: "e.g. 2.93GHz or 2930MHz")
            }
        }
        // slurmd reports less than the physical memory and drains a node that reports less than
        // RealMemory; by default leave the OS the headroom the cloud path leaves.
        let realMemory = fields["real_memory"]?.int ?? NodeShape.realMemory(memory)
        if let parsedMemory, realMemory > parsedMemory {
            diagnostics.report(
                .nodeHardware,
                "real_memory \(realMemory) MiB of node group '\(name)' is more than its memory (\(memory) MiB)",
                at: at("real_memory"))
        }
        let features = fields["features"]?.list?.compactMap(\.string) ?? []
        for feature in features where !SlurmConfText.isRepresentable(feature) || feature.contains(",") {
            diagnostics.report(
                .unrepresentableValue,
                """
                feature '\(feature)' of node group '\(name)' cannot be written to slurm.conf (no whitespace, '#' or \
                ',')
                """,
                at: at("features"))
        }
        let gpus = fields["gpus"]?.map.map { GPU(type: $0["type"]?.string ?? "", count: $0["count"]?.int ?? 1) }
        return (
            OnPremNodeGroup(
                name: name, hostList: list, hosts: hosts, sockets: fields["sockets"]?.int ?? 1,
                coresPerSocket: fields["cores_per_socket"]?.int ?? 1,
                threadsPerCore: fields["threads_per_core"]?.int ?? 1, memoryMiB: memory, realMemoryMiB: realMemory,
                gpus: gpus,
                cpuModel: fields["cpu_model"]?.string, frequencyHz: frequency,
                flopsPerCycle: fields["flops_per_cycle"]?.int, features: features
            ), index
        )
    }

    /// Login nodes: each named once, and none a compute node too.
    private static func loginNodes(
        _ settings: SettingReader, groups: [OnPremNodeGroup], diagnostics: inout Diagnostics
    ) -> [OnPremHost] {
        var seen = Set<String>()
        var owner: [String: String] = [:]
        for group in groups { for host in group.hosts where owner[host] == nil { owner[host] = group.name } }
        return (settings.read(defaulted: Key.loginNodes, diagnostics: &diagnostics).list ?? []).enumerated().compactMap
        { index, value in
            guard let fields = value.map, let host = fields["host"]?.string else { return nil }
            let at = settings.location(Key.loginNodes, [.index(index), .key("host")])
            if !seen.insert(host).inserted {
                diagnostics.report(.duplicateSlurmName, "login node '\(host)' is listed twice", at: at)
                return nil
            }
            if let group = owner[host] {
                diagnostics.report(
                    .overlappingHosts, "login node '\(host)' is a compute node of node group '\(group)' too", at: at,
                    help: "a login node runs no jobs; remove it from the node group or from login_nodes")
            }
            return OnPremHost(host: host, address: fields["address"]?.string)
        }
    }

    private static func partition(
        _ value: Value, index: Int, known: Set<String>, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> OnPremPartition {
        let fields = value.map ?? [:]
        let name = fields["name"]?.string ?? ""
        let groups = fields["node_groups"]?.list?.compactMap(\.string) ?? []
        for (position, group) in groups.enumerated() where !known.contains(group) {
            let at = settings.location(Key.partitions, [.index(index), .key("node_groups"), .index(position)])
            let correction = Suggestion.correction(for: group, at: at, in: known)
            diagnostics.report(
                .unknownNodeGroup, "partition '\(name)' names node group '\(group)', which the cluster does not have",
                at: at,
                help: correction.help
                    ?? (known.isEmpty ? nil : "node groups: " + known.sorted().joined(separator: ", ")),
                fixes: correction.fixes)
        }
        if groups.isEmpty {
            diagnostics.report(
                .partitionWithoutNodesets, "partition '\(name)' has no node group",
                at: settings.location(Key.partitions, [.index(index), .key("node_groups")]))
        }
        let extra = fields["slurm_conf"]?.map?.compactMapValues { Conformance.scalarText($0) } ?? [:]
        for (key, value) in extra.sorted(by: { $0.key < $1.key })
        where !SlurmConfText.isRepresentable(key, isKey: true) || !SlurmConfText.isRepresentable(value) {
            diagnostics.report(
                .unrepresentableValue,
                "slurm_conf '\(key)=\(value)' of partition '\(name)' cannot be written to slurm.conf",
                at: settings.location(Key.partitions, [.index(index), .key("slurm_conf")]))
        }
        return OnPremPartition(
            name: name, nodeGroups: groups, isDefault: fields["default"]?.bool ?? false,
            maxTime: fields["max_time"]?.string ?? "UNLIMITED",
            exclusive: fields["exclusive"]?.bool ?? false, extraConfiguration: extra)
    }

    private static func accounting(
        _ settings: SettingReader, controllerHost: String, diagnostics: inout Diagnostics
    ) -> OnPremAccounting? {
        guard let fields = settings.read(Key.accounting, diagnostics: &diagnostics)?.map else { return nil }
        return OnPremAccounting(
            storageHost: fields["storage_host"]?.string ?? "", storagePort: fields["storage_port"]?.int ?? 3306,
            database: fields["database"]?.string ?? "slurm_acct_db", user: fields["user"]?.string ?? "slurm",
            dbdHost: fields["dbd_host"]?.string ?? controllerHost, dbdPort: fields["dbd_port"]?.int ?? 6819,
            passwordFile: fields["password_file"]?.string ?? "/etc/slurm/slurmdbd-storage.conf"
        )
    }
}
