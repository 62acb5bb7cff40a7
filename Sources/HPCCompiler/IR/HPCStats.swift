/// HPCStats: usage statistics of Slurm clusters, imported from each cluster's accounting database
/// into HPCStats' PostgreSQL database. Passwords are never part of it: each is a file on the
/// HPCStats host that hpcc's installer reads.
public struct HPCStatsSetup: Hashable, Sendable {
    public var origin: Origin
    /// Where `hpcstats.conf` and the architecture files are installed.
    public var configDirectory: String
    public var database: HPCStatsDatabase
    public var users: HPCStatsDirectory
    /// The MariaDB login HPCStats reads every cluster's accounting with.
    public var accountingUser: String
    public var accountingPasswordFile: String
    /// Jobs imported per query (0: all at once).
    public var windowSize: Int
    public var clusters: [HPCStatsCluster]

    /// The installed architecture file of `cluster`.
    public func architectureFile(_ cluster: HPCStatsCluster) -> String {
        "\(configDirectory)/\(cluster.name)/architecture.conf"
    }
}

/// HPCStats' own PostgreSQL database.
public struct HPCStatsDatabase: Hashable, Sendable {
    public var host: String
    public var port: Int
    public var name: String
    public var user: String
    public var passwordFile: String
}

/// Where HPCStats reads users and their departments (LDAP, optionally completed from Slurm).
public struct HPCStatsDirectory: Hashable, Sendable {
    /// `ldap` or `ldap+slurm`.
    public var importer: String
    public var url: String
    public var baseDN: String
    /// The DN HPCStats binds as, and the file holding its password.
    public var bindDN: String
    public var passwordFile: String
    public var departmentSearch: String
    public var departmentPattern: String
    public var groups: [String]
    public var certificate: String?
}

/// One cluster as HPCStats describes it: its architecture and where its jobs are recorded.
public struct HPCStatsCluster: Hashable, Sendable {
    public var name: String
    public var partitions: [HPCStatsPartition]
    public var accounting: HPCStatsAccountingSource

    public var nodeGroups: [HPCStatsNodeGroup] { partitions.flatMap(\.nodeGroups) }
}

/// A partition of HPCStats' architecture: node groups no other partition holds, and the Slurm
/// partitions whose jobs run on them.
public struct HPCStatsPartition: Hashable, Sendable {
    public var name: String
    public var jobPartitions: [String]
    public var nodeGroups: [HPCStatsNodeGroup]
}

/// Identical nodes, in HPCStats' units.
public struct HPCStatsNodeGroup: Hashable, Sendable, NodeHardware {
    public var name: String
    /// A node set (`cn[001-200]`) and how many nodes it names.
    public var nodeSet: String
    public var nodeCount: Int
    public var sockets: Int
    public var coresPerSocket: Int
    public var memoryMiB: Int
    public var frequencyHz: Double?
    public var flopsPerCycle: Int?
    public var model: String

    public var cores: Int { sockets * coresPerSocket }
}

/// The slurmdbd database a cluster's jobs and events are read from.
public struct HPCStatsAccountingSource: Hashable, Sendable {
    public var host: String
    public var port: Int
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
