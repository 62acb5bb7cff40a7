/// `slurm/slurm.conf` of a cluster, compiled completely at build time.
enum SlurmConfEmitter {
    /// The smallest DefMemPerCPU Slurm accepts here, as Cluster Toolkit uses.
    static let minimumMemoryPerCPU = 100

    static func emit(_ cluster: SlurmCluster, deployment: Deployment) -> String {
        var conf = SlurmConfWriter(overrides: cluster.parameters.templateSettings)
        conf.comment(
            """
            slurm.conf of cluster \(cluster.name), compiled by hpcc from blueprint \(deployment.blueprintName) \
            (deployment \(deployment.name)).
            """
        )
        conf.comment("Generated file: change the blueprint and rebuild instead of editing it.")
        conf.blank()
        global(cluster, into: &conf)
        conf.blank()
        powerSaving(cluster, into: &conf)
        let added = conf.remainingOverrides
        if !added.isEmpty {
            conf.blank()
            conf.comment("From the controller's slurm_conf_tpl")
            for setting in added { conf.set(setting.key, setting.value) }
        }
        conf.blank()
        conf.comment("Nodesets")
        for nodeset in cluster.nodesets {
            conf.line(nodeLine(nodeset, cluster: cluster.name))
            conf.line([("NodeSet", nodeset.name), ("Nodes", HostList.nodes(of: nodeset, cluster: cluster.name))])
        }
        conf.blank()
        conf.comment("Partitions")
        let nodesets = cluster.nodesetsByName
        for partition in cluster.partitions {
            conf.line(partitionLine(partition, nodesets: nodesets))
        }
        let staticNodes = cluster.nodesets.compactMap { HostList.staticNodes(of: $0, cluster: cluster.name) }
        if !staticNodes.isEmpty {
            conf.blank()
            conf.comment("Static nodes are never powered down.")
            conf.set("SuspendExcNodes", staticNodes.joined(separator: ","))
        }
        return conf.text
    }

    private static func global(_ cluster: SlurmCluster, into conf: inout SlurmConfWriter) {
        let parameters = cluster.parameters
        let auth = parameters.authentication.rawValue
        conf.set("ClusterName", cluster.name)
        // The primary first; a backup controller takes over after SlurmctldTimeout (set below).
        for host in cluster.controllerHosts {
            conf.set("SlurmctldHost", host.address.map { "\(host.name)(\($0))" } ?? host.name)
        }
        conf.set("SlurmUser", SlurmPaths.daemons.slurmUser)
        conf.set("AuthType", "auth/\(auth)")
        conf.set("CredType", "cred/\(auth)")
        conf.set("AuthInfo", "cred_expire=120")
        if let api = cluster.restAPI { RestAPIFiles.authLines(api, into: &conf) }
        conf.daemonLayout(SlurmPaths.daemons)
        conf.set("SlurmctldDebug", parameters.debugLogging ? "debug" : "info")
        conf.set("SlurmdDebug", parameters.debugLogging ? "debug" : "info")
        conf.set("MpiDefault", "none")
        conf.set("ProctrackType", "proctrack/cgroup")
        conf.set("TaskPlugin", "task/affinity,task/cgroup")
        conf.set("JobAcctGatherType", "jobacct_gather/cgroup")
        conf.set("JobAcctGatherFrequency", 30)
        accounting(cluster, into: &conf)
        conf.set("SchedulerType", "sched/backfill")
        conf.set("SchedulerParameters", parameters.schedulerParameters.joined(separator: ","))
        conf.set("SelectType", "select/cons_tres")
        conf.set("SelectTypeParameters", "CR_Core_Memory")
        conf.set("ReturnToService", 2)
        conf.set("MessageTimeout", 60)
        if cluster.controller.backup != nil { conf.set("SlurmctldTimeout", BackupController.takeoverSeconds) }
        conf.set("SlurmdTimeout", parameters.slurmdTimeout)
        conf.set("UnkillableStepTimeout", parameters.unkillableStepTimeout)
        conf.set("TreeWidth", parameters.treeWidth)
        if !parameters.noCommaParams {
            conf.set("LaunchParameters", "enable_nss_slurm,use_interactive_step")
            conf.set("SlurmctldParameters", "cloud_dns,enable_configless,idle_on_node_suspend")
            if cluster.nodesets.contains(where: { $0.shape.gpus != nil }) { conf.set("GresTypes", "gpu") }
        }
        // `cloud` shows powered-down cloud nodes in sinfo and scontrol (Slurm before 23.02 hides them).
        conf.set("PrivateData", (["cloud"] + parameters.privateData.filter { $0 != "cloud" }).joined(separator: ","))
        if let flags = parameters.prologFlags { conf.set("PrologFlags", flags) }
        conf.jobScripts(cluster.jobScripts)  // Job scripts (issue 20).
        if let switchType = parameters.switchType { conf.set("SwitchType", switchType) }
        if let plugin = parameters.topologyPlugin { conf.set("TopologyPlugin", plugin) }
        if let param = parameters.topologyParam { conf.set("TopologyParam", param) }
    }

