/// What each ParallelCluster update policy takes for one change, by the conditions the package's
/// policies check (`pcluster/config/update_policy.py` of the version in the generated table), judged
/// for a cluster that runs: compute fleet and head node up, login nodes up where the old config
/// gives a pool a Count, and the new config's QueueUpdateStrategy.
struct ParallelClusterPolicyConditions {
    typealias Value = ParallelClusterConfigValue
    typealias Found = ParallelClusterChanges.Found
    typealias Policy = ParallelClusterChange.Policy
    typealias Facts = ParallelClusterUpdatePolicies

    let old: Value?
    let new: Value?
    let changes: [Found]

    init(old: Value?, new: Value?, changes: [Found]) {
        self.old = old
        self.new = new
        self.changes = changes
    }

    /// The new config's QueueUpdateStrategy, or the package's default.
    var queueUpdateStrategy: String {
        new?["Scheduling"]?["SlurmSettings"]?["QueueUpdateStrategy"]?.text ?? Facts.defaultQueueUpdateStrategy
    }

    var strategySet: Bool { queueUpdateStrategy != Facts.defaultQueueUpdateStrategy }

    /// The policy class; nil for an `IGNORED` change, which ParallelCluster neither checks nor shows.
    func policy(of change: Found) -> Policy? {
        let inQueues = change.sections.contains { $0.hasPrefix("SlurmQueues[") }
        let queueList = inQueues || change.key == "SlurmQueues"
        let added = change.isListItem && change.old == nil && change.new != nil
        switch change.policyName {
        case "IGNORED": return nil
        case "SUPPORTED": return .supported
        case "SUPPORTED_UNLESS_ADC":
            // The package asks the session's region; the config's Region is the one pcluster is run with.
            let region = new?["Region"]?.text ?? ""
            return region.hasPrefix("us-iso") ? .unsupported : .supported
        case "EXTRA_CHEF_ATTRIBUTES":
            return ChefAttributes.changedLeaves(change.old, change.new).isSubset(of: Facts.updatableChefAttributes)
                ? .supported : .unsupported
        case "QUEUE_UPDATE_STRATEGY":
            return replacing(inQueues: inQueues)
        case "RESIZE_UPDATE_STRATEGY_ON_REMOVE":
            if added && queueList || grows(change) { return .supported }
            return queueList && queueUpdateStrategy == Facts.terminateQueueUpdateStrategy
                ? .queueUpdateStrategy : .computeFleetStop
        case "MANAGED_PLACEMENT_GROUP":
            return deletesManagedPlacementGroup(change) ? .computeFleetStop : replacing(inQueues: inQueues)
        case "SHARED_STORAGE_UPDATE_POLICY":
            return sharedStorage(change)
        case "MANAGED_FSX":
            if !keptManagedLustre.isEmpty { return .unsupported }
            // Otherwise a list value may grow with the fleet running (subnets added, none removed).
            if inQueues, let before = change.old, case .list = before,
                before.items.allSatisfy({ change.new?.items.contains($0) ?? false })
            {
                return .supported
            }
            return replacing(inQueues: inQueues)
        case "COMPUTE_FLEET_STOP_ON_REMOVE":
            return added && queueList ? .supported : .computeFleetStop
        case "COMPUTE_FLEET_STOP": return .computeFleetStop
        case "HEAD_NODE_STOP": return .headNode
        case "LOGIN_NODES_POOLS_UPDATE_POLICY":
            return !loginNodesRun(pool: nil) || added && change.key == "Pools" ? .supported : .loginNodesStop
        case "LOGIN_NODES_STOP": return loginNodesRun(pool: nil) ? .loginNodesStop : .supported
        case "LOGIN_NODES_POOL_STOP": return loginNodesRun(pool: pool(of: change)) ? .loginNodesStop : .supported
        case "COMPUTE_AND_LOGIN_NODES_STOP": return loginNodesRun(pool: nil) ? .loginNodesStop : .computeFleetStop
        // UNSUPPORTED, READ_ONLY_RESOURCE_BUCKET (never passes), UNKNOWN, and any name this code does not know.
        default: return .unsupported
        }
    }

    /// QUEUE_UPDATE_STRATEGY: inside a queue a set QueueUpdateStrategy lets the nodes be replaced.
    func replacing(inQueues: Bool) -> Policy {
        inQueues && strategySet ? .queueUpdateStrategy : .computeFleetStop
    }

    /// A MaxCount that does not shrink, or a MinCount whose rise MaxCount rises by at least as much.
    func grows(_ change: Found) -> Bool {
        let maxima = (Facts.defaultMaxCount, Facts.defaultMaxCount)
        if change.key == "MaxCount" {
            return (change.new?.integer ?? maxima.1) >= (change.old?.integer ?? maxima.0)
        }
        guard change.key == "MinCount",
            let maxCount = changes.first(where: { $0.sections == change.sections && $0.key == "MaxCount" })
        else { return false }
        let minRise = (change.new?.integer ?? Facts.defaultMinCount) - (change.old?.integer ?? Facts.defaultMinCount)
        let maxRise = (maxCount.new?.integer ?? maxima.1) - (maxCount.old?.integer ?? maxima.0)
        return maxRise >= minRise
    }

    /// Whether the old config's login nodes run: a pool (or the named one) with a Count above 0.
    func loginNodesRun(pool: String?) -> Bool {
        (old?["LoginNodes"]?["Pools"]?.items ?? []).contains { item in
            (pool == nil || item["Name"]?.text == pool) && (item["Count"]?.integer ?? 0) > 0
        }
    }

    func pool(of change: Found) -> String? {
        change.sections.first { $0.hasPrefix("Pools[") }.map { String($0.dropFirst("Pools[".count).dropLast()) }
    }
}
