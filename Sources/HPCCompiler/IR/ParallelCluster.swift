/// An AWS ParallelCluster 3 cluster: what `parallelcluster/<id>.yaml` describes, plus the key
/// pair hpcc creates for it. Values created by the same deployment (subnets, security groups,
/// file systems, the database) are `TerraformText` until apply.
public struct ParallelCluster: Hashable, Sendable {
    /// The parallelcluster module's origin.
    public var origin: Origin
    /// The cluster name `pcluster create-cluster --cluster-name` takes.
    public var name: String
    /// The AWS region (`Region`).
    public var region: String
    /// The nodes' operating system (`Image`).
    public var image: PClusterImage
    /// The head node (`HeadNode`).
    public var headNode: PClusterHeadNode
    /// Slurm queues (`Scheduling.SlurmQueues`), in blueprint order.
    public var queues: [PClusterQueue]
    /// Shared filesystems (`SharedStorage`).
    public var storage: [PClusterStorage]
    /// Slurm settings (`Scheduling.SlurmSettings`).
    public var scheduling: PClusterScheduling
    /// Slurm accounting (`SlurmSettings.Database`); nil for none.
    public var database: PClusterDatabase?
    /// CloudWatch log retention in days; nil turns CloudWatch logs off.
    public var logRetentionDays: Int?
    /// CloudWatch detailed monitoring of the instances.
    public var detailedMonitoring: Bool
    /// The per-deployment ED25519 key pair hpcc creates through CloudFormation.
    public var keyPair: PClusterKeyPair
}

/// The operating system image of every node.
public struct PClusterImage: Hashable, Sendable {
    /// `alinux2023`, `ubuntu2204`, ...
    public var os: PClusterOS
    /// A custom AMI for every node; nil for ParallelCluster's official one.
    public var customAMI: String?
}

/// The operating systems ParallelCluster offers (`Image.Os`).
public enum PClusterOS: String, CaseIterable, Sendable {
    case alinux2023
    case ubuntu2204
    case ubuntu2404
    case rhel8
    case rocky8
    case rhel9
    case rocky9
}

/// The head node: Slurm controller, login and NFS server of the cluster.
public struct PClusterHeadNode: Hashable, Sendable {
    /// The head node's instance type.
    public var instanceType: String
    /// Its subnet.
    public var subnet: TerraformText
    /// Security groups besides the one ParallelCluster creates.
    public var additionalSecurityGroups: [TerraformText]
    /// CIDR admitted to SSH; nil keeps ParallelCluster's default.
    public var allowedSSH: String?
    /// Size of its root volume.
    public var rootVolumeGiB: Int
}

/// Slurm settings of the cluster.
public struct PClusterScheduling: Hashable, Sendable {
    /// Minutes a dynamic node may idle before it is terminated (`ScaledownIdletime`).
    public var scaledownIdleMinutes: Int
    /// What a cluster update does to running nodes (`QueueUpdateStrategy`).
    public var queueUpdateStrategy: PClusterQueueUpdateStrategy
    /// Slurm schedules memory as a resource (`EnableMemoryBasedScheduling`).
    public var memoryBasedScheduling: Bool
    /// Route 53 managed DNS off, EC2 host names on: a private VPC without Route 53 endpoints.
    public var ec2Hostnames: Bool
}

/// What a cluster update does to running compute nodes (`QueueUpdateStrategy`).
public enum PClusterQueueUpdateStrategy: String, CaseIterable, Sendable {
    case computeFleetStop = "COMPUTE_FLEET_STOP"
    case drain = "DRAIN"
    case terminate = "TERMINATE"
}

/// A Slurm queue (partition) of compute resources.
public struct PClusterQueue: Hashable, Sendable {
    /// The queue's name (the Slurm partition).
    public var name: String
    /// `ONDEMAND`, `SPOT` or `CAPACITY_BLOCK`.
    public var capacityType: PClusterCapacityType
    /// How EC2 picks among several instance types (`lowest-price`, `capacity-optimized`, ...).
    public var allocationStrategy: PClusterAllocationStrategy?
    /// Subnets the nodes start in.
    public var subnets: [TerraformText]
    /// Security groups besides ParallelCluster's.
    public var additionalSecurityGroups: [TerraformText]
    /// Nodes are started in a cluster placement group.
    public var placementGroup: Bool
    /// The queue's compute resources.
    public var computeResources: [PClusterComputeResource]
}

