/// The Slurm changes between two builds of one cluster's Slurm folder, each with what it takes to
/// apply: by `SlurmParameterFact` for parameters, by slurm.conf(5)'s NODE and PARTITION
/// CONFIGURATION sections and scontrol(1)'s `reconfigure` for node and partition lines (Slurm 22.05).
enum SlurmChanges {
    /// Node attributes that describe the machine: a change means other hardware or another image,
    /// so the nodes are drained and rebooted or recreated.
    static let hardware: Set<String> = [
        "cpus", "boards", "socketsperboard", "sockets", "corespersocket", "threadspercore", "realmemory", "gres",
        "features",
    ]

    /// `old` and `new` map paths in the cluster's Slurm folder `folder` to their text.
    static func compare(folder: String, old: [String: String], new: [String: String]) -> [SlurmChange] {
        var changes: [SlurmChange] = []
        if (old["slurm.conf"] == nil) != (new["slurm.conf"] == nil) {
            let removed = new["slurm.conf"] == nil
            return [
                SlurmChange(
                    folder: folder, file: "slurm.conf", subject: "slurm.conf", before: removed ? "present" : nil,
                    after: removed ? nil : "present", takes: .restartSlurmctld, affectsRunningJobs: removed,
                    reason: removed
                        ? "the cluster's Slurm configuration goes away: its daemons stop and its jobs with them"
                        : "a new cluster's daemons start with it")
            ]
        }
        var included: Set<String> = []
        for file in ["slurm.conf", "gres.conf", "cgroup.conf", "slurmdbd.conf"] {
            let before = SlurmConfFile(file, files: old)
            let after = SlurmConfFile(file, files: new)
            included.formUnion(before.included)
            included.formUnion(after.included)
            guard old[file] != nil || new[file] != nil else { continue }
            changes += parameters(folder: folder, file: file, before, after)
            switch file {
            case "slurm.conf":
                changes += nodes(folder: folder, before, after)
                changes += records("NodeSet", folder: folder, before, after)
                changes += records("PartitionName", folder: folder, before, after)
            case "gres.conf": changes += gresLines(folder: folder, before, after)
            default: break
            }
        }
        let read: Set<String> = ["slurm.conf", "gres.conf", "cgroup.conf", "slurmdbd.conf"]
        for path in Set(old.keys).union(new.keys).subtracting(read).subtracting(included).sorted()
        where old[path] != new[path] {
            if let change = otherFile(folder: folder, path: path, before: old[path], after: new[path]) {
                changes.append(change)
            }
        }
        return changes.sorted {
            ($0.file, $0.subject, $0.nodes ?? "", $0.before ?? "") < (
                $1.file, $1.subject, $1.nodes ?? "", $1.before ?? ""
            )
        }
    }

    // MARK: Parameters

    /// What a file's parameters take when the man pages note nothing more for them.
    static func fileDefault(_ file: String) -> (takes: SlurmChange.Takes, reason: String) {
        switch file {
        case "slurmdbd.conf":
            (.reloadSlurmdbd, "slurmdbd.conf(5): slurmdbd re-reads the file on SIGHUP; nothing more is noted for it")
        default:
            (.reconfigure, "\(file)(5) notes no restart for it: scontrol reconfigure re-reads the file")
        }
    }

    private static func parameters(
        folder: String, file: String, _ before: SlurmConfFile, _ after: SlurmConfFile
    ) -> [SlurmChange] {
        Set(before.parameters.keys).union(after.parameters.keys).sorted().compactMap { key in
            let old = before.parameters[key]
            let new = after.parameters[key]
            guard old?.values != new?.values else { return nil }
            let facts = SlurmParameterFact.all.filter { $0.file == file && $0.parameter.lowercased() == key }
            let name = facts.first?.parameter ?? new?.name ?? old?.name ?? key
            let oldText = old?.values.joined(separator: ", ")
            let newText = new?.values.joined(separator: ", ")
            let options = changedOptions(oldText, newText)
            let fact = facts.first { $0.option == nil } ?? facts.first { $0.option.map(options.contains) ?? false }
            let (takes, reason) = fact.map { ($0.takes, $0.reference) } ?? fileDefault(file)
            return SlurmChange(
                folder: folder, file: new?.file ?? old?.file ?? file, subject: name, before: oldText, after: newText,
                takes: takes, affectsRunningJobs: fact?.affectsRunningJobs ?? false, reason: reason)
        }
    }

