/// HPCStats: usage statistics of Slurm clusters, imported from each cluster's accounting database
/// into HPCStats' PostgreSQL database. Passwords are never part of it: each is a file on the
/// HPCStats host that hpcc's installer reads.
public struct HPCStatsSetup: Hashable, Sendable {
    /// The hpcstats module's origin.
    public var origin: Origin
    /// Where `hpcstats.conf` and the architecture files are installed.
    public var configDirectory: String
    /// HPCStats' own PostgreSQL database.
    public var database: HPCStatsDatabase
    /// Where HPCStats imports users from.
    public var users: HPCStatsDirectory
    /// The MariaDB login HPCStats reads every cluster's accounting with.
    public var accountingUser: String
    /// File on the HPCStats host holding the Slurm accounting database's password.
    public var accountingPasswordFile: String
    /// Jobs imported per query (0: all at once).
    public var windowSize: Int
    /// The clusters HPCStats describes.
    public var clusters: [HPCStatsCluster]

    /// The installed architecture file of `cluster`.
    public func architectureFile(_ cluster: HPCStatsCluster) -> String {
        "\(configDirectory)/\(cluster.name)/architecture.conf"
    }
}

/// HPCStats' own PostgreSQL database.
public struct HPCStatsDatabase: Hashable, Sendable {
    /// The database server.
    public var host: String
    /// Its port.
    public var port: Int
    /// The database's name.
    public var name: String
    /// The user HPCStats connects as.
    public var user: String
    /// File on the HPCStats host holding that user's password.
    public var passwordFile: String
}

/// Where HPCStats reads users and their departments (LDAP, optionally completed from Slurm).
public struct HPCStatsDirectory: Hashable, Sendable {
    /// `ldap` or `ldap+slurm`.
    public var importer: HPCStatsImporter
    /// The LDAP server's URL.
    public var url: String
    /// The base DN of the search.
    public var baseDN: String
    /// The DN HPCStats binds as, and the file holding its password.
    public var bindDN: String
    /// File on the HPCStats host holding the bind password.
    public var passwordFile: String
    /// The LDAP filter that finds a user's department group (`department_group_filter`).
    public var departmentSearch: String
    /// How the department is read from that group's name (`department_group_pattern`).
    public var departmentPattern: String
    /// Groups whose members are HPCStats users.
    public var groups: [String]
    /// CA certificate for LDAPS; nil for none.
    public var certificate: String?
}

/// Where HPCStats takes its users from.
public enum HPCStatsImporter: String, CaseIterable, Sendable {
    /// LDAP alone.
    case ldap
    /// LDAP, completed from the users Slurm accounting records.
    case ldapSlurm = "ldap+slurm"
}

/// One cluster as HPCStats describes it: its architecture and where its jobs are recorded.
public struct HPCStatsCluster: Hashable, Sendable {
    /// The cluster's name (Slurm's `ClusterName`).
    public var name: String
    /// Partitions, each with its node groups.
    public var partitions: [HPCStatsPartition]
    /// The Slurm accounting database jobs are imported from.
    public var accounting: HPCStatsAccountingSource

    /// Every node group of every partition.
    public var nodeGroups: [HPCStatsNodeGroup] { partitions.flatMap(\.nodeGroups) }
}

/// A partition of HPCStats' architecture: node groups no other partition holds, and the Slurm
/// partitions whose jobs run on them.
public struct HPCStatsPartition: Hashable, Sendable {
    /// The partition's name in HPCStats.
    public var name: String
    /// Slurm partitions whose jobs count for it.
    public var jobPartitions: [String]
    /// Its node groups.
    public var nodeGroups: [HPCStatsNodeGroup]
}

/// Identical nodes, in HPCStats' units.
public struct HPCStatsNodeGroup: Hashable, Sendable, NodeHardware {
    /// The group's name.
    public var name: String
    /// A node set (`cn[001-200]`) and how many nodes it names.
    public var nodeSet: String
    /// How many nodes.
    public var nodeCount: Int
    /// Sockets per node.
    public var sockets: Int
    /// Cores per socket.
    public var coresPerSocket: Int
    /// Memory per node.
    public var memoryMiB: Int
    /// Base clock; nil when unknown.
    public var frequencyHz: Double?
    /// Double-precision FLOPs per cycle per core; nil when unknown.
    public var flopsPerCycle: Int?
    /// The processor model.
    public var model: String

    /// Cores per node.
    public var cores: Int { sockets * coresPerSocket }
}

/// The slurmdbd database a cluster's jobs and events are read from.
public struct HPCStatsAccountingSource: Hashable, Sendable {
    /// The Slurm accounting database's server.
    public var host: String
    /// Its port.
    public var port: Int
    /// The database's name.
    public var database: String
    /// slurmdbd's table prefix: the cluster's `ClusterName`.
    public var tablePrefix: String
}

/// Cores, FLOPs per cycle and clock: what a peak figure is made of.
public protocol NodeHardware {
    var cores: Int { get }
    var frequencyHz: Double? { get }
    var flopsPerCycle: Int? { get }
}
