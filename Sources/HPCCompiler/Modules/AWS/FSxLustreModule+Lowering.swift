/// How an fsx-lustre module lowers: its settings checked against what its deployment type offers.
extension FSxLustreModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        guard
            let type = settings.read(Key.deploymentType, diagnostics: &diagnostics).flatMap(
                FSxDeploymentType.init(rawValue:)),
            let storageType = settings.read(Key.storageType, diagnostics: &diagnostics).flatMap(
                FSxStorageType.init(rawValue:)),
            let capacity = settings.read(Key.capacity, diagnostics: &diagnostics),
            let version = settings.read(Key.version, diagnostics: &diagnostics).flatMap(
                FSxLustreVersion.init(rawValue:)),
            let localMount = settings.read(AWSKey.mountPath, diagnostics: &diagnostics),
            let creator = settings.creator(diagnostics: &diagnostics)
        else { return nil }
        var placement: FSxPlacement?
        if creator == .parallelcluster, version.rawValue != ParallelClusterLimits.lustreVersion {
            diagnostics.report(
                .parallelClusterStorage,
                """
                ParallelCluster creates FSx for Lustre \(ParallelClusterLimits.lustreVersion), not \(version.rawValue)
                """,
                at: settings.location(Key.version),
                help: "remove file_system_type_version, or use `managed_by: terraform` for Lustre \(version.rawValue)")
        }
        if creator == .terraform {
            guard
                settings.requireNetwork(
                    AWSKey.vpcID, Key.subnetID, AWSKey.clusterSecurityGroup, diagnostics: &diagnostics)
            else { return nil }
            // requireNetwork found all three set.
            placement = FSxPlacement(
                vpc: settings.text(AWSKey.vpcID)!, subnet: settings.text(Key.subnetID)!,
                clusterSecurityGroup: settings.text(AWSKey.clusterSecurityGroup)!)
        }
        let errorsBefore = diagnostics.errorCount
        let throughput = settings.read(Key.throughput, diagnostics: &diagnostics)
        if !type.storageTypes.contains(storageType) {
            diagnostics.report(
                .fsxStorageType,
                """
                \(type.rawValue) offers \(type.storageTypes.map(\.rawValue).joined(separator: " or ")) storage, not \
                \(storageType.rawValue)
                """,
                at: settings.location(Key.storageType), help: "HDD storage needs deployment_type PERSISTENT_1")
        } else {
            checkThroughput(
                throughput, type: type, storageType: storageType, settings: settings, diagnostics: &diagnostics)
        }
        if !type.versions.contains(version) {
            diagnostics.report(
                .fsxStorageType,
                """
                \(type.rawValue) runs Lustre \(type.versions.map(\.rawValue).joined(separator: " or ")), not \
                \(version.rawValue)
                """,
                at: settings.location(Key.version))
        }
        if diagnostics.errorCount == errorsBefore {
            let throughputText = throughput.map { " at \($0) MB/s per TiB" } ?? ""
            CapacityBand.report(
                capacity, bands: type.capacityBands(storageType: storageType, throughput: throughput),
                service: "FSx for Lustre \(type.rawValue) \(storageType.rawValue)\(throughputText)",
                at: settings.location(Key.capacity),
                diagnostics: &diagnostics)
        }
        let associations = FSxAssociations.lower(settings, type: type, version: version, diagnostics: &diagnostics)
        let backups = backups(
            type: type, linkedToS3: !associations.isEmpty, settings: settings, diagnostics: &diagnostics)
        let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics) ?? ""
        let filesystem = FSxLustreFileSystem(
            name: "\(ResourceName.autoName(deployment))-\(settings.id)", placement: placement,
            deploymentType: type, storageType: storageType, capacityGiB: capacity, throughput: throughput,
            compression: settings.read(defaulted: Key.compression, diagnostics: &diagnostics),
            version: version, associations: associations, backupRetentionDays: backups.days,
            backupStartTime: backups.startTime
        )
        // The mount name is chosen by FSx at creation; the contract's remote path is read from the
        // resource (see OutputExpressions), so hpcc records none at compile time.
        return SharedFilesystemLowering.register(
            settings, backing: .fsxLustre(filesystem), remotePath: "", localMount: localMount, type: .lustre,
            outputs: [:], into: settings.context,
            diagnostics: &diagnostics
        )
    }

    /// The automatic backups: the blueprint's retention, else the default where FSx offers backups; a retention
    /// above 0 or a start time where it offers none is reported.
    private static func backups(
        type: FSxDeploymentType, linkedToS3: Bool, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> (days: Int, startTime: String?) {
        let offered = FSxBackups.offered(on: type, linkedToS3: linkedToS3)
        let chosen = settings.read(Key.backupRetention, diagnostics: &diagnostics)
        let startTime = settings.read(Key.backupStartTime, diagnostics: &diagnostics)
        if let chosen, chosen > 0, !offered {
            diagnostics.report(
                .fsxBackups,
                type.isPersistent
                    ? """
                    FSx for Lustre has no backups for a file system linked to S3, but module '\(settings.id)' has \
                    data repository associations and automatic_backup_retention_days \(chosen)
                    """
                    : """
                    FSx for Lustre has no backups for \(type.rawValue), but automatic_backup_retention_days is \(chosen)
                    """,
                at: settings.location(Key.backupRetention),
                help: type.isPersistent
                    ? "set automatic_backup_retention_days: 0 and keep the data in S3, or remove the associations"
                    : "use deployment_type PERSISTENT_2 for backups, or set automatic_backup_retention_days: 0")
            return (0, nil)
        }
        let days = chosen ?? (offered ? FSxBackups.defaultRetentionDays : 0)
        if startTime != nil, days == 0 {
            diagnostics.report(
                .fsxBackups,
                "daily_automatic_backup_start_time of module '\(settings.id)' is set, but it has no automatic backups",
                at: settings.location(Key.backupStartTime),
                help: offered
                    ? "remove daily_automatic_backup_start_time, or set automatic_backup_retention_days above 0"
                    : """
                    remove daily_automatic_backup_start_time: FSx backs up only persistent file systems not linked \
                    to S3
                    """
            )
        }
        return (days, days > 0 ? startTime : nil)
    }

    /// Reports a per-unit throughput the deployment and storage type do not offer, or one missing where they need it.
    private static func checkThroughput(
        _ throughput: Int?, type: FSxDeploymentType, storageType: FSxStorageType, settings: SettingReader,
        diagnostics: inout Diagnostics
    ) {
        let offered = type.throughputs(storageType: storageType)
        let at = settings.location(Key.throughput)
        let list = offered.map(String.init).joined(separator: ", ")
        switch (throughput, offered.isEmpty) {
        case (let value?, true):
            diagnostics.report(
                .fsxThroughput, "\(type.rawValue) has no per-unit storage throughput, but \(value) MB/s per TiB is set",
                at: at,
                help: "remove per_unit_storage_throughput, or use a PERSISTENT deployment type")
        case (nil, false):
            diagnostics.report(
                .fsxThroughput, "\(type.rawValue) \(storageType.rawValue) needs per_unit_storage_throughput", at: at,
                help: "one of \(list) MB/s per TiB")
        case (let value?, false) where !offered.contains(value):
            diagnostics.report(
                .fsxThroughput, "\(type.rawValue) \(storageType.rawValue) offers \(list) MB/s per TiB, not \(value)",
                at: at)
        default:
            break
        }
    }
}
