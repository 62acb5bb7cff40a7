/// `modules/file-system/filestore`: a Filestore instance with one share, and its mount contract.
enum FilestoreModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let name = SettingKey<String>("name")
        static let shareName = SettingKey<String>("filestore_share_name")
        static let size = SettingKey<Int>("size_gb")
        static let tier = SettingKey<String>("filestore_tier")
        static let connectMode = SettingKey<FilestoreConnectMode>("connect_mode")
        static let reservedIPRange = SettingKey<String>("reserved_ip_range")
        static let deletionProtection = SettingKey<Value>("deletion_protection")
        static let nfsProtocol = SettingKey<NFSProtocol>("protocol")
        static let description = SettingKey<String>("description")
        static let exportOptions = SettingKey<Value>("nfs_export_options")
        static let kmsKey = SettingKey<String>("kms_key_name")
    }

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
            SettingSpec(
                Key.name, .string, "Instance name; null means `<deployment_name>-<module id>`.",
                constraints: [.pattern("[a-z]([-a-z0-9]{0,61}[a-z0-9])?", description: "a Compute Engine name")]),
            SettingSpec(
                Key.shareName, .string, "Name of the file share; it is the export path.", default: .string("nfsshare"),
                constraints: [
                    .pattern(
                        "[a-zA-Z][_a-zA-Z0-9]{0,15}", description: "a letter, then up to 15 letters, digits or '_'")
                ]),
            SettingSpec(
                CommonKey.localMount, .string, "Where clients mount the share.", default: .string("/shared"),
                constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec(
                Key.size, .number, "Capacity of the share in GiB; the tier sets the allowed range and step.",
                default: .int(1024),
                constraints: [.integer, .range(min: 1024, max: nil)]),
            SettingSpec(
                Key.tier, .string, "Service tier.", default: .string(FilestoreTier.basicHDD.rawValue),
                constraints: [.oneOf(FilestoreTier.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.connectMode, .string, "How the instance reaches the VPC.",
                default: .string(FilestoreConnectMode.directPeering.rawValue),
                constraints: [.oneOf(FilestoreConnectMode.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.reservedIPRange, .string,
                """
                With DIRECT_PEERING a /29 or /24 CIDR; with PRIVATE_SERVICE_ACCESS the name of the reserved range. \
                Null lets Google choose.
                """
            ),
            SettingSpec(
                CommonKey.mountOptions, .string,
                """
                NFS mount options clients use.
                """, default: .string("defaults,_netdev")),
            SettingSpec(
                Key.deletionProtection,
                .object([.optional("enabled", .bool, .bool(true)), .optional("reason", .string)]),
                """
                Deletion protection of the instance: on unless turned off (Cluster Toolkit leaves it off), since a \
                Filestore share usually holds homes; `terraform destroy` fails until it is off and applied.
                """,
                default: .map(["enabled": .bool(true)])),
            SettingSpec(
                Key.nfsProtocol, .string, "NFS protocol; NFS_V4_1 needs a ZONAL, REGIONAL or ENTERPRISE tier.",
                default: .string(NFSProtocol.v3.rawValue),
                constraints: [.oneOf(NFSProtocol.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.description, .string, "Description of the instance.", default: .string(""),
                constraints: [.maxLength(2048)]),
            SettingSpec(
                Key.exportOptions,
                .list(
                    .object([
                        .optional("access_mode", .string), .optional("ip_ranges", .list(.string)),
                        .optional("squash_mode", .string),
                    ])),
                "Export options of the share.", default: .list([])),
            SettingSpec(
                Key.kmsKey, .string,
                """
                Cloud KMS key (CMEK) that encrypts the share, from a key ring in the instance's region. An hpcc \
                setting (Cluster Toolkit's module has none). The project's Filestore service agent needs \
                `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.
                """,
                constraints: [CloudKMSKey.constraint]),
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
            case .networkStorage:
                (
                    CommonSettings.mountContract,
                    "The mount contract: server_ip, remote_mount, local_mount, fs_type, mount_options."
                )
            case .filestoreID: (.string, "Id of the instance.")
            case .capacityGiB: (.number, "Capacity of the share.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let tier = settings.read(Key.tier, diagnostics: &diagnostics).flatMap(FilestoreTier.init(rawValue:)),
            let size = settings.read(Key.size, diagnostics: &diagnostics),
            let share = settings.read(Key.shareName, diagnostics: &diagnostics),
            let localMount = settings.read(CommonKey.localMount, diagnostics: &diagnostics),
            let network = settings.networkAttachment(CommonKey.networkID, diagnostics: &diagnostics)
        else { return nil }
        CapacityBand.report(
            size, bands: tier.capacityBands, service: "Filestore \(tier.rawValue)", at: settings.location(Key.size),
            diagnostics: &diagnostics)
        let nfsProtocol = settings.read(defaulted: Key.nfsProtocol, diagnostics: &diagnostics)
        if nfsProtocol == .v41, tier.isBasic {
            diagnostics.report(
                .constraintViolation, "NFS_V4_1 needs a ZONAL, REGIONAL or ENTERPRISE tier, not \(tier.rawValue)",
                at: settings.location(Key.nfsProtocol))
        }
        let connectMode = settings.read(defaulted: Key.connectMode, diagnostics: &diagnostics)
        let reserved = settings.text(Key.reservedIPRange)
        if connectMode == .directPeering, let range = reserved?.known,
            !(CIDR(range).map { $0.prefix == 29 || $0.prefix == 24 } ?? false)
        {
            diagnostics.report(
                .invalidNetworkRange,
                "with DIRECT_PEERING, reserved_ip_range must be a /29 or /24 CIDR block, not '\(range)'",
                at: settings.location(Key.reservedIPRange))
        }
        let kmsKey = settings.read(Key.kmsKey, diagnostics: &diagnostics).flatMap { key in
            Pattern.matches(key, CloudKMSKey.pattern) ? key : nil
        }
        if let kmsKey {
            CloudKMSKey.checkLocation(
                kmsKey, serves: "Filestore instance", region: region, at: settings.location(Key.kmsKey),
                diagnostics: &diagnostics)
        }
        let protection = settings.read(defaulted: Key.deletionProtection, diagnostics: &diagnostics).map ?? [:]
        let name =
            settings.read(Key.name, diagnostics: &diagnostics)
            ?? ResourceName.make(ResourceName.autoName(settings.context.deployment.name), settings.id.rawValue)
        let instance = FilestoreInstance(
            project: project, name: name, location: tier.isRegional ? region : zone, tier: tier, capacityGiB: size,
            shareName: share, network: network, connectMode: connectMode, reservedIPRange: reserved,
            nfsProtocol: nfsProtocol,
            description: settings.read(defaulted: Key.description, diagnostics: &diagnostics),
            deletionProtection: protection["enabled"]?.bool ?? true,
            deletionProtectionReason: protection["reason"]?.string,
            exportOptions: exportOptions(settings, diagnostics: &diagnostics),
            waitsFor: settings.privateServiceAccessModules([
                AnySettingKey(Key.connectMode), AnySettingKey(Key.reservedIPRange),
            ]),
            kmsKey: kmsKey
        )
        return SharedFilesystemLowering.register(
            settings, backing: .filestore(instance), remotePath: "/\(share)", localMount: localMount, type: .nfs,
            outputs: [
                Output.filestoreID.rawValue: .string(
                    "projects/\(project)/locations/\(instance.location)/instances/\(name)"),
                Output.capacityGiB.rawValue: .int(size),
            ],
            into: settings.context, diagnostics: &diagnostics
        )
    }

    private static func exportOptions(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [NFSExportOption] {
        (settings.read(defaulted: Key.exportOptions, diagnostics: &diagnostics).list ?? []).compactMap { entry in
            guard let fields = entry.map else { return nil }
            return NFSExportOption(
                accessMode: fields["access_mode"]?.string,
                ipRanges: fields["ip_ranges"]?.list?.compactMap(\.string) ?? [],
                squashMode: fields["squash_mode"]?.string)
        }
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            StorageResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        let instance = StorageResources.filestoreInstance(module)
        return switch output {
        case .filestoreID: .expression(instance.attribute("id"))
        case .capacityGiB: .expression(instance.attribute("file_shares[0].capacity_gb"))
        case .networkStorage:
            .expression(
                OutputExpressions.mountContract(
                    entity, server: instance.attribute("networks[0].ip_addresses[0]"), path: path))
        }
    }
}

/// How a Filestore instance reaches the VPC.
@_spi(Tools) public enum FilestoreConnectMode: String, CaseIterable, Sendable {
    case directPeering = "DIRECT_PEERING"
    case privateServiceAccess = "PRIVATE_SERVICE_ACCESS"
}

/// The NFS protocol a Filestore share speaks.
@_spi(Tools) public enum NFSProtocol: String, CaseIterable, Sendable {
    case v3 = "NFS_V3"
    case v41 = "NFS_V4_1"
}

/// Filestore service tiers and the capacities each offers.
@_spi(Tools) public enum FilestoreTier: String, CaseIterable, Sendable {
    case basicHDD = "BASIC_HDD"
    case basicSSD = "BASIC_SSD"
    case highScaleSSD = "HIGH_SCALE_SSD"
    case zonal = "ZONAL"
    case regional = "REGIONAL"
    case enterprise = "ENTERPRISE"

    /// Regional tiers are placed in the region, the others in the zone.
    @_spi(Tools) public var isRegional: Bool { self == .regional || self == .enterprise }

    /// Basic tiers speak only NFSv3.
    @_spi(Tools) public var isBasic: Bool { self == .basicHDD || self == .basicSSD }

    /// The capacity bands (GiB) the tier offers, each with its step.
    @_spi(Tools) public var capacityBands: [CapacityBand] {
        switch self {
        case .basicHDD: [CapacityBand(1024, 65434, step: 1)]
        case .basicSSD: [CapacityBand(2560, 65434, step: 1)]
        case .highScaleSSD: [CapacityBand(10240, 102400, step: 2560)]
        case .zonal, .regional: [CapacityBand(1024, 9984, step: 256), CapacityBand(10240, 102400, step: 2560)]
        case .enterprise: [CapacityBand(1024, 10240, step: 256)]
        }
    }
}
