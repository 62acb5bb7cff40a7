/// `modules/file-system/managed-lustre`: a Managed Lustre instance reached through private
/// services access, and its mount contract.
enum ManagedLustreModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let name = SettingKey<String>("name")
        static let description = SettingKey<String>("description")
        static let filesystemName = SettingKey<String>("remote_mount")
        static let size = SettingKey<Int>("size_gib")
        static let throughput = SettingKey<Int>("per_unit_storage_throughput")
        static let peering = SettingKey<String>("private_vpc_connection_peering")
        static let gkeSupport = SettingKey<Bool>("gke_support_enabled")
        static let importBucketURI = SettingKey<String>("import_gcs_bucket_uri")
    }

    static let schema = ModuleSchema(
        source: "modules/file-system/managed-lustre", cloud: .gcp,
        summary: "Google Cloud Managed Lustre instance with its mount contract",
        description: """
            Creates a Managed Lustre instance reached through private services access, and exports the \
            mount contract (`network_storage`, fs_type `lustre`).
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.zone, CommonSettings.labels,
            CommonSettings.networkID,
            SettingSpec(
                Key.name, .string, "Instance id.", required: true,
                constraints: [
                    .pattern(
                        "[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
                        description: "a lowercase name of letters, digits and '-' (at most 63)")
                ]),
            SettingSpec(Key.description, .string, "Description of the instance.", default: .string("Lustre Instance")),
            SettingSpec(
                Key.filesystemName, .string, "Lustre filesystem name.", required: true,
                constraints: [.pattern("[a-zA-Z0-9]{1,8}", description: "1 to 8 letters or digits")]),
            SettingSpec(
                CommonKey.localMount, .string, "Where clients mount the filesystem.", default: .string("/shared"),
                constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec(
                Key.size, .number, "Capacity in GiB; the throughput tier sets the allowed range.", default: .int(36000),
                constraints: [.integer]),
            SettingSpec(
                Key.throughput, .number, "Throughput tier in MB/s per TiB.", default: .int(500),
                constraints: [.oneOf(LustreTier.allCases.map { String($0.rawValue) })]),
            SettingSpec(
                CommonKey.mountOptions, .string, "Mount options clients use.", default: .string("defaults,_netdev")),
            SettingSpec(
                Key.peering, .string,
                """
                The private services access peering (from a `use`d private-service-access module); the instance waits \
                for it.
                """,
                required: true),
            SettingSpec(
                Key.gkeSupport, .bool, "Make the instance reachable from GKE (LNet on port 6988).",
                default: .bool(false)),
            SettingSpec(
                Key.importBucketURI, .string,
                """
                A `gs://` bucket imported into the filesystem once, right after creation (runs `curl` against the \
                Lustre API where Terraform runs).
                """,
                constraints: [.pattern("gs://.+", description: "a gs:// URI")]),
            SettingSpec(
                "kms_key", .string,
                """
                Customer-managed encryption key. Only empty (Google-managed keys) is accepted: the google provider 6.x \
                hpcc targets has no kms_key for Managed Lustre.
                """,
                constraints: [
                    .pattern(
                        "",
                        description:
                            """
                            empty (customer-managed keys for Managed Lustre need a google provider newer than the 6.x \
                            hpcc targets)
                            """
                    )
                ]),
        ]
            + CommonSettings.moot([
                (
                    "network_self_link", .string, nil,
                    """
                    hpcc takes the network from network_id, and the instance waits for the private services access \
                    peering
                    """
                )
            ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case lustreID = "lustre_id"
        case capacityGiB = "capacity_gib"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage:
                (
                    CommonSettings.mountContract,
                    """
                    The mount contract: server_ip (`IP@tcp`), remote_mount, local_mount, fs_type `lustre`, \
                    mount_options.
                    """
                )
            case .lustreID: (.string, "Id of the instance.")
            case .capacityGiB: (.number, "Capacity of the instance.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let name = settings.read(Key.name, diagnostics: &diagnostics),
            let filesystemName = settings.read(Key.filesystemName, diagnostics: &diagnostics),
            let localMount = settings.read(CommonKey.localMount, diagnostics: &diagnostics),
            let size = settings.read(Key.size, diagnostics: &diagnostics),
            let throughput = settings.read(Key.throughput, diagnostics: &diagnostics),
            let network = settings.networkAttachment(CommonKey.networkID, diagnostics: &diagnostics)
        else { return nil }
        if let tier = LustreTier(rawValue: throughput) {
            CapacityBand.report(
                size, bands: tier.capacityBands, service: "Managed Lustre at \(throughput) MB/s per TiB",
                at: settings.location(Key.size), diagnostics: &diagnostics)
        }
        let description = settings.read(defaulted: Key.description, diagnostics: &diagnostics)
        let instance = LustreInstance(
            project: project, instanceID: name, zone: zone, filesystem: filesystemName, capacityGiB: size,
            throughput: throughput,
            network: network, description: description,
            gkeSupport: settings.read(defaulted: Key.gkeSupport, diagnostics: &diagnostics),
            importBucketURI: settings.read(Key.importBucketURI, diagnostics: &diagnostics),
            waitsFor: settings.privateServiceAccessModules([Key.peering])
        )
        return SharedFilesystemLowering.register(
            settings, backing: .managedLustre(instance), remotePath: "/\(filesystemName)", localMount: localMount,
            type: .lustre,
            outputs: [
                Output.lustreID.rawValue: .string("projects/\(project)/locations/\(zone)/instances/\(name)"),
                Output.capacityGiB.rawValue: .int(size),
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
        let instance = StorageResources.lustreInstance(module)
        return switch output {
        case .lustreID: .expression(instance.attribute("id"))
        case .capacityGiB: .expression(instance.attribute("capacity_gib"))
        case .networkStorage:
            .expression(
                OutputExpressions.mountContract(
                    entity, server: "split(\":\", \(instance.attribute("mount_point")))[0]", path: path))
        }
    }
}

/// Managed Lustre throughput tiers (MB/s per TiB) and their capacity limits.
enum LustreTier: Int, CaseIterable, Sendable {
    case t125 = 125
    case t250 = 250
    case t500 = 500
    case t1000 = 1000

    /// The capacities (GiB) the tier offers. Above a threshold the faster tiers grow in a larger
    /// step, and an instance created below it can never grow past it.
    var capacityBands: [CapacityBand] {
        switch self {
        case .t125: [CapacityBand(72_000, 12_240_000, step: 72_000)]
        case .t250: [CapacityBand(36_000, 6_120_000, step: 36_000), CapacityBand(6_336_000, 40_032_000, step: 288_000)]
        case .t500: [CapacityBand(18_000, 3_060_000, step: 18_000), CapacityBand(3_168_000, 20_016_000, step: 144_000)]
        case .t1000: [CapacityBand(9_000, 1_530_000, step: 9_000), CapacityBand(1_584_000, 10_008_000, step: 72_000)]
        }
    }
}
