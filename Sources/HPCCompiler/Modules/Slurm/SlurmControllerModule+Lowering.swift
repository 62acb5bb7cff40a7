/// `schedmd-slurm-gcp-v6-controller` → `SlurmCluster`: gathers the partitions, nodesets and
/// login groups it uses and checks that together they make one valid cluster.
extension SlurmControllerModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SlurmCluster? {
        let context = settings.context
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let instance = InstanceLowering.properties(
                settings, origin: origin, publicIP: Key.publicIPs, spot: false, diagnostics: &diagnostics)
        else { return nil }
        let name = settings.read(Key.clusterName, diagnostics: &diagnostics) ?? derivedClusterName(deployment)
        guard !name.isEmpty else {
            diagnostics.report(
                .invalidName, "no cluster name can be derived from deployment_name '\(deployment)'",
                at: settings.location(CommonKey.deploymentName), help: "set slurm_cluster_name")
            return nil
        }
        var members = ClusterMembers(settings: settings)
        members.collect(into: context, diagnostics: &diagnostics)
        members.markSoleDefault()
        let mounts = settings.mounts(CommonKey.networkStorage, diagnostics: &diagnostics)
        let loginMounts = settings.mounts(Key.loginNetworkStorage, diagnostics: &diagnostics)
        let locate = ClusterChecks.Locator(
            blueprint: context.resolved, fallback: settings.module.declaration.id.location)
        ClusterChecks.check(
            name: name, members: members, mounts: mounts + loginMounts, settings: settings, locate: locate,
            diagnostics: &diagnostics)

