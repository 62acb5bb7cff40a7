/// `modules/file-system/filestore` → a `SharedFilesystem` backed by Filestore.
enum FilestoreLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let zone = settings.string("zone", diagnostics: &diagnostics),
              let region = settings.string("region", diagnostics: &diagnostics),
              let tierName = settings.string("filestore_tier", diagnostics: &diagnostics), let tier = FilestoreTier(rawValue: tierName),
              let size = settings.int("size_gb", diagnostics: &diagnostics),
              let share = settings.string("filestore_share_name", diagnostics: &diagnostics),
              let localMount = settings.string("local_mount", diagnostics: &diagnostics),
              let network = settings.networkAttachment("network_id", diagnostics: &diagnostics)
        else { return nil }
        CapacityBand.report(size, bands: tier.capacityBands, service: "Filestore \(tier.rawValue)", at: settings.location("size_gb"), diagnostics: &diagnostics)
        let nfsProtocol = settings.string("protocol", diagnostics: &diagnostics) ?? "NFS_V3"
        if nfsProtocol == "NFS_V4_1", tier.isBasic {
            diagnostics.report(.constraintViolation, "NFS_V4_1 needs a ZONAL, REGIONAL or ENTERPRISE tier, not \(tier.rawValue)", at: settings.location("protocol"))
        }
        let connectMode = settings.string("connect_mode", diagnostics: &diagnostics) ?? "DIRECT_PEERING"
        let reserved = settings.text("reserved_ip_range")
        if connectMode == "DIRECT_PEERING", let range = reserved?.known, !(CIDR(range).map { $0.prefix == 29 || $0.prefix == 24 } ?? false) {
            diagnostics.report(.invalidNetworkRange, "with DIRECT_PEERING, reserved_ip_range must be a /29 or /24 CIDR block, not '\(range)'",
                               at: settings.location("reserved_ip_range"))
        }
        let protection = settings.literal("deletion_protection", diagnostics: &diagnostics)?.map ?? [:]
        let name = settings.string("name", diagnostics: &diagnostics)
            ?? ResourceName.make(ResourceName.autoName(context.deployment.name), settings.id.rawValue)
        let instance = FilestoreInstance(
            project: project, name: name, location: tier.isRegional ? region : zone, tier: tier, capacityGiB: size,
            shareName: share, network: network, connectMode: connectMode, reservedIPRange: reserved, nfsProtocol: nfsProtocol,
            description: settings.string("description", diagnostics: &diagnostics) ?? "",
            deletionProtection: protection["enabled"]?.bool ?? true, deletionProtectionReason: protection["reason"]?.string,
            exportOptions: exportOptions(settings, diagnostics: &diagnostics),
            waitsFor: settings.privateServiceAccessModules(["connect_mode", "reserved_ip_range"])
        )
        return SharedFilesystemLowering.register(
            settings, backing: .filestore(instance), remotePath: "/\(share)", localMount: localMount, type: .nfs,
            outputs: ["filestore_id": .string("projects/\(project)/locations/\(instance.location)/instances/\(name)"), "capacity_gib": .int(size)],
            into: context, diagnostics: &diagnostics
        )
    }

    private static func exportOptions(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [NFSExportOption] {
        (settings.literal("nfs_export_options", diagnostics: &diagnostics)?.list ?? []).compactMap { entry in
            guard let fields = entry.map else { return nil }
            return NFSExportOption(accessMode: fields["access_mode"]?.string, ipRanges: fields["ip_ranges"]?.list?.compactMap(\.string) ?? [],
                                   squashMode: fields["squash_mode"]?.string)
        }
    }
}
