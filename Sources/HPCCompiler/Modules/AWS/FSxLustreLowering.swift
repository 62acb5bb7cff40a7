/// `modules/file-system/fsx-lustre` → a `SharedFilesystem` backed by FSx for Lustre, with the
/// service's rules checked against the tables in `FSxDeploymentType`.
enum FSxLustreLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        let context = settings.context
        guard let typeName = settings.string("deployment_type", diagnostics: &diagnostics),
              let type = FSxDeploymentType(rawValue: typeName),
              let storageType = settings.string("storage_type", diagnostics: &diagnostics),
              let capacity = settings.int("storage_capacity", diagnostics: &diagnostics),
              let version = settings.string("file_system_type_version", diagnostics: &diagnostics),
              let localMount = settings.string("local_mount", diagnostics: &diagnostics),
              let creator = settings.creator(diagnostics: &diagnostics)
        else { return nil }
        var placement: FSxPlacement?
        if creator == .parallelcluster, version != ParallelClusterLimits.lustreVersion {
            diagnostics.report(.parallelClusterStorage, "ParallelCluster creates FSx for Lustre \(ParallelClusterLimits.lustreVersion), not \(version)", at: settings.location("file_system_type_version"),
                               help: "remove file_system_type_version, or use `managed_by: terraform` for Lustre \(version)")
        }
        if creator == .terraform {
            guard settings.requireNetwork(["vpc_id", "subnet_id", "security_group_id"], diagnostics: &diagnostics) else { return nil }
            placement = FSxPlacement(vpc: settings.text("vpc_id")!, subnet: settings.text("subnet_id")!, clusterSecurityGroup: settings.text("security_group_id")!)
        }
        let errorsBefore = diagnostics.errorCount
        let throughput = settings.int("per_unit_storage_throughput", diagnostics: &diagnostics)
        if !type.storageTypes.contains(storageType) {
            diagnostics.report(.fsxStorageType, "\(type.rawValue) offers \(type.storageTypes.joined(separator: " or ")) storage, not \(storageType)", at: settings.location("storage_type"),
                               help: "HDD storage needs deployment_type PERSISTENT_1")
        } else {
            checkThroughput(throughput, type: type, storageType: storageType, settings: settings, diagnostics: &diagnostics)
        }
        if !type.versions.contains(version) {
            diagnostics.report(.fsxStorageType, "\(type.rawValue) runs Lustre \(type.versions.joined(separator: " or ")), not \(version)", at: settings.location("file_system_type_version"))
        }
        if diagnostics.errorCount == errorsBefore {
            let throughputText = throughput.map { " at \($0) MB/s per TiB" } ?? ""
            CapacityBand.report(capacity, bands: type.capacityBands(storageType: storageType, throughput: throughput),
                                service: "FSx for Lustre \(type.rawValue) \(storageType)\(throughputText)", at: settings.location("storage_capacity"), diagnostics: &diagnostics)
        }
        let associations = FSxAssociations.lower(settings, type: type, version: version, diagnostics: &diagnostics)
        let filesystem = FSxLustreFileSystem(
            name: "\(ResourceName.autoName(settings.string("deployment_name", diagnostics: &diagnostics) ?? ""))-\(settings.id)", placement: placement, deploymentType: type, storageType: storageType, capacityGiB: capacity,
            throughput: throughput, compression: settings.string("data_compression_type", diagnostics: &diagnostics) ?? "NONE",
            version: version, associations: associations
        )
        // The mount name is chosen by FSx at creation; the contract's remote path is read from the
        // resource (see OutputExpressions), so hpcc records none at compile time.
        return SharedFilesystemLowering.register(
            settings, backing: .fsxLustre(filesystem), remotePath: "", localMount: localMount, type: .lustre, outputs: [:], into: context, diagnostics: &diagnostics
        )
    }

    private static func checkThroughput(_ throughput: Int?, type: FSxDeploymentType, storageType: String, settings: SettingReader, diagnostics: inout Diagnostics) {
        let offered = type.throughputs(storageType: storageType)
        let at = settings.location("per_unit_storage_throughput")
        let list = offered.map(String.init).joined(separator: ", ")
        switch (throughput, offered.isEmpty) {
        case (let value?, true):
            diagnostics.report(.fsxThroughput, "\(type.rawValue) has no per-unit storage throughput, but \(value) MB/s per TiB is set", at: at,
                               help: "remove per_unit_storage_throughput, or use a PERSISTENT deployment type")
        case (nil, false):
            diagnostics.report(.fsxThroughput, "\(type.rawValue) \(storageType) needs per_unit_storage_throughput", at: at, help: "one of \(list) MB/s per TiB")
        case (let value?, false) where !offered.contains(value):
            diagnostics.report(.fsxThroughput, "\(type.rawValue) \(storageType) offers \(list) MB/s per TiB, not \(value)", at: at)
        default:
            break
        }
    }
}
