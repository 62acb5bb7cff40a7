/// The instance settings nodesets, login groups and the controller share → `InstanceProperties`.
enum InstanceLowering {
    /// `publicIPSetting` names the module's own switch (`enable_public_ips`, `enable_login_public_ips`, ...).
    static func properties(
        _ settings: SettingReader, origin: Origin, publicIPSetting: String, spot: Bool, diagnostics: inout Diagnostics
    ) -> InstanceProperties? {
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let machineName = settings.string("machine_type", diagnostics: &diagnostics),
              let subnetwork = settings.subnetworkAttachment("subnetwork_self_link", diagnostics: &diagnostics)
        else { return nil }
        guard let machine = machine(machineName, settings: settings, diagnostics: &diagnostics) else { return nil }
        guard let image = bootImage(settings, diagnostics: &diagnostics) else { return nil }
        let diskLabels = origin.labels.merging(settings.stringMap("disk_labels", diagnostics: &diagnostics)) { _, own in own }
        let bandwidth = settings.string("bandwidth_tier", diagnostics: &diagnostics) ?? "platform_default"
        let attachedGPU = attachedAccelerator(settings, machine: machine, diagnostics: &diagnostics)
        let gpu = machine.gpu ?? attachedGPU
        var onHostMaintenance = settings.string("on_host_maintenance", diagnostics: &diagnostics) ?? "MIGRATE"
        if gpu != nil, onHostMaintenance == "MIGRATE" {
            if settings.isChosen("on_host_maintenance") {
                diagnostics.report(.acceleratorMismatch, "instances with GPUs cannot live-migrate; on_host_maintenance must be TERMINATE",
                                   at: settings.location("on_host_maintenance"))
            }
            onHostMaintenance = "TERMINATE"
        }
        let shielded = settings.literal("shielded_instance_config", diagnostics: &diagnostics)?.map ?? [:]
        let features = settings.literal("advanced_machine_features", diagnostics: &diagnostics)?.map ?? [:]
        let email = settings.text("service_account_email")
        checkDisks(settings, machine: machine, diagnostics: &diagnostics)
        return InstanceProperties(
            project: project, machine: machine, image: image,
            bootDisk: Disk(name: nil, deviceName: nil, type: settings.string("disk_type", diagnostics: &diagnostics) ?? "pd-standard",
                           sizeGB: settings.int("disk_size_gb", diagnostics: &diagnostics),
                           autoDelete: settings.bool("disk_auto_delete", diagnostics: &diagnostics) ?? true, boot: true, labels: diskLabels),
            additionalDisks: additionalDisks(settings, labels: origin.labels, diagnostics: &diagnostics),
            subnetwork: subnetwork,
            accessConfigs: accessConfigs(settings, publicIPSetting: publicIPSetting, diagnostics: &diagnostics),
            nicType: ["virtio_enabled": "VIRTIO_NET", "gvnic_enabled": "GVNIC", "tier_1_enabled": "GVNIC"][bandwidth],
            tier1Egress: bandwidth == "tier_1_enabled",
            canIPForward: settings.bool("can_ip_forward", diagnostics: &diagnostics) ?? false,
            osLogin: settings.bool("enable_oslogin", diagnostics: &diagnostics) ?? true,
            confidential: settings.bool("enable_confidential_vm", diagnostics: &diagnostics) ?? false,
            shielded: (settings.bool("enable_shielded_vm", diagnostics: &diagnostics) ?? false)
                ? ShieldedConfig(secureBoot: shielded["enable_secure_boot"]?.bool ?? true, vtpm: shielded["enable_vtpm"]?.bool ?? true,
                                 integrityMonitoring: shielded["enable_integrity_monitoring"]?.bool ?? true)
                : nil,
            attachedGPU: attachedGPU,
            metadata: metadata(settings),
            minCPUPlatform: settings.string("min_cpu_platform", diagnostics: &diagnostics),
            scheduling: Scheduling(preemptible: settings.bool("preemptible", diagnostics: &diagnostics) ?? false, spot: spot,
                                   spotTerminationAction: spot ? settings.literal("spot_instance_config", diagnostics: &diagnostics)?.map?["termination_action"]?.string : nil,
                                   onHostMaintenance: onHostMaintenance),
            serviceAccount: ServiceAccount(email: email, scopes: settings.strings("service_account_scopes", diagnostics: &diagnostics)),
            tags: settings.strings("tags", diagnostics: &diagnostics),
            labels: origin.labels,
            threadsPerCore: threadsPerCore(settings, machine: machine, features: features, diagnostics: &diagnostics),
            visibleCoreCount: features["visible_core_count"]?.int,
            nestedVirtualization: features["enable_nested_virtualization"]?.bool,
            turboMode: features["turbo_mode"]?.string,
            automaticUpdates: settings.bool("allow_automatic_updates", diagnostics: &diagnostics) ?? true
        )
    }

