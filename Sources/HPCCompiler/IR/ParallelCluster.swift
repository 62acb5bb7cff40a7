/// An AWS ParallelCluster 3 cluster: what `parallelcluster/<id>.yaml` describes, plus the key
/// pair hpcc creates for it. Values created by the same deployment (subnets, security groups,
/// file systems, the database) are `TerraformText` until apply.
@_spi(Tools) public struct ParallelCluster: Hashable, Sendable {
    /// The parallelcluster module's origin.
    @_spi(Tools) public var origin: Origin
    /// The cluster name `pcluster create-cluster --cluster-name` takes.
    @_spi(Tools) public var name: String
    /// The AWS region (`Region`).
    @_spi(Tools) public var region: String
    /// The nodes' operating system (`Image`).
    @_spi(Tools) public var image: PClusterImage
    /// The head node (`HeadNode`).
    @_spi(Tools) public var headNode: PClusterHeadNode
    /// Slurm queues (`Scheduling.SlurmQueues`), in blueprint order.
    @_spi(Tools) public var queues: [PClusterQueue]
    /// Shared filesystems (`SharedStorage`).
    @_spi(Tools) public var storage: [PClusterStorage]
    /// Slurm settings (`Scheduling.SlurmSettings`).
    @_spi(Tools) public var scheduling: PClusterScheduling
    /// Slurm accounting (`SlurmSettings.Database`); nil for none.
    @_spi(Tools) public var database: PClusterDatabase?
    /// CloudWatch log retention in days; nil turns CloudWatch logs off.
    @_spi(Tools) public var logRetentionDays: Int?
    /// CloudWatch detailed monitoring of the instances.
    @_spi(Tools) public var detailedMonitoring: Bool
    /// The per-deployment ED25519 key pair hpcc creates through CloudFormation.
    @_spi(Tools) public var keyPair: PClusterKeyPair
    /// Slurm's REST API on the head node; nil for none.
    @_spi(Tools) public var restAPI: PClusterRestAPI? = nil
}

/// Slurm's REST API on a ParallelCluster head node. ParallelCluster writes the two `AuthAlt*`
/// lines into slurm.conf from `CustomSlurmSettings`; hpcc's head-node script, in a bucket hpcc
/// creates, installs the keys and runs slurmrestd; a security group hpcc creates admits the API's
/// clients to the head node.
@_spi(Tools) public struct PClusterRestAPI: Hashable, Sendable {
    /// slurmrestd, its keys and clients; a nil listen address means the head node's host name.
    @_spi(Tools) public var api: SlurmRestAPI
    /// The VPC the security group belongs to (the cluster's subnets' VPC).
    @_spi(Tools) public var vpc: TerraformText
}

/// The operating system image of every node.
@_spi(Tools) public struct PClusterImage: Hashable, Sendable {
    /// `alinux2023`, `ubuntu2204`, ...
    @_spi(Tools) public var os: PClusterOS
    /// A custom AMI for every node; nil for ParallelCluster's official one.
    @_spi(Tools) public var customAMI: String?
}

/// The operating systems ParallelCluster offers (`Image.Os`).
@_spi(Tools) public enum PClusterOS: String, CaseIterable, Sendable {
    case alinux2023
    case ubuntu2204
    case ubuntu2404
    case rhel8
    case rocky8
    case rhel9
    case rocky9
}

/// The head node: Slurm controller, login and NFS server of the cluster.
@_spi(Tools) public struct PClusterHeadNode: Hashable, Sendable {
    /// The head node's instance type.
    @_spi(Tools) public var instanceType: String
    /// Its subnet.
    @_spi(Tools) public var subnet: TerraformText
    /// Security groups besides the one ParallelCluster creates.
    @_spi(Tools) public var additionalSecurityGroups: [TerraformText]
    /// CIDR admitted to SSH; nil keeps ParallelCluster's default.
    @_spi(Tools) public var allowedSSH: String?
    /// Size of its root volume.
    @_spi(Tools) public var rootVolumeGiB: Int
    /// Its role gets AmazonSSMManagedInstanceCore, so Session Manager reaches it.
    @_spi(Tools) public var sessionManager: Bool
}

/// Slurm settings of the cluster.
@_spi(Tools) public struct PClusterScheduling: Hashable, Sendable {
    /// Minutes a dynamic node may idle before it is terminated (`ScaledownIdletime`).
    @_spi(Tools) public var scaledownIdleMinutes: Int
    /// What a cluster update does to running nodes (`QueueUpdateStrategy`).
    @_spi(Tools) public var queueUpdateStrategy: PClusterQueueUpdateStrategy
    /// Slurm schedules memory as a resource (`EnableMemoryBasedScheduling`).
    @_spi(Tools) public var memoryBasedScheduling: Bool
    /// Route 53 managed DNS off, EC2 host names on: a private VPC without Route 53 endpoints.
    @_spi(Tools) public var ec2Hostnames: Bool
}

/// What a cluster update does to running compute nodes (`QueueUpdateStrategy`).
@_spi(Tools) public enum PClusterQueueUpdateStrategy: String, CaseIterable, Sendable {
    case computeFleetStop = "COMPUTE_FLEET_STOP"
    case drain = "DRAIN"
    case terminate = "TERMINATE"
}

