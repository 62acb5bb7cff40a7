/// A Slurm cluster: its controller, login groups, partitions and nodesets, and how its nodes
/// mount shared filesystems.
@_spi(Tools) public struct SlurmCluster: Hashable, Sendable {
    /// The controller module's origin.
    @_spi(Tools) public var origin: Origin
    /// `ClusterName`, also the prefix of every host name.
    @_spi(Tools) public var name: String
    /// Region of the controller, the nodes and the config bucket.
    @_spi(Tools) public var region: String
    /// The controller instance.
    @_spi(Tools) public var controller: SlurmController
    /// Login node groups, in blueprint order.
    @_spi(Tools) public var loginGroups: [LoginGroup]
    /// Partitions, in the order the controller's `partitions` names them.
    @_spi(Tools) public var partitions: [Partition]
    /// Every nodeset, once, in the order partitions name them.
    @_spi(Tools) public var nodesets: [Nodeset]
    /// Filesystems every node mounts, in blueprint order.
    @_spi(Tools) public var mounts: [MountContract]
    /// Filesystems only login nodes mount.
    @_spi(Tools) public var loginMounts: [MountContract]
    /// Cluster-wide slurm.conf parameters.
    @_spi(Tools) public var parameters: SlurmParameters
    /// Where the compiled Slurm files are kept for the nodes to fetch.
    @_spi(Tools) public var bucket: ConfigBucket
    /// Export /home and /opt/apps from the controller (paths a filesystem already mounts are left out).
    @_spi(Tools) public var controllerExports: [String]
    /// Delete the nodes Slurm created when the deployment is destroyed (Terraform does not know them).
    @_spi(Tools) public var cleanupCompute: Bool
    /// Seconds a compute node's user script may run (0: no limit).
    @_spi(Tools) public var computeStartupTimeout: Int
    /// slurmrestd on the controller for services with tokens; nil for none.
    @_spi(Tools) public var restAPI: SlurmRestAPI? = nil
    /// Prolog, epilog, task prolog and task epilog scripts, which every compute node fetches from the
    /// deployment bucket at boot.
    @_spi(Tools) public var jobScripts = JobScripts(directory: "/slurm/hpcc/job-scripts", scripts: [:])
    /// Slurm accounting: slurmdbd on the controller, storing in Cloud SQL; nil for none.
    @_spi(Tools) public var accounting: SlurmAccountingStorage? = nil

    /// The controller's host name.
    @_spi(Tools) public var controllerHostName: String { "\(name)-controller" }

    /// The nodeset named `name`.
    @_spi(Tools) public func nodeset(_ name: String) -> Nodeset? {
        nodesets.first { $0.name == name }
    }