    /// The catalog's machine type named `name`; reports an unknown one at `machine_type`.
    static func machine(_ name: String, settings: SettingReader, diagnostics: inout Diagnostics) -> MachineType? {
        let machines = settings.context.machines
        if let machine = machines.machine(name) { return machine }
        let family = String(name.prefix { $0 != "-" })
        let message = machines.families.contains(family) || family.isEmpty ? "unknown machine type '\(name)'"
            : "unknown machine type '\(name)': hpcc's machine catalog has no \(family) family"
        diagnostics.report(.unknownMachineType, message, at: settings.location("machine_type"),
                           help: machines.suggestion(for: name).map { "did you mean '\($0)'?" }
                               ?? (machines.families.contains(family) ? "no \(family) type has that shape; see `gcloud compute machine-types list --filter=name~^\(family)-`"
                                                                      : "hpcc knows the families " + machines.families.sorted().joined(separator: ", ")))
        return nil
    }

    /// The `instance_image` setting: `project` plus exactly one of `family` or `name`.
    static func bootImage(_ settings: SettingReader, diagnostics: inout Diagnostics) -> BootImage? {
        let fields = settings.stringMap("instance_image", diagnostics: &diagnostics)
        let family = fields["family"], name = fields["name"]
        guard let project = fields["project"], (family == nil) != (name == nil) else {
            diagnostics.report(.constraintViolation, "instance_image of module '\(settings.id)' needs 'project' and exactly one of 'family' or 'name'",
                               at: settings.location("instance_image"))
            return nil
        }
        for key in fields.keys.sorted() where !["project", "family", "name"].contains(key) {
            diagnostics.report(.unknownAttribute, "unknown key '\(key)' in instance_image of module '\(settings.id)'", at: settings.location("instance_image"),
                               help: Suggestion.help(for: key, in: ["project", "family", "name"]))
        }
        return BootImage(project: project, family: family, name: name)
    }

    private static func attachedAccelerator(_ settings: SettingReader, machine: MachineType, diagnostics: inout Diagnostics) -> GPU? {
        guard let entry = settings.literal("guest_accelerator", diagnostics: &diagnostics)?.list?.first?.map,
              let type = entry["type"]?.string, let count = entry["count"]?.int, count > 0 else { return nil }
        if let builtIn = machine.gpu {
            if builtIn.type != type || builtIn.count != count {
                diagnostics.report(.acceleratorMismatch, "\(machine.name) comes with \(builtIn.count) × \(builtIn.type); guest_accelerator asks for \(count) × \(type)",
                                   at: settings.location("guest_accelerator"), help: "remove guest_accelerator: the machine type brings its GPUs")
            }
            return nil
        }
        if !machine.acceptsAttachedGPUs {
            diagnostics.report(.acceleratorMismatch, "GPUs can be attached only to N1 machine types, not \(machine.name)", at: settings.location("guest_accelerator"),
                               help: "use an accelerator-optimized type (a2, a3, g2) or an n1 type")
            return nil
        }
        guard let model = AttachableGPU.n1(type) else {
            diagnostics.report(.acceleratorMismatch, "'\(type)' is not a GPU Compute Engine attaches to N1 machine types", at: settings.location("guest_accelerator"),
                               help: Suggestion.help(for: type, in: AttachableGPU.n1.map(\.type))
                                   ?? "N1 takes " + AttachableGPU.n1.map(\.type).joined(separator: ", ") + "; L4, A100 and H100 come with g2, a2 and a3 types")
            return nil
        }
        guard let maxVCPUs = model.maxVCPUs[count] else {
            diagnostics.report(.acceleratorMismatch, "\(type) attaches in counts of \(model.counts.map(String.init).joined(separator: ", ")), not \(count)",
                               at: settings.location("guest_accelerator"))
            return nil
        }
        if machine.vCPUs > maxVCPUs {
            let enough = model.counts.first { model.maxVCPUs[$0]! >= machine.vCPUs }
            diagnostics.report(.acceleratorMismatch, "with \(count) × \(type) an instance has at most \(maxVCPUs) vCPUs; \(machine.name) has \(machine.vCPUs)",
                               at: settings.location("guest_accelerator"),
                               help: enough.map { "attach \($0) GPUs, or choose an N1 type with at most \(maxVCPUs) vCPUs" } ?? "choose an N1 type with at most \(maxVCPUs) vCPUs")
            return nil
        }
        return GPU(type: type, count: count)
    }

