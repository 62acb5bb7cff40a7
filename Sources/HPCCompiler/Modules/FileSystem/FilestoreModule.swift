/// `modules/file-system/filestore`: one module, whole.
enum FilestoreModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "modules/file-system/filestore", cloud: .gcp,
        summary: "Filestore instance (NFS) with its mount contract",
        description: """
        Creates a Filestore instance with one file share and exports the mount contract \
        (`network_storage`) that Slurm nodes, login nodes and the controller mount.
        """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.zone,
            CommonSettings.labels, CommonSettings.networkID,
            SettingSpec("name", .string, "Instance name; null means `<deployment_name>-<module id>`.",
                        constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name")]),
            SettingSpec("filestore_share_name", .string, "Name of the file share; it is the export path.", default: .string("nfsshare"),
                        constraints: [.pattern("[a-zA-Z][_a-zA-Z0-9]{0,15}", description: "a letter, then up to 15 letters, digits or '_'")]),
            SettingSpec("local_mount", .string, "Where clients mount the share.", default: .string("/shared"),
                        constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec("size_gb", .number, "Capacity of the share in GiB; the tier sets the allowed range and step.", default: .int(1024),
                        constraints: [.integer, .range(min: 1024, max: nil)]),
            SettingSpec("filestore_tier", .string, "Service tier.", default: .string("BASIC_HDD"),
                        constraints: [.oneOf(FilestoreTier.allCases.map(\.rawValue))]),
            SettingSpec("connect_mode", .string, "How the instance reaches the VPC.", default: .string("DIRECT_PEERING"),
                        constraints: [.oneOf(["DIRECT_PEERING", "PRIVATE_SERVICE_ACCESS"])]),
            SettingSpec("reserved_ip_range", .string, "With DIRECT_PEERING a /29 or /24 CIDR; with PRIVATE_SERVICE_ACCESS the name of the reserved range. Null lets Google choose."),
            SettingSpec("mount_options", .string, "NFS mount options clients use.", default: .string("defaults,_netdev")),
            SettingSpec("deletion_protection", .object([.optional("enabled", .bool, .bool(true)), .optional("reason", .string)]),
                        "Deletion protection of the instance: on unless turned off (Cluster Toolkit leaves it off), since a Filestore share usually holds homes; `terraform destroy` fails until it is off and applied.",
                        default: .map(["enabled": .bool(true)])),
            SettingSpec("protocol", .string, "NFS protocol; NFS_V4_1 needs a ZONAL, REGIONAL or ENTERPRISE tier.", default: .string("NFS_V3"),
                        constraints: [.oneOf(["NFS_V3", "NFS_V4_1"])]),
            SettingSpec("description", .string, "Description of the instance.", default: .string(""), constraints: [.maxLength(2048)]),
            SettingSpec("nfs_export_options", .list(.object([.optional("access_mode", .string), .optional("ip_ranges", .list(.string)), .optional("squash_mode", .string)])),
                        "Export options of the share.", default: .list([])),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case filestoreID = "filestore_id"
        case capacityGiB = "capacity_gib"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage: (CommonSettings.mountContract, "The mount contract: server_ip, remote_mount, local_mount, fs_type, mount_options.")
            case .filestoreID: (.string, "Id of the instance.")
            case .capacityGiB: (.number, "Capacity of the share.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        FilestoreLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in StorageResources.emit(entity, into: &document, references: &references) }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        let instance = "google_filestore_instance.\(module.rawValue)"
        return switch output {
        case .filestoreID: .expression("\(instance).id")
        case .capacityGiB: .expression("\(instance).file_shares[0].capacity_gb")
        case .networkStorage: .expression(OutputExpressions.mountContract(entity, server: "\(instance).networks[0].ip_addresses[0]", path: path))
        }
    }
}

/// Filestore service tiers and the capacities each offers.
public enum FilestoreTier: String, CaseIterable, Sendable {
    case basicHDD = "BASIC_HDD"
    case basicSSD = "BASIC_SSD"
    case highScaleSSD = "HIGH_SCALE_SSD"
    case zonal = "ZONAL"
    case regional = "REGIONAL"
    case enterprise = "ENTERPRISE"

    /// Regional tiers are placed in the region, the others in the zone.
    public var isRegional: Bool { self == .regional || self == .enterprise }

    /// Basic tiers speak only NFSv3.
    public var isBasic: Bool { self == .basicHDD || self == .basicSSD }

    /// The capacity bands (GiB) the tier offers, each with its step.
    public var capacityBands: [CapacityBand] {
        switch self {
        case .basicHDD: [CapacityBand(1024, 65434, step: 1)]
        case .basicSSD: [CapacityBand(2560, 65434, step: 1)]
        case .highScaleSSD: [CapacityBand(10240, 102400, step: 2560)]
        case .zonal, .regional: [CapacityBand(1024, 9984, step: 256), CapacityBand(10240, 102400, step: 2560)]
        case .enterprise: [CapacityBand(1024, 10240, step: 256)]
        }
    }
}
