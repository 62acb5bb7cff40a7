/// An AWS ParallelCluster 3 cluster: what `parallelcluster/<id>.yaml` describes, plus the key
/// pair hpcc creates for it. Values created by the same deployment (subnets, security groups,
/// file systems, the database) are `TerraformText` until apply.
public struct ParallelCluster: Hashable, Sendable {
    public var origin: Origin
    /// The cluster name `pcluster create-cluster --cluster-name` takes.
    public var name: String
    public var region: String
    public var image: PClusterImage
    public var headNode: PClusterHeadNode
    public var queues: [PClusterQueue]
    public var storage: [PClusterStorage]
    public var scheduling: PClusterScheduling
    public var database: PClusterDatabase?
    /// CloudWatch log retention in days; nil turns CloudWatch logs off.
    public var logRetentionDays: Int?
    public var detailedMonitoring: Bool
    /// The per-deployment ED25519 key pair hpcc creates through CloudFormation.
    public var keyPair: PClusterKeyPair
}

/// The operating system image of every node.
public struct PClusterImage: Hashable, Sendable {
    /// `alinux2023`, `ubuntu2204`, ...
    public var os: String
    public var customAMI: String?
}

/// The head node: Slurm controller, login and NFS server of the cluster.
public struct PClusterHeadNode: Hashable, Sendable {
    public var instanceType: String
    public var subnet: TerraformText
    public var additionalSecurityGroups: [TerraformText]
    /// CIDR admitted to SSH; nil keeps ParallelCluster's default.
    public var allowedSSH: String?
    public var rootVolumeGiB: Int
}

/// Slurm settings of the cluster.
public struct PClusterScheduling: Hashable, Sendable {
    public var scaledownIdleMinutes: Int
    public var queueUpdateStrategy: String
    public var memoryBasedScheduling: Bool
    /// Route 53 managed DNS off, EC2 host names on: a private VPC without Route 53 endpoints.
    public var ec2Hostnames: Bool
}

/// A Slurm queue (partition) of compute resources.
public struct PClusterQueue: Hashable, Sendable {
    public var name: String
    public var capacityType: String
    public var allocationStrategy: String?
    public var subnets: [TerraformText]
    public var additionalSecurityGroups: [TerraformText]
    public var placementGroup: Bool
    public var computeResources: [PClusterComputeResource]
}

/// A set of identical compute nodes of a queue.
public struct PClusterComputeResource: Hashable, Sendable {
    public var name: String
    /// One instance type, or several of the same vCPU count (flexible instance types).
    public var instanceTypes: [String]
    public var minCount: Int
    public var maxCount: Int
    public var efa: Bool
    public var disableSimultaneousMultithreading: Bool
}

/// A shared filesystem in the cluster config: one that exists when the cluster is created (by
/// id), or one ParallelCluster creates with the cluster.
public struct PClusterStorage: Hashable, Sendable {
    public var name: String
    public var mountDir: String
    /// The filesystem module it comes from.
    public var module: ModuleID
    public var kind: Kind

    public enum Kind: Hashable, Sendable {
        case existingEFS(id: TerraformText)
        case existingFSx(id: TerraformText)
        case newEFS(NewEFS)
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
    public var userName: TerraformText
    public var passwordSecretARN: TerraformText
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
