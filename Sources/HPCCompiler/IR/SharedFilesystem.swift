/// A filesystem shared by the cluster's nodes.
@_spi(Tools) public struct SharedFilesystem: Hashable, Sendable {
    /// The filesystem module's origin.
    @_spi(Tools) public var origin: Origin
    /// How clients mount it.
    @_spi(Tools) public var mount: MountContract
    /// What provides it.
    @_spi(Tools) public var backing: FilesystemBacking
}

/// The one contract every consumer of a shared filesystem reads (Terraform startup data,
/// Ansible group vars, Slurm nodes).
@_spi(Tools) public struct MountContract: Hashable, Sendable {
    /// Server address (`10.0.0.2`, or `10.0.0.2@tcp` for Lustre); often known only after apply.
    @_spi(Tools) public var server: TerraformText
    /// Export path or Lustre filesystem (`/nfsshare`, `/lustrefs`).
    @_spi(Tools) public var remotePath: String
    /// Where clients mount it.
    @_spi(Tools) public var localMount: String
    /// Client filesystem type.
    @_spi(Tools) public var type: FilesystemType
    /// Mount options.
    @_spi(Tools) public var options: String
    /// The module that declares it (one hpcc creates, or an imported one); nil for contracts written inline.
    @_spi(Tools) public var provider: ModuleID?
}

/// Client filesystem types.
@_spi(Tools) public enum FilesystemType: String, Hashable, Sendable, CaseIterable {
    /// NFS (Filestore, EFS, existing NFS servers).
    case nfs
    /// Lustre (Managed Lustre, FSx for Lustre, existing Lustre).
    case lustre
    /// A Cloud Storage bucket through Cloud Storage FUSE.
    case gcsfuse
}

/// What provides a shared filesystem.
@_spi(Tools) public enum FilesystemBacking: Hashable, Sendable {
    /// A Filestore instance.
    case filestore(FilestoreInstance)
    /// A Google Cloud Managed Lustre instance.
    case managedLustre(LustreInstance)
    /// A Google Cloud NetApp Volumes volume.
    case netAppVolume(NetAppVolume)
    /// Storage that exists already (pre-existing-network-storage): nothing to create, only mount.
    case imported
    /// A Cloud Storage bucket mounted with gcsfuse.
    case cloudStorage(BucketInstance)
    /// Amazon EFS, new or existing.
    case efs(EFSFileSystem)
    /// Amazon FSx for Lustre.
    case fsxLustre(FSxLustreFileSystem)

    /// Whether AWS ParallelCluster creates it with the cluster that mounts it (no Terraform resources).
    @_spi(Tools) public var isCreatedByParallelCluster: Bool {
        switch self {
        case let .efs(efs): efs.created != nil && efs.created?.placement == nil
        case let .fsxLustre(fsx): fsx.placement == nil
        default: false
        }
    }

    /// Whether the storage lives on AWS.
    @_spi(Tools) public var isAWS: Bool {
        switch self {
        case .efs, .fsxLustre: true
        default: false
        }
    }
}

/// A Filestore instance.
@_spi(Tools) public struct FilestoreInstance: Hashable, Sendable {
    /// Project that holds the instance.
    @_spi(Tools) public var project: String
    /// The instance's name.
    @_spi(Tools) public var name: String
    /// Zone, or region for regional tiers.
    @_spi(Tools) public var location: String
    /// The service tier.
    @_spi(Tools) public var tier: FilestoreTier
    /// Capacity of the share.
    @_spi(Tools) public var capacityGiB: Int
    /// The file share's name: its export path.
    @_spi(Tools) public var shareName: String
    /// The network the instance is reached on.
    @_spi(Tools) public var network: NetworkAttachment
    /// `DIRECT_PEERING` or `PRIVATE_SERVICE_ACCESS`.
    @_spi(Tools) public var connectMode: FilestoreConnectMode
    /// The range the instance takes its address from; nil lets Google choose.
    @_spi(Tools) public var reservedIPRange: TerraformText?
    /// `NFS_V3` or `NFS_V4_1`.
    @_spi(Tools) public var nfsProtocol: NFSProtocol
    /// The instance's description.
    @_spi(Tools) public var description: String
    /// `terraform destroy` fails while it is on.
    @_spi(Tools) public var deletionProtection: Bool
    /// Why it is on, shown by Google Cloud.
    @_spi(Tools) public var deletionProtectionReason: String?
    /// Who may mount the share, and how.
    @_spi(Tools) public var exportOptions: [NFSExportOption]
    /// Private services access modules the instance waits for.
    @_spi(Tools) public var waitsFor: [ModuleID]
    /// The Cloud KMS key that encrypts the share; nil for Google's default encryption.
    @_spi(Tools) public var kmsKey: String? = nil
}

