/// `modules/file-system/fsx-lustre`: one module, whole.
enum FSxLustreModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "modules/file-system/fsx-lustre", cloud: .aws,
        summary: "Amazon FSx for Lustre with S3 data repository associations and its mount contract",
        description: """
        Creates an FSx for Lustre file system in one subnet, a security group admitting Lustre (TCP 988 \
        and 1018-1023) from the cluster security group and from itself, and up to 8 data repository \
        associations linking directories of the file system to S3 prefixes. Exports the mount contract \
        (`network_storage`, fs_type `lustre`, server `<dns_name>@tcp`, remote `/<mount_name>`).
        """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.tags, AWSSettings.vpcID, AWSSettings.clusterSecurityGroup,
            SettingSpec("subnet_id", .string, "The one subnet of the file system (normally the first private subnet of a `use`d aws-vpc module); needed when Terraform creates it."),
            AWSSettings.managedBy,
            AWSSettings.mountPath,
            SettingSpec("mount_options", .string, "Mount options clients use.", default: .string("defaults,noatime,flock,_netdev")),
            SettingSpec("deployment_type", .string, "Deployment type.", default: .string("PERSISTENT_2"),
                        constraints: [.oneOf(FSxDeploymentType.allCases.map(\.rawValue))]),
            SettingSpec("storage_type", .string, "Storage type; HDD only with PERSISTENT_1.", default: .string("SSD"), constraints: [.oneOf(["SSD", "HDD"])]),
            SettingSpec("storage_capacity", .number, "Capacity in GiB; the deployment type, storage type and throughput set the allowed sizes.", default: .int(1200),
                        constraints: [.integer]),
            SettingSpec("per_unit_storage_throughput", .number, "Throughput in MB/s per TiB; required for PERSISTENT_1 and PERSISTENT_2, not allowed for SCRATCH_1 and SCRATCH_2.",
                        constraints: [.integer]),
            SettingSpec("data_compression_type", .string, "Data compression.", default: .string("NONE"), constraints: [.oneOf(["NONE", "LZ4"])]),
            SettingSpec("file_system_type_version", .string, "Lustre version; PERSISTENT_2 and data repository associations need 2.12 or later.", default: .string("2.15"),
                        constraints: [.oneOf(["2.10", "2.12", "2.15"])]),
            SettingSpec("data_repository_associations", .list(FSxDataRepository.settingType),
                        "Links of file system directories to S3 prefixes: `file_system_path`, `data_repository_path` (s3://...), `auto_import_events` and `auto_export_events` (subsets of NEW, CHANGED, DELETED), `batch_import_meta_data_on_create`.",
                        default: .list([]), constraints: [.maxItems(FSxDataRepository.maximumPerFileSystem)]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case fsxID = "fsx_id"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage: (CommonSettings.mountContract, "The mount contract: server_ip (`<dns_name>@tcp`), remote_mount (`/<mount_name>`), local_mount, fs_type `lustre`, mount_options.")
            case .fsxID: (.string, "Id of the file system.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage, .fsxID]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        FSxLustreLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in AWSStorageResources.emit(entity, defaults: group.defaultTags, into: &document, references: &references) }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        let fileSystem = "aws_fsx_lustre_file_system.\(module.rawValue)"
        return switch output {
        case .fsxID: .expression("\(fileSystem).id")
        case .networkStorage:
            .expression(OutputExpressions.mountContract(entity, server: "\"${\(fileSystem).dns_name}@tcp\"", remote: "\"/${\(fileSystem).mount_name}\"", path: path))
        }
    }
}

/// FSx for Lustre deployment types and what each offers: capacities, throughputs, storage types.
public enum FSxDeploymentType: String, CaseIterable, Sendable {
    case scratch1 = "SCRATCH_1"
    case scratch2 = "SCRATCH_2"
    case persistent1 = "PERSISTENT_1"
    case persistent2 = "PERSISTENT_2"

    /// Whether the type is persistent (and so needs a per-unit throughput).
    public var isPersistent: Bool { self == .persistent1 || self == .persistent2 }

    /// The storage types the deployment type offers.
    public var storageTypes: [String] { self == .persistent1 ? ["SSD", "HDD"] : ["SSD"] }

    /// The per-unit throughputs (MB/s per TiB) offered on `storageType`; empty when the setting is not allowed.
    public func throughputs(storageType: String) -> [Int] {
        switch self {
        case .scratch1, .scratch2: []
        case .persistent1: storageType == "HDD" ? [12, 40] : [50, 100, 200]
        case .persistent2: [125, 250, 500, 1000]
        }
    }

    /// The capacities (GiB) offered on `storageType` at `throughput`.
    public func capacityBands(storageType: String, throughput: Int?) -> [CapacityBand] {
        switch self {
        case .scratch1: [CapacityBand(1200, 2400, step: 1200), CapacityBand(3600, CapacityBand.unbounded, step: 3600)]
        case .persistent1 where storageType == "HDD":
            throughput == 40 ? [CapacityBand(1800, CapacityBand.unbounded, step: 1800)] : [CapacityBand(6000, CapacityBand.unbounded, step: 6000)]
        case .scratch2, .persistent1, .persistent2: [CapacityBand(1200, 1200, step: 1), CapacityBand(2400, CapacityBand.unbounded, step: 2400)]
        }
    }

    /// The Lustre versions the type runs.
    public var versions: [String] { self == .persistent2 ? ["2.12", "2.15"] : ["2.10", "2.12", "2.15"] }

    /// Data repository associations exist on every type but SCRATCH_1, from Lustre 2.12.
    public func supportsDataRepositoryAssociations(version: String) -> Bool {
        self != .scratch1 && version != "2.10"
    }
}

/// A data repository association's shape and limits.
public enum FSxDataRepository {
    /// At most this many associations per file system.
    public static let maximumPerFileSystem = 8
    /// The events automatic import and export policies may name.
    public static let events = ["NEW", "CHANGED", "DELETED"]

    static let settingType = SettingType.object([
        .required("file_system_path", .string), .required("data_repository_path", .string),
        .optional("auto_import_events", .list(.string), .list([])), .optional("auto_export_events", .list(.string), .list([])),
        .optional("batch_import_meta_data_on_create", .bool, .bool(false)),
    ])
}
