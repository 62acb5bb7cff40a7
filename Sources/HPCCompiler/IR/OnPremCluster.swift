/// A Slurm cluster that exists already (on premises): hpcc writes its configuration, not its machines.
public struct OnPremCluster: Hashable, Sendable {
    /// The existing-slurm module's origin.
    public var origin: Origin
    /// `ClusterName`.
    public var name: String
    /// The host slurmctld runs on (`SlurmctldHost`).
    public var controllerHost: String
    /// What nodes connect to; nil when `controllerHost` resolves.
    public var controllerAddress: String?
    /// The login nodes jobs are submitted from.
    public var loginNodes: [OnPremHost] = []
    /// Groups of identical nodes.
    public var nodeGroups: [OnPremNodeGroup]
    /// Partitions.
    public var partitions: [OnPremPartition]
    /// Slurm accounting through slurmdbd; nil for none.
    public var accounting: OnPremAccounting?
    /// User, ports and directories of the daemons.
    public var daemons: SlurmDaemonLayout
    /// `cgroup` or `linuxproc`.
    public var processTracking: ProcessTracking

    /// The node group named `name`.
    public func nodeGroup(_ name: String) -> OnPremNodeGroup? {
        nodeGroups.first { $0.name == name }
    }
}

/// How Slurm keeps track of a job's processes.
public enum ProcessTracking: String, CaseIterable, Hashable, Sendable {
    /// cgroups: containment, accounting, and cgroup.conf.
    case cgroup
    /// The process tree (no containment): for hosts without cgroup delegation.
    case linuxproc
}

/// Identical nodes of an existing cluster.
public struct OnPremNodeGroup: Hashable, Sendable {
    /// The group's name (`NodeSet`).
    public var name: String
    /// The host list as written (`cn[001-200]`), and every host it names, in order.
    public var hostList: String
    /// Every host the host list names.
    public var hosts: [String]
    /// Sockets per node.
    public var sockets: Int
    /// Cores per socket.
    public var coresPerSocket: Int
    /// Threads per core.
    public var threadsPerCore: Int
    /// Physical memory in MiB (HPCStats' figure).
    public var memoryMiB: Int
    /// MiB Slurm may schedule.
    public var realMemoryMiB: Int
    /// GPUs per node; nil for none.
    public var gpus: GPU?
    /// The processor model, for HPCStats; nil when not given.
    public var cpuModel: String?
    /// Nominal clock in Hz.
    public var frequencyHz: Double?
    /// Double-precision FLOPs per cycle per core.
    public var flopsPerCycle: Int?
    /// Slurm node features.
    public var features: [String]

    /// Cores per node.
    public var cores: Int { sockets * coresPerSocket }
    /// Hardware threads per node (Slurm's `CPUs`).
    public var cpus: Int { cores * threadsPerCore }
}

extension OnPremNodeGroup: NodeHardware {}

/// A partition of an existing cluster.
public struct OnPremPartition: Hashable, Sendable {
    /// `PartitionName`.
    public var name: String
    /// Names of its node groups.
    public var nodeGroups: [String]
    /// Jobs that name no partition run here.
    public var isDefault: Bool
    /// `MaxTime` (`UNLIMITED`, `2-00:00:00`, ...).
    public var maxTime: String
    /// Each job gets whole nodes.
    public var exclusive: Bool
    /// Further PartitionName keys; they override hpcc's.
    public var extraConfiguration: [String: String]
}

/// slurmdbd and the MariaDB it stores accounting in.
public struct OnPremAccounting: Hashable, Sendable {
    /// The database server slurmdbd writes to.
    public var storageHost: String
    /// Its port.
    public var storagePort: Int
    /// The database's name.
    public var database: String
    /// The user slurmdbd connects as.
    public var user: String
    /// The host slurmdbd runs on.
    public var dbdHost: String
    /// slurmdbd's port.
    public var dbdPort: Int
    /// Included by slurmdbd.conf; holds `StoragePass`, written by whoever runs the database.
    public var passwordFile: String
}

/// Where the daemons listen, keep state, log and write PID files.
public struct SlurmDaemonLayout: Hashable, Sendable {
    /// The user slurmctld runs as (`SlurmUser`).
    public var slurmUser: String
    /// `SlurmctldPort`.
    public var slurmctldPort: Int
    /// `SlurmdPort`.
    public var slurmdPort: Int
    /// `StateSaveLocation`.
    public var stateSaveLocation: String
    /// `SlurmdSpoolDir`.
    public var slurmdSpoolDirectory: String
    /// Where the daemons' log files go.
    public var logDirectory: String
    /// Where their PID files go.
    public var pidDirectory: String
    /// MUNGE's socket; nil for its default.
    public var mungeSocket: String?
}

/// A host of an existing cluster that is not a compute node (a login node).
public struct OnPremHost: Hashable, Sendable {
    /// Its name.
    public var host: String
    /// What Ansible connects to; nil when the name resolves.
    public var address: String?
}