    /// The nodesets by name, for looking up many (the first of a name wins, as in `nodeset(_:)`).
    @_spi(Tools) public var nodesetsByName: [String: Nodeset] {
        Dictionary(nodesets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The controller.
@_spi(Tools) public struct SlurmController: Hashable, Sendable {
    /// Zone of the controller instance.
    @_spi(Tools) public var zone: String
    /// Machine, image, disks, network and service account.
    @_spi(Tools) public var instance: InstanceProperties
    /// A fixed internal address, when the blueprint gives one.
    @_spi(Tools) public var staticIP: String?
    /// A separate disk for slurmctld's state, when the blueprint asks for one.
    @_spi(Tools) public var stateDisk: Disk?
    /// The user's startup script, run after hpcc's node setup.
    @_spi(Tools) public var startupScript: TerraformText
    /// Seconds the user's script may run (0: no limit).
    @_spi(Tools) public var startupTimeout: Int
    /// The second slurmctld of a highly available cluster; nil for one controller.
    @_spi(Tools) public var backup: BackupController? = nil
}

/// A group of login nodes.
@_spi(Tools) public struct LoginGroup: Hashable, Sendable {
    /// The login module's origin.
    @_spi(Tools) public var origin: Origin
    /// The group's name, part of its host names.
    @_spi(Tools) public var name: String
    /// How many login nodes.
    @_spi(Tools) public var count: Int
    /// Zone of the login nodes.
    @_spi(Tools) public var zone: String
    /// Machine, image, disks, network and service account.
    @_spi(Tools) public var instance: InstanceProperties
    /// Fixed internal addresses, one per node; empty for none.
    @_spi(Tools) public var staticIPs: [String]
    /// The user's startup script, run after hpcc's node setup.
    @_spi(Tools) public var startupScript: TerraformText
    /// Seconds the user's script may run (0: no limit).
    @_spi(Tools) public var startupTimeout: Int

    /// Host names: `<cluster>-<group>-<i>`.
    @_spi(Tools) public func hostNames(cluster: String) -> [String] {
        (0..<count).map { "\(cluster)-\(name)-\($0)" }
    }
}

/// A Slurm partition.
@_spi(Tools) public struct Partition: Hashable, Sendable {
    /// The partition module's origin.
    @_spi(Tools) public var origin: Origin
    /// `PartitionName`.
    @_spi(Tools) public var name: String
    /// Nodeset names.
    @_spi(Tools) public var nodesets: [String]
    /// Jobs that name no partition run here (`Default=YES`).
    @_spi(Tools) public var isDefault: Bool
    /// Each job gets whole nodes (`OverSubscribe=EXCLUSIVE`).
    @_spi(Tools) public var exclusive: Bool
    /// Idle seconds before a dynamic node is powered down; -1 never (`INFINITE`).
    @_spi(Tools) public var suspendTime: Int
    /// `SuspendTimeout` for this partition; nil takes the cluster's.
    @_spi(Tools) public var suspendTimeout: Int?
    /// `ResumeTimeout` for this partition; nil takes the cluster's.
    @_spi(Tools) public var resumeTimeout: Int?
    /// Extra PartitionName keys; they override hpcc's.
    @_spi(Tools) public var extraConfiguration: [String: String]
}

/// A set of identical nodes.
@_spi(Tools) public struct Nodeset: Hashable, Sendable {
    /// The nodeset module's origin.
    @_spi(Tools) public var origin: Origin
    /// `NodeSet` name, part of its node names.
    @_spi(Tools) public var name: String
    /// Nodes that are always up (never powered down).
    @_spi(Tools) public var staticCount: Int
    /// Nodes Slurm creates on demand, at most.
    @_spi(Tools) public var dynamicMax: Int
    /// Machine, image, disks, network and service account of every node.
    @_spi(Tools) public var instance: InstanceProperties
    /// What slurm.conf says about a node.
    @_spi(Tools) public var shape: SlurmNodeShape
    /// Zones to try, first the primary.
    @_spi(Tools) public var zones: [String]
    /// A Compute Engine reservation the nodes must come from.
    @_spi(Tools) public var reservation: String?
    /// Nodes are placed close together (a compact placement policy).
    @_spi(Tools) public var placement: Bool
    /// The accelerator slice shape the compact placement policy asks for (`1x72`); nil for none.
    @_spi(Tools) public var acceleratorTopology: String? = nil
    /// Extra NodeName keys; they override hpcc's.
    @_spi(Tools) public var extraConfiguration: [String: String]
    /// The user's startup script, run after hpcc's node setup.
    @_spi(Tools) public var startupScript: TerraformText
    /// Filesystems only this nodeset mounts.
    @_spi(Tools) public var mounts: [MountContract]
    /// Compute Engine instances or TPU VMs.
    @_spi(Tools) public var kind: NodesetKind = .instances

    /// Total nodes.
    @_spi(Tools) public var count: Int { staticCount + dynamicMax }

    /// `<cluster>-<nodeset>`.
    @_spi(Tools) public func prefix(cluster: String) -> String { "\(cluster)-\(name)" }

    /// Static node host names (the first `staticCount` indices).
    @_spi(Tools) public func staticHostNames(cluster: String) -> [String] {
        (0..<staticCount).map { "\(prefix(cluster: cluster))-\($0)" }
    }
}

/// What slurm.conf says about a node of a nodeset.
@_spi(Tools) public struct SlurmNodeShape: Hashable, Sendable {
    /// `CPUs`: the threads Slurm schedules.
    @_spi(Tools) public var cpus: Int
    /// `Boards`.
    @_spi(Tools) public var boards: Int
    /// `SocketsPerBoard`.
    @_spi(Tools) public var socketsPerBoard: Int
    /// `CoresPerSocket`.
    @_spi(Tools) public var coresPerSocket: Int
    /// `ThreadsPerCore`: 1 with simultaneous multithreading off.
    @_spi(Tools) public var threadsPerCore: Int
    /// MiB Slurm may schedule (the machine's memory minus what the OS keeps).
    @_spi(Tools) public var realMemory: Int
    /// The node's GPUs (`Gres=gpu:<type>:N`).
    @_spi(Tools) public var gpus: GPU?
    /// `Features`: what a job may ask for with `--constraint` (the machine family and architecture).
    @_spi(Tools) public var features: [String] = []
}

/// Cluster-wide slurm.conf parameters.
@_spi(Tools) public struct SlurmParameters: Hashable, Sendable {
    /// How the daemons authenticate (`AuthType`, `CredType`).
    @_spi(Tools) public var authentication: SlurmAuthentication
    /// `SlurmctldDebug` and `SlurmdDebug` at `debug` instead of `info`.
    @_spi(Tools) public var debugLogging: Bool
    /// Leave out the comma-separated parameters (`LaunchParameters`, `SlurmctldParameters`, `GresTypes`).
    @_spi(Tools) public var noCommaParams: Bool
    /// `PrivateData` values besides `cloud`, which hpcc always sets.
    @_spi(Tools) public var privateData: [String]
    /// `SchedulerParameters`.
    @_spi(Tools) public var schedulerParameters: [String]
    /// `ResumeRate`: nodes powered up per minute, at most.
    @_spi(Tools) public var resumeRate: Int
    /// `ResumeTimeout` in seconds.
    @_spi(Tools) public var resumeTimeout: Int
    /// `SuspendRate`: nodes powered down per minute, at most.
    @_spi(Tools) public var suspendRate: Int
    /// `SuspendTimeout` in seconds.
    @_spi(Tools) public var suspendTimeout: Int
    /// `SlurmdTimeout` in seconds.
    @_spi(Tools) public var slurmdTimeout: Int
    /// `UnkillableStepTimeout` in seconds.
    @_spi(Tools) public var unkillableStepTimeout: Int
    /// `TopologyPlugin`, when set.
    @_spi(Tools) public var topologyPlugin: String?
    /// `TopologyParam`, when set.
    @_spi(Tools) public var topologyParam: String?
    /// `TreeWidth`.
    @_spi(Tools) public var treeWidth: Int
    /// `PrologFlags`, when set.
    @_spi(Tools) public var prologFlags: String?
    /// `SwitchType`, when set.
    @_spi(Tools) public var switchType: String?
    /// Settings of the controller's `slurm_conf_tpl`, in template order: each replaces hpcc's
    /// setting of that name or is added.
    @_spi(Tools) public var templateSettings: [SlurmSetting] = []
}

/// One `Key=Value` setting of slurm.conf.
@_spi(Tools) public struct SlurmSetting: Hashable, Sendable {
    /// The key, as written.
    @_spi(Tools) public var key: String
    /// The value.
    @_spi(Tools) public var value: String
}

/// How Slurm daemons authenticate.
@_spi(Tools) public enum SlurmAuthentication: String, Hashable, Sendable {
    /// MUNGE (`auth/munge`).
    case munge
    /// Slurm's own `auth/slurm`, with a shared key.
    case slurm
}

/// The bucket holding the compiled Slurm files.
@_spi(Tools) public struct ConfigBucket: Hashable, Sendable {
    /// The bucket's name.
    @_spi(Tools) public var name: String
    /// Folder inside the bucket.
    @_spi(Tools) public var directory: String
    /// Whether hpcc's Terraform creates it.
    @_spi(Tools) public var create: Bool
    /// The bucket's location (a region).
    @_spi(Tools) public var location: String
    /// The Cloud KMS key new objects are encrypted with; nil for Google's default encryption.
    @_spi(Tools) public var kmsKey: String? = nil

    /// `gs://bucket/dir`.
    @_spi(Tools) public var url: String { "gs://\(name)/\(directory)" }
}
