/// `modules/file-system/fsx-lustre`: an FSx for Lustre file system with its data repository
/// associations, checked against the service's rules in `FSxDeploymentType`, and its mount contract.
enum FSxLustreModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `AWSKey`'s.
    enum Key {
        static let subnetID = SettingKey<String>("subnet_id")
        static let deploymentType = SettingKey<String>("deployment_type")
        static let storageType = SettingKey<String>("storage_type")
        static let capacity = SettingKey<Int>("storage_capacity")
        static let throughput = SettingKey<Int>("per_unit_storage_throughput")
        static let compression = SettingKey<FSxCompression>("data_compression_type")
        static let version = SettingKey<String>("file_system_type_version")
        static let associations = SettingKey<Value>("data_repository_associations")
        static let backupRetention = SettingKey<Int>("automatic_backup_retention_days")
        static let backupStartTime = SettingKey<String>("daily_automatic_backup_start_time")
    }

    static let schema = ModuleSchema(
        source: "modules/file-system/fsx-lustre", cloud: .aws,
        summary: "Amazon FSx for Lustre with S3 data repository associations and its mount contract",
        description: """
            Creates an FSx for Lustre file system in one subnet, a security group admitting Lustre (TCP 988 \
            and 1018-1023) from the cluster security group and from itself, and up to 8 data repository \
            associations linking directories of the file system to S3 prefixes. A persistent file system that is \
            not linked to S3 gets FSx's automatic daily backups (kept 7 days unless \
            `automatic_backup_retention_days` says otherwise; tags copied to them; a final backup when it is \
            deleted); FSx has no backups for scratch file systems or for ones linked to S3. Exports the mount \
            contract (`network_storage`, fs_type `lustre`, server `<dns_name>@tcp`, remote `/<mount_name>`).
            """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.tags, AWSSettings.vpcID, AWSSettings.clusterSecurityGroup,
            SettingSpec(
                Key.subnetID, .string,
                """
                The one subnet of the file system (normally the first private subnet of a `use`d aws-vpc module); \
                needed when Terraform creates it.
                """
            ),
            AWSSettings.managedBy,
            AWSSettings.mountPath,
            SettingSpec(
                CommonKey.mountOptions, .string, "Mount options clients use.",
                default: .string("defaults,noatime,flock,_netdev")),
            SettingSpec(
                Key.deploymentType, .string, "Deployment type.",
                default: .string(FSxDeploymentType.persistent2.rawValue),
                constraints: [.oneOf(FSxDeploymentType.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.storageType, .string, "Storage type; HDD only with PERSISTENT_1.",
                default: .string(FSxStorageType.ssd.rawValue),
                constraints: [.oneOf(FSxStorageType.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.capacity, .number,
                "Capacity in GiB; the deployment type, storage type and throughput set the allowed sizes.",
                default: .int(1200),
                constraints: [.integer]),
            SettingSpec(
                Key.throughput, .number,
                """
                Throughput in MB/s per TiB; required for PERSISTENT_1 and PERSISTENT_2, not allowed for SCRATCH_1 and \
                SCRATCH_2.
                """,
                constraints: [.integer]),
            SettingSpec(
                Key.compression, .string, "Data compression.", default: .string(FSxCompression.uncompressed.rawValue),
                constraints: [.oneOf(FSxCompression.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.version, .string,
                "Lustre version; PERSISTENT_2 and data repository associations need 2.12 or later.",
                default: .string(FSxLustreVersion.v2_15.rawValue),
                constraints: [.oneOf(FSxLustreVersion.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.associations, .list(FSxDataRepository.settingType),
                """
                Links of file system directories to S3 prefixes: `file_system_path`, `data_repository_path` \
                (s3://...), `auto_import_events` and `auto_export_events` (subsets of NEW, CHANGED, DELETED), \
                `batch_import_meta_data_on_create`.
                """,
                default: .list([]), constraints: [.maxItems(FSxDataRepository.maximumPerFileSystem)]),
            SettingSpec(
                Key.backupRetention, .number,
                """
                Days FSx keeps automatic daily backups; 0 turns them off. Null means \
                \(FSxBackups.defaultRetentionDays) where FSx offers backups (PERSISTENT_1 and PERSISTENT_2 without \
                data repository associations) and none elsewhere; a number above 0 elsewhere is an error.
                """,
                constraints: [.integer, .range(min: 0, max: Double(FSxBackups.maximumRetentionDays))]),
            SettingSpec(
                Key.backupStartTime, .string,
                "UTC time (HH:MM) the daily backup starts; null lets FSx choose. Only with automatic backups.",
                constraints: [
                    .pattern("([01][0-9]|2[0-3]):[0-5][0-9]", description: "a UTC time of day such as `03:00`")
                ]),
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
            case .networkStorage:
                (
                    CommonSettings.mountContract,
                    """
                    The mount contract: server_ip (`<dns_name>@tcp`), remote_mount (`/<mount_name>`), local_mount, \
                    fs_type `lustre`, mount_options.
                    """
                )
            case .fsxID: (.string, "Id of the file system.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage, .fsxID]

    // `lower` is in FSxLustreModule+Lowering.swift.

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in
            AWSStorageResources.emit(entity, defaults: group.defaultTags, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        // ParallelCluster creates it with the cluster: no resource of this deployment stands behind it.
        guard !entity.backing.isCreatedByParallelCluster else { return .known }
        let fileSystem = AWSStorageResources.fsxFileSystem(module)
        return switch output {
        case .fsxID: .expression(fileSystem.attribute("id"))
        case .networkStorage:
            .expression(
                OutputExpressions.mountContract(
                    entity, server: "\"\(fileSystem.interpolation("dns_name"))@tcp\"",
                    remote: "\"/\(fileSystem.interpolation("mount_name"))\"",
                    path: path))
        }
    }
}

/// FSx for Lustre deployment types and what each offers: capacities, throughputs, storage types.
@_spi(Tools) public enum FSxDeploymentType: String, CaseIterable, Sendable {
    case scratch1 = "SCRATCH_1"
    case scratch2 = "SCRATCH_2"
    case persistent1 = "PERSISTENT_1"
    case persistent2 = "PERSISTENT_2"

    /// Whether the type is persistent (and so needs a per-unit throughput).
    @_spi(Tools) public var isPersistent: Bool { self == .persistent1 || self == .persistent2 }

    /// The storage types the deployment type offers.
    @_spi(Tools) public var storageTypes: [FSxStorageType] { self == .persistent1 ? [.ssd, .hdd] : [.ssd] }

    /// The per-unit throughputs (MB/s per TiB) offered on `storageType`; empty when the setting is not allowed.
    @_spi(Tools) public func throughputs(storageType: FSxStorageType) -> [Int] {
        switch self {
        case .scratch1, .scratch2: []
        case .persistent1: storageType == .hdd ? [12, 40] : [50, 100, 200]
        case .persistent2: [125, 250, 500, 1000]
        }
    }

    /// The capacities (GiB) offered on `storageType` at `throughput`.
    @_spi(Tools) public func capacityBands(storageType: FSxStorageType, throughput: Int?) -> [CapacityBand] {
        switch self {
        case .scratch1: [CapacityBand(1200, 2400, step: 1200), CapacityBand(3600, CapacityBand.unbounded, step: 3600)]
        case .persistent1 where storageType == .hdd:
            throughput == 40
                ? [CapacityBand(1800, CapacityBand.unbounded, step: 1800)]
                : [CapacityBand(6000, CapacityBand.unbounded, step: 6000)]
        case .scratch2, .persistent1, .persistent2:
            [CapacityBand(1200, 1200, step: 1), CapacityBand(2400, CapacityBand.unbounded, step: 2400)]
        }
    }

    /// The Lustre versions the type runs.
    @_spi(Tools) public var versions: [FSxLustreVersion] {
        self == .persistent2 ? [.v2_12, .v2_15] : [.v2_10, .v2_12, .v2_15]
    }

    /// Data repository associations exist on every type but SCRATCH_1, from Lustre 2.12.
    @_spi(Tools) public func supportsDataRepositoryAssociations(version: FSxLustreVersion) -> Bool {
        self != .scratch1 && version != .v2_10
    }
}

/// What FSx for Lustre offers for automatic daily backups.
@_spi(Tools) public enum FSxBackups {
    /// Days hpcc keeps them where the blueprint does not say.
    @_spi(Tools) public static let defaultRetentionDays = 7
    /// The longest retention FSx allows.
    @_spi(Tools) public static let maximumRetentionDays = 90

    /// FSx backs up persistent file systems that are not linked to S3 (no data repository association).
    @_spi(Tools) public static func offered(on type: FSxDeploymentType, linkedToS3: Bool) -> Bool {
        type.isPersistent && !linkedToS3
    }
}

/// FSx for Lustre storage types.
@_spi(Tools) public enum FSxStorageType: String, CaseIterable, Sendable {
    case ssd = "SSD"
    case hdd = "HDD"
}

/// FSx for Lustre data compression.
@_spi(Tools) public enum FSxCompression: String, CaseIterable, Sendable {
    case uncompressed = "NONE"
    case lz4 = "LZ4"
}

/// The Lustre versions FSx for Lustre runs.
@_spi(Tools) public enum FSxLustreVersion: String, CaseIterable, Sendable {
    case v2_10 = "2.10"
    case v2_12 = "2.12"
    case v2_15 = "2.15"
}

/// A data repository association's shape and limits.
enum FSxDataRepository {
    /// At most this many associations per file system.
    static let maximumPerFileSystem = 8
    /// The events automatic import and export policies may name.
    static let events = ["NEW", "CHANGED", "DELETED"]

    static let settingType = SettingType.object([
        .required("file_system_path", .string), .required("data_repository_path", .string),
        .optional("auto_import_events", .list(.string), .list([])),
        .optional("auto_export_events", .list(.string), .list([])),
        .optional("batch_import_meta_data_on_create", .bool, .bool(false)),
    ])
}
