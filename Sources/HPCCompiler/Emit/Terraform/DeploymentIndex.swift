/// Lookups over the IR that the Terraform emitter needs: which group owns a module, and what
/// each module became.
struct DeploymentIndex {
    let deployment: Deployment
    private var groups: [ModuleID: GroupName] = [:]
    private(set) var networks: [ModuleID: Network] = [:]
    private(set) var awsNetworks: [ModuleID: AWSNetwork] = [:]
    private(set) var importedNetworks: [ModuleID: ImportedNetwork] = [:]
    private(set) var serviceAccounts: [ModuleID: ManagedServiceAccount] = [:]
    private(set) var topics: [ModuleID: PubSubTopic] = [:]
    private(set) var startupScripts: [ModuleID: StartupScript] = [:]
    private(set) var accesses: [ModuleID: PrivateServiceAccess] = [:]
    private(set) var filesystems: [ModuleID: SharedFilesystem] = [:]
    private(set) var clusters: [ModuleID: SlurmCluster] = [:]
    private(set) var nodesets: [ModuleID: (Nodeset, SlurmCluster)] = [:]
    private(set) var loginGroups: [ModuleID: (LoginGroup, SlurmCluster)] = [:]
    private(set) var workbenches: [ModuleID: Workbench] = [:]
    private(set) var accountingDatabases: [ModuleID: AccountingDatabase] = [:]
    private(set) var parallelClusters: [ModuleID: ParallelCluster] = [:]
    private(set) var htcGrids: [ModuleID: HTCGrid] = [:]

    init(_ deployment: Deployment) {
        self.deployment = deployment
        for network in deployment.networks { add(network.origin); networks[network.origin.module] = network }
        for network in deployment.awsNetworks { add(network.origin); awsNetworks[network.origin.module] = network }
        for network in deployment.importedNetworks { add(network.origin); importedNetworks[network.origin.module] = network }
        for account in deployment.serviceAccounts { add(account.origin); serviceAccounts[account.origin.module] = account }
        for topic in deployment.topics { add(topic.origin); topics[topic.origin.module] = topic }
        for script in deployment.startupScripts { add(script.origin); startupScripts[script.origin.module] = script }
        for access in deployment.privateServiceAccesses { add(access.origin); accesses[access.origin.module] = access }
        for filesystem in deployment.filesystems { add(filesystem.origin); filesystems[filesystem.origin.module] = filesystem }
        for workbench in deployment.workbenches { add(workbench.origin); workbenches[workbench.origin.module] = workbench }
        for database in deployment.accountingDatabases { add(database.origin); accountingDatabases[database.origin.module] = database }
        for cluster in deployment.parallelClusters { add(cluster.origin); parallelClusters[cluster.origin.module] = cluster }
        for grid in deployment.htcGrids { add(grid.origin); htcGrids[grid.origin.module] = grid }
        for cluster in deployment.clusters {
            add(cluster.origin)
            clusters[cluster.origin.module] = cluster
            for nodeset in cluster.nodesets { add(nodeset.origin); nodesets[nodeset.origin.module] = (nodeset, cluster) }
            for group in cluster.loginGroups { add(group.origin); loginGroups[group.origin.module] = (group, cluster) }
            for partition in cluster.partitions { add(partition.origin) }
        }
    }

    private mutating func add(_ origin: Origin) {
        groups[origin.module] = origin.group
    }

    /// The group that owns `module`'s resources.
    func group(of module: ModuleID) -> GroupName? {
        groups[module]
    }
}