    /// slurmdbd runs on the controller when the cluster keeps accounting.
    private static func accounting(_ cluster: SlurmCluster, into conf: inout SlurmConfWriter) {
        guard cluster.accounting != nil else {
            conf.set("AccountingStorageType", "accounting_storage/none")
            return
        }
        conf.set("AccountingStorageType", "accounting_storage/slurmdbd")
        conf.set("AccountingStorageHost", cluster.controllerHostName)
        if cluster.controller.backup != nil {
            conf.set("AccountingStorageBackupHost", cluster.backupControllerHostName)
        }
        conf.set("AccountingStoragePort", SlurmdbdConfEmitter.port)
    }

    private static func powerSaving(_ cluster: SlurmCluster, into conf: inout SlurmConfWriter) {
        let parameters = cluster.parameters
        conf.comment("Power saving: Slurm creates nodes on demand and deletes them when idle.")
        conf.set("ResumeProgram", SlurmPaths.resumeProgram)
        conf.set("ResumeFailProgram", SlurmPaths.suspendProgram)
        conf.set("SuspendProgram", SlurmPaths.suspendProgram)
        conf.set("ResumeRate", parameters.resumeRate)
        conf.set("ResumeTimeout", parameters.resumeTimeout)
        conf.set("SuspendRate", parameters.suspendRate)
        conf.set("SuspendTimeout", parameters.suspendTimeout)
    }

    static func nodeLine(_ nodeset: Nodeset, cluster: String) -> [(String, String)] {
        let shape = nodeset.shape
        var pairs: [(String, String)] = [
            ("NodeName", HostList.nodes(of: nodeset, cluster: cluster)),
            ("State", "CLOUD"),
            ("CPUs", String(shape.cpus)),
            ("Boards", String(shape.boards)),
            ("SocketsPerBoard", String(shape.socketsPerBoard)),
            ("CoresPerSocket", String(shape.coresPerSocket)),
            ("ThreadsPerCore", String(shape.threadsPerCore)),
            ("RealMemory", String(shape.realMemory)),
        ]
        if let gpus = shape.gpus { pairs.append(("Gres", "gpu:\(gpus.gresType):\(gpus.count)")) }
        if !shape.features.isEmpty { pairs.append(("Features", shape.features.joined(separator: ","))) }
        return override(pairs, with: nodeset.extraConfiguration)
    }

    /// `nodesets`: the cluster's, by name.
    static func partitionLine(_ partition: Partition, nodesets byName: [String: Nodeset]) -> [(String, String)] {
        let nodesets = partition.nodesets.compactMap { byName[$0] }
        var pairs: [(String, String)] = [
            ("PartitionName", partition.name),
            ("Nodes", partition.nodesets.joined(separator: ",")),
            ("State", "UP"),
            ("DefMemPerCPU", String(defaultMemoryPerCPU(nodesets))),
            ("SuspendTime", partition.suspendTime < 0 ? "INFINITE" : String(partition.suspendTime)),
        ]
        // Unset, the cluster-wide values (cloud_parameters) apply.
        if let timeout = partition.suspendTimeout { pairs.append(("SuspendTimeout", String(timeout))) }
        if let timeout = partition.resumeTimeout { pairs.append(("ResumeTimeout", String(timeout))) }
        // PowerDownOnIdle would delete exclusive nodes right after their job, but Slurm 22.05
        // (the oldest release hpcc's output must load in) does not know it; SuspendTime applies.
        if partition.exclusive { pairs.append(("OverSubscribe", "EXCLUSIVE")) }
        if partition.isDefault { pairs.append(("Default", "YES")) }
        return override(pairs, with: partition.extraConfiguration)
    }

    /// Memory per CPU when a job does not ask: the smallest share any nodeset of the partition offers.
    static func defaultMemoryPerCPU(_ nodesets: [Nodeset]) -> Int {
        let shares = nodesets.map { nodeset -> Int in
            let reserved = Int(nodeset.extraConfiguration["MemSpecLimit"] ?? "") ?? 0
            let memory = Int(nodeset.extraConfiguration["RealMemory"] ?? "") ?? nodeset.shape.realMemory
            let cpus = Int(nodeset.extraConfiguration["CPUs"] ?? "") ?? nodeset.shape.cpus
            return max(minimumMemoryPerCPU, (memory - reserved) / max(1, cpus))
        }
        return shares.min() ?? minimumMemoryPerCPU
    }

    /// User keys replace hpcc's of the same name (case-insensitively, as Slurm reads keys) or are appended, sorted.
    static func override(_ pairs: [(String, String)], with extra: [String: String]) -> [(String, String)] {
        var result = pairs
        for key in extra.keys.sorted() {
            if let index = result.firstIndex(where: { $0.0.lowercased() == key.lowercased() }) {
                result[index].1 = extra[key]!
            } else {
                result.append((key, extra[key]!))
            }
        }
        return result
    }
}
