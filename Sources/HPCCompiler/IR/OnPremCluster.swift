/// A Slurm cluster that exists already (on premises): hpcc writes its configuration, not its machines.
@_spi(Tools) public struct OnPremCluster: Hashable, Sendable {
    /// The existing-slurm module's origin.
    @_spi(Tools) public var origin: Origin
    /// `ClusterName`.
    @_spi(Tools) public var name: String
    /// The host slurmctld runs on (`SlurmctldHost`).
    @_spi(Tools) public var controllerHost: String
    /// What nodes connect to; nil when `controllerHost` resolves.
    @_spi(Tools) public var controllerAddress: String?
    /// The login nodes jobs are submitted from.
    @_spi(Tools) public var loginNodes: [OnPremHost] = []
    /// Groups of identical nodes.
    @_spi(Tools) public var nodeGroups: [OnPremNodeGroup]
    /// Partitions.
    @_spi(Tools) public var partitions: [OnPremPartition]
    /// Slurm accounting through slurmdbd; nil for none.
    @_spi(Tools) public var accounting: OnPremAccounting?
    /// User, ports and directories of the daemons.
    @_spi(Tools) public var daemons: SlurmDaemonLayout
    /// `cgroup` or `linuxproc`.
    @_spi(Tools) public var processTracking: ProcessTracking
    /// slurmrestd on the controller for services with tokens; nil for none.
    @_spi(Tools) public var restAPI: SlurmRestAPI?
    /// Prolog, epilog, task prolog and task epilog scripts, installed on every node.
    @_spi(Tools) public var jobScripts = JobScripts(directory: "/etc/slurm/hpcc-job-scripts", scripts: [:])

    /// The node group named `name`.
    @_spi(Tools) public func nodeGroup(_ name: String) -> OnPremNodeGroup? {
        nodeGroups.first { $0.name == name }
    }
}

/// How Slurm keeps track of a job's processes.
@_spi(Tools) public enum ProcessTracking: String, CaseIterable, Hashable, Sendable {
    /// cgroups: containment, accounting, and cgroup.conf.
    case cgroup
    /// The process tree (no containment): for hosts without cgroup delegation.
    case linuxproc
}

/// Identical nodes of an existing cluster.
@_spi(Tools) public struct OnPremNodeGroup: Hashable, Sendable {
    /// The group's name (`NodeSet`).
    @_spi(Tools) public var name: String
    /// The host list as written (`cn[001-200]`), and every host it names, in order.
    @_spi(Tools) public var hostList: String
    /// Every host the host list names.
    @_spi(Tools) public var hosts: [String]
    /// Sockets per node.
    @_spi(Tools) public var sockets: Int
    /// Cores per socket.
    @_spi(Tools) public var coresPerSocket: Int
    /// Threads per core.
    @_spi(Tools) public var threadsPerCore: Int
    /// Physical memory in MiB (HPCStats' figure).
    @_spi(Tools) public var memoryMiB: Int
    /// MiB Slurm may schedule.
    @_spi(Tools) public var realMemoryMiB: Int
    /// GPUs per node; nil for none.
    @_spi(Tools) public var gpus: GPU?
    /// The processor model, for HPCStats; nil when not given.
    @_spi(Tools) public var cpuModel: String?
    /// Nominal clock in Hz.
    @_spi(Tools) public var frequencyHz: Double?
    /// Double-precision FLOPs per cycle per core.
    @_spi(Tools) public var flopsPerCycle: Int?
    /// Slurm node features.
    @_spi(Tools) public var features: [String]

    /// Cores per node.
    @_spi(Tools) public var cores: Int { sockets * coresPerSocket }
    /// Hardware threads per node (Slurm's `CPUs`).
    @_spi(Tools) public var cpus: Int { cores * threadsPerCore }
}

extension OnPremNodeGroup: NodeHardware {}

/// A partition of an existing cluster.
@_spi(Tools) public struct OnPremPartition: Hashable, Sendable {
    /// `PartitionName`.
    @_spi(Tools) public var name: String
    /// Names of its node groups.
    @_spi(Tools) public var nodeGroups: [String]
    /// Jobs that name no partition run here.
    @_spi(Tools) public var isDefault: Bool
    /// `MaxTime` (`UNLIMITED`, `2-00:00:00`, ...).
    @_spi(Tools) public var maxTime: String
    /// Each job gets whole nodes.
    @_spi(Tools) public var exclusive: Bool
    /// Further PartitionName keys; they override hpcc's.
    @_spi(Tools) public var extraConfiguration: [String: String]
}

/// slurmdbd and the MariaDB it stores accounting in.
@_spi(Tools) public struct OnPremAccounting: Hashable, Sendable {
    /// The database server slurmdbd writes to.
    @_spi(Tools) public var storageHost: String
    /// Its port.
    @_spi(Tools) public var storagePort: Int
    /// The database's name.
    @_spi(Tools) public var database: String
    /// The user slurmdbd connects as.
    @_spi(Tools) public var user: String
    /// The host slurmdbd runs on.
    @_spi(Tools) public var dbdHost: String
    /// slurmdbd's port.
    @_spi(Tools) public var dbdPort: Int
    /// Included by slurmdbd.conf; holds `StoragePass`, written by whoever runs the database.
    @_spi(Tools) public var passwordFile: String
}

/// Where the daemons listen, keep state, log and write PID files.
@_spi(Tools) public struct SlurmDaemonLayout: Hashable, Sendable {
    /// The user slurmctld runs as (`SlurmUser`).
    @_spi(Tools) public var slurmUser: String
    /// `SlurmctldPort`.
    @_spi(Tools) public var slurmctldPort: Int
    /// `SlurmdPort`.
    @_spi(Tools) public var slurmdPort: Int
    /// `StateSaveLocation`.
    @_spi(Tools) public var stateSaveLocation: String
    /// `SlurmdSpoolDir`.
    @_spi(Tools) public var slurmdSpoolDirectory: String
    /// Where the daemons' log files go.
    @_spi(Tools) public var logDirectory: String
    /// Where their PID files go.
    @_spi(Tools) public var pidDirectory: String
    /// MUNGE's socket; nil for its default.
    @_spi(Tools) public var mungeSocket: String?
}

/// A host of an existing cluster that is not a compute node (a login node).
@_spi(Tools) public struct OnPremHost: Hashable, Sendable {
    /// Its name.
    @_spi(Tools) public var host: String
    /// What Ansible connects to; nil when the name resolves.
    @_spi(Tools) public var address: String?
}
