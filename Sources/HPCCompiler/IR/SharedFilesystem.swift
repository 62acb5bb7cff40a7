/// A filesystem shared by the cluster's nodes.
public struct SharedFilesystem: Hashable, Sendable {
    /// The filesystem module's origin.
    public var origin: Origin
    /// How clients mount it.
    public var mount: MountContract
    /// What provides it.
    public var backing: FilesystemBacking
}

/// The one contract every consumer of a shared filesystem reads (Terraform startup data,
/// Ansible group vars, Slurm nodes).
public struct MountContract: Hashable, Sendable {
    /// Server address (`10.0.0.2`, or `10.0.0.2@tcp` for Lustre); often known only after apply.
    public var server: TerraformText
    /// Export path or Lustre filesystem (`/nfsshare`, `/lustrefs`).
    public var remotePath: String
    /// Where clients mount it.
    public var localMount: String
    /// Client filesystem type.
    public var type: FilesystemType
    /// Mount options.
    public var options: String
    /// The module that declares it (one hpcc creates, or an imported one); nil for contracts written inline.
    public var provider: ModuleID?
}

/// Client filesystem types.
public enum FilesystemType: String, Hashable, Sendable, CaseIterable {
    /// NFS (Filestore, EFS, existing NFS servers).
    case nfs
    /// Lustre (Managed Lustre, FSx for Lustre, existing Lustre).
    case lustre
    /// A Cloud Storage bucket through Cloud Storage FUSE.
    case gcsfuse
}

/// What provides a shared filesystem.
public enum FilesystemBacking: Hashable, Sendable {
    /// A Filestore instance.
    case filestore(FilestoreInstance)
    /// A Google Cloud Managed Lustre instance.
    case managedLustre(LustreInstance)
    /// Storage that exists already (pre-existing-network-storage): nothing to create, only mount.
    case imported
    /// A Cloud Storage bucket mounted with gcsfuse.
    case cloudStorage(BucketInstance)
    /// Amazon EFS, new or existing.
    case efs(EFSFileSystem)
    /// Amazon FSx for Lustre.
    case fsxLustre(FSxLustreFileSystem)

    /// Whether AWS ParallelCluster creates it with the cluster that mounts it (no Terraform resources).
    public var isCreatedByParallelCluster: Bool {
        switch self {
        case let .efs(efs): efs.created != nil && efs.created?.placement == nil
        case let .fsxLustre(fsx): fsx.placement == nil
        default: false
        }
    }

    /// Whether the storage lives on AWS.
    public var isAWS: Bool {
        switch self {
        case .efs, .fsxLustre: true
        default: false
        }
    }
}

/// A Filestore instance.
public struct FilestoreInstance: Hashable, Sendable {
    /// Project that holds the instance.
    public var project: String
    /// The instance's name.
    public var name: String
    /// Zone, or region for regional tiers.
    public var location: String
    /// The service tier.
    public var tier: FilestoreTier
    /// Capacity of the share.
    public var capacityGiB: Int
    /// The file share's name: its export path.
    public var shareName: String
    /// The network the instance is reached on.
    public var network: NetworkAttachment
    /// `DIRECT_PEERING` or `PRIVATE_SERVICE_ACCESS`.
    public var connectMode: FilestoreConnectMode
    /// The range the instance takes its address from; nil lets Google choose.
    public var reservedIPRange: TerraformText?
    /// `NFS_V3` or `NFS_V4_1`.
    public var nfsProtocol: NFSProtocol
    /// The instance's description.
    public var description: String
    /// `terraform destroy` fails while it is on.
    public var deletionProtection: Bool
    /// Why it is on, shown by Google Cloud.
    public var deletionProtectionReason: String?
    /// Who may mount the share, and how.
    public var exportOptions: [NFSExportOption]
    /// Private services access modules the instance waits for.
    public var waitsFor: [ModuleID]
}

/// An NFS export option of a Filestore share.
public struct NFSExportOption: Hashable, Sendable {
    /// `READ_ONLY` or `READ_WRITE`.
    public var accessMode: String?
    /// Client ranges the option applies to.
    public var ipRanges: [String]
    /// `NO_ROOT_SQUASH` or `ROOT_SQUASH`.
    public var squashMode: String?
}

/// A Managed Lustre instance.
public struct LustreInstance: Hashable, Sendable {
    /// Project that holds the instance.
    public var project: String
    /// The instance's id.
    public var instanceID: String
    /// Its zone.
    public var zone: String
    /// The Lustre filesystem name (the mount's remote path).
    public var filesystem: String
    /// Capacity in GiB.
    public var capacityGiB: Int
    /// Throughput tier in MB/s per TiB.
    public var throughput: Int
    /// The network the instance is reached on.
    public var network: NetworkAttachment
    /// The instance's description.
    public var description: String
    /// Reachable from GKE (LNet on port 6988).
    public var gkeSupport: Bool
    /// A `gs://` bucket imported once after creation.
    public var importBucketURI: String?
    /// Private services access modules the instance waits for.
    public var waitsFor: [ModuleID]
}

/// A Cloud Storage bucket mounted with gcsfuse.
public struct BucketInstance: Hashable, Sendable {
    /// Project that holds the bucket.
    public var project: String
    /// The bucket name, after hpcc's prefixing; checked against the Cloud Storage naming rules.
    public var name: String
    /// Region (or multi-region) of the bucket.
    public var location: String
    /// `STANDARD`, `NEARLINE`, `COLDLINE`, `ARCHIVE`, ...
    public var storageClass: BucketStorageClass
    /// `terraform destroy` deletes the bucket's objects too.
    public var forceDestroy: Bool
    /// Folders are real objects (hierarchical namespace).
    public var hierarchicalNamespace: Bool
    /// Uniform bucket-level access (no object ACLs).
    public var uniformAccess: Bool
    /// `inherited`, `enforced`, or nil for Google's default.
    public var publicAccessPrevention: PublicAccessPrevention?
    /// Object versioning.
    public var versioning: Bool
    /// Seconds deleted objects stay restorable; nil for Google's default.
    public var softDeleteSeconds: Int?
    /// Object lifecycle rules.
    public var lifecycleRules: [BucketLifecycleRule]
}

/// One object lifecycle rule of a bucket.
public struct BucketLifecycleRule: Hashable, Sendable {
    /// `Delete`, `SetStorageClass` or `AbortIncompleteMultipartUpload`.
    public var action: BucketLifecycleAction
    /// Target class of `SetStorageClass`.
    public var storageClass: String?
    /// Condition attributes, in the provider's names and types (lists already split).
    public var condition: [String: Value]
}
