/// `schedmd-slurm-gcp-v6-controller` → `SlurmCluster`: gathers the partitions, nodesets and
/// login groups it uses and checks that together they make one valid cluster.
enum ControllerLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SlurmCluster? {
        let context = settings.context
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let region = settings.string("region", diagnostics: &diagnostics),
              let zone = settings.string("zone", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let instance = InstanceLowering.properties(settings, origin: origin, publicIPSetting: "enable_controller_public_ips", spot: false, diagnostics: &diagnostics)
        else { return nil }
        let name = settings.string("slurm_cluster_name", diagnostics: &diagnostics) ?? derivedClusterName(deployment)
        guard !name.isEmpty else {
            diagnostics.report(.invalidName, "no cluster name can be derived from deployment_name '\(deployment)'", at: settings.location("deployment_name"),
                               help: "set slurm_cluster_name")
            return nil
        }
        var members = ClusterMembers(settings: settings)
        members.collect(into: context, diagnostics: &diagnostics)
        members.markSoleDefault()
        let mounts = settings.mounts("network_storage", diagnostics: &diagnostics)
        let loginMounts = settings.mounts("login_network_storage", diagnostics: &diagnostics)
        ClusterChecks.check(name: name, members: members, mounts: mounts + loginMounts, settings: settings,
                            locate: ClusterChecks.Locator(blueprint: context.resolved, fallback: settings.module.declaration.id.location), diagnostics: &diagnostics)

        let loginScript = settings.text("login_startup_script") ?? TerraformText("# no-op")
        let loginTimeout = settings.int("login_startup_scripts_timeout", diagnostics: &diagnostics) ?? 300
        let loginGroups = members.loginGroups.map { group -> LoginGroup in
            var group = group
            group.startupScript = TerraformText(parts: loginScript.parts + [.literal("\n")] + group.startupScript.parts)
            group.startupTimeout = loginTimeout
            return group
        }
        let taken = Set((mounts + loginMounts).map(\.localMount))
        let exports = (settings.bool("enable_default_mounts", diagnostics: &diagnostics) ?? true)
            ? ["/home", "/opt/apps"].filter { !taken.contains($0) } : []
        let cluster = SlurmCluster(
            origin: origin, name: name, region: region,
            controller: SlurmController(
                zone: zone, instance: instance, staticIP: settings.strings("static_ips", diagnostics: &diagnostics).first,
                stateDisk: stateDisk(settings, cluster: name, labels: origin.labels, diagnostics: &diagnostics),
                startupScript: settings.text("controller_startup_script") ?? TerraformText("# no-op"),
                startupTimeout: settings.int("controller_startup_scripts_timeout", diagnostics: &diagnostics) ?? 300
            ),
            loginGroups: loginGroups, partitions: members.partitions, nodesets: members.nodesets,
            mounts: mounts, loginMounts: loginMounts,
            parameters: SlurmParametersLowering.parameters(settings, diagnostics: &diagnostics),
            bucket: bucket(settings, project: project, cluster: name, region: region, diagnostics: &diagnostics),
            controllerExports: exports,
            cleanupCompute: settings.bool("enable_cleanup_compute", diagnostics: &diagnostics) ?? true,
            computeStartupTimeout: settings.int("compute_startup_scripts_timeout", diagnostics: &diagnostics) ?? 300
        )
        context.deployment.clusters.append(cluster)
        context.knownOutputs[settings.id] = [
            "slurm_cluster_name": .string(name),
            "slurm_bucket_name": .string(cluster.bucket.name),
            "slurm_bucket_path": .string(cluster.bucket.url),
            "instructions": .string(instructions(cluster, project: project)),
        ]
        return cluster
    }

    /// Cluster Toolkit's rule: lowercase, leading non-letters dropped, only [a-z0-9] kept, at most 10.
    static func derivedClusterName(_ deployment: String) -> String {
        let scalars = deployment.lowercased().unicodeScalars.drop { !NameRules.isLower($0) }
        return String(String.UnicodeScalarView(scalars.filter { NameRules.isLower($0) || NameRules.isDigit($0) }.prefix(10)))
    }

    private static func stateDisk(_ settings: SettingReader, cluster: String, labels: [String: String], diagnostics: inout Diagnostics) -> Disk? {
        guard let fields = settings.literal("controller_state_disk", diagnostics: &diagnostics)?.map,
              let type = fields["type"]?.string, let size = fields["size"]?.int else { return nil }
        return Disk(name: "\(cluster)-controller-save", deviceName: "slurm-state", type: type, sizeGB: size, autoDelete: false, boot: false, labels: labels)
    }

    private static func bucket(_ settings: SettingReader, project: String, cluster: String, region: String, diagnostics: inout Diagnostics) -> ConfigBucket {
        let create = settings.bool("create_bucket", diagnostics: &diagnostics) ?? true
        var name = ResourceName.make(project, cluster, "slurm")
        if !create {
            if let existing = settings.string("bucket_name", diagnostics: &diagnostics) {
                name = existing
            } else {
                diagnostics.report(.missingSetting, "with create_bucket false, module '\(settings.id)' needs bucket_name", at: settings.location("create_bucket"))
            }
        }
        return ConfigBucket(name: name, directory: settings.string("bucket_dir", diagnostics: &diagnostics) ?? "\(cluster)-files",
                            create: create, location: region.uppercased())
    }

    private static func instructions(_ cluster: SlurmCluster, project: String) -> String {
        let login = cluster.loginGroups.first.map { ($0.hostNames(cluster: cluster.name)[0], $0.zone) }
        let (host, zone) = login ?? (cluster.controllerHostName, cluster.controller.zone)
        return "gcloud compute ssh \(host) --zone \(zone) --project \(project) --tunnel-through-iap"
    }
}
