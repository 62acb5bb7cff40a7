/// An EFS file system: one hpcc creates (with mount targets), or an existing one by id.
public struct EFSFileSystem: Hashable, Sendable {
    /// The file system's region (part of its DNS name).
    public var region: String
    /// The id of an existing file system; nil when hpcc creates it.
    public var existingID: String?
    /// What hpcc creates; nil for an existing file system.
    public var created: NewEFS?
}

/// The parts of an EFS file system hpcc creates.
public struct NewEFS: Hashable, Sendable {
    /// The `Name` tag (`<deployment>-<module>`).
    public var name: String
    /// Where Terraform creates it; nil when ParallelCluster creates it with the cluster that mounts it.
    public var placement: EFSPlacement?
    /// `generalPurpose` or `maxIO`.
    public var performanceMode: EFSPerformanceMode
    /// `bursting`, `provisioned` or `elastic`.
    public var throughputMode: EFSThroughputMode
    /// MiB/s with `provisioned` throughput.
    public var provisionedThroughput: Double?
    /// When files move to Infrequent Access (`AFTER_30_DAYS`, ...); nil never.
    public var transitionToIA: EFSTransition?
    /// A customer-managed KMS key; nil for the AWS-managed one (the file system is encrypted either way).
    public var kmsKeyID: String?
}

/// The network of an EFS file system Terraform creates.
public struct EFSPlacement: Hashable, Sendable {
    /// The VPC of the mount targets.
    public var vpc: TerraformText
    /// One mount target each.
    public var subnets: [TerraformText]
    /// Members of this group may mount (NFS, TCP 2049).
    public var clusterSecurityGroup: TerraformText
}

/// An FSx for Lustre file system and its data repository associations.
public struct FSxLustreFileSystem: Hashable, Sendable {
    /// The `Name` tag (`<deployment>-<module>`).
    public var name: String
    /// Where Terraform creates it; nil when ParallelCluster creates it with the cluster that mounts it.
    public var placement: FSxPlacement?
    /// `SCRATCH_1`, `SCRATCH_2`, `PERSISTENT_1` or `PERSISTENT_2`.
    public var deploymentType: FSxDeploymentType
    /// `SSD` or `HDD`.
    public var storageType: FSxStorageType
    /// Capacity in GiB.
    public var capacityGiB: Int
    /// MB/s per TiB of a persistent file system; nil for scratch.
    public var throughput: Int?
    /// `NONE` or `LZ4`.
    public var compression: FSxCompression
    /// The Lustre version (`2.15`).
    public var version: FSxLustreVersion
    /// Links between directories and S3 prefixes.
    public var associations: [FSxDataRepositoryAssociation]
}

/// The network of an FSx for Lustre file system Terraform creates.
public struct FSxPlacement: Hashable, Sendable {
    /// The VPC of the file system.
    public var vpc: TerraformText
    /// The subnet it is placed in.
    public var subnet: TerraformText
    /// Members of this group may mount (Lustre, TCP 988 and 1018-1023).
    public var clusterSecurityGroup: TerraformText
}

/// Who creates a filesystem hpcc describes.
public enum FilesystemCreator: String, Hashable, Sendable, CaseIterable {
    /// This deployment's Terraform, before any cluster exists.
    case terraform
    /// AWS ParallelCluster, with (and deleted with) the one cluster that mounts it.
    case parallelcluster
}

/// A link between a directory of an FSx for Lustre file system and an S3 prefix.
public struct FSxDataRepositoryAssociation: Hashable, Sendable {
    /// The directory in the file system (`/data`).
    public var fileSystemPath: String
    /// `s3://bucket/prefix`.
    public var repositoryPath: String
    /// S3 changes imported automatically (`NEW`, `CHANGED`, `DELETED`).
    public var importEvents: [String]
    /// File system changes exported to S3 automatically.
    public var exportEvents: [String]
    /// The S3 prefix's metadata is imported when the association is created.
    public var batchImportOnCreate: Bool
}
