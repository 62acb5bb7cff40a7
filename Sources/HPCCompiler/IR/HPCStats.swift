/// HPCStats: usage statistics of Slurm clusters, imported from each cluster's accounting database
/// into HPCStats' PostgreSQL database. Passwords are never part of it: each is a file on the
/// HPCStats host that hpcc's installer reads.
@_spi(Tools) public struct HPCStatsSetup: Hashable, Sendable {
    /// The hpcstats module's origin.
    @_spi(Tools) public var origin: Origin
    /// Where `hpcstats.conf` and the architecture files are installed.
    @_spi(Tools) public var configDirectory: String
    /// HPCStats' own PostgreSQL database.
    @_spi(Tools) public var database: HPCStatsDatabase
    /// Where HPCStats imports users from.
    @_spi(Tools) public var users: HPCStatsDirectory
    /// The MariaDB login HPCStats reads every cluster's accounting with.
    @_spi(Tools) public var accountingUser: String
    /// File on the HPCStats host holding the Slurm accounting database's password.
    @_spi(Tools) public var accountingPasswordFile: String
    /// Jobs imported per query (0: all at once).
    @_spi(Tools) public var windowSize: Int
    /// The clusters HPCStats describes.
    @_spi(Tools) public var clusters: [HPCStatsCluster]

    /// The installed architecture file of `cluster`.
    @_spi(Tools) public func architectureFile(_ cluster: HPCStatsCluster) -> String {
        "\(configDirectory)/\(cluster.name)/architecture.conf"
    }
}

/// HPCStats' own PostgreSQL database.
@_spi(Tools) public struct HPCStatsDatabase: Hashable, Sendable {
    /// The database server.
    @_spi(Tools) public var host: String
    /// Its port.
    @_spi(Tools) public var port: Int
    /// The database's name.
    @_spi(Tools) public var name: String
    /// The user HPCStats connects as.
    @_spi(Tools) public var user: String
    /// File on the HPCStats host holding that user's password.
    @_spi(Tools) public var passwordFile: String
}

/// Where HPCStats reads users and their departments (LDAP, optionally completed from Slurm).
@_spi(Tools) public struct HPCStatsDirectory: Hashable, Sendable {
    /// `ldap` or `ldap+slurm`.
    @_spi(Tools) public var importer: HPCStatsImporter
    /// The LDAP server's URL.
    @_spi(Tools) public var url: String
    /// The base DN of the search.
    @_spi(Tools) public var baseDN: String
    /// The DN HPCStats binds as, and the file holding its password.
    @_spi(Tools) public var bindDN: String
    /// File on the HPCStats host holding the bind password.
    @_spi(Tools) public var passwordFile: String
    /// The LDAP filter that finds a user's department group (`department_group_filter`).
    @_spi(Tools) public var departmentSearch: String
    /// How the department is read from that group's name (`department_group_pattern`).
    @_spi(Tools) public var departmentPattern: String
    /// Groups whose members are HPCStats users.
    @_spi(Tools) public var groups: [String]
    /// CA certificate for LDAPS; nil for none.
    @_spi(Tools) public var certificate: String?
}

/// Where HPCStats takes its users from.
@_spi(Tools) public enum HPCStatsImporter: String, CaseIterable, Sendable {
    /// LDAP alone.
    case ldap
    /// LDAP, completed from the users Slurm accounting records.
    case ldapSlurm = "ldap+slurm"
}

/// One cluster as HPCStats describes it: its architecture and where its jobs are recorded.
@_spi(Tools) public struct HPCStatsCluster: Hashable, Sendable {
    /// The cluster's name (Slurm's `ClusterName`).
    @_spi(Tools) public var name: String
    /// Partitions, each with its node groups.
    @_spi(Tools) public var partitions: [HPCStatsPartition]
    /// The Slurm accounting database jobs are imported from.
    @_spi(Tools) public var accounting: HPCStatsAccountingSource

    /// Every node group of every partition.
    @_spi(Tools) public var nodeGroups: [HPCStatsNodeGroup] { partitions.flatMap(\.nodeGroups) }
}

/// A partition of HPCStats' architecture: node groups no other partition holds, and the Slurm
/// partitions whose jobs run on them.
@_spi(Tools) public struct HPCStatsPartition: Hashable, Sendable {
    /// The partition's name in HPCStats.
    @_spi(Tools) public var name: String
    /// Slurm partitions whose jobs count for it.
    @_spi(Tools) public var jobPartitions: [String]
    /// Its node groups.
    @_spi(Tools) public var nodeGroups: [HPCStatsNodeGroup]
}

/// Identical nodes, in HPCStats' units.
@_spi(Tools) public struct HPCStatsNodeGroup: Hashable, Sendable, NodeHardware {
    /// The group's name.
    @_spi(Tools) public var name: String
    /// A node set (`cn[001-200]`) and how many nodes it names.
    @_spi(Tools) public var nodeSet: String
    /// How many nodes.
    @_spi(Tools) public var nodeCount: Int
    /// Sockets per node.
    @_spi(Tools) public var sockets: Int
    /// Cores per socket.
    @_spi(Tools) public var coresPerSocket: Int
    /// Memory per node.
    @_spi(Tools) public var memoryMiB: Int
    /// Base clock; nil when unknown.
    @_spi(Tools) public var frequencyHz: Double?
    /// Double-precision FLOPs per cycle per core; nil when unknown.
    @_spi(Tools) public var flopsPerCycle: Int?
    /// The processor model.
    @_spi(Tools) public var model: String

    /// Cores per node.
    @_spi(Tools) public var cores: Int { sockets * coresPerSocket }
}

/// The slurmdbd database a cluster's jobs and events are read from.
@_spi(Tools) public struct HPCStatsAccountingSource: Hashable, Sendable {
    /// The Slurm accounting database's server.
    @_spi(Tools) public var host: String
    /// Its port.
    @_spi(Tools) public var port: Int
    /// The database's name.
    @_spi(Tools) public var database: String
    /// slurmdbd's table prefix: the cluster's `ClusterName`.
    @_spi(Tools) public var tablePrefix: String
}

/// Cores, FLOPs per cycle and clock: what a peak figure is made of.
@_spi(Tools) public protocol NodeHardware {
    var cores: Int { get }
    var frequencyHz: Double? { get }
    var flopsPerCycle: Int? { get }
}
