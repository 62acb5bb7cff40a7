/// A Slurm cluster: its controller, login groups, partitions and nodesets, and how its nodes
/// mount shared filesystems.
public struct SlurmCluster: Hashable, Sendable {
    /// The controller module's origin.
    public var origin: Origin
    /// `ClusterName`, also the prefix of every host name.
    public var name: String
    /// Region of the controller, the nodes and the config bucket.
    public var region: String
    /// The controller instance.
    public var controller: SlurmController
    /// Login node groups, in blueprint order.
    public var loginGroups: [LoginGroup]
    /// Partitions, in the order the controller's `partitions` names them.
    public var partitions: [Partition]
    /// Every nodeset, once, in the order partitions name them.
    public var nodesets: [Nodeset]
    /// Filesystems every node mounts, in blueprint order.
    public var mounts: [MountContract]
    /// Filesystems only login nodes mount.
    public var loginMounts: [MountContract]
    /// Cluster-wide slurm.conf parameters.
    public var parameters: SlurmParameters
    /// Where the compiled Slurm files are kept for the nodes to fetch.
    public var bucket: ConfigBucket
    /// Export /home and /opt/apps from the controller (paths a filesystem already mounts are left out).
    public var controllerExports: [String]
    /// Delete the nodes Slurm created when the deployment is destroyed (Terraform does not know them).
    public var cleanupCompute: Bool
    /// Seconds a compute node's user script may run (0: no limit).
    public var computeStartupTimeout: Int

    /// The controller's host name.
    public var controllerHostName: String { "\(name)-controller" }

    /// The nodeset named `name`.
    public func nodeset(_ name: String) -> Nodeset? {
        nodesets.first { $0.name == name }
    }