    private static func accessConfigs(_ settings: SettingReader, publicIPSetting: String, diagnostics: inout Diagnostics) -> [AccessConfig] {
        // Only nodesets take explicit access configurations.
        let declared = settings.schema.setting("access_config") != nil
        let explicit = (declared ? settings.literal("access_config", diagnostics: &diagnostics)?.list ?? [] : []).map { entry in
            AccessConfig(natIP: entry.map?["nat_ip"]?.string, networkTier: entry.map?["network_tier"]?.string)
        }
        if !explicit.isEmpty { return explicit }
        return settings.bool(publicIPSetting, diagnostics: &diagnostics) == true ? [AccessConfig(natIP: nil, networkTier: nil)] : []
    }

    /// Disk types the machine family cannot attach, at the disk type (or at the machine type when
    /// the boot disk type is the module's default).
    private static func checkDisks(_ settings: SettingReader, machine: MachineType, diagnostics: inout Diagnostics) {
        if let boot = settings.value("disk_type").string, let refusal = machine.diskRefusal(boot, boot: true) {
            let explicit = settings.isExplicit("disk_type")
            diagnostics.report(.diskTypeUnsupported, "boot disk type \(boot)\(explicit ? "" : " (the default)") cannot be used with \(machine.name): \(refusal)",
                               at: settings.location(explicit ? "disk_type" : "machine_type"), help: "set disk_type: \(machine.bootDiskSuggestion)")
        }
        for (index, entry) in (settings.value("additional_disks").list ?? []).enumerated() {
            guard let type = entry.map?["disk_type"]?.string, let refusal = machine.diskRefusal(type, boot: entry.map?["boot"]?.bool ?? false) else { continue }
            diagnostics.report(.diskTypeUnsupported, "additional disk type \(type) cannot be used with \(machine.name): \(refusal)",
                               at: settings.location("additional_disks", [.index(index), .key("disk_type")]))
        }
    }

    private static func additionalDisks(_ settings: SettingReader, labels: [String: String], diagnostics: inout Diagnostics) -> [Disk] {
        (settings.literal("additional_disks", diagnostics: &diagnostics)?.list ?? []).compactMap { entry in
            guard let fields = entry.map else { return nil }
            let own = fields["disk_labels"]?.map?.compactMapValues(\.string) ?? [:]
            return Disk(name: fields["disk_name"]?.string, deviceName: fields["device_name"]?.string,
                        type: fields["disk_type"]?.string ?? "pd-standard", sizeGB: fields["disk_size_gb"]?.int,
                        autoDelete: fields["auto_delete"]?.bool ?? true, boot: fields["boot"]?.bool ?? false,
                        labels: labels.merging(own) { _, mine in mine })
        }
    }

    /// User metadata; allow_automatic_updates false adds the switch (user metadata wins).
    private static func metadata(_ settings: SettingReader) -> [String: TerraformText] {
        var metadata: [String: TerraformText] = [:]
        if settings.value("allow_automatic_updates").bool == false {
            metadata["google_disable_automatic_updates"] = TerraformText("TRUE")
        }
        for (key, value) in settings.value("metadata").map ?? [:] {
            metadata[key] = settings.text(from: value)
        }
        return metadata
    }

    /// Threads per core: `enable_smt` (nodesets) decides when set, else advanced_machine_features.
    private static func threadsPerCore(_ settings: SettingReader, machine: MachineType, features: [String: Value], diagnostics: inout Diagnostics) -> Int? {
        var requested = features["threads_per_core"]?.int ?? 1
        if let smt = settings.value("enable_smt").bool { requested = smt ? 2 : 1 }
        guard machine.threadsPerCoreConfigurable else {
            if (settings.isChosen("enable_smt") || settings.isChosen("advanced_machine_features")), requested != machine.nativeThreadsPerCore {
                diagnostics.report(.settingNoEffect, "\(machine.name) runs \(machine.nativeThreadsPerCore) thread(s) per core and cannot change it",
                                   at: settings.location(settings.isExplicit("enable_smt") ? "enable_smt" : "advanced_machine_features"))
            }
            return nil
        }
        guard requested == 1 || requested == 2 else {
            diagnostics.report(.constraintViolation, "threads_per_core must be 1 or 2, not \(requested)", at: settings.location("advanced_machine_features"))
            return nil
        }
        return requested
    }
}
