/// `modules/scheduler/existing-slurm` → an `OnPremCluster`, with the rules a described cluster
/// must keep: host lists that parse and name every host once, partitions over known node groups,
/// one default partition, hardware figures in HPCStats' units, slurm.conf-safe text.
enum ExistingSlurmLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> OnPremCluster? {
        let context = settings.context
        guard let name = settings.string("cluster_name", diagnostics: &diagnostics),
              let controller = settings.literal("controller", diagnostics: &diagnostics)?.map,
              let groupValues = settings.literal("node_groups", diagnostics: &diagnostics)?.list,
              let partitionValues = settings.literal("partitions", diagnostics: &diagnostics)?.list
        else { return nil }
        var hostsLeft = SlurmHostList.limit
        let groups = groupValues.enumerated().compactMap { index, value in
            nodeGroup(value, index: index, cluster: name, hostsLeft: &hostsLeft, settings: settings, diagnostics: &diagnostics)
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
        let cluster = OnPremCluster(
            origin: settings.origin(diagnostics: &diagnostics), name: name, controllerHost: host, controllerAddress: controller["address"]?.string,
            loginNodes: logins,
            nodeGroups: groups.map(\.group), partitions: partitions,
            accounting: accounting(settings, controllerHost: host, diagnostics: &diagnostics),
            daemons: SlurmDaemonLayout(
                slurmUser: settings.string("slurm_user", diagnostics: &diagnostics) ?? "slurm",
                slurmctldPort: settings.int("slurmctld_port", diagnostics: &diagnostics) ?? 6817, slurmdPort: settings.int("slurmd_port", diagnostics: &diagnostics) ?? 6818,
                stateSaveLocation: settings.string("state_save_location", diagnostics: &diagnostics) ?? "/var/spool/slurmctld",
                slurmdSpoolDirectory: settings.string("slurmd_spool_dir", diagnostics: &diagnostics) ?? "/var/spool/slurmd",
                logDirectory: settings.string("log_directory", diagnostics: &diagnostics) ?? "/var/log/slurm",
                pidDirectory: settings.string("pid_directory", diagnostics: &diagnostics) ?? "/run/slurm",
                mungeSocket: settings.string("munge_socket", diagnostics: &diagnostics)
            ),
            processTracking: ProcessTracking(rawValue: settings.string("process_tracking", diagnostics: &diagnostics) ?? "cgroup") ?? .cgroup
        )
        context.deployment.onPremClusters.append(cluster)
        context.knownOutputs[settings.id] = ["slurm_cluster_name": .string(name), "controller_host": .string(host)]
        return cluster
    }

    private static func nodeGroup(_ value: Value, index: Int, cluster: String, hostsLeft: inout Int, settings: SettingReader,
                                  diagnostics: inout Diagnostics) -> (group: OnPremNodeGroup, index: Int)? {
        let fields = value.map ?? [:]
        func at(_ key: String) -> SourceLocation { settings.location("node_groups", [.index(index), .key(key)]) }
        let name = fields["name"]?.string ?? ""
        let list = fields["hostnames"]?.string ?? ""
        var hosts: [String] = []
        switch SlurmHostList.expand(list, budget: hostsLeft) {
        case let .success(expanded):
            hosts = expanded
            hostsLeft -= expanded.count
        case .failure(.tooLarge) where hostsLeft < SlurmHostList.limit:
            diagnostics.report(.invalidHostList, "host list '\(list)' of node group '\(name)' takes cluster '\(cluster)' past \(SlurmHostList.limit) hosts, where hpcc stops",
                               at: at("hostnames"), help: "a cluster this large is a mistake in a range; check the brackets")
            hostsLeft = 0
            return nil
        case let .failure(failure):
            diagnostics.report(.invalidHostList, "host list '\(list)' of node group '\(name)' is not a Slurm host list: \(failure.message)", at: at("hostnames"),
                               help: "write names and bracketed ranges, e.g. cn[001-200] or gpu[01-04,07],login1")
            return nil
        }
        let memoryText = fields["memory"]?.string ?? ""
        // A size that is wrong is reported; the group stays, so its hosts and partitions are
        // still checked.
        let parsedMemory = HardwareUnits.mebibytes(memoryText)
        if parsedMemory == nil {
            diagnostics.report(.nodeHardware, "memory '\(memoryText)' of node group '\(name)' is not a size in MB, GB or TB", at: at("memory"),
                               help: "write it as HPCStats does, e.g. 24GB, 512GB or 1TB (1024-based)")
        }
        let memory = parsedMemory ?? fields["real_memory"]?.int ?? 0
        var frequency: Double?
        if let text = fields["frequency"]?.string {
            frequency = HardwareUnits.hertz(text)
            if frequency == nil {
                diagnostics.report(.nodeHardware, "frequency '\(text)' of node group '\(name)' is not a clock in MHz or GHz", at: at("frequency"), help: "e.g. 2.93GHz or 2930MHz")
            }
        }
        // slurmd reports less than the physical memory and drains a node that reports less than
        // RealMemory; by default leave the OS the headroom the cloud path leaves.
        let realMemory = fields["real_memory"]?.int ?? NodeShape.realMemory(memory)
        if let parsedMemory, realMemory > parsedMemory {
            diagnostics.report(.nodeHardware, "real_memory \(realMemory) MiB of node group '\(name)' is more than its memory (\(memory) MiB)", at: at("real_memory"))
        }
        let features = fields["features"]?.list?.compactMap(\.string) ?? []
        for feature in features where !SlurmConfText.isRepresentable(feature) || feature.contains(",") {
            diagnostics.report(.unrepresentableValue, "feature '\(feature)' of node group '\(name)' cannot be written to slurm.conf (no whitespace, '#' or ',')", at: at("features"))
        }
        let gpus = fields["gpus"]?.map.map { GPU(type: $0["type"]?.string ?? "", count: $0["count"]?.int ?? 1) }
        return (OnPremNodeGroup(
            name: name, hostList: list, hosts: hosts, sockets: fields["sockets"]?.int ?? 1, coresPerSocket: fields["cores_per_socket"]?.int ?? 1,
            threadsPerCore: fields["threads_per_core"]?.int ?? 1, memoryMiB: memory, realMemoryMiB: realMemory, gpus: gpus,
            cpuModel: fields["cpu_model"]?.string, frequencyHz: frequency, flopsPerCycle: fields["flops_per_cycle"]?.int, features: features
        ), index)
    }

