/// `modules/file-system/cloud-storage-bucket`: one module, whole.
enum CloudStorageBucketModule: BuiltInModule {
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
            SettingSpec("name_prefix", .string, "First part of the bucket name; null leaves it out."),
            SettingSpec("use_deployment_name_in_bucket_name", .bool, "Put the deployment name in the bucket name.", default: .bool(true)),
            SettingSpec("random_suffix", .bool, "Append 8 hex digits to the name; hpcc derives them from project, deployment and module id instead of drawing them at random.",
                        default: .bool(false)),
            SettingSpec("local_mount", .string, "Where clients mount the bucket.", default: .string("/mnt"),
                        constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec("mount_options", .string, "gcsfuse mount options clients put in fstab.", default: .string("defaults,_netdev,implicit_dirs"),
                        constraints: [.pattern("[^\\s]*", description: "options without spaces")]),
            SettingSpec("force_destroy", .bool, "Let `terraform destroy` delete the bucket with every object in it.", default: .bool(false)),
            SettingSpec("storage_class", .string, "Storage class of the bucket.", default: .string("REGIONAL"),
                        constraints: [.oneOf(["STANDARD", "MULTI_REGIONAL", "REGIONAL", "NEARLINE", "COLDLINE", "ARCHIVE"])]),
            SettingSpec("enable_hierarchical_namespace", .bool, "Create the bucket with a hierarchical namespace (folders); only at creation, needs uniform bucket-level access and no versioning.",
                        default: .bool(false)),
            SettingSpec("uniform_bucket_level_access", .bool, "Control access with IAM only (no object ACLs).", default: .bool(true)),
            SettingSpec("public_access_prevention", .string, "`enforced` blocks public access; `inherited` follows the organization policy; null leaves it to Google.",
                        constraints: [.oneOf(["inherited", "enforced"])]),
            SettingSpec("enable_versioning", .bool, "Keep noncurrent versions of overwritten and deleted objects.", default: .bool(false)),
            SettingSpec("soft_delete_retention_duration", .number, "Seconds deleted objects stay restorable: 0 (off) or 604800-7776000; null leaves Google's default.",
                        constraints: [.integer]),
            SettingSpec("lifecycle_rules", .list(lifecycleRule), "Object lifecycle rules: an action (`Delete`, `SetStorageClass` with storage_class, `AbortIncompleteMultipartUpload`) and its condition.",
                        default: .list([])),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// One lifecycle rule, as Cluster Toolkit's module takes it (list conditions as comma-separated strings).
    static let lifecycleRule = SettingType.object([
        .required("action", .object([.required("type", .string), .optional("storage_class", .string)])),
        .required("condition", .object([
            .optional("age", .number), .optional("send_age_if_zero", .bool), .optional("created_before", .string),
            .optional("with_state", .string), .optional("matches_storage_class", .string), .optional("matches_prefix", .string),
            .optional("matches_suffix", .string), .optional("num_newer_versions", .number), .optional("custom_time_before", .string),
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
            case .networkStorage: (CommonSettings.mountContract, "The mount contract: server_ip empty, remote_mount the bucket name, local_mount, fs_type `gcsfuse`, mount_options.")
            case .gcsBucketPath: (.string, "The bucket as `gs://NAME`.")
            case .gcsBucketName: (.string, "The bucket name.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage, .gcsBucketPath]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        CloudStorageBucketLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in StorageResources.emit(entity, into: &document, references: &references) }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        let bucket = "google_storage_bucket.\(module.rawValue)"
        return switch output {
        case .gcsBucketName: .expression("\(bucket).name")
        case .gcsBucketPath: .expression("\"gs://${\(bucket).name}\"")
        case .networkStorage: .expression(OutputExpressions.mountContract(entity, server: HCL.quoted(""), path: path))
        }
    }
}