/// A Slurm queue (partition) of compute resources.
@_spi(Tools) public struct PClusterQueue: Hashable, Sendable {
    /// The queue's name (the Slurm partition).
    @_spi(Tools) public var name: String
    /// `ONDEMAND`, `SPOT` or `CAPACITY_BLOCK`.
    @_spi(Tools) public var capacityType: PClusterCapacityType
    /// How EC2 picks among several instance types (`lowest-price`, `capacity-optimized`, ...).
    @_spi(Tools) public var allocationStrategy: PClusterAllocationStrategy?
    /// Subnets the nodes start in.
    @_spi(Tools) public var subnets: [TerraformText]
    /// Security groups besides ParallelCluster's.
    @_spi(Tools) public var additionalSecurityGroups: [TerraformText]
    /// Nodes are started in a cluster placement group.
    @_spi(Tools) public var placementGroup: Bool
    /// The queue's compute resources.
    @_spi(Tools) public var computeResources: [PClusterComputeResource]
}

/// What a queue's nodes run on (`CapacityType`).
@_spi(Tools) public enum PClusterCapacityType: String, CaseIterable, Sendable {
    case onDemand = "ONDEMAND"
    case spot = "SPOT"
    /// Reserved GPU capacity for a fixed time: the queue's size is the block's.
    case capacityBlock = "CAPACITY_BLOCK"
}

/// How EC2 picks among a queue's instance types (`AllocationStrategy`).
@_spi(Tools) public enum PClusterAllocationStrategy: String, CaseIterable, Sendable {
    case lowestPrice = "lowest-price"
    case capacityOptimized = "capacity-optimized"
    case priceCapacityOptimized = "price-capacity-optimized"
    case prioritized
    case capacityOptimizedPrioritized = "capacity-optimized-prioritized"
}

/// A set of identical compute nodes of a queue.
@_spi(Tools) public struct PClusterComputeResource: Hashable, Sendable {
    /// The compute resource's name, part of its node names.
    @_spi(Tools) public var name: String
    /// One instance type, or several of the same vCPU count (flexible instance types).
    @_spi(Tools) public var instanceTypes: [String]
    /// Nodes that are always up (static).
    @_spi(Tools) public var minCount: Int
    /// Nodes at most, static and dynamic.
    @_spi(Tools) public var maxCount: Int
    /// Elastic Fabric Adapter attached to every node.
    @_spi(Tools) public var efa: Bool
    /// One thread per core.
    @_spi(Tools) public var disableSimultaneousMultithreading: Bool
}

/// A shared filesystem in the cluster config: one that exists when the cluster is created (by
/// id), or one ParallelCluster creates with the cluster.
@_spi(Tools) public struct PClusterStorage: Hashable, Sendable {
    /// The storage's name in the config.
    @_spi(Tools) public var name: String
    /// Where every node mounts it.
    @_spi(Tools) public var mountDir: String
    /// The filesystem module it comes from.
    @_spi(Tools) public var module: ModuleID
    /// Existing (by id) or created by ParallelCluster, EFS or FSx for Lustre.
    @_spi(Tools) public var kind: Kind

    /// Where the filesystem comes from.
    @_spi(Tools) public enum Kind: Hashable, Sendable {
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
    @_spi(Tools) public var storageType: String {
        switch kind {
        case .existingEFS, .newEFS: "Efs"
        case .existingFSx, .newFSx: "FsxLustre"
        }
    }

    /// Whether ParallelCluster creates the filesystem.
    @_spi(Tools) public var isNew: Bool {
        switch kind {
        case .newEFS, .newFSx: true
        case .existingEFS, .existingFSx: false
        }
    }
}

/// The Slurm accounting database the head node's slurmdbd writes to.
@_spi(Tools) public struct PClusterDatabase: Hashable, Sendable {
    /// `host:port`.
    @_spi(Tools) public var uri: TerraformText
    /// The database user slurmdbd connects as.
    @_spi(Tools) public var userName: TerraformText
    /// The Secrets Manager secret that holds the password.
    @_spi(Tools) public var passwordSecretARN: TerraformText
    /// The database's name; nil for ParallelCluster's default.
    @_spi(Tools) public var databaseName: TerraformText?

    /// The modules whose outputs the settings come from (the slurm-accounting module of the deployment, if any).
    var modules: [ModuleID] {
        [uri, userName, passwordSecretARN].flatMap { text in
            text.parts.compactMap { part in
                if case let .reference(reference) = part { reference.module } else { nil }
            }
        }
    }
}

/// An ED25519 key pair created by a CloudFormation stack (`AWS::EC2::KeyPair`): EC2 keeps the
/// private key in Parameter Store as `/ec2/keypair/<key pair id>`; it never passes through hpcc
/// or Terraform state.
@_spi(Tools) public struct PClusterKeyPair: Hashable, Sendable {
    /// The EC2 key pair name (and `HeadNode.Ssh.KeyName`).
    @_spi(Tools) public var name: String

    /// The CloudFormation stack that creates it.
    @_spi(Tools) public var stackName: String { "\(name)-key" }
}
