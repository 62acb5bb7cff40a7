/// A Slurm cluster: its controller, login groups, partitions and nodesets, and how its nodes
/// mount shared filesystems.
public struct SlurmCluster: Hashable, Sendable {
    /// The controller module's origin.
    public var origin: Origin
    /// `ClusterName`, also the prefix of every host name.
    public var name: String
    public var region: String
    public var controller: SlurmController
    public var loginGroups: [LoginGroup]
    public var partitions: [Partition]
    /// Every nodeset, once, in the order partitions name them.
    public var nodesets: [Nodeset]
    /// Filesystems every node mounts, in blueprint order.
    public var mounts: [MountContract]
    /// Filesystems only login nodes mount.
    public var loginMounts: [MountContract]
    public var parameters: SlurmParameters
    public var bucket: ConfigBucket
    /// Export /home and /opt/apps from the controller (paths a filesystem already mounts are left out).
    public var controllerExports: [String]
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
    public var zone: String
    public var instance: InstanceProperties
    public var staticIP: String?
    public var stateDisk: Disk?
    public var startupScript: TerraformText
    public var startupTimeout: Int
}

/// A group of login nodes.
public struct LoginGroup: Hashable, Sendable {
    public var origin: Origin
    public var name: String
    public var count: Int
    public var zone: String
    public var instance: InstanceProperties
    public var staticIPs: [String]
    public var startupScript: TerraformText
    public var startupTimeout: Int

    /// Host names: `<cluster>-<group>-<i>`.
    public func hostNames(cluster: String) -> [String] {
        (0..<count).map { "\(cluster)-\(name)-\($0)" }
    }
}

/// A Slurm partition.
public struct Partition: Hashable, Sendable {
    public var origin: Origin
    public var name: String
    /// Nodeset names.
    public var nodesets: [String]
    public var isDefault: Bool
    public var exclusive: Bool
    public var suspendTime: Int
    public var suspendTimeout: Int?
    public var resumeTimeout: Int?
    /// Extra PartitionName keys; they override hpcc's.
    public var extraConfiguration: [String: String]
}

/// A set of identical nodes.
public struct Nodeset: Hashable, Sendable {
    public var origin: Origin
    public var name: String
    public var staticCount: Int
    public var dynamicMax: Int
    public var instance: InstanceProperties
    public var shape: SlurmNodeShape
    /// Zones to try, first the primary.
    public var zones: [String]
    public var reservation: String?
    public var placement: Bool
    /// Extra NodeName keys; they override hpcc's.
    public var extraConfiguration: [String: String]
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
    public var cpus: Int
    public var boards: Int
    public var socketsPerBoard: Int
    public var coresPerSocket: Int
    public var threadsPerCore: Int
    /// MiB Slurm may schedule (the machine's memory minus what the OS keeps).
    public var realMemory: Int
    public var gpus: GPU?
}

/// Cluster-wide slurm.conf parameters.
public struct SlurmParameters: Hashable, Sendable {
    public var authentication: SlurmAuthentication
    public var debugLogging: Bool
    public var noCommaParams: Bool
    public var privateData: [String]
    public var schedulerParameters: [String]
    public var resumeRate: Int
    public var resumeTimeout: Int
    public var suspendRate: Int
    public var suspendTimeout: Int
    public var slurmdTimeout: Int
    public var unkillableStepTimeout: Int
    public var topologyPlugin: String?
    public var topologyParam: String?
    public var treeWidth: Int
    public var prologFlags: String?
    public var switchType: String?
}

/// How Slurm daemons authenticate.
public enum SlurmAuthentication: String, Hashable, Sendable {
    case munge
    case slurm
}

/// The bucket holding the compiled Slurm files.
public struct ConfigBucket: Hashable, Sendable {
    public var name: String
    /// Folder inside the bucket.
    public var directory: String
    /// Whether hpcc's Terraform creates it.
    public var create: Bool
    public var location: String

    /// `gs://bucket/dir`.
    public var url: String { "gs://\(name)/\(directory)" }
}