        let loginScript = settings.text(defaulted: Key.loginStartupScript)
        let loginTimeout = settings.read(defaulted: Key.loginTimeout, diagnostics: &diagnostics)
        let loginGroups = members.loginGroups.map { group -> LoginGroup in
            var group = group
            group.startupScript = TerraformText(parts: loginScript.parts + [.literal("\n")] + group.startupScript.parts)
            group.startupTimeout = loginTimeout
            return group
        }
        let taken = Set((mounts + loginMounts).map(\.localMount))
        let exports =
            settings.read(defaulted: Key.defaultMounts, diagnostics: &diagnostics)
            ? ["/home", "/opt/apps"].filter { !taken.contains($0) } : []
        var cluster = SlurmCluster(
            origin: origin, name: name, region: region,
            controller: SlurmController(
                zone: zone, instance: instance,
                staticIP: settings.read(defaulted: Key.staticIPs, diagnostics: &diagnostics).first,
                stateDisk: stateDisk(settings, cluster: name, labels: origin.labels, diagnostics: &diagnostics),
                startupScript: settings.text(defaulted: Key.controllerStartupScript),
                startupTimeout: settings.read(defaulted: Key.controllerTimeout, diagnostics: &diagnostics)
            ),
            loginGroups: loginGroups, partitions: members.partitions, nodesets: members.nodesets,
            mounts: mounts, loginMounts: loginMounts,
            parameters: parameters(settings, diagnostics: &diagnostics),
            bucket: bucket(settings, project: project, cluster: name, region: region, diagnostics: &diagnostics),
            controllerExports: exports,
            cleanupCompute: settings.read(defaulted: Key.cleanupCompute, diagnostics: &diagnostics),
            computeStartupTimeout: settings.read(defaulted: Key.computeTimeout, diagnostics: &diagnostics)
        )
        cluster.accounting = accounting(settings, diagnostics: &diagnostics)
        context.deployment.clusters.append(cluster)
        context.knownOutputs[settings.id] = [
            Output.slurmClusterName.rawValue: .string(name),
            Output.slurmBucketName.rawValue: .string(cluster.bucket.name),
            Output.slurmBucketPath.rawValue: .string(cluster.bucket.url),
            Output.instructions.rawValue: .string(instructions(cluster, project: project)),
        ]
        return cluster
    }

    /// Cluster Toolkit's rule: lowercase, leading non-letters dropped, only [a-z0-9] kept, at most 10.
    static func derivedClusterName(_ deployment: String) -> String {
        let scalars = deployment.lowercased().unicodeScalars.drop { !NameRules.isLower($0) }
        return String(
            String.UnicodeScalarView(scalars.filter { NameRules.isLower($0) || NameRules.isDigit($0) }.prefix(10)))
    }

    /// The state disk; none when the blueprint sets `controller_state_disk: null`, which Resolve
    /// keeps (the setting's null turns the disk off).
    private static func stateDisk(
        _ settings: SettingReader, cluster: String, labels: [String: String], diagnostics: inout Diagnostics
    ) -> Disk? {
        guard let fields = settings.read(Key.stateDisk, diagnostics: &diagnostics)?.map,
            let type = fields["type"]?.string, let size = fields["size"]?.int
        else { return nil }
        return Disk(
            name: "\(cluster)-controller-save", deviceName: "slurm-state", type: type, sizeGB: size, autoDelete: false,
            boot: false,
            labels: labels)
    }

    private static func bucket(
        _ settings: SettingReader, project: String, cluster: String, region: String, diagnostics: inout Diagnostics
    ) -> ConfigBucket {
        let create = settings.read(defaulted: Key.createBucket, diagnostics: &diagnostics)
        var name = ResourceName.make(project, cluster, "slurm")
        if !create {
            if let existing = settings.read(Key.bucketName, diagnostics: &diagnostics) {
                name = existing
            } else {
                diagnostics.report(
                    .missingSetting, "with create_bucket false, module '\(settings.id)' needs bucket_name",
                    at: settings.location(Key.createBucket))
            }
        }
        return ConfigBucket(
            name: name, directory: settings.read(Key.bucketDir, diagnostics: &diagnostics) ?? "\(cluster)-files",
            create: create, location: region.uppercased())
    }

    private static func instructions(_ cluster: SlurmCluster, project: String) -> String {
        let login = cluster.loginGroups.first.map { ($0.hostNames(cluster: cluster.name)[0], $0.zone) }
        let (host, zone) = login ?? (cluster.controllerHostName, cluster.controller.zone)
        return "gcloud compute ssh \(host) --zone \(zone) --project \(project) --tunnel-through-iap"
    }

    /// `cloud_parameters` and the controller's switches → `SlurmParameters`. The values of fields
    /// left out are hpcc's, given here: the object type declares no defaults for them.
    private static func parameters(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SlurmParameters {
        let fields = settings.read(defaulted: Key.cloudParameters, diagnostics: &diagnostics).map ?? [:]
        func int(_ key: String, _ fallback: Int) -> Int { fields[key]?.int ?? fallback }
        func strings(_ key: String) -> [String] { fields[key]?.list?.compactMap(\.string) ?? [] }
        let scheduler = strings("scheduler_parameters")
        return SlurmParameters(
            authentication: settings.read(defaulted: Key.slurmAuth, diagnostics: &diagnostics) ? .slurm : .munge,
            debugLogging: settings.read(defaulted: Key.debugLogging, diagnostics: &diagnostics),
            noCommaParams: fields["no_comma_params"]?.bool ?? false,
            privateData: strings("private_data"),
            schedulerParameters: scheduler.isEmpty
                ? ["bf_continue", "salloc_wait_nodes", "ignore_prefer_validation"] : scheduler,
            resumeRate: int("resume_rate", 0), resumeTimeout: int("resume_timeout", 300),
            suspendRate: int("suspend_rate", 0), suspendTimeout: int("suspend_timeout", 300),
            slurmdTimeout: int("slurmd_timeout", 300), unkillableStepTimeout: int("unkillable_step_timeout", 300),
            topologyPlugin: fields["topology_plugin"]?.string, topologyParam: fields["topology_param"]?.string,
            treeWidth: int("tree_width", 128), prologFlags: fields["prolog_flags"]?.string,
            switchType: fields["switch_type"]?.string
        )
    }
}
