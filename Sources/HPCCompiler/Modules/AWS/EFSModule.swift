/// `modules/file-system/efs`: one module, whole.
enum EFSModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "modules/file-system/efs", cloud: .aws,
        summary: "Amazon EFS (new, or an existing one by id) with its mount contract",
        description: """
        Creates an encrypted EFS file system with one mount target per private subnet and a security group \
        admitting NFS (TCP 2049) from the cluster security group, or, with `file_system_id`, only describes \
        an existing one. Either way it exports the mount contract (`network_storage`, fs_type `nfs`, server \
        `<fs-id>.efs.<region>.amazonaws.com`, export `/`).
        """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.region, AWSSettings.tags,
            SettingSpec("file_system_id", .string, "An existing file system to mount instead of creating one; every setting of a new file system must then stay unset.",
                        constraints: [.pattern("fs-[0-9a-f]{8,40}", description: "an EFS id such as `fs-0123456789abcdef0`")]),
            SettingSpec("vpc_id", .string, "The VPC of the mount targets' security group (from a `use`d aws-vpc module); needed for a new file system."),
            SettingSpec("private_subnet_ids", .list(.string), "Subnets that get a mount target, at most one per availability zone (from a `use`d aws-vpc module); needed for a new file system."),
            SettingSpec("security_group_id", .string, "The cluster security group admitted to NFS (from a `use`d aws-vpc module); needed for a new file system."),
            AWSSettings.managedBy,
            AWSSettings.mountPath,
            SettingSpec("mount_options", .string, "NFS mount options clients use (AWS's recommended NFSv4.1 options).",
                        default: .string("nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport,_netdev")),
            SettingSpec("performance_mode", .string, "Performance mode of a new file system.", default: .string("generalPurpose"),
                        constraints: [.oneOf(["generalPurpose", "maxIO"])]),
            SettingSpec("throughput_mode", .string, "Throughput mode of a new file system; `elastic` needs performance_mode `generalPurpose`.", default: .string("elastic"),
                        constraints: [.oneOf(["bursting", "elastic", "provisioned"])]),
            SettingSpec("provisioned_throughput_in_mibps", .number, "Throughput in MiB/s; required with, and only with, `throughput_mode: provisioned`.",
                        constraints: [.range(min: 1, max: 3414)]),
            SettingSpec("transition_to_ia", .string, "Move files not read for this long to Infrequent Access; null keeps them in Standard.",
                        constraints: [.oneOf(EFSLifecycle.transitions)]),
            SettingSpec("kms_key_id", .string, "ARN of a customer-managed KMS key; null uses the AWS-managed key (files are always encrypted).",
                        constraints: [.pattern("arn:aws[a-z-]*:kms:.+", description: "a KMS key ARN")]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case efsID = "efs_id"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage: (CommonSettings.mountContract, "The mount contract: server_ip (the file system's DNS name), remote_mount `/`, local_mount, fs_type `nfs`, mount_options.")
            case .efsID: (.string, "Id of the file system.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage, .efsID]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        EFSLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in AWSStorageResources.emit(entity, defaults: group.defaultTags, into: &document, references: &references) }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        guard case let .efs(efs) = entity.backing, efs.created != nil else { return .known }
        let fileSystem = "aws_efs_file_system.\(module.rawValue)"
        return switch output {
        case .efsID: .expression("\(fileSystem).id")
        case .networkStorage: .expression(OutputExpressions.mountContract(entity, server: "\(fileSystem).dns_name", path: path))
        }
    }
}

/// EFS lifecycle transitions.
public enum EFSLifecycle {
    /// The ages after which EFS moves a file to Infrequent Access.
    public static let transitions = ["AFTER_1_DAY", "AFTER_7_DAYS", "AFTER_14_DAYS", "AFTER_30_DAYS", "AFTER_60_DAYS", "AFTER_90_DAYS",
                                     "AFTER_180_DAYS", "AFTER_270_DAYS", "AFTER_365_DAYS"]
    /// Settings that only describe a file system hpcc creates.
    static let newFileSystemSettings = ["vpc_id", "private_subnet_ids", "security_group_id", "performance_mode", "throughput_mode",
                                        "provisioned_throughput_in_mibps", "transition_to_ia", "kms_key_id"]
}