    /// Every host belongs to one node group, once; node group names are unique.
    private static func checkHosts(_ groups: [(group: OnPremNodeGroup, index: Int)], settings: SettingReader, diagnostics: inout Diagnostics) {
        var owner: [String: String] = [:]
        var names = Set<String>()
        for (group, index) in groups {
            if !names.insert(group.name).inserted {
                diagnostics.report(.duplicateSlurmName, "two node groups are named '\(group.name)'", at: settings.location("node_groups", [.index(index), .key("name")]))
            }
            var seen = Set<String>()
            let repeated = group.hosts.filter { !seen.insert($0).inserted }
            let taken = group.hosts.filter { owner[$0] != nil }
            if let host = repeated.first {
                let what = repeated.count == 1 ? "\(host) twice" : "\(repeated.count) hosts more than once, first \(host)"
                diagnostics.report(.overlappingHosts, "host list '\(group.hostList)' of node group '\(group.name)' names \(what)",
                                   at: settings.location("node_groups", [.index(index), .key("hostnames")]))
            }
            if let host = taken.first, let other = owner[host] {
                diagnostics.report(.overlappingHosts, "node group '\(group.name)' names \(taken.count) host\(taken.count == 1 ? "" : "s") of node group '\(other)', first \(host)",
                                   at: settings.location("node_groups", [.index(index), .key("hostnames")]), help: "a node is in one node group; put it in a partition of each instead")
            }
            for host in group.hosts where owner[host] == nil { owner[host] = group.name }
        }
    }

    /// Login nodes: each named once, and none a compute node too.
    private static func loginNodes(_ settings: SettingReader, groups: [OnPremNodeGroup], diagnostics: inout Diagnostics) -> [OnPremHost] {
        var seen = Set<String>()
        var owner: [String: String] = [:]
        for group in groups { for host in group.hosts where owner[host] == nil { owner[host] = group.name } }
        return (settings.literal("login_nodes", diagnostics: &diagnostics)?.list ?? []).enumerated().compactMap { index, value in
            guard let fields = value.map, let host = fields["host"]?.string else { return nil }
            let at = settings.location("login_nodes", [.index(index), .key("host")])
            if !seen.insert(host).inserted {
                diagnostics.report(.duplicateSlurmName, "login node '\(host)' is listed twice", at: at)
                return nil
            }
            if let group = owner[host] {
                diagnostics.report(.overlappingHosts, "login node '\(host)' is a compute node of node group '\(group)' too", at: at,
                                   help: "a login node runs no jobs; remove it from the node group or from login_nodes")
            }
            return OnPremHost(host: host, address: fields["address"]?.string)
        }
    }