/// An NFS export option of a Filestore share.
@_spi(Tools) public struct NFSExportOption: Hashable, Sendable {
    /// `READ_ONLY` or `READ_WRITE`.
    @_spi(Tools) public var accessMode: String?
    /// Client ranges the option applies to.
    @_spi(Tools) public var ipRanges: [String]
    /// `NO_ROOT_SQUASH` or `ROOT_SQUASH`.
    @_spi(Tools) public var squashMode: String?
}

/// A Managed Lustre instance.
@_spi(Tools) public struct LustreInstance: Hashable, Sendable {
    /// Project that holds the instance.
    @_spi(Tools) public var project: String
    /// The instance's id.
    @_spi(Tools) public var instanceID: String
    /// Its zone.
    @_spi(Tools) public var zone: String
    /// The Lustre filesystem name (the mount's remote path).
    @_spi(Tools) public var filesystem: String
    /// Capacity in GiB.
    @_spi(Tools) public var capacityGiB: Int
    /// Throughput tier in MB/s per TiB.
    @_spi(Tools) public var throughput: Int
    /// The network the instance is reached on.
    @_spi(Tools) public var network: NetworkAttachment
    /// The instance's description.
    @_spi(Tools) public var description: String
    /// Reachable from GKE (LNet on port 6988).
    @_spi(Tools) public var gkeSupport: Bool
    /// A `gs://` bucket imported once after creation.
    @_spi(Tools) public var importBucketURI: String?
    /// Private services access modules the instance waits for.
    @_spi(Tools) public var waitsFor: [ModuleID]
}

/// A Cloud Storage bucket mounted with gcsfuse.
@_spi(Tools) public struct BucketInstance: Hashable, Sendable {
    /// Project that holds the bucket.
    @_spi(Tools) public var project: String
    /// The bucket name, after hpcc's prefixing; checked against the Cloud Storage naming rules.
    @_spi(Tools) public var name: String
    /// Region (or multi-region) of the bucket.
    @_spi(Tools) public var location: String
    /// `STANDARD`, `NEARLINE`, `COLDLINE`, `ARCHIVE`, ...
    @_spi(Tools) public var storageClass: BucketStorageClass
    /// `terraform destroy` deletes the bucket's objects too.
    @_spi(Tools) public var forceDestroy: Bool
    /// Folders are real objects (hierarchical namespace).
    @_spi(Tools) public var hierarchicalNamespace: Bool
    /// Uniform bucket-level access (no object ACLs).
    @_spi(Tools) public var uniformAccess: Bool
    /// `inherited`, `enforced`, or nil for Google's default.
    @_spi(Tools) public var publicAccessPrevention: PublicAccessPrevention?
    /// Object versioning.
    @_spi(Tools) public var versioning: Bool
    /// Seconds deleted objects stay restorable; nil for Google's default.
    @_spi(Tools) public var softDeleteSeconds: Int?
    /// Object lifecycle rules.
    @_spi(Tools) public var lifecycleRules: [BucketLifecycleRule]
    /// Zones (or regions) the data is placed in; empty for the location's default placement.
    @_spi(Tools) public var placementZones: [String] = []
    /// Anywhere Cache in zones near the readers; nil for none.
    @_spi(Tools) public var anywhereCache: AnywhereCache? = nil
}

/// Anywhere Cache of a bucket: zonal read caches in front of it.
@_spi(Tools) public struct AnywhereCache: Hashable, Sendable {
    /// One cache per zone, each in the bucket's region.
    @_spi(Tools) public var zones: [String]
    /// How long cached data lives, as `<seconds>s`.
    @_spi(Tools) public var ttl: String
    /// `admit-on-first-miss` or `admit-on-second-miss`.
    @_spi(Tools) public var admissionPolicy: String
    /// Terraform's create timeout (caches can take hours).
    @_spi(Tools) public var createTimeout: String
}

/// One object lifecycle rule of a bucket.
@_spi(Tools) public struct BucketLifecycleRule: Hashable, Sendable {
    /// `Delete`, `SetStorageClass` or `AbortIncompleteMultipartUpload`.
    @_spi(Tools) public var action: BucketLifecycleAction
    /// Target class of `SetStorageClass`.
    @_spi(Tools) public var storageClass: String?
    /// Condition attributes, in the provider's names and types (lists already split).
    @_spi(Tools) public var condition: [String: Value]
}
