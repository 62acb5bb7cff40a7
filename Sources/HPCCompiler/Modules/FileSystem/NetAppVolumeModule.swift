/// `modules/file-system/netapp-volume`: a NetApp Volumes volume in a storage pool, shared over
/// NFS, and its mount contract.
enum NetAppVolumeModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let poolID = SettingKey<String>("netapp_storage_pool_id")
        static let name = SettingKey<String>("volume_name")
        static let capacity = SettingKey<Int>("capacity_gib")
        static let protocols = SettingKey<[String]>("protocols")
        static let description = SettingKey<String>("description")
        static let largeCapacity = SettingKey<Bool>("large_capacity")
        static let unixPermissions = SettingKey<String>("unix_permissions")
        static let tiering = SettingKey<Value>("tiering_policy")
        static let exportRules = SettingKey<Value>("export_policy_rules")
    }

    /// The NFS versions a volume can speak.
    static let nfsVersions = ["NFSV3", "NFSV4"]
    /// Smallest large-capacity volume, in GiB (15 TiB).
    static let largeCapacityMinimum = 15_360
    /// Who may mount a volume when the blueprint says nothing: the private (RFC 1918) ranges, as root.
    static let defaultExportRule: Value = .map([
        "allowed_clients": .string("10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"),
        "has_root_access": .bool(true), "access_type": .string("READ_WRITE"),
    ])

    static let schema = ModuleSchema(
        source: "modules/file-system/netapp-volume", cloud: .gcp,
        summary: "NetApp Volumes volume (NFS) with its mount contract",
        description: """
            Creates a NetApp Volumes volume in a storage pool (from a `use`d netapp-storage-pool module) and \
            exports the mount contract (`network_storage`) that Slurm nodes and VM instances mount.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.labels,
            SettingSpec(
                Key.poolID, .string,
                "Id of the storage pool: `projects/<project>/locations/<region>/storagePools/<name>`.",
                required: true,
                constraints: [
                    .pattern("projects/[^/]+/locations/[^/]+/storagePools/[^/]+", description: "a storage pool id")
                ]),
            SettingSpec(
                Key.name, .string,
                "Name of the volume, also its share name (export path); null means `<deployment_name>-<module id>`.",
                constraints: [
                    .pattern(
                        NetAppStoragePoolModule.namePattern, description: "a lowercase name of letters, digits and '-'")
                ]),
            SettingSpec(
                Key.capacity, .number, "Capacity of the volume in GiB, drawn from the pool.", default: .int(1024),
                constraints: [.integer, .range(min: 100, max: nil)]),
            SettingSpec(
                Key.protocols, .list(.string), "NFS versions the volume speaks: `NFSV3`, `NFSV4` or both.",
                default: .list([.string("NFSV3")])),
            SettingSpec(
                Key.description, .string, "Description of the volume.", default: .string(""),
                constraints: [.maxLength(2048)]),
            SettingSpec(
                CommonKey.localMount, .string, "Where clients mount the volume.", default: .string("/shared"),
                constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec(
                CommonKey.mountOptions, .string, "NFS mount options clients use.",
                default: .string("rw,hard,rsize=65536,wsize=65536,tcp")),
            SettingSpec(
                Key.largeCapacity, .bool, "A large-capacity volume: at least 15 TiB, served from six addresses.",
                default: .bool(false)),
            SettingSpec(
                Key.unixPermissions, .string, "Octal permissions of the volume's root directory.",
                default: .string("0777"), constraints: [.pattern("[0-7]{3,4}", description: "3 or 4 octal digits")]),
            SettingSpec(
                Key.tiering,
                .object([
                    .optional("tier_action", .string, constraints: [.oneOf(["ENABLED", "PAUSED"])]),
                    .optional("cooling_threshold_days", .number, constraints: [.integer, .range(min: 2, max: 183)]),
                ]),
                "Auto-tiering of cold data; needs a pool that allows it."),
            SettingSpec(
                Key.exportRules,
                .list(
                    .object([
                        .optional("allowed_clients", .string),
                        .optional("has_root_access", .bool, .bool(false)),
                        .optional(
                            "access_type", .string, .string("READ_WRITE"),
                            constraints: [.oneOf(["READ_WRITE", "READ_ONLY", "READ_NONE"])]),
                        .optional("nfsv3", .bool), .optional("nfsv4", .bool),
                    ])),
                """
                NFS export rules; an unset nfsv3/nfsv4 follows `protocols`. The default lets the private (RFC 1918) \
                ranges mount read-write as root; null exports to nobody.
                """,
                default: .list([defaultExportRule])),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case volumeID = "netapp_volume_id"
        case capacity = "capacity_gb"
        case serverIPs = "server_ips"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage:
                (
                    CommonSettings.mountContract,
                    "The mount contract: server_ip, remote_mount, local_mount, fs_type, mount_options."
                )
            case .volumeID: (.string, "Id of the volume.")
            case .capacity: (.number, "Capacity of the volume in GiB.")
            case .serverIPs: (.list(.string), "The addresses the volume is served from (six for large capacity).")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let capacity = settings.read(Key.capacity, diagnostics: &diagnostics),
            let localMount = settings.read(CommonKey.localMount, diagnostics: &diagnostics),
            let pool = pool(settings, region: region, diagnostics: &diagnostics),
            let protocols = protocols(settings, diagnostics: &diagnostics)
        else { return nil }
        let largeCapacity = settings.read(defaulted: Key.largeCapacity, diagnostics: &diagnostics)
        if largeCapacity, capacity < largeCapacityMinimum {
            diagnostics.report(
                .constraintViolation,
                "a large-capacity volume needs at least \(largeCapacityMinimum) GiB (15 TiB), not \(capacity)",
                at: settings.location(Key.capacity))
        }
        if let poolEntity = pool.module.flatMap({ settings.context.entities[$0]?.as(NetAppStoragePool.self) }),
            capacity > poolEntity.capacityGiB
        {
            diagnostics.report(
                .constraintViolation,
                "the volume's \(capacity) GiB do not fit in pool '\(poolEntity.name)' of \(poolEntity.capacityGiB) GiB",
                at: settings.location(Key.capacity))
        }
        let name =
            settings.read(Key.name, diagnostics: &diagnostics)
            ?? ResourceName.make(ResourceName.autoName(settings.context.deployment.name), settings.id.rawValue)
        let volume = NetAppVolume(
            project: project, name: name, region: region, pool: pool, protocols: protocols, capacityGiB: capacity,
            largeCapacity: largeCapacity,
            unixPermissions: settings.read(defaulted: Key.unixPermissions, diagnostics: &diagnostics),
            tiering: tiering(settings, diagnostics: &diagnostics),
            description: settings.read(defaulted: Key.description, diagnostics: &diagnostics),
            exportRules: exportRules(settings, protocols: protocols, diagnostics: &diagnostics))
        return SharedFilesystemLowering.register(
            settings, backing: .netAppVolume(volume), remotePath: "/\(name)", localMount: localMount, type: .nfs,
            outputs: [
                Output.volumeID.rawValue: .string("projects/\(project)/locations/\(region)/volumes/\(name)"),
                Output.capacity.rawValue: .int(capacity),
            ],
            into: settings.context, diagnostics: &diagnostics)
    }

    /// The pool named by `netapp_storage_pool_id`, and the module creating it when one does.
    private static func pool(
        _ settings: SettingReader, region: String, diagnostics: inout Diagnostics
    ) -> NetAppPoolReference? {
        guard let id = settings.read(Key.poolID, diagnostics: &diagnostics) else { return nil }
        let parts = id.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 6 else { return nil }  // The pattern reported it.
        if parts[3] != region {
            diagnostics.report(
                .constraintViolation, "the volume is in region '\(region)' but its pool is in '\(parts[3])'",
                at: settings.location(CommonKey.region))
            return nil
        }
        let module = settings.value(Key.poolID).outputReferences.map(\.module).first {
            settings.context.entities[$0]?.is(NetAppStoragePool.self) == true
        }
        return NetAppPoolReference(name: String(parts[5]), module: module)
    }

    private static func protocols(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [String]? {
        let protocols = settings.read(defaulted: Key.protocols, diagnostics: &diagnostics)
        let unknown = protocols.filter { !nfsVersions.contains($0) }
        guard unknown.isEmpty, !protocols.isEmpty else {
            diagnostics.report(
                .constraintViolation,
                "protocols must list `NFSV3`, `NFSV4` or both, not "
                    + protocols.map { "'\($0)'" }.joined(separator: ", "),
                at: settings.location(Key.protocols))
            return nil
        }
        return protocols
    }

    private static func tiering(_ settings: SettingReader, diagnostics: inout Diagnostics) -> NetAppTieringPolicy? {
        guard let fields = settings.read(Key.tiering, diagnostics: &diagnostics)?.map else { return nil }
        return NetAppTieringPolicy(
            tierAction: fields["tier_action"]?.string, coolingThresholdDays: fields["cooling_threshold_days"]?.int)
    }

    /// The export rules, an unset protocol flag following the volume's protocols (as Cluster Toolkit's module).
    private static func exportRules(
        _ settings: SettingReader, protocols: [String], diagnostics: inout Diagnostics
    ) -> [NetAppExportRule]? {
        guard let rules = settings.read(defaulted: Key.exportRules, diagnostics: &diagnostics).list else { return nil }
        return rules.compactMap(\.map).map { fields in
            NetAppExportRule(
                allowedClients: fields["allowed_clients"]?.string,
                hasRootAccess: fields["has_root_access"]?.bool ?? false,
                accessType: fields["access_type"]?.string ?? "READ_WRITE",
                nfsv3: fields["nfsv3"]?.bool ?? protocols.contains("NFSV3"),
                nfsv4: fields["nfsv4"]?.bool ?? protocols.contains("NFSV4"))
        }
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            StorageResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        let volume = NetAppResources.volume(module)
        let exports = volume.attribute("mount_options")
        return switch output {
        case .volumeID: .expression(volume.attribute("id"))
        case .capacity: .expression(volume.attribute("capacity_gib"))
        case .serverIPs: .expression("[for export in \(exports) : split(\":\", export.export_full)[0]]")
        case .networkStorage:
            .expression(
                OutputExpressions.mountContract(
                    entity, server: "split(\":\", \(exports)[0].export_full)[0]", path: path))
        }
    }
}
