/// One use of batch-job-template → `BatchJob`: the job's tasks, and its VMs as vm-instance
/// builds them (`InstanceLowering`'s machine and image checks).
extension BatchJobTemplateModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> BatchJob? {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let machineName = settings.read(InstanceKey.machineType, diagnostics: &diagnostics)
        else { return nil }
        let id = settings.read(Key.jobID, diagnostics: &diagnostics) ?? settings.id.rawValue
        let scripts = runnables(settings, diagnostics: &diagnostics)
        let logPolicy = settings.read(defaulted: Key.logPolicy, diagnostics: &diagnostics)
        if logPolicy == "PATH" {
            diagnostics.report(
                .settingNotSupported, "log_policy PATH needs a logs path, which batch-job-template cannot set",
                at: settings.location(Key.logPolicy), help: "use CLOUD_LOGGING or DESTINATION_UNSPECIFIED")
        }
        let mpiMode = settings.read(defaulted: Key.mpiMode, diagnostics: &diagnostics)
        let templateName = "\(deployment)-\(id)"
        if templateName.count > 63 || !NameRules.isLower(templateName.unicodeScalars.first!)
            || !templateName.unicodeScalars.allSatisfy({
                NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-"
            })
        {
            diagnostics.report(
                .invalidName, "instance template name '\(templateName)' of '\(settings.id)' is not valid",
                at: settings.isExplicit(Key.jobID)
                    ? settings.location(Key.jobID) : settings.module.declaration.id.location,
                help: "set job_id to lowercase letters, digits and '-', with at most 63 characters in all")
        }
        guard let machine = InstanceLowering.machine(machineName, settings: settings, diagnostics: &diagnostics),
            let image = InstanceLowering.bootImage(settings, diagnostics: &diagnostics),
            let scripts
        else { return nil }
        let account = settings.read(defaulted: Key.serviceAccount, diagnostics: &diagnostics).map ?? [:]
        let maintenance =
            settings.read(InstanceKey.onHostMaintenance, diagnostics: &diagnostics)
            ?? (machine.gpu != nil ? .terminate : .migrate)
        let instance = InstanceProperties(
            project: project, machine: machine, image: image,
            // Cluster Toolkit's instance template module: a 100 GB pd-standard boot disk.
            bootDisk: Disk(
                name: nil, deviceName: nil, type: "pd-standard", sizeGB: 100, autoDelete: true, boot: true,
                labels: origin.labels),
            additionalDisks: [], subnetwork: subnetwork(settings, project: project, region: region),
            accessConfigs: settings.read(defaulted: Key.publicIPs, diagnostics: &diagnostics)
                ? [AccessConfig(natIP: nil, networkTier: nil)] : [],
            nicType: nil, tier1Egress: false, canIPForward: false, osLogin: false, confidential: false,
            shielded: nil, attachedGPU: nil,
            metadata: settings.value(InstanceKey.automaticUpdates).bool == false
                ? ["google_disable_automatic_updates": TerraformText("TRUE")] : [:],
            minCPUPlatform: nil,
            scheduling: Scheduling(
                preemptible: false, spot: false, spotTerminationAction: nil, onHostMaintenance: maintenance,
                restartChoice: nil),
            serviceAccount: ServiceAccount(
                email: account["email"].flatMap { $0.isNull ? nil : settings.text(from: $0) },
                scopes: account["scopes"]?.list?.compactMap(\.string) ?? defaultScopes),
            tags: [], labels: origin.labels, threadsPerCore: nil, visibleCoreCount: nil, nestedVirtualization: nil,
            turboMode: nil,
            automaticUpdates: settings.read(defaulted: InstanceKey.automaticUpdates, diagnostics: &diagnostics))
        let (bootMounts, nativeMounts) = mounts(settings, diagnostics: &diagnostics)
        let machines = VirtualMachineGroup(
            origin: origin, prefix: templateName, count: 0, zone: "", region: region, instance: instance,
            localSSDCount: 0, localSSDInterface: "NVME", mounts: bootMounts,
            startupScript: settings.text(Key.startupScript), osLoginMetadata: nil, placement: nil, reservation: nil)
        let job = BatchJob(
            origin: origin, id: id, region: region, machines: machines, nativeMounts: nativeMounts,
            runnables: scripts,
            taskCount: settings.read(defaulted: Key.taskCount, diagnostics: &diagnostics),
            tasksPerNode: settings.read(Key.tasksPerNode, diagnostics: &diagnostics) ?? (mpiMode ? 1 : nil),
            mpiMode: mpiMode, cloudLogging: logPolicy == "CLOUD_LOGGING",
            gcloudTrack: settings.read(defaulted: Key.gcloudVersion, diagnostics: &diagnostics))
        settings.context.deployment.batchJobs.append(job)
        return job
    }

    /// `network_storage` split into what the VMs' boot script mounts and what Batch mounts
    /// (`native_batch_mounting`: the NFS filesystems, as Cluster Toolkit does). The job file is
    /// written when hpcc runs, so a natively mounted server must be known then; a Filestore
    /// created in the same deployment is not, and is an error rather than silently mounted at boot.
    private static func mounts(
        _ settings: SettingReader, diagnostics: inout Diagnostics
    ) -> (boot: [MountContract], native: [MountContract]) {
        let located = settings.locatedMounts(CommonKey.networkStorage, diagnostics: &diagnostics)
        guard settings.read(defaulted: Key.nativeMounting, diagnostics: &diagnostics) else {
            return (located.map(\.mount), [])
        }
        var boot: [MountContract] = [], native: [MountContract] = []
        for (mount, location) in located {
            guard mount.type == .nfs else {
                boot.append(mount)
                continue
            }
            guard mount.server.known != nil else {
                let source = mount.provider.map { "'\($0)'" } ?? "its filesystem"
                diagnostics.report(
                    .settingNotSupported,
                    """
                    native_batch_mounting of '\(settings.id)' needs the server address of \(source) in the job \
                    file, which hpcc writes before Terraform creates it
                    """,
                    at: location,
                    help: "leave native_batch_mounting false: the VMs' boot script then mounts it before the tasks run")
                continue
            }
            native.append(mount)
        }
        return (boot, native)
    }

    /// The task scripts: `runnables`, or the one `runnable`; both or neither is an error. They are
    /// written into the job file, so they must be known at compile time.
    private static func runnables(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [String]? {
        let single = settings.literal(Key.runnable, diagnostics: &diagnostics)
        let list = settings.literal(Key.runnables, diagnostics: &diagnostics)
        switch (single.flatMap { $0.isNull ? nil : $0 }, list.flatMap { $0.isNull ? nil : $0 }) {
        case (nil, nil):
            // A value written but not resolved was wrong, and the settings check has said how.
            let rejected = [Key.runnables.name, Key.runnable.name].contains { name in
                settings.module.settings[name] == nil
                    && settings.module.declaration.settings.contains { $0.key == name }
            }
            if rejected { return nil }
            diagnostics.report(
                .missingSetting, "batch-job-template '\(settings.id)' has no work: set runnables or runnable",
                at: settings.module.declaration.id.location)
            return nil
        case (.some, .some):
            diagnostics.report(
                .constraintViolation, "runnable and runnables of '\(settings.id)' cannot both be set",
                at: settings.location(Key.runnable))
            return nil
        case let (one?, nil):
            return one.string.map { [$0] }
        case let (nil, many?):
            return (many.list ?? []).compactMap { $0.map?["script"]?.string }
        }
    }

    /// The `subnetwork` object: a network module's, a literal `{name, project}`, or the region's `default`.
    private static func subnetwork(_ settings: SettingReader, project: String, region: String) -> SubnetworkAttachment {
        let value = settings.value(Key.subnetwork)
        if let (module, entity) = settings.entity(of: value),
            entity.is(Network.self) || entity.is(ImportedNetwork.self)
        {
            return .module(module)
        }
        let fields = value.map ?? [:]
        let name = fields["name"]?.string ?? "default"
        let owner = fields["project"]?.string ?? project
        return .external(TerraformText("projects/\(owner)/regions/\(region)/subnetworks/\(name)"))
    }
}