    private static func partition(_ value: Value, index: Int, known: Set<String>, settings: SettingReader, diagnostics: inout Diagnostics) -> OnPremPartition {
        let fields = value.map ?? [:]
        let name = fields["name"]?.string ?? ""
        let groups = fields["node_groups"]?.list?.compactMap(\.string) ?? []
        for (position, group) in groups.enumerated() where !known.contains(group) {
            diagnostics.report(.unknownNodeGroup, "partition '\(name)' names node group '\(group)', which the cluster does not have",
                               at: settings.location("partitions", [.index(index), .key("node_groups"), .index(position)]),
                               help: Suggestion.help(for: group, in: known) ?? (known.isEmpty ? nil : "node groups: " + known.sorted().joined(separator: ", ")))
        }
        if groups.isEmpty {
            diagnostics.report(.partitionWithoutNodesets, "partition '\(name)' has no node group", at: settings.location("partitions", [.index(index), .key("node_groups")]))
        }
        let extra = fields["slurm_conf"]?.map?.compactMapValues { Conformance.scalarText($0) } ?? [:]
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) where !SlurmConfText.isRepresentable(key, isKey: true) || !SlurmConfText.isRepresentable(value) {
            diagnostics.report(.unrepresentableValue, "slurm_conf '\(key)=\(value)' of partition '\(name)' cannot be written to slurm.conf",
                               at: settings.location("partitions", [.index(index), .key("slurm_conf")]))
        }
        return OnPremPartition(name: name, nodeGroups: groups, isDefault: fields["default"]?.bool ?? false, maxTime: fields["max_time"]?.string ?? "UNLIMITED",
                               exclusive: fields["exclusive"]?.bool ?? false, extraConfiguration: extra)
    }

    private static func checkPartitions(_ partitions: [OnPremPartition], cluster: String, settings: SettingReader, diagnostics: inout Diagnostics) {
        var seen: [String: Int] = [:]
        for (index, partition) in partitions.enumerated() {
            if let first = seen[partition.name] {
                diagnostics.report(.duplicateSlurmName, "partitions \(first + 1) and \(index + 1) of cluster '\(cluster)' are both named '\(partition.name)'",
                                   at: settings.location("partitions", [.index(index), .key("name")]))
            }
            seen[partition.name] = seen[partition.name] ?? index
        }
        if partitions.isEmpty {
            diagnostics.report(.partitionWithoutNodesets, "cluster '\(cluster)' has no partition", at: settings.location("partitions"),
                               help: "add a partition over the node groups jobs should run on")
        }
        let defaults = partitions.indices.filter { partitions[$0].isDefault }
        if defaults.count > 1 {
            diagnostics.report(.defaultPartitionCount, "cluster '\(cluster)' has \(defaults.count) default partitions", at: settings.location("partitions", [.index(defaults[1]), .key("default")]),
                               help: "set default: true on one partition only")
        } else if defaults.isEmpty, partitions.count > 1 {
            diagnostics.report(.defaultPartitionCount, "cluster '\(cluster)' has \(partitions.count) partitions and none is the default", at: settings.location("partitions"),
                               help: "set default: true on the partition jobs should go to when they name none")
        }
    }

    private static func accounting(_ settings: SettingReader, controllerHost: String, diagnostics: inout Diagnostics) -> OnPremAccounting? {
        guard let fields = settings.literal("accounting", diagnostics: &diagnostics)?.map else { return nil }
        return OnPremAccounting(
            storageHost: fields["storage_host"]?.string ?? "", storagePort: fields["storage_port"]?.int ?? 3306,
            database: fields["database"]?.string ?? "slurm_acct_db", user: fields["user"]?.string ?? "slurm",
            dbdHost: fields["dbd_host"]?.string ?? controllerHost, dbdPort: fields["dbd_port"]?.int ?? 6819,
            passwordFile: fields["password_file"]?.string ?? "/etc/slurm/slurmdbd-storage.conf"
        )
    }
}

/// Sizes and clocks as HPCStats writes them.
enum HardwareUnits {
    /// `24GB` → 24576 (MB, GB, TB; 1024-based, as HPCStats reads them); nil when malformed.
    static func mebibytes(_ text: String) -> Int? {
        let units = ["MB": 1, "GB": 1024, "TB": 1024 * 1024]
        for (unit, factor) in units where text.hasSuffix(unit) {
            guard let number = decimal(text.dropLast(unit.count)), number > 0 else { return nil }
            let value = number * Double(factor)
            return value == value.rounded() && value < 1e12 ? Int(value) : nil
        }
        return nil
    }

    /// `2.93GHz` → 2.93e9, `2930MHz` → 2.93e9; nil when malformed.
    static func hertz(_ text: String) -> Double? {
        for (unit, factor) in [("GHz", 1e9), ("MHz", 1e6)] where text.hasSuffix(unit) {
            guard let number = decimal(text.dropLast(unit.count)), number > 0, number < 1e5 else { return nil }
            return number * factor
        }
        return nil
    }

    /// Digits with at most one '.', as HPCStats writes figures (no sign, no exponent).
    private static func decimal(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.filter({ $0 == "." }).count <= 1, text.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) }) else { return nil }
        return Double(text)
    }
}
