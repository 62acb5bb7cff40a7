/// An EFS file system: one hpcc creates (with mount targets), or an existing one by id.
@_spi(Tools) public struct EFSFileSystem: Hashable, Sendable {
    /// The file system's region (part of its DNS name).
    @_spi(Tools) public var region: String
    /// The id of an existing file system; nil when hpcc creates it.
    @_spi(Tools) public var existingID: String?
    /// What hpcc creates; nil for an existing file system.
    @_spi(Tools) public var created: NewEFS?
}

/// The parts of an EFS file system hpcc creates.
@_spi(Tools) public struct NewEFS: Hashable, Sendable {
    /// The `Name` tag (`<deployment>-<module>`).
    @_spi(Tools) public var name: String
    /// Where Terraform creates it; nil when ParallelCluster creates it with the cluster that mounts it.
    @_spi(Tools) public var placement: EFSPlacement?
    /// `generalPurpose` or `maxIO`.
    @_spi(Tools) public var performanceMode: EFSPerformanceMode
    /// `bursting`, `provisioned` or `elastic`.
    @_spi(Tools) public var throughputMode: EFSThroughputMode
    /// MiB/s with `provisioned` throughput.
    @_spi(Tools) public var provisionedThroughput: Double?
    /// When files move to Infrequent Access (`AFTER_30_DAYS`, ...); nil never.
    @_spi(Tools) public var transitionToIA: EFSTransition?
    /// A customer-managed KMS key; nil for the AWS-managed one (the file system is encrypted either way).
    @_spi(Tools) public var kmsKeyID: String?
    /// AWS Backup's automatic daily backups (the file system's backup policy); always off for one ParallelCluster
    /// creates.
    @_spi(Tools) public var automaticBackups: Bool
    /// Terraform refuses to destroy it (`prevent_destroy`); ParallelCluster keeps it when the cluster is deleted.
    @_spi(Tools) public var deletionProtection: Bool
}

/// The network of an EFS file system Terraform creates.
@_spi(Tools) public struct EFSPlacement: Hashable, Sendable {
    /// The VPC of the mount targets.
    @_spi(Tools) public var vpc: TerraformText
    /// One mount target each.
    @_spi(Tools) public var subnets: [TerraformText]
    /// Members of this group may mount (NFS, TCP 2049).
    @_spi(Tools) public var clusterSecurityGroup: TerraformText
}

/// An FSx for Lustre file system and its data repository associations.
@_spi(Tools) public struct FSxLustreFileSystem: Hashable, Sendable {
    /// The `Name` tag (`<deployment>-<module>`).
    @_spi(Tools) public var name: String
    /// Where Terraform creates it; nil when ParallelCluster creates it with the cluster that mounts it.
    @_spi(Tools) public var placement: FSxPlacement?
    /// `SCRATCH_1`, `SCRATCH_2`, `PERSISTENT_1` or `PERSISTENT_2`.
    @_spi(Tools) public var deploymentType: FSxDeploymentType
    /// `SSD` or `HDD`.
    @_spi(Tools) public var storageType: FSxStorageType
    /// Capacity in GiB.
    @_spi(Tools) public var capacityGiB: Int
    /// MB/s per TiB of a persistent file system; nil for scratch.
    @_spi(Tools) public var throughput: Int?
    /// `NONE` or `LZ4`.
    @_spi(Tools) public var compression: FSxCompression
    /// The Lustre version (`2.15`).
    @_spi(Tools) public var version: FSxLustreVersion
    /// Links between directories and S3 prefixes.
    @_spi(Tools) public var associations: [FSxDataRepositoryAssociation]
    /// Days FSx keeps automatic daily backups; 0 for none (always 0 where FSx offers none).
    @_spi(Tools) public var backupRetentionDays: Int
    /// UTC `HH:MM` the daily backup starts; nil lets FSx choose.
    @_spi(Tools) public var backupStartTime: String?
}

/// The network of an FSx for Lustre file system Terraform creates.
@_spi(Tools) public struct FSxPlacement: Hashable, Sendable {
    /// The VPC of the file system.
    @_spi(Tools) public var vpc: TerraformText
    /// The subnet it is placed in.
    @_spi(Tools) public var subnet: TerraformText
    /// Members of this group may mount (Lustre, TCP 988 and 1018-1023).
    @_spi(Tools) public var clusterSecurityGroup: TerraformText
}

/// Who creates a filesystem hpcc describes.
@_spi(Tools) public enum FilesystemCreator: String, Hashable, Sendable, CaseIterable {
    /// This deployment's Terraform, before any cluster exists.
    case terraform
    /// AWS ParallelCluster, with (and deleted with) the one cluster that mounts it.
    case parallelcluster
}

/// A link between a directory of an FSx for Lustre file system and an S3 prefix.
@_spi(Tools) public struct FSxDataRepositoryAssociation: Hashable, Sendable {
    /// The directory in the file system (`/data`).
    @_spi(Tools) public var fileSystemPath: String
    /// `s3://bucket/prefix`.
    @_spi(Tools) public var repositoryPath: String
    /// S3 changes imported automatically (`NEW`, `CHANGED`, `DELETED`).
    @_spi(Tools) public var importEvents: [String]
    /// File system changes exported to S3 automatically.
    @_spi(Tools) public var exportEvents: [String]
    /// The S3 prefix's metadata is imported when the association is created.
    @_spi(Tools) public var batchImportOnCreate: Bool
}