/// What a queue's nodes run on (`CapacityType`).
public enum PClusterCapacityType: String, CaseIterable, Sendable {
    case onDemand = "ONDEMAND"
    case spot = "SPOT"
    /// Reserved GPU capacity for a fixed time: the queue's size is the block's.
    case capacityBlock = "CAPACITY_BLOCK"
}

/// How EC2 picks among a queue's instance types (`AllocationStrategy`).
public enum PClusterAllocationStrategy: String, CaseIterable, Sendable {
    case lowestPrice = "lowest-price"
    case capacityOptimized = "capacity-optimized"
    case priceCapacityOptimized = "price-capacity-optimized"
    case prioritized
    case capacityOptimizedPrioritized = "capacity-optimized-prioritized"
}

/// A set of identical compute nodes of a queue.
public struct PClusterComputeResource: Hashable, Sendable {
    /// The compute resource's name, part of its node names.
    public var name: String
    /// One instance type, or several of the same vCPU count (flexible instance types).
    public var instanceTypes: [String]
    /// Nodes that are always up (static).
    public var minCount: Int
    /// Nodes at most, static and dynamic.
    public var maxCount: Int
    /// Elastic Fabric Adapter attached to every node.
    public var efa: Bool
    /// One thread per core.
    public var disableSimultaneousMultithreading: Bool
}

/// A shared filesystem in the cluster config: one that exists when the cluster is created (by
/// id), or one ParallelCluster creates with the cluster.
public struct PClusterStorage: Hashable, Sendable {
    /// The storage's name in the config.
    public var name: String
    /// Where every node mounts it.
    public var mountDir: String
    /// The filesystem module it comes from.
    public var module: ModuleID
    /// Existing (by id) or created by ParallelCluster, EFS or FSx for Lustre.
    public var kind: Kind

    /// Where the filesystem comes from.
    public enum Kind: Hashable, Sendable {
        /// An EFS file system that exists (or this deployment's Terraform creates), by id.
        case existingEFS(id: TerraformText)
        /// An FSx for Lustre file system that exists (or this deployment's Terraform creates), by id.
        case existingFSx(id: TerraformText)
        /// An EFS file system ParallelCluster creates with the cluster.
        case newEFS(NewEFS)
        /// An FSx for Lustre file system ParallelCluster creates with the cluster.
        case newFSx(FSxLustreFileSystem)
    }

    /// The `StorageType` ParallelCluster names.
    public var storageType: String {
        switch kind {
        case .existingEFS, .newEFS: "Efs"
        case .existingFSx, .newFSx: "FsxLustre"
        }
    }

    /// Whether ParallelCluster creates the filesystem.
    public var isNew: Bool {
        switch kind {
        case .newEFS, .newFSx: true
        case .existingEFS, .existingFSx: false
        }
    }
}

/// The Slurm accounting database the head node's slurmdbd writes to.
public struct PClusterDatabase: Hashable, Sendable {
    /// `host:port`.
    public var uri: TerraformText
    /// The database user slurmdbd connects as.
    public var userName: TerraformText
    /// The Secrets Manager secret that holds the password.
    public var passwordSecretARN: TerraformText
    /// The database's name; nil for ParallelCluster's default.
    public var databaseName: TerraformText?
}

/// An ED25519 key pair created by a CloudFormation stack (`AWS::EC2::KeyPair`): EC2 keeps the
/// private key in Parameter Store as `/ec2/keypair/<key pair id>`; it never passes through hpcc
/// or Terraform state.
public struct PClusterKeyPair: Hashable, Sendable {
    /// The EC2 key pair name (and `HeadNode.Ssh.KeyName`).
    public var name: String

    /// The CloudFormation stack that creates it.
    public var stackName: String { "\(name)-key" }
}
