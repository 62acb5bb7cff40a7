/// `modules/file-system/cloud-storage-bucket`: a Cloud Storage bucket, and its mount contract for
/// gcsfuse.
enum CloudStorageBucketModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let namePrefix = SettingKey<String>("name_prefix")
        static let useDeploymentName = SettingKey<Bool>("use_deployment_name_in_bucket_name")
        static let randomSuffix = SettingKey<Bool>("random_suffix")
        static let forceDestroy = SettingKey<Bool>("force_destroy")
        static let storageClass = SettingKey<BucketStorageClass>("storage_class")
        static let hierarchicalNamespace = SettingKey<Bool>("enable_hierarchical_namespace")
        static let uniformAccess = SettingKey<Bool>("uniform_bucket_level_access")
        static let publicAccessPrevention = SettingKey<String>("public_access_prevention")
        static let versioning = SettingKey<Bool>("enable_versioning")
        static let softDelete = SettingKey<Int>("soft_delete_retention_duration")
        static let lifecycleRules = SettingKey<Value>("lifecycle_rules")
        static let placementZones = SettingKey<[String]>("placement_zones")
        static let anywhereCache = SettingKey<Value>("anywhere_cache")
        static let anywhereCacheTimeout = SettingKey<String>("anywhere_cache_create_timeout")
    }

    static let schema = ModuleSchema(
        source: "modules/file-system/cloud-storage-bucket", cloud: .gcp,
        summary: "Cloud Storage bucket with its gcsfuse mount contract",
        description: """
            Creates a Cloud Storage bucket and exports the mount contract (`network_storage`, fs_type \
            `gcsfuse`, no server, the bucket name as remote_mount) that Slurm nodes and workbenches mount \
            with Cloud Storage FUSE. The name is `<name_prefix>-<deployment_name>-<suffix>` (each part \
            optional); `random_suffix` adds 8 hex digits derived from the project, deployment and module id, \
            so names are unique across deployments yet the same on every build.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.labels,
            SettingSpec(Key.namePrefix, .string, "First part of the bucket name; null leaves it out."),
            SettingSpec(
                Key.useDeploymentName, .bool, "Put the deployment name in the bucket name.", default: .bool(true)),
            SettingSpec(
                Key.randomSuffix, .bool,
                """
                Append 8 hex digits to the name; hpcc derives them from project, deployment and module id instead of \
                drawing them at random.
                """,
                default: .bool(false)),
            SettingSpec(
                CommonKey.localMount, .string, "Where clients mount the bucket.", default: .string("/mnt"),
                constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec(
                CommonKey.mountOptions, .string, "gcsfuse mount options clients put in fstab.",
                default: .string("defaults,_netdev,implicit_dirs"),
                constraints: [.pattern("[^\\s]*", description: "options without spaces")]),
            SettingSpec(
                Key.forceDestroy, .bool, "Let `terraform destroy` delete the bucket with every object in it.",
                default: .bool(false)),
            SettingSpec(
                Key.storageClass, .string, "Storage class of the bucket.",
                default: .string(BucketStorageClass.regional.rawValue),
                constraints: [.oneOf(BucketStorageClass.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.hierarchicalNamespace, .bool,
                """
                Create the bucket with a hierarchical namespace (folders); only at creation, needs uniform \
                bucket-level access and no versioning.
                """,
                default: .bool(false)),
            SettingSpec(
                Key.uniformAccess, .bool, "Control access with IAM only (no object ACLs).", default: .bool(true)),
            SettingSpec(
                Key.publicAccessPrevention, .string,
                """
                `enforced` blocks public access; `inherited` follows the organization policy; null leaves it to Google.
                """,
                constraints: [.oneOf(PublicAccessPrevention.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.versioning, .bool, "Keep noncurrent versions of overwritten and deleted objects.",
                default: .bool(false)),
            SettingSpec(
                Key.softDelete, .number,
                "Seconds deleted objects stay restorable: 0 (off) or 604800-7776000; null leaves Google's default.",
                constraints: [.integer]),
            SettingSpec(
                Key.lifecycleRules, .list(lifecycleRule),
                """
                Object lifecycle rules: an action (`Delete`, `SetStorageClass` with storage_class, \
                `AbortIncompleteMultipartUpload`) and its condition.
                """,
                default: .list([])),
            SettingSpec(
                Key.placementZones, .list(.string),
                """
                Where the data is placed: the zone of a zonal (`RAPID`) bucket, or regions of a `REGIONAL` one; each \
                within `region`.
                """),
            SettingSpec(
                Key.anywhereCache,
                .object([
                    .required("zones", .list(.string)),
                    .optional(
                        "ttl", .string, .string("86400s"),
                        constraints: [.pattern("[0-9]+s", description: "seconds, as `<n>s`")]),
                    .optional(
                        "admission_policy", .string, .string("admit-on-first-miss"),
                        constraints: [.oneOf(["admit-on-first-miss", "admit-on-second-miss"])]),
                ]),
                """
                Anywhere Cache: a read cache in each of `zones` (in the bucket's region), keeping data for `ttl` \
                (1 to 7 days).
                """),
            SettingSpec(
                Key.anywhereCacheTimeout, .string, "How long Terraform waits for a cache to be created.",
                default: .string("240m"), constraints: [.pattern("[0-9]+[smh]", description: "a duration like `30m`")]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// One lifecycle rule, as Cluster Toolkit's module takes it (list conditions as comma-separated strings).
    static let lifecycleRule = SettingType.object([
        .required("action", .object([.required("type", .string), .optional("storage_class", .string)])),
        .required(
            "condition",
            .object([
                .optional("age", .number), .optional("send_age_if_zero", .bool), .optional("created_before", .string),
                .optional("with_state", .string), .optional("matches_storage_class", .string),
                .optional("matches_prefix", .string),
                .optional("matches_suffix", .string), .optional("num_newer_versions", .number),
                .optional("custom_time_before", .string),
                .optional("days_since_custom_time", .number), .optional("days_since_noncurrent_time", .number),
                .optional("noncurrent_time_before", .string),
            ])),
    ])

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case gcsBucketPath = "gcs_bucket_path"
        case gcsBucketName = "gcs_bucket_name"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage:
                (
                    CommonSettings.mountContract,
                    """
                    The mount contract: server_ip empty, remote_mount the bucket name, local_mount, fs_type `gcsfuse`, \
                    mount_options.
                    """
                )
            case .gcsBucketPath: (.string, "The bucket as `gs://NAME`.")
            case .gcsBucketName: (.string, "The bucket name.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage, .gcsBucketPath]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let localMount = settings.read(CommonKey.localMount, diagnostics: &diagnostics),
            let name = bucketName(settings, project: project, deployment: deployment, diagnostics: &diagnostics)
        else { return nil }
        let hierarchical = settings.read(defaulted: Key.hierarchicalNamespace, diagnostics: &diagnostics)
        let uniform = settings.read(defaulted: Key.uniformAccess, diagnostics: &diagnostics)
        let versioning = settings.read(defaulted: Key.versioning, diagnostics: &diagnostics)
        if hierarchical, !uniform {
            diagnostics.report(
                .constraintViolation, "a bucket with a hierarchical namespace needs uniform_bucket_level_access",
                at: settings.location(Key.uniformAccess))
        }
        if hierarchical, versioning {
            diagnostics.report(
                .constraintViolation, "a bucket with a hierarchical namespace cannot keep object versions",
                at: settings.location(Key.versioning))
        }
        let softDelete = settings.read(Key.softDelete, diagnostics: &diagnostics)
        if let softDelete, softDelete != 0, !(604_800...7_776_000).contains(softDelete) {
            diagnostics.report(
                .constraintViolation,
                "soft_delete_retention_duration must be 0 or 604800-7776000 seconds (7 to 90 days), not \(softDelete)",
                at: settings.location(Key.softDelete))
        }
        let bucket = BucketInstance(
            project: project, name: name, location: region.uppercased(),
            storageClass: settings.read(defaulted: Key.storageClass, diagnostics: &diagnostics),
            forceDestroy: settings.read(defaulted: Key.forceDestroy, diagnostics: &diagnostics),
            hierarchicalNamespace: hierarchical, uniformAccess: uniform,
            publicAccessPrevention: settings.read(Key.publicAccessPrevention, diagnostics: &diagnostics)
                .flatMap(PublicAccessPrevention.init(rawValue:)),
            versioning: versioning, softDeleteSeconds: softDelete,
            lifecycleRules: lifecycleRules(settings, diagnostics: &diagnostics),
            placementZones: placementZones(settings, region: region, diagnostics: &diagnostics),
            anywhereCache: anywhereCache(settings, region: region, diagnostics: &diagnostics)
        )
        return SharedFilesystemLowering.register(
            settings, backing: .cloudStorage(bucket), server: TerraformText(""), remotePath: name,
            localMount: localMount, type: .gcsfuse,
            outputs: [
                Output.gcsBucketPath.rawValue: .string("gs://\(name)"), Output.gcsBucketName.rawValue: .string(name),
            ],
            into: settings.context, diagnostics: &diagnostics
        )
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            StorageResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        let bucket = BucketResources.bucket(module)
        return switch output {
        case .gcsBucketName: .expression(bucket.attribute("name"))
        case .gcsBucketPath: .expression("\"gs://\(bucket.interpolation("name"))\"")
        case .networkStorage: .expression(OutputExpressions.mountContract(entity, server: HCL.quoted(""), path: path))
        }
    }
}

/// Cloud Storage storage classes.
@_spi(Tools) public enum BucketStorageClass: String, CaseIterable, Sendable {
    case standard = "STANDARD"
    case multiRegional = "MULTI_REGIONAL"
    case regional = "REGIONAL"
    case nearline = "NEARLINE"
    case coldline = "COLDLINE"
    case archive = "ARCHIVE"
    /// Rapid Storage: a zonal bucket (placed in one zone) for low-latency reads and appends.
    case rapid = "RAPID"
}

/// Whether a bucket may be made public.
@_spi(Tools) public enum PublicAccessPrevention: String, CaseIterable, Sendable {
    /// Follows the organization policy.
    case inherited
    /// Blocks public access.
    case enforced
}

/// What an object lifecycle rule does.
@_spi(Tools) public enum BucketLifecycleAction: String, CaseIterable, Sendable {
    case delete = "Delete"
    case setStorageClass = "SetStorageClass"
    case abortIncompleteMultipartUpload = "AbortIncompleteMultipartUpload"
}
