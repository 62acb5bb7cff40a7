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
        InstanceLowering.checkZoneOffering(
            instance.machine, attachedGPU: instance.attachedGPU, zones: [(zone, settings.location(CommonKey.zone))],
            what: "the controller", diagnostics: &diagnostics)
        var members = ClusterMembers(settings: settings)
        members.collect(into: context, diagnostics: &diagnostics)
        members.markSoleDefault()
        let locatedMounts = settings.locatedMounts(CommonKey.networkStorage, diagnostics: &diagnostics)
        let mounts = locatedMounts.map(\.mount)
        let loginMounts = settings.mounts(Key.loginNetworkStorage, diagnostics: &diagnostics)
        let locate = ClusterChecks.Locator(
            blueprint: context.resolved, fallback: settings.module.declaration.id.location)
        ClusterChecks.check(
            name: name, members: members, mounts: mounts + loginMounts, settings: settings, locate: locate,
            diagnostics: &diagnostics)

        checkKeyScopes(
            [(instance, nil)] + members.loginGroups.map { ($0.instance, $0.origin.module) }
                + members.nodesets.map { ($0.instance, $0.origin.module) },
            settings: settings, locate: locate, diagnostics: &diagnostics)
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
        let staticIPs = staticIPs(settings, diagnostics: &diagnostics)
        let stateMount = stateMount(locatedMounts, diagnostics: &diagnostics)
        var cluster = SlurmCluster(
            origin: origin, name: name, region: region,
            controller: SlurmController(
                zone: zone, instance: instance,
                staticIP: staticIPs.first,
                stateDisk: stateDisk(
                    settings, cluster: name, labels: origin.labels, boot: instance.bootDisk,
                    sharedState: stateMount != nil, diagnostics: &diagnostics),
                startupScript: settings.text(defaulted: Key.controllerStartupScript),
                startupTimeout: settings.read(defaulted: Key.controllerTimeout, diagnostics: &diagnostics),
                backup: backupController(
                    settings, region: region, zone: zone, staticIPs: staticIPs, stateMount: stateMount,
                    diagnostics: &diagnostics)
            ),
            loginGroups: loginGroups, partitions: members.partitions, nodesets: members.nodesets,
            mounts: mounts, loginMounts: loginMounts,
            parameters: parameters(settings, diagnostics: &diagnostics),
            bucket: bucket(settings, project: project, cluster: name, region: region, diagnostics: &diagnostics),
            controllerExports: exports,
            cleanupCompute: settings.read(defaulted: Key.cleanupCompute, diagnostics: &diagnostics),
            computeStartupTimeout: settings.read(defaulted: Key.computeTimeout, diagnostics: &diagnostics)
        )
        InstanceLowering.checkInstanceDisks(
            settings, instances: cluster.controller.backup == nil ? 1 : 2,
            reserved: [cluster.controller.stateDisk?.deviceName].compactMap { $0 },
            diagnostics: &diagnostics)
        cluster.restAPI = RestAPISettings.read(
            Key.restAPI, settings: settings, slurmUser: SlurmPaths.daemons.slurmUser,
            defaultJWKSFile: "\(SlurmPaths.configDirectory)/jwks.json", diagnostics: &diagnostics)
        if let address = cluster.restAPI?.listenAddress, cluster.controller.backup != nil {
            diagnostics.report(
                .restAPIService,
                "rest_api listens on \(address), which only one of the two controllers has",
                at: settings.location(Key.restAPI, [.key("listen_address")]),
                help: """
                    leave listen_address null: slurmrestd then binds the host name of the controller it runs on, \
                    so the API answers on the backup after a failover
                    """)
        }
        cluster.jobScripts = jobScripts(settings, shared: mounts.map(\.localMount) + exports, diagnostics: &diagnostics)
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

    /// Job scripts (issue 20): the four lists, and the external folder when asked for; that folder must be
    /// on a filesystem every node mounts (the controller's /opt/apps export, or one in network_storage).
    private static func jobScripts(
        _ settings: SettingReader, shared: [String], diagnostics: inout Diagnostics
    ) -> JobScripts {
        var scripts = JobScripts(
            directory: "/slurm/hpcc/job-scripts", scripts: JobScriptSettings.read(settings, diagnostics: &diagnostics))
        if settings.read(Key.externalPrologEpilog, diagnostics: &diagnostics) == true {
            let folder = externalScriptDirectory
            if !shared.contains(where: { folder == $0 || folder.hasPrefix($0 + "/") }) {
                diagnostics.report(
                    .settingNoEffect,
                    "external prolog and epilog scripts live in \(folder), which no filesystem shares with the nodes",
                    at: settings.location(Key.externalPrologEpilog),
                    help:
                        "keep enable_default_mounts (the controller shares /opt/apps) or mount a filesystem there"
                )
            }
            scripts.externalDirectory = folder
        }
        return scripts
    }

    /// Every node reads the authentication key from Secret Manager (issue 20), which takes the
    /// `cloud-platform` scope; each module whose nodes lack it is reported at its scopes.
    private static func checkKeyScopes(
        _ instances: [(InstanceProperties, ModuleID?)], settings: SettingReader, locate: ClusterChecks.Locator,
        diagnostics: inout Diagnostics
    ) {
        let scope = "https://www.googleapis.com/auth/cloud-platform"
        var reported = Set<String>()
        for (instance, module) in instances
        where !instance.serviceAccount.scopes.contains(where: { $0 == scope || $0 == "cloud-platform" }) {
            let name = module?.rawValue ?? settings.id.rawValue
            guard reported.insert(name).inserted else { continue }
            diagnostics.report(
                .authKeyAccess,
                "the nodes of module '\(name)' cannot read the cluster's authentication key from Secret Manager",
                at: module.map { locate.setting(InstanceKey.serviceAccountScopes, of: $0) }
                    ?? settings.location(InstanceKey.serviceAccountScopes),
                help: "Secret Manager needs the scope \(scope); add it to service_account_scopes")
        }
    }

    /// Cluster Toolkit's rule: lowercase, leading non-letters dropped, only [a-z0-9] kept, at most 10.
    static func derivedClusterName(_ deployment: String) -> String {
        let scalars = deployment.lowercased().unicodeScalars.drop { !NameRules.isLower($0) }
        return String(
            String.UnicodeScalarView(scalars.filter { NameRules.isLower($0) || NameRules.isDigit($0) }.prefix(10)))
    }

    /// The state disk; none when the blueprint sets `controller_state_disk: null`, which Resolve
    /// keeps (the setting's null turns the disk off), or mounts a filesystem at StateSaveLocation
    /// (`sharedState`): the disk would hide it, so a disk the blueprint chose is an error there and
    /// the default disk is left out.
    /// The state disk takes the boot disk's key and tags, as Cluster Toolkit's does. It goes with the
    /// deployment, without a snapshot: Slurm's state is of no use without its cluster.
    private static func stateDisk(
        _ settings: SettingReader, cluster: String, labels: [String: String], boot: Disk, sharedState: Bool,
        diagnostics: inout Diagnostics
    ) -> Disk? {
        if sharedState {
            if settings.isChosen(Key.stateDisk), settings.value(Key.stateDisk) != .null {
                diagnostics.report(
                    .conflictingMounts,
                    """
                    controller_state_disk and a filesystem of network_storage both mount at \
                    \(SlurmPaths.stateSaveLocation) on the controller of module '\(settings.id)'
                    """,
                    at: settings.location(Key.stateDisk),
                    help: """
                        set controller_state_disk: null; the shared filesystem keeps Slurm's state (a disk attaches \
                        read-write to one instance only, so a backup controller could not reach it)
                        """)
            }
            return nil
        }
        guard let fields = settings.read(Key.stateDisk, diagnostics: &diagnostics)?.map,
            let type = fields["type"]?.string, let size = fields["size"]?.int
        else { return nil }
        return Disk(
            name: "\(cluster)-controller-save", deviceName: "slurm-state", type: type, sizeGB: size, autoDelete: true,
            boot: false, labels: labels, encryption: boot.encryption, resourceManagerTags: boot.resourceManagerTags)
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
        var kmsKey: String?
        if let key = settings.read(Key.bucketKMSKey, diagnostics: &diagnostics),
            Pattern.matches(key, CloudKMSKey.pattern)
        {
            if create {
                CloudKMSKey.checkLocation(
                    key, serves: "the deployment bucket", region: region, at: settings.location(Key.bucketKMSKey),
                    diagnostics: &diagnostics)
                kmsKey = key
            } else {
                diagnostics.report(
                    .settingNoEffect,
                    """
                    slurm_bucket_kms_key has no effect with create_bucket false: the existing bucket keeps its \
                    encryption
                    """,
                    at: settings.location(Key.bucketKMSKey))
            }
        }
        return ConfigBucket(
            name: name, directory: settings.read(Key.bucketDir, diagnostics: &diagnostics) ?? "\(cluster)-files",
            create: create, location: region.uppercased(), kmsKey: kmsKey)
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
            switchType: fields["switch_type"]?.string,
            templateSettings: templateSettings(settings, overriddenBy: Set(fields.keys), diagnostics: &diagnostics)
        )
    }

    /// The settings of `slurm_conf_tpl`, less those `cloud_parameters` (or enable_debug_logging)
    /// set explicitly, which win as they do in the Toolkit, and less derived settings that agree
    /// with hpcc's; a derived setting that does not agree is an error.
    private static func templateSettings(
        _ settings: SettingReader, overriddenBy cloudFields: Set<String>, diagnostics: inout Diagnostics
    ) -> [SlurmSetting] {
        guard let path = settings.read(Key.slurmConfTemplate, diagnostics: &diagnostics) else { return [] }
        let at = settings.location(Key.slurmConfTemplate)
        var problems: [(message: String, help: String?)] = []
        defer {
            for problem in problems {
                diagnostics.report(
                    .settingNotSupported, "slurm_conf_tpl: \(problem.message)", at: at, help: problem.help)
            }
        }
        guard
            let pairs = SlurmConfTemplate.settings(
                at: path, files: settings.context.files, blueprint: at.file, report: { problems.append(($0, $1)) })
        else { return [] }
        var explicit = Set(cloudFields.compactMap { SlurmConfTemplate.cloudParameterKeys[$0]?.lowercased() })
        if settings.isExplicit(Key.debugLogging) { explicit.formUnion(["slurmctlddebug", "slurmddebug"]) }
        var kept: [SlurmSetting] = []
        for (key, value) in pairs where !explicit.contains(key.lowercased()) {
            guard SlurmConfTemplate.derivedKeys.contains(key.lowercased()) else {
                kept.append(SlurmSetting(key: key, value: value))
                continue
            }
            if let own = SlurmConfTemplate.layoutValues[key.lowercased()], own == value { continue }
            problems.append(
                (
                    "it sets \(key)=\(value), which hpcc derives from the blueprint and its node layout",
                    "remove \(key) from the template"
                ))
        }
        return kept
    }
}
