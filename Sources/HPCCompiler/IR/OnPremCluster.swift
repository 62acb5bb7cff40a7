/// A Slurm cluster that exists already (on premises): hpcc writes its configuration, not its machines.
public struct OnPremCluster: Hashable, Sendable {
    public var origin: Origin
    /// `ClusterName`.
    public var name: String
    public var controllerHost: String
    /// What nodes connect to; nil when `controllerHost` resolves.
    public var controllerAddress: String?
    public var nodeGroups: [OnPremNodeGroup]
    public var partitions: [OnPremPartition]
    public var accounting: OnPremAccounting?
    public var daemons: SlurmDaemonLayout
    /// `cgroup` or `linuxproc`.
    public var processTracking: ProcessTracking

    /// The node group named `name`.
    public func nodeGroup(_ name: String) -> OnPremNodeGroup? {
        nodeGroups.first { $0.name == name }
    }
}

/// How Slurm keeps track of a job's processes.
public enum ProcessTracking: String, Hashable, Sendable {
    /// cgroups: containment, accounting, and cgroup.conf.
    case cgroup
    /// The process tree (no containment): for hosts without cgroup delegation.
    case linuxproc
}

/// Identical nodes of an existing cluster.
public struct OnPremNodeGroup: Hashable, Sendable {
    public var name: String
    /// The host list as written (`cn[001-200]`), and every host it names, in order.
    public var hostList: String
    public var hosts: [String]
    public var sockets: Int
    public var coresPerSocket: Int
    public var threadsPerCore: Int
    /// Physical memory in MiB (HPCStats' figure).
    public var memoryMiB: Int
    /// MiB Slurm may schedule.
    public var realMemoryMiB: Int
    public var gpus: GPU?
    public var cpuModel: String?
    /// Nominal clock in Hz.
    public var frequencyHz: Double?
    /// Double-precision FLOPs per cycle per core.
    public var flopsPerCycle: Int?
    public var features: [String]

    public var cores: Int { sockets * coresPerSocket }
    public var cpus: Int { cores * threadsPerCore }
}

extension OnPremNodeGroup: NodeHardware {}

/// A partition of an existing cluster.
public struct OnPremPartition: Hashable, Sendable {
    public var name: String
    public var nodeGroups: [String]
    public var isDefault: Bool
    public var maxTime: String
    public var exclusive: Bool
    /// Further PartitionName keys; they override hpcc's.
    public var extraConfiguration: [String: String]
}

/// slurmdbd and the MariaDB it stores accounting in.
public struct OnPremAccounting: Hashable, Sendable {
    public var storageHost: String
    public var storagePort: Int
    public var database: String
    public var user: String
    public var dbdHost: String
    public var dbdPort: Int
    /// Included by slurmdbd.conf; holds `StoragePass`, written by whoever runs the database.
    public var passwordFile: String
}

/// Where the daemons listen, keep state, log and write PID files.
public struct SlurmDaemonLayout: Hashable, Sendable {
    public var slurmUser: String
    public var slurmctldPort: Int
    public var slurmdPort: Int
    public var stateSaveLocation: String
    public var slurmdSpoolDirectory: String
    public var logDirectory: String
    public var pidDirectory: String
    /// MUNGE's socket; nil for its default.
    public var mungeSocket: String?
}
