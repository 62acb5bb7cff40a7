/// The Slurm files of an existing cluster, in `slurm/<cluster>/`: slurm.conf, cgroup.conf (cgroup
/// process tracking), gres.conf (GPUs) and slurmdbd.conf (accounting). Every node is a real,
/// always-present machine: no power saving, no cloud states.
enum OnPremSlurmEmitter {
    static func emit(_ deployment: Deployment) -> [OutputFile] {
        deployment.onPremClusters.flatMap { cluster -> [OutputFile] in
            let folder = folder(cluster)
            var files = [OutputFile(path: "\(folder)/slurm.conf", text: slurmConf(cluster, deployment: deployment))]
            if cluster.processTracking == .cgroup {
                files.append(
                    OutputFile(path: "\(folder)/cgroup.conf", text: CgroupConfEmitter.emit(clusterName: cluster.name)))
            }
            let devices = cluster.nodeGroups.compactMap { group in
                group.gpus.map {
                    GresConfEmitter.Devices(
                        hosts: group.hostList, count: $0.count, type: $0.type.isEmpty ? nil : $0.type)
                }
            }
            if let gres = GresConfEmitter.emit(clusterName: cluster.name, devices: devices) {
                files.append(OutputFile(path: "\(folder)/gres.conf", text: gres))
            }
            // Job scripts (issue 20).
            files += JobScriptFiles.outputFiles(cluster.jobScripts, folder: folder)
            if let accounting = cluster.accounting {
                files.append(
                    OutputFile(
                        path: "\(folder)/slurmdbd.conf",
                        text: slurmdbdConf(cluster, accounting: accounting, deployment: deployment)))
            }
            if let api = cluster.restAPI {
                files += RestAPIFiles.files(
                    api, cluster: cluster.name, folder: folder,
                    listenDefault: cluster.controllerAddress ?? cluster.controllerHost, firewall: true)
            }
            return files
        }
    }

    static func folder(_ cluster: OnPremCluster) -> String { "slurm/\(cluster.name)" }

    static func slurmConf(_ cluster: OnPremCluster, deployment: Deployment) -> String {
        let daemons = cluster.daemons
        var conf = SlurmConfWriter()
        conf.comment(
            """
            slurm.conf of existing cluster \(cluster.name), compiled by hpcc from blueprint \
            \(deployment.blueprintName) (deployment \(deployment.name)).
            """
        )
        conf.comment("Generated file: change the blueprint and rebuild instead of editing it.")
        conf.blank()
        conf.set("ClusterName", cluster.name)
        conf.set("SlurmctldHost", cluster.controllerHost + (cluster.controllerAddress.map { "(\($0))" } ?? ""))
        conf.set("SlurmUser", daemons.slurmUser)
        conf.set("AuthType", "auth/munge")
        conf.set("CredType", "cred/munge")
        if let socket = daemons.mungeSocket { conf.set("AuthInfo", "socket=\(socket)") }
        if let api = cluster.restAPI { RestAPIFiles.authLines(api, into: &conf) }
        conf.daemonLayout(daemons)
        conf.set("MpiDefault", "none")
        switch cluster.processTracking {
        case .cgroup:
            conf.set("ProctrackType", "proctrack/cgroup")
            conf.set("TaskPlugin", "task/affinity,task/cgroup")
        case .linuxproc:
            conf.set("ProctrackType", "proctrack/linuxproc")
            conf.set("TaskPlugin", "task/affinity")
        }
        // Job usage is gathered only where it is stored.
        if cluster.accounting != nil {
            conf.set(
                "JobAcctGatherType",
                cluster.processTracking == .cgroup ? "jobacct_gather/cgroup" : "jobacct_gather/linux")
            conf.set("JobAcctGatherFrequency", 30)
        } else {
            conf.set("JobAcctGatherType", "jobacct_gather/none")
        }
        if let accounting = cluster.accounting {
            conf.set("AccountingStorageType", "accounting_storage/slurmdbd")
            conf.set("AccountingStorageHost", accounting.dbdHost)
            conf.set("AccountingStoragePort", accounting.dbdPort)
            // slurmctld authenticates to slurmdbd through the MUNGE socket this names.
            if let socket = daemons.mungeSocket { conf.set("AccountingStoragePass", socket) }
        } else {
            conf.set("AccountingStorageType", "accounting_storage/none")
        }
        conf.set("SchedulerType", "sched/backfill")
        conf.set("SelectType", "select/cons_tres")
        conf.set("SelectTypeParameters", "CR_Core_Memory")
        conf.set("ReturnToService", 2)
        conf.jobScripts(cluster.jobScripts)  // Job scripts (issue 20).
        if cluster.nodeGroups.contains(where: { $0.gpus != nil }) { conf.set("GresTypes", "gpu") }
        conf.blank()
        conf.comment("Node groups")
        for group in cluster.nodeGroups {
            conf.line(nodeLine(group))
            conf.line([("NodeSet", group.name), ("Nodes", group.hostList)])
        }
        conf.blank()
        conf.comment("Partitions")
        for partition in cluster.partitions {
            conf.line(partitionLine(partition, cluster: cluster))
        }
        return conf.text
    }