    /// The options (lowercased, before any `=`) of a comma-separated value that differ between the two.
    private static func changedOptions(_ old: String?, _ new: String?) -> Set<String> {
        func options(_ text: String?) -> Set<String> {
            Set((text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        }
        let (before, after) = (options(old), options(new))
        return Set(before.symmetricDifference(after).map { String($0.prefix { $0 != "=" }) })
    }

    // MARK: Nodes

    /// Each node of the NodeName lines, expanded from their host lists, with its line.
    private static func nodeTable(_ file: SlurmConfFile) -> [String: SlurmConfFile.Record] {
        var table: [String: SlurmConfFile.Record] = [:]
        for record in file.records["NodeName"] ?? [] {
            let hosts = (try? SlurmHostList.expand(record.name).get()) ?? [record.name]
            for host in hosts { table[host] = record }
        }
        return table
    }

    private static func nodes(folder: String, _ before: SlurmConfFile, _ after: SlurmConfFile) -> [SlurmChange] {
        let old = nodeTable(before)
        let new = nodeTable(after)
        let restart =
            "changes to nodes need slurmctld and every slurmd restarted in Slurm 22.05 "
            + "(slurm.conf(5) NODE CONFIGURATION, scontrol(1) reconfigure)"
        var changes: [SlurmChange] = []
        let removed = Dictionary(grouping: Set(old.keys).subtracting(new.keys)) { old[$0]!.name }
        for (line, hosts) in removed {
            let record = old[hosts[0]]!
            changes.append(
                SlurmChange(
                    folder: folder, file: record.file, subject: "NodeName=\(line)", before: record.text,
                    after: new[hosts[0]].map(\.text), takes: .restartSlurmctld,
                    nodes: SlurmHostList.compress(hosts), affectsRunningJobs: true,
                    reason: "nodes removed: their running jobs are lost; " + restart))
        }
        let added = Dictionary(grouping: Set(new.keys).subtracting(old.keys)) { new[$0]!.name }
        for (line, hosts) in added {
            let record = new[hosts[0]]!
            changes.append(
                SlurmChange(
                    folder: folder, file: record.file, subject: "NodeName=\(line)", before: nil, after: record.text,
                    takes: .restartSlurmctld, nodes: SlurmHostList.compress(hosts), reason: "nodes added: " + restart))
        }
        // Nodes on both sides whose attributes differ, grouped by their new line and what changed.
        var changed: [String: (SlurmConfFile.Record, [String], [String], [String])] = [:]
        for host in Set(old.keys).intersection(new.keys) {
            let (was, now) = (old[host]!, new[host]!)
            let keys = Set(was.words.map { $0.key.lowercased() }).union(now.words.map { $0.key.lowercased() })
                .filter { was.value($0) != now.value($0) }.sorted()
            guard !keys.isEmpty else { continue }
            let group = now.name + "|" + keys.joined(separator: ",")
            changed[group, default: (now, keys, [], [])].3.append(host)
            if changed[group]!.2.isEmpty {
                changed[group]!.2 = keys.map { "\(name(of: $0, in: was, now))=\(was.value($0) ?? "")" }
            }
        }
        for (now, keys, before, hosts) in changed.values {
            let reboot = !hardware.isDisjoint(with: keys)
            changes.append(
                SlurmChange(
                    folder: folder, file: now.file, subject: "NodeName=\(now.name)",
                    before: before.joined(separator: " "),
                    after: keys.map { "\(name(of: $0, in: now, now))=\(now.value($0) ?? "")" }.joined(separator: " "),
                    takes: reboot ? .drainAndReboot : .restartSlurmctld, nodes: SlurmHostList.compress(hosts),
                    reason: reboot
                        ? "the nodes' hardware changes: drain them (running jobs finish), reboot or recreate them; "
                            + restart
                        : restart))
        }
        return changes
    }

    /// A key's spelling on whichever line has it.
    private static func name(of key: String, in first: SlurmConfFile.Record, _ second: SlurmConfFile.Record) -> String {
        (first.words + second.words).first { $0.key.lowercased() == key }?.key ?? key
    }

    // MARK: Partitions and nodesets

    private static func records(
        _ kind: String, folder: String, _ before: SlurmConfFile, _ after: SlurmConfFile
    ) -> [SlurmChange] {
        let old = Dictionary((before.records[kind] ?? []).map { ($0.name, $0) }) { _, last in last }
        let new = Dictionary((after.records[kind] ?? []).map { ($0.name, $0) }) { _, last in last }
        let partition = kind == "PartitionName"
        return Set(old.keys).union(new.keys).sorted().compactMap { name in
            let (was, now) = (old[name], new[name])
            guard was?.text != now?.text else { return nil }
            let subject = "\(kind)=\(name)"
            let file = now?.file ?? was?.file ?? "slurm.conf"
            guard let was, let now else {
                let removed = now == nil
                let what = partition ? "partition" : "nodeset"
                return SlurmChange(
                    folder: folder, file: file, subject: subject, before: was?.text, after: now?.text,
                    takes: .reconfigure, affectsRunningJobs: removed && partition,
                    reason: removed
                        ? (partition
                            ? "partition removed: scontrol reconfigure applies it and cancels the jobs using it "
                                + "(slurm.conf(5) PARTITION CONFIGURATION)"
                            : "nodeset removed: scontrol reconfigure re-reads nodesets with the partitions")
                        : "\(what) added: scontrol reconfigure re-reads partitions and nodesets")
            }
            let keys = Set(was.words.map { $0.key.lowercased() }).union(now.words.map { $0.key.lowercased() })
                .filter { was.value($0) != now.value($0) }.sorted()
            func text(_ record: SlurmConfFile.Record) -> String {
                keys.map { "\(self.name(of: $0, in: was, now))=\(record.value($0) ?? "")" }.joined(separator: " ")
            }
            return SlurmChange(
                folder: folder, file: file, subject: subject, before: text(was), after: text(now), takes: .reconfigure,
                reason: "slurm.conf(5) notes no restart for \(partition ? "partition" : "nodeset") settings: "
                    + "scontrol reconfigure applies them")
        }
    }

    // MARK: gres.conf

    /// gres.conf's device lines, keyed by node and resource name; Type and Cores need slurmctld restarted.
    private static func gresLines(folder: String, _ before: SlurmConfFile, _ after: SlurmConfFile) -> [SlurmChange] {
        func lines(_ file: SlurmConfFile) -> [String: SlurmConfFile.Record] {
            let records = (file.records["NodeName"] ?? []) + (file.records["Name"] ?? [])
            return Dictionary(
                records.map { record in
                    let name = record.kind == "Name" ? record.name : record.value("Name") ?? ""
                    let key = record.kind == "Name" ? "Name=\(name)" : "NodeName=\(record.name) Name=\(name)"
                    return (key, record)
                }
            ) { _, last in last }
        }
        let (old, new) = (lines(before), lines(after))
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let (was, now) = (old[key], new[key])
            guard was?.text != now?.text else { return nil }
            let restart = ["type", "cores"].filter { was?.value($0) != now?.value($0) }
            let fact = SlurmParameterFact.all.first {
                $0.file == "gres.conf" && restart.contains($0.parameter.lowercased())
            }
            let (takes, reason) = fact.map { ($0.takes, $0.reference) } ?? fileDefault("gres.conf")
            return SlurmChange(
                folder: folder, file: now?.file ?? was?.file ?? "gres.conf", subject: key, before: was?.text,
                after: now?.text, takes: takes, reason: reason)
        }
    }

    // MARK: Other files

    /// Files of a Slurm folder that are not Slurm's to re-read (service units, firewall rules):
    /// the native configuration changes report them.
    static func isNativeConfig(_ path: String) -> Bool {
        path.hasSuffix(".service") || path.hasSuffix(".nft")
    }

    /// Job scripts and power-saving programs are run from disk each time; the JWKS and other Slurm
    /// files the man pages say nothing about are taken to need slurmctld restarted, and say so.
    /// Service units and firewall rules are not Slurm's to re-read (native configuration changes).
    private static func otherFile(folder: String, path: String, before: String?, after: String?) -> SlurmChange? {
        let name = String(path.split(separator: "/").last ?? "")
        if isNativeConfig(name) { return nil }
        let kind = before == nil ? "added" : after == nil ? "removed" : "changed"
        let (takes, reason): (SlurmChange.Takes, String) =
            if path.hasPrefix("job-scripts/") {
                (
                    .nothing,
                    "a job script is read from disk at each job's start or end: the next job runs the \(kind) one"
                )
            } else if name.hasSuffix(".sh") {
                (.nothing, "slurmctld runs its power-saving programs from disk each time it resumes or suspends nodes")
            } else {
                (
                    .restartSlurmctld,
                    "the Slurm 22.05 man pages do not say when \(name) is re-read: a slurmctld restart is assumed"
                )
            }
        // The text itself is too long to show: its size stands for it.
        func size(_ text: String?) -> String? { text.map { "\($0.split(separator: "\n").count) lines" } }
        return SlurmChange(
            folder: folder, file: path, subject: path, before: size(before), after: size(after), takes: takes,
            reason: reason)
    }
}
