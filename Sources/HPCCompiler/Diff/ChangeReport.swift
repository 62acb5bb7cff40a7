/// What changing a deployment from one build to another does to the infrastructure it stands for:
/// Terraform resources created, updated, replaced, moved or destroyed; Slurm changes by what they
/// take to apply; ParallelCluster changes by ParallelCluster's own update policies; native configs
/// and what reads them; and the cost before and after. Made offline from the two builds' files.
@_spi(Tools) public struct ChangeReport: Hashable, Sendable {
    /// Every Terraform resource that changes, in every group.
    @_spi(Tools) public var terraform: [ResourceChange] = []
    /// Every Slurm change, in every cluster's folder.
    @_spi(Tools) public var slurm: [SlurmChange] = []
    /// Every changed ParallelCluster setting.
    @_spi(Tools) public var parallelCluster: [ParallelClusterChange] = []
    /// Every other changed file.
    @_spi(Tools) public var native: [NativeConfigChange] = []
    /// Before and after, when both builds could be priced.
    @_spi(Tools) public var cost: CostChange?

    /// No changes.
    @_spi(Tools) public init() {}

    /// True when applying the change loses data: a resource holding data (a filesystem, bucket,
    /// database or disk) is replaced or destroyed, or a ParallelCluster change needs a new cluster
    /// whose shared storage hpcc does not keep.
    @_spi(Tools) public var destroysData: Bool {
        terraform.contains(where: \.losesData) || parallelCluster.contains(where: \.losesData)
    }

    /// True when nothing changes.
    @_spi(Tools) public var isEmpty: Bool {
        terraform.isEmpty && slurm.isEmpty && parallelCluster.isEmpty && native.isEmpty
    }
}

/// One Terraform resource's fate, as `terraform plan` would show it.
@_spi(Tools) public struct ResourceChange: Hashable, Sendable {
    /// What Terraform does to the resource.
    @_spi(Tools) public enum Action: String, Hashable, Sendable, Comparable {
        case create, update, replace, destroy
        /// Only its address changes (a `moved` block): no change to the object.
        case move

        /// Destroys first, then replacements, updates, moves and creations: the order a reviewer reads them.
        @_spi(Tools) public static func < (lhs: Action, rhs: Action) -> Bool {
            let order: [Action] = [.destroy, .replace, .update, .move, .create]
            return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
        }
    }

    /// The deployment group (the Terraform root's folder).
    @_spi(Tools) public var group: String
    /// `type.name`: the new address, or the old one for a destroyed resource.
    @_spi(Tools) public var address: String
    @_spi(Tools) public var action: Action
    /// The old address when a `moved` block carries the resource to `address`.
    @_spi(Tools) public var movedFrom: String?
    /// The top-level attributes whose values change (for update and replace).
    @_spi(Tools) public var changed: [String] = []
    /// Why a replacement is needed: the attribute paths that force it (the provider's "forces
    /// a new resource"), or a referenced resource that is itself replaced.
    @_spi(Tools) public var forcedBy: [String] = []
    /// The resource holds data that a replacement or destroy loses.
    @_spi(Tools) public var holdsData: Bool = false
    /// `lifecycle.prevent_destroy` is set: `terraform apply` refuses the replacement or destroy
    /// until someone lifts it.
    @_spi(Tools) public var preventDestroy: Bool = false

    /// A change of the resource at `address` in `group`.
    @_spi(Tools) public init(group: String, address: String, action: Action, movedFrom: String? = nil) {
        self.group = group
        self.address = address
        self.action = action
        self.movedFrom = movedFrom
    }

    /// The resource type, the address before the first dot.
    @_spi(Tools) public var type: String { String(address.prefix { $0 != "." }) }

    /// Applying this loses the data the resource holds.
    @_spi(Tools) public var losesData: Bool { holdsData && (action == .replace || action == .destroy) }
}

/// One Slurm change and what it takes before the cluster runs with it.
@_spi(Tools) public struct SlurmChange: Hashable, Sendable {
    /// What applying the change takes, from least to most disruptive.
    @_spi(Tools) public enum Takes: String, Hashable, Sendable, Comparable, CaseIterable {
        /// Copy the file; nothing reads it until the next job or the next daemon start (job scripts).
        case nothing
        /// `scontrol reconfigure`: slurmctld and every slurmd re-read the files.
        case reconfigure
        /// slurmd must be restarted on the nodes named in `nodes`.
        case restartSlurmd = "restart-slurmd"
        /// slurmctld must be restarted (and slurmd everywhere, since both read slurm.conf).
        case restartSlurmctld = "restart-slurmctld"
        /// The nodes named in `nodes` must be drained and rebooted or recreated (their hardware or
        /// image changes).
        case drainAndReboot = "drain-and-reboot"

        /// From least to most disruptive, in declaration order.
        @_spi(Tools) public static func < (lhs: Takes, rhs: Takes) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The cluster's Slurm folder in the deployment (`slurm` or `slurm/<cluster>`).
    @_spi(Tools) public var folder: String
    /// The file, relative to `folder` (`slurm.conf`, `gres.conf`, `job-scripts/prolog`).
    @_spi(Tools) public var file: String
    /// What changed: a parameter (`SelectTypeParameters`), `NodeName=<name>`, `PartitionName=<name>`,
    /// `NodeSet=<name>`, or the file itself.
    @_spi(Tools) public var subject: String
    @_spi(Tools) public var before: String?
    @_spi(Tools) public var after: String?
    @_spi(Tools) public var takes: Takes
    /// Nodes the change applies to (a host list), when it is not the whole cluster.
    @_spi(Tools) public var nodes: String?
    /// Running jobs are affected (killed, requeued, or their partition or nodes go away).
    @_spi(Tools) public var affectsRunningJobs: Bool = false
    /// One sentence on why it takes what it takes.
    @_spi(Tools) public var reason: String