    static func nodeLine(_ group: OnPremNodeGroup) -> [(String, String)] {
        var pairs: [(String, String)] = [
            ("NodeName", group.hostList), ("CPUs", String(group.cpus)), ("Sockets", String(group.sockets)),
            ("CoresPerSocket", String(group.coresPerSocket)), ("ThreadsPerCore", String(group.threadsPerCore)),
            ("RealMemory", String(group.realMemoryMiB)),
        ]
        if let gpus = group.gpus {
            pairs.append(("Gres", gpus.type.isEmpty ? "gpu:\(gpus.count)" : "gpu:\(gpus.type):\(gpus.count)"))
        }
        if !group.features.isEmpty { pairs.append(("Features", group.features.joined(separator: ","))) }
        pairs.append(("State", "UNKNOWN"))
        return pairs
    }

    static func partitionLine(_ partition: OnPremPartition, cluster: OnPremCluster) -> [(String, String)] {
        let groups = partition.nodeGroups.compactMap(cluster.nodeGroup)
        let perCPU = groups.map { $0.realMemoryMiB / max(1, $0.cpus) }.min() ?? SlurmConfEmitter.minimumMemoryPerCPU
        var pairs: [(String, String)] = [
            ("PartitionName", partition.name), ("Nodes", partition.nodeGroups.joined(separator: ",")), ("State", "UP"),
            ("MaxTime", partition.maxTime), ("DefMemPerCPU", String(max(1, perCPU))),
        ]
        if partition.exclusive { pairs.append(("OverSubscribe", "EXCLUSIVE")) }
        if partition.isDefault { pairs.append(("Default", "YES")) }
        return SlurmConfEmitter.override(pairs, with: partition.extraConfiguration)
    }

    /// slurmdbd.conf: the database it stores in; the password comes from the included file, which
    /// hpcc never writes (whoever runs the database does, mode 0600, owner SlurmUser).
    static func slurmdbdConf(_ cluster: OnPremCluster, accounting: OnPremAccounting, deployment: Deployment) -> String {
        let daemons = cluster.daemons
        var conf = SlurmConfWriter()
        conf.comment(
            """
            slurmdbd.conf of existing cluster \(cluster.name), compiled by hpcc from blueprint \
            \(deployment.blueprintName) (deployment \(deployment.name)).
            """
        )
        conf.comment(
            """
            Generated file: change the blueprint and rebuild instead of editing it. slurmdbd wants it mode 0600, owned \
            by SlurmUser.
            """
        )
        conf.comment(
            """
            The database password is not here: write `StoragePass=...` to \(accounting.passwordFile) (mode 0600, owner \
            \(daemons.slurmUser)).
            """
        )
        conf.blank()
        conf.slurmdbdDaemon(host: accounting.dbdHost, port: accounting.dbdPort, layout: daemons)
        if let api = cluster.restAPI { RestAPIFiles.authLines(api, into: &conf) }
        conf.blank()
        conf.slurmdbdStorage(
            host: accounting.storageHost, port: accounting.storagePort, user: accounting.user,
            database: accounting.database,
            include: accounting.passwordFile)
        return conf.text
    }
}
