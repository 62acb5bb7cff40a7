/// `modules/file-system/managed-lustre` → a `SharedFilesystem` backed by Managed Lustre.
enum ManagedLustreLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let zone = settings.string("zone", diagnostics: &diagnostics),
              let name = settings.string("name", diagnostics: &diagnostics),
              let filesystemName = settings.string("remote_mount", diagnostics: &diagnostics),
              let localMount = settings.string("local_mount", diagnostics: &diagnostics),
              let size = settings.int("size_gib", diagnostics: &diagnostics),
              let throughput = settings.int("per_unit_storage_throughput", diagnostics: &diagnostics),
              let network = settings.networkAttachment("network_id", diagnostics: &diagnostics)
        else { return nil }
        if let tier = LustreTier(rawValue: throughput) {
            CapacityBand.report(size, bands: tier.capacityBands, service: "Managed Lustre at \(throughput) MB/s per TiB",
                                at: settings.location("size_gib"), diagnostics: &diagnostics)
        }
        let instance = LustreInstance(
            project: project, instanceID: name, zone: zone, filesystem: filesystemName, capacityGiB: size, throughput: throughput,
            network: network, description: settings.string("description", diagnostics: &diagnostics) ?? "",
            gkeSupport: settings.bool("gke_support_enabled", diagnostics: &diagnostics) ?? false,
            importBucketURI: settings.string("import_gcs_bucket_uri", diagnostics: &diagnostics),
            waitsFor: settings.privateServiceAccessModules(["private_vpc_connection_peering"])
        )
        return SharedFilesystemLowering.register(
            settings, backing: .managedLustre(instance), remotePath: "/\(filesystemName)", localMount: localMount, type: .lustre,
            outputs: ["lustre_id": .string("projects/\(project)/locations/\(zone)/instances/\(name)"), "capacity_gib": .int(size)],
            into: context, diagnostics: &diagnostics
        )
    }
}
