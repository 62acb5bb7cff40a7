/// One use of batch-login-node → a vm-instance group of one, shaped like its job's VMs, whose
/// startup script writes the job files.
extension BatchLoginNodeModule {
    /// Ends the here-documents the startup script writes files with; JSON text never holds it on a line.
    static let endOfFile = "HPCC_BATCH_LOGIN_EOF"

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Entity? {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics)
        else { return nil }
        // A job that did not lower has reported why; the login node that uses it adds nothing.
        if settings.readsUnlowered(settings.value(Key.instanceTemplate)) { return nil }
        guard let template = job(settings.value(Key.instanceTemplate), settings: settings) else {
            diagnostics.report(
                .settingNotSupported,
                "instance_template of '\(settings.id)' must be the output of a batch-job-template module",
                at: settings.location(Key.instanceTemplate),
                help: "add the batch-job-template module to its 'use' list")
            return nil
        }
        var jobs: [BatchJob] = []
        for element in settings.value(Key.jobData).list ?? [] {
            guard let job = job(element, settings: settings) else {
                diagnostics.report(
                    .typeMismatch, "job_data of '\(settings.id)' takes the job_data outputs of batch-job-templates",
                    at: settings.location(Key.jobData))
                continue
            }
            jobs.append(job)
        }
        if CommonSettings.region(of: zone) != region {
            diagnostics.report(
                .constraintViolation, "zone '\(zone)' of '\(settings.id)' is not in region '\(region)'",
                at: settings.location(CommonKey.zone))
        }
        let directory = settings.read(defaulted: Key.directory, diagnostics: &diagnostics)
        let osLogin = settings.read(defaulted: Key.osLogin, diagnostics: &diagnostics)
        var machines = template.machines
        machines.origin = origin
        machines.prefix = "\(deployment)-batch-login"
        machines.count = 1
        machines.zone = zone
        machines.region = region
        machines.instance.labels = origin.labels
        machines.instance.bootDisk.labels = origin.labels
        // The login node submits jobs and creates their VMs, so it needs every API.
        machines.instance.serviceAccount.scopes = [CommonSettings.cloudPlatformScope]
        machines.instance.osLogin = osLogin == "ENABLE"
        machines.osLoginMetadata = ["ENABLE": "TRUE", "DISABLE": "FALSE"][osLogin]
        // The login node is no Batch VM: it mounts at boot what Batch mounts for the job's tasks too.
        machines.mounts += template.nativeMounts + settings.mounts(CommonKey.networkStorage, diagnostics: &diagnostics)
        var entity = Entity(
            machines: machines, jobs: jobs, directory: directory,
            gcloudTrack: settings.read(defaulted: Key.gcloudVersion, diagnostics: &diagnostics))
        let script = settings.text(Key.startupScript) ?? template.machines.startupScript
        if let known = script?.known, known.split(separator: "\n").contains(Substring(endOfFile)) {
            diagnostics.report(
                .constraintViolation, "startup_script of '\(settings.id)' has a line '\(endOfFile)'",
                at: settings.location(Key.startupScript))
        }
        entity.machines.startupScript = startupScript(entity, userScript: script)
        settings.context.deployment.virtualMachines.append(entity.machines)
        return entity
    }

    /// The batch-job-template whose output `value` is.
    private static func job(_ value: Value, settings: SettingReader) -> BatchJob? {
        guard let module = value.outputReferences.first?.module else { return nil }
        return settings.context.entities[module]?.as(BatchJob.self)
    }

    /// Writes the job files and README, then runs the user's script (saved to a file first, so it
    /// may hold anything but the end-of-file line).
    static func startupScript(_ entity: Entity, userScript: TerraformText?) -> TerraformText {
        let directory = entity.directory
        var text = "set -e\nmkdir -p \(directory)\n"
        func write(_ contents: String, to path: String) {
            text += "cat >\(path) <<'\(endOfFile)'\n\(contents)\(contents.hasSuffix("\n") ? "" : "\n")\(endOfFile)\n"
        }
        for job in entity.jobs {
            write(JSONWriter.render(BatchJobFile.document(job)), to: "\(directory)/\(job.id).json")
        }
        write(readme(entity), to: "\(directory)/README.md")
        guard let userScript else { return TerraformText(text) }
        let saved = "/var/lib/hpcc/batch-login-startup.sh"
        return TerraformText(
            parts: [.literal(text + "cat >\(saved) <<'\(endOfFile)'\n")] + userScript.parts
                + [.literal("\n\(endOfFile)\nbash \(saved)\n")])
    }
}