    /// The nodesets by name, for looking up many (the first of a name wins, as in `nodeset(_:)`).
    public var nodesetsByName: [String: Nodeset] {
        Dictionary(nodesets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// The controller.
public struct SlurmController: Hashable, Sendable {
    /// Zone of the controller instance.
    public var zone: String
    /// Machine, image, disks, network and service account.
    public var instance: InstanceProperties
    /// A fixed internal address, when the blueprint gives one.
    public var staticIP: String?
    /// A separate disk for slurmctld's state, when the blueprint asks for one.
    public var stateDisk: Disk?
    /// The user's startup script, run after hpcc's node setup.
    public var startupScript: TerraformText
    /// Seconds the user's script may run (0: no limit).
    public var startupTimeout: Int
}

/// A group of login nodes.
public struct LoginGroup: Hashable, Sendable {
    /// The login module's origin.
    public var origin: Origin
    /// The group's name, part of its host names.
    public var name: String
    /// How many login nodes.
    public var count: Int
    /// Zone of the login nodes.
    public var zone: String
    /// Machine, image, disks, network and service account.
    public var instance: InstanceProperties
    /// Fixed internal addresses, one per node; empty for none.
    public var staticIPs: [String]
    /// The user's startup script, run after hpcc's node setup.
    public var startupScript: TerraformText
    /// Seconds the user's script may run (0: no limit).
    public var startupTimeout: Int

    /// Host names: `<cluster>-<group>-<i>`.
    public func hostNames(cluster: String) -> [String] {
        (0..<count).map { "\(cluster)-\(name)-\($0)" }
    }
}

/// A Slurm partition.
public struct Partition: Hashable, Sendable {
    /// The partition module's origin.
    public var origin: Origin
    /// `PartitionName`.
    public var name: String
    /// Nodeset names.
    public var nodesets: [String]
    /// Jobs that name no partition run here (`Default=YES`).
    public var isDefault: Bool
    /// Each job gets whole nodes (`OverSubscribe=EXCLUSIVE`).
    public var exclusive: Bool
    /// Idle seconds before a dynamic node is powered down; -1 never (`INFINITE`).
    public var suspendTime: Int
    /// `SuspendTimeout` for this partition; nil takes the cluster's.
    public var suspendTimeout: Int?
    /// `ResumeTimeout` for this partition; nil takes the cluster's.
    public var resumeTimeout: Int?
    /// Extra PartitionName keys; they override hpcc's.
    public var extraConfiguration: [String: String]
}

/// A set of identical nodes.
public struct Nodeset: Hashable, Sendable {
    /// The nodeset module's origin.
    public var origin: Origin
    /// `NodeSet` name, part of its node names.
    public var name: String
    /// Nodes that are always up (never powered down).
    public var staticCount: Int
    /// Nodes Slurm creates on demand, at most.
    public var dynamicMax: Int
    /// Machine, image, disks, network and service account of every node.
    public var instance: InstanceProperties
    /// What slurm.conf says about a node.
    public var shape: SlurmNodeShape
    /// Zones to try, first the primary.
    public var zones: [String]
    /// A Compute Engine reservation the nodes must come from.
    public var reservation: String?
    /// Nodes are placed close together (a compact placement policy).
    public var placement: Bool
    /// Extra NodeName keys; they override hpcc's.
    public var extraConfiguration: [String: String]
    /// The user's startup script, run after hpcc's node setup.
    public var startupScript: TerraformText
    /// Filesystems only this nodeset mounts.
    public var mounts: [MountContract]

    /// Total nodes.
    public var count: Int { staticCount + dynamicMax }

    /// `<cluster>-<nodeset>`.
    public func prefix(cluster: String) -> String { "\(cluster)-\(name)" }

    /// Static node host names (the first `staticCount` indices).
    public func staticHostNames(cluster: String) -> [String] {
        (0..<staticCount).map { "\(prefix(cluster: cluster))-\($0)" }
    }
}

/// What slurm.conf says about a node of a nodeset.
public struct SlurmNodeShape: Hashable, Sendable {
    /// `CPUs`: the threads Slurm schedules.
    public var cpus: Int
    /// `Boards`.
    public var boards: Int
    /// `SocketsPerBoard`.
    public var socketsPerBoard: Int
    /// `CoresPerSocket`.
    public var coresPerSocket: Int
    /// `ThreadsPerCore`: 1 with simultaneous multithreading off.
    public var threadsPerCore: Int
    /// MiB Slurm may schedule (the machine's memory minus what the OS keeps).
    public var realMemory: Int
    /// The node's GPUs (`Gres=gpu:N`).
    public var gpus: GPU?
}

/// Cluster-wide slurm.conf parameters.
public struct SlurmParameters: Hashable, Sendable {
    /// How the daemons authenticate (`AuthType`, `CredType`).
    public var authentication: SlurmAuthentication
    /// `SlurmctldDebug` and `SlurmdDebug` at `debug` instead of `info`.
    public var debugLogging: Bool
    /// Leave out the comma-separated parameters (`LaunchParameters`, `SlurmctldParameters`, `GresTypes`).
    public var noCommaParams: Bool
    /// `PrivateData` values besides `cloud`, which hpcc always sets.
    public var privateData: [String]
    /// `SchedulerParameters`.
    public var schedulerParameters: [String]
    /// `ResumeRate`: nodes powered up per minute, at most.
    public var resumeRate: Int
    /// `ResumeTimeout` in seconds.
    public var resumeTimeout: Int
    /// `SuspendRate`: nodes powered down per minute, at most.
    public var suspendRate: Int
    /// `SuspendTimeout` in seconds.
    public var suspendTimeout: Int
    /// `SlurmdTimeout` in seconds.
    public var slurmdTimeout: Int
    /// `UnkillableStepTimeout` in seconds.
    public var unkillableStepTimeout: Int
    /// `TopologyPlugin`, when set.
    public var topologyPlugin: String?
    /// `TopologyParam`, when set.
    public var topologyParam: String?
    /// `TreeWidth`.
    public var treeWidth: Int
    /// `PrologFlags`, when set.
    public var prologFlags: String?
    /// `SwitchType`, when set.
    public var switchType: String?
}

/// How Slurm daemons authenticate.
public enum SlurmAuthentication: String, Hashable, Sendable {
    /// MUNGE (`auth/munge`).
    case munge
    /// Slurm's own `auth/slurm`, with a shared key.
    case slurm
}

/// The bucket holding the compiled Slurm files.
public struct ConfigBucket: Hashable, Sendable {
    /// The bucket's name.
    public var name: String
    /// Folder inside the bucket.
    public var directory: String
    /// Whether hpcc's Terraform creates it.
    public var create: Bool
    /// The bucket's location (a region).
    public var location: String

    /// `gs://bucket/dir`.
    public var url: String { "gs://\(name)/\(directory)" }
}