    /// A change in `file` of the Slurm folder `folder`.
    @_spi(Tools) public init(
        folder: String, file: String, subject: String, before: String?, after: String?, takes: Takes,
        nodes: String? = nil, affectsRunningJobs: Bool = false, reason: String
    ) {
        self.folder = folder
        self.file = file
        self.subject = subject
        self.before = before
        self.after = after
        self.takes = takes
        self.nodes = nodes
        self.affectsRunningJobs = affectsRunningJobs
        self.reason = reason
    }
}

/// One changed ParallelCluster setting and the update policy ParallelCluster applies to it.
@_spi(Tools) public struct ParallelClusterChange: Hashable, Sendable {
    /// What `pcluster update-cluster` needs before it applies the change to a running cluster, by the
    /// package's update policies (`pcluster/config/update_policy.py`) and their conditions: the
    /// least of these that lets the policy's check pass, with the compute fleet, the head node and
    /// the old config's login nodes running and the new config's `QueueUpdateStrategy`.
    @_spi(Tools) public enum Policy: String, Hashable, Sendable, Comparable, CaseIterable {
        /// Applied by `pcluster update-cluster` with the cluster running.
        case supported
        /// Applied with the compute fleet running because the new config's `QueueUpdateStrategy` lets
        /// ParallelCluster drain or terminate and replace the affected nodes (their jobs are requeued
        /// or killed); without it the fleet would have to be stopped.
        case queueUpdateStrategy = "queue-update-strategy"
        /// The compute fleet must be stopped first (`pcluster update-compute-fleet --status STOP_REQUESTED`).
        case computeFleetStop = "compute-fleet-stop"
        /// The login nodes must be stopped first (their pools' `Count` set to 0); for a
        /// `COMPUTE_AND_LOGIN_NODES_STOP` setting the compute fleet as well.
        case loginNodesStop = "login-nodes-stop"
        /// The head node must be stopped (`HEAD_NODE_STOP`; aws-parallelcluster 3.16.1 gives it to no setting).
        case headNode = "head-node"
        /// Cannot be updated: only a new cluster has it (or the package refuses it, as it does for a
        /// change to `/home` or to a cluster that keeps a file system it created).
        case unsupported = "new-cluster"

        /// From least to most disruptive, in declaration order.
        @_spi(Tools) public static func < (lhs: Policy, rhs: Policy) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The config file in the deployment (`parallelcluster/cluster.yaml`).
    @_spi(Tools) public var file: String
    /// The setting's path, as ParallelCluster names it (`HeadNode.InstanceType`,
    /// `Scheduling.SlurmQueues[compute].ComputeResources[c6i].MaxCount`).
    @_spi(Tools) public var path: String
    @_spi(Tools) public var before: String?
    @_spi(Tools) public var after: String?
    @_spi(Tools) public var policy: Policy
    /// The package's own name for the policy (`COMPUTE_FLEET_STOP`, `UNSUPPORTED`, ...).
    @_spi(Tools) public var policyName: String
    /// Shared storage the cluster manages itself is deleted with it (a new cluster loses it).
    @_spi(Tools) public var losesData: Bool = false

    /// A change of the setting at `path` in `file`.
    @_spi(Tools) public init(
        file: String, path: String, before: String?, after: String?, policy: Policy, policyName: String,
        losesData: Bool = false
    ) {
        self.file = file
        self.path = path
        self.before = before
        self.after = after
        self.policy = policy
        self.policyName = policyName
        self.losesData = losesData
    }
}

/// A changed native configuration file (HTC grid, bwVisu, HPCStats, Slurm's own service units)
/// and what has to re-read it.
@_spi(Tools) public struct NativeConfigChange: Hashable, Sendable {
    @_spi(Tools) public enum Kind: String, Hashable, Sendable {
        case added, changed, removed
    }

    /// The file's path in the deployment folder.
    @_spi(Tools) public var path: String
    @_spi(Tools) public var kind: Kind
    /// The system that reads it (`htc-grid`, `bwvisu`, `hpcstats`, `ansible`, `scripts`).
    @_spi(Tools) public var system: String
    /// The top-level keys or sections that changed, when the format has them.
    @_spi(Tools) public var keys: [String] = []
    /// What has to happen for it to take effect.
    @_spi(Tools) public var takes: String

    /// A change of the file at `path`.
    @_spi(Tools) public init(path: String, kind: Kind, system: String, keys: [String] = [], takes: String) {
        self.path = path
        self.kind = kind
        self.system = system
        self.keys = keys
        self.takes = takes
    }
}

/// The deployment's list-price cost before and after, per hour at the idle floor and at most.
@_spi(Tools) public struct CostChange: Hashable, Sendable {
    @_spi(Tools) public var idleBefore: HourlyCost
    @_spi(Tools) public var idleAfter: HourlyCost
    @_spi(Tools) public var maxBefore: HourlyCost
    @_spi(Tools) public var maxAfter: HourlyCost
    /// Either side has something without a public price: the figures are lower bounds.
    @_spi(Tools) public var incomplete: Bool
}
