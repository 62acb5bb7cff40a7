/// An EFS file system: one hpcc creates (with mount targets), or an existing one by id.
public struct EFSFileSystem: Hashable, Sendable {
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
    public var performanceMode: String
    public var throughputMode: String
    public var provisionedThroughput: Double?
    public var transitionToIA: String?
    public var kmsKeyID: String?
}

/// The network of an EFS file system Terraform creates.
public struct EFSPlacement: Hashable, Sendable {
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
    public var deploymentType: FSxDeploymentType
    public var storageType: String
    public var capacityGiB: Int
    public var throughput: Int?
    public var compression: String
    public var version: String
    public var associations: [FSxDataRepositoryAssociation]
}

/// The network of an FSx for Lustre file system Terraform creates.
public struct FSxPlacement: Hashable, Sendable {
    public var vpc: TerraformText
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
    public var fileSystemPath: String
    /// `s3://bucket/prefix`.
    public var repositoryPath: String
    public var importEvents: [String]
    public var exportEvents: [String]
    public var batchImportOnCreate: Bool
}
