/// A filesystem shared by the cluster's nodes.
public struct SharedFilesystem: Hashable, Sendable {
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
    case nfs
    case lustre
    case gcsfuse
}

/// What provides a shared filesystem.
public enum FilesystemBacking: Hashable, Sendable {
    case filestore(FilestoreInstance)
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
    public var project: String
    public var name: String
    /// Zone, or region for regional tiers.
    public var location: String
    public var tier: FilestoreTier
    public var capacityGiB: Int
    public var shareName: String
    public var network: NetworkAttachment
    public var connectMode: String
    public var reservedIPRange: TerraformText?
    public var nfsProtocol: String
    public var description: String
    public var deletionProtection: Bool
    public var deletionProtectionReason: String?
    public var exportOptions: [NFSExportOption]
    /// Private services access modules the instance waits for.
    public var waitsFor: [ModuleID]
}

/// An NFS export option of a Filestore share.
public struct NFSExportOption: Hashable, Sendable {
    public var accessMode: String?
    public var ipRanges: [String]
    public var squashMode: String?
}

/// A Managed Lustre instance.
public struct LustreInstance: Hashable, Sendable {
    public var project: String
    public var instanceID: String
    public var zone: String
    public var filesystem: String
    public var capacityGiB: Int
    public var throughput: Int
    public var network: NetworkAttachment
    public var description: String
    public var gkeSupport: Bool
    public var importBucketURI: String?
    /// Private services access modules the instance waits for.
    public var waitsFor: [ModuleID]
}

/// A Cloud Storage bucket mounted with gcsfuse.
public struct BucketInstance: Hashable, Sendable {
    public var project: String
    /// The bucket name, after hpcc's prefixing; checked against the Cloud Storage naming rules.
    public var name: String
    /// Region (or multi-region) of the bucket.
    public var location: String
    public var storageClass: String
    public var forceDestroy: Bool
    public var hierarchicalNamespace: Bool
    public var uniformAccess: Bool
    /// `inherited`, `enforced`, or nil for Google's default.
    public var publicAccessPrevention: String?
    public var versioning: Bool
    /// Seconds deleted objects stay restorable; nil for Google's default.
    public var softDeleteSeconds: Int?
    public var lifecycleRules: [BucketLifecycleRule]
}

/// One object lifecycle rule of a bucket.
public struct BucketLifecycleRule: Hashable, Sendable {
    /// `Delete`, `SetStorageClass` or `AbortIncompleteMultipartUpload`.
    public var action: String
    /// Target class of `SetStorageClass`.
    public var storageClass: String?
    /// Condition attributes, in the provider's names and types (lists already split).
    public var condition: [String: Value]
}
