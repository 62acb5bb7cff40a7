/// The instance settings nodesets, login groups and the controller share → `InstanceProperties`.
enum InstanceLowering {
    /// `publicIP` is the module's own switch (`enable_public_ips`, `enable_login_public_ips`, ...).
    static func properties(
        _ settings: SettingReader, origin: Origin, publicIP: SettingKey<Bool>, spot: Bool,
        diagnostics: inout Diagnostics
    ) -> InstanceProperties? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let machineName = settings.read(InstanceKey.machineType, diagnostics: &diagnostics),
            let subnetwork = settings.subnetworkAttachment(CommonKey.subnetwork, diagnostics: &diagnostics)
        else { return nil }
        guard let machine = machine(machineName, settings: settings, diagnostics: &diagnostics) else { return nil }
        guard let image = bootImage(settings, diagnostics: &diagnostics) else { return nil }
        checkSlurmImage(image, settings: settings, diagnostics: &diagnostics)
        let diskLabels = origin.labels.merging(
            settings.read(defaulted: InstanceKey.diskLabels, diagnostics: &diagnostics)
        ) { _, own in own }
        let bandwidth = settings.read(defaulted: InstanceKey.bandwidthTier, diagnostics: &diagnostics)
        let attachedGPU = attachedAccelerator(settings, machine: machine, diagnostics: &diagnostics)
        let gpu = machine.gpu ?? attachedGPU
        // The nodesets', login groups' and controller's schemas give different defaults.
        var onHostMaintenance = settings.read(defaulted: InstanceKey.onHostMaintenance, diagnostics: &diagnostics)
        if gpu != nil, onHostMaintenance == .migrate {
            if settings.isChosen(InstanceKey.onHostMaintenance) {
                diagnostics.report(
                    .acceleratorMismatch,
                    "instances with GPUs cannot live-migrate; on_host_maintenance must be TERMINATE",
                    at: settings.location(InstanceKey.onHostMaintenance))
            }
            onHostMaintenance = .terminate
        }
        let features = settings.read(defaulted: InstanceKey.machineFeatures, diagnostics: &diagnostics).map ?? [:]
        let email = settings.text(InstanceKey.serviceAccountEmail)
        checkDisks(settings, machine: machine, diagnostics: &diagnostics)
        let disks = diskDefaults(settings, diagnostics: &diagnostics)
        return InstanceProperties(
            project: project, machine: machine, image: image,
            // The nodesets' default boot disk type differs from the login groups' and controller's.
            bootDisk: Disk(
                name: nil, deviceName: nil,
                type: settings.read(defaulted: InstanceKey.diskType, diagnostics: &diagnostics),
                sizeGB: settings.read(InstanceKey.diskSize, diagnostics: &diagnostics),
                autoDelete: settings.read(defaulted: InstanceKey.diskAutoDelete, diagnostics: &diagnostics), boot: true,
                labels: diskLabels, encryption: disks.encryption, resourceManagerTags: disks.tags),
            additionalDisks: additionalDisks(
                settings, labels: origin.labels, defaults: disks, diagnostics: &diagnostics),
            subnetwork: subnetwork,
            accessConfigs: accessConfigs(settings, publicIP: publicIP, diagnostics: &diagnostics),
            nicType: bandwidth.nicType,
            tier1Egress: bandwidth.tier1Egress,
            canIPForward: settings.read(defaulted: InstanceKey.canIPForward, diagnostics: &diagnostics),
            osLogin: settings.read(defaulted: InstanceKey.osLogin, diagnostics: &diagnostics),
            confidential: settings.read(defaulted: InstanceKey.confidentialVM, diagnostics: &diagnostics),
            shielded: shieldedConfig(settings, diagnostics: &diagnostics),
            attachedGPU: attachedGPU,
            metadata: metadata(settings),
            minCPUPlatform: settings.read(InstanceKey.minCPUPlatform, diagnostics: &diagnostics),
            scheduling: Scheduling(
                preemptible: settings.read(defaulted: InstanceKey.preemptible, diagnostics: &diagnostics), spot: spot,
                spotTerminationAction: spot
                    ? settings.read(InstanceKey.spotConfig, diagnostics: &diagnostics)?.map?["termination_action"]?
                        .string : nil,
                onHostMaintenance: onHostMaintenance
            ),
            serviceAccount: ServiceAccount(
                email: email,
                scopes: settings.read(defaulted: InstanceKey.serviceAccountScopes, diagnostics: &diagnostics)),
            tags: settings.read(defaulted: InstanceKey.tags, diagnostics: &diagnostics),
            labels: origin.labels,
            threadsPerCore: threadsPerCore(settings, machine: machine, features: features, diagnostics: &diagnostics),
            visibleCoreCount: features["visible_core_count"]?.int,
            nestedVirtualization: features["enable_nested_virtualization"]?.bool,
            turboMode: features["turbo_mode"]?.string,
            automaticUpdates: settings.read(defaulted: InstanceKey.automaticUpdates, diagnostics: &diagnostics),
            resourceManagerTags: ResourceManagerTags.checked(
                settings.read(defaulted: InstanceKey.resourceManagerTags, diagnostics: &diagnostics),
                setting: InstanceKey.resourceManagerTags.name,
                at: { settings.location(InstanceKey.resourceManagerTags, [.key($0)]) }, diagnostics: &diagnostics)
        )
    }

    /// The catalog's machine type named `name`; reports an unknown one at `machine_type`, with the
    /// family's sizes the catalog has and how to declare a type newer than the catalog.
    static func machine(_ name: String, settings: SettingReader, diagnostics: inout Diagnostics) -> MachineType? {
        let machines = settings.context.machines
        if let machine = machines.machine(name) { return machine }
        let family = String(name.prefix { $0 != "-" })
        let known = machines.families.contains(family)
        let declare =
            "a type newer than hpcc's catalog can be declared under machine_types: with its vcpus and memory_gb"
        let help: String
        let meant = known ? machines.suggestion(for: name) : nil
        let location = settings.location(InstanceKey.machineType)
        if known {
            help =
                (meant.map { "did you mean '\($0)'? " } ?? "")
                + "hpcc's catalog has \(sizes(of: family, in: machines)); \(declare)"
        } else {
            help = "hpcc knows the families " + machines.families.sorted().joined(separator: ", ") + "; \(declare)"
        }
        diagnostics.report(
            .unknownMachineType,
            known || family.isEmpty
                ? "unknown machine type '\(name)'"
                : "unknown machine type '\(name)': hpcc's machine catalog has no \(family) family",
            at: location, help: help,
            fixes: meant.map { [DiagnosticFix(replacing: name, at: location, with: $0)] } ?? [])
        return nil
    }

    /// `c4-standard-{2,4,8}, c4-highmem-{4,8}` (sizes of each kind; `-lssd` and other variants said once).
    static func sizes(of family: String, in machines: MachineCatalog) -> String {
        var kinds: [String: [Int]] = [:]
        var variants = Set<String>()
        for name in machines.names where name.hasPrefix(family + "-") {
            let parts = name.split(separator: "-").map(String.init)
            guard parts.count >= 3, let size = Int(parts[2]) else {
                kinds[parts.dropFirst().joined(separator: "-"), default: []] += []
                continue
            }
            kinds[parts[1], default: []].append(size)
            if parts.count > 3 { variants.insert(parts[3...].joined(separator: "-")) }
        }
        let listed = kinds.keys.sorted().map { kind in
            let sizes = Set(kinds[kind]!).sorted()
            return sizes.isEmpty
                ? "\(family)-\(kind)" : "\(family)-\(kind)-{\(sizes.map(String.init).joined(separator: ","))}"
        }
        return listed.joined(separator: ", ")
            + (variants.isEmpty ? "" : " (some also -" + variants.sorted().joined(separator: ", -") + ")")
    }

    /// The `instance_image` setting: `project` plus exactly one of `family` or `name`.
    static func bootImage(_ settings: SettingReader, diagnostics: inout Diagnostics) -> BootImage? {
        // Not the default in place of an image that could not be read (reported): the instance
        // is not built from an image the blueprint did not choose.
        let fields = settings.read(InstanceKey.image, diagnostics: &diagnostics) ?? [:]
        let family = fields["family"], name = fields["name"]
        guard let project = fields["project"], (family == nil) != (name == nil) else {
            diagnostics.report(
                .constraintViolation,
                "instance_image of module '\(settings.id)' needs 'project' and exactly one of 'family' or 'name'",
                at: settings.location(InstanceKey.image))
            return nil
        }
        for key in fields.keys.sorted() where !["project", "family", "name"].contains(key) {
            diagnostics.report(
                .unknownAttribute, "unknown key '\(key)' in instance_image of module '\(settings.id)'",
                at: settings.location(InstanceKey.image),
                help: Suggestion.help(for: key, in: ["project", "family", "name"]))
        }
        return BootImage(project: project, family: family, name: name)
    }

    /// A Slurm node, login node or controller boots into slurm-gcp's layout (Slurm, MUNGE, the
    /// scripts that configure them); an image from another project must be confirmed to have it.
    /// Said without the module: an image from a variable is one finding, however many modules use it.
    private static func checkSlurmImage(_ image: BootImage, settings: SettingReader, diagnostics: inout Diagnostics) {
        guard image.project != CommonSettings.slurmImageProject,
            !settings.read(defaulted: InstanceKey.imageCustom, diagnostics: &diagnostics)
        else { return }
        diagnostics.report(
            .unconfirmedSlurmImage,
            """
            instance_image comes from project '\(image.project)', not \(CommonSettings.slurmImageProject): the image \
            must have Slurm, MUNGE and the slurm-gcp layout installed
            """,
            at: settings.location(InstanceKey.image), help: "set \(InstanceKey.imageCustom.name): true to confirm")
    }

    /// GPUs attached with `guest_accelerator`: only to N1 types, in counts the model allows, and not
    /// to a type that brings its own (reported at the setting).
    static func attachedAccelerator(
        _ settings: SettingReader, machine: MachineType, diagnostics: inout Diagnostics
    ) -> GPU? {
        guard
            let entry = settings.read(defaulted: InstanceKey.guestAccelerator, diagnostics: &diagnostics).list?.first?
                .map,
            let type = entry["type"]?.string, let count = entry["count"]?.int, count > 0
        else { return nil }
        if let builtIn = machine.gpu {
            if builtIn.type != type || builtIn.count != count {
                diagnostics.report(
                    .acceleratorMismatch,
                    """
                    \(machine.name) comes with \(builtIn.count) × \(builtIn.type); guest_accelerator asks for \(count) \
                    × \(type)
                    """,
                    at: settings.location(InstanceKey.guestAccelerator),
                    help: "remove guest_accelerator: the machine type brings its GPUs")
            }
            return nil
        }
        if !machine.acceptsAttachedGPUs {
            diagnostics.report(
                .acceleratorMismatch, "GPUs can be attached only to N1 machine types, not \(machine.name)",
                at: settings.location(InstanceKey.guestAccelerator),
                help: "use an accelerator-optimized type (a2, a3, g2) or an n1 type")
            return nil
        }
        guard let model = AttachableGPU.n1(type) else {
            // The type of the first entry, the one read.
            let correction = Suggestion.correction(
                for: type, at: settings.location(InstanceKey.guestAccelerator, [.index(0), .key("type")]),
                in: AttachableGPU.n1Types)
            diagnostics.report(
                .acceleratorMismatch, "'\(type)' is not a GPU Compute Engine attaches to N1 machine types",
                at: settings.location(InstanceKey.guestAccelerator),
                help: correction.help
                    ?? "N1 takes " + AttachableGPU.n1Types.joined(separator: ", ")
                    + "; L4, A100 and H100 come with g2, a2 and a3 types",
                fixes: correction.fixes)
            return nil
        }
        guard let maxVCPUs = model.maxVCPUs[count] else {
            diagnostics.report(
                .acceleratorMismatch,
                "\(type) attaches in counts of \(model.counts.map(String.init).joined(separator: ", ")), not \(count)",
                at: settings.location(InstanceKey.guestAccelerator))
            return nil
        }
        if machine.vCPUs > maxVCPUs {
            let enough = model.counts.first { model.maxVCPUs[$0]! >= machine.vCPUs }
            diagnostics.report(
                .acceleratorMismatch,
                """
                with \(count) × \(type) an instance has at most \(maxVCPUs) vCPUs; \(machine.name) has \(machine.vCPUs)
                """,
                at: settings.location(InstanceKey.guestAccelerator),
                help: enough.map { "attach \($0) GPUs, or choose an N1 type with at most \(maxVCPUs) vCPUs" }
                    ?? "choose an N1 type with at most \(maxVCPUs) vCPUs")
            return nil
        }
        return GPU(type: type, count: count)
    }

    private static func accessConfigs(
        _ settings: SettingReader, publicIP: SettingKey<Bool>, diagnostics: inout Diagnostics
    ) -> [AccessConfig] {
        // Only nodesets take explicit access configurations.
        let declared = settings.schema.setting(InstanceKey.accessConfig.name) != nil
        let explicit =
            (declared ? settings.read(defaulted: InstanceKey.accessConfig, diagnostics: &diagnostics).list ?? [] : [])
            .map { entry in
                AccessConfig(natIP: entry.map?["nat_ip"]?.string, networkTier: entry.map?["network_tier"]?.string)
            }
        if !explicit.isEmpty { return explicit }
        return settings.read(defaulted: publicIP, diagnostics: &diagnostics)
            ? [AccessConfig(natIP: nil, networkTier: nil)] : []
    }

    /// Disk types the machine family cannot attach, at the disk type (or at the machine type when
    /// the boot disk type is the module's default).
    private static func checkDisks(_ settings: SettingReader, machine: MachineType, diagnostics: inout Diagnostics) {
        checkBootDisk(settings, machine: machine, diagnostics: &diagnostics)
        for (index, entry) in (settings.value(InstanceKey.additionalDisks).list ?? []).enumerated() {
            guard let type = entry.map?["disk_type"]?.string,
                let refusal = machine.diskRefusal(type, boot: entry.map?["boot"]?.bool ?? false)
            else { continue }
            diagnostics.report(
                .diskTypeUnsupported, "additional disk type \(type) cannot be used with \(machine.name): \(refusal)",
                at: settings.location(InstanceKey.additionalDisks, [.index(index), .key("disk_type")]))
        }
    }

    /// A boot disk type the machine family cannot boot from, at `disk_type` (or at the machine type
    /// when the type is the module's default).
    static func checkBootDisk(_ settings: SettingReader, machine: MachineType, diagnostics: inout Diagnostics) {
        if let boot = settings.value(InstanceKey.diskType).string, let refusal = machine.diskRefusal(boot, boot: true) {
            let explicit = settings.isExplicit(InstanceKey.diskType)
            diagnostics.report(
                .diskTypeUnsupported,
                """
                boot disk type \(boot)\(explicit ? "" : " (the default)") cannot be used with \(machine.name): \
                \(refusal)
                """,
                at: explicit ? settings.location(InstanceKey.diskType) : settings.location(InstanceKey.machineType),
                help: "set disk_type: \(machine.bootDiskSuggestion)")
        }
    }

    /// Shielded VM options when `enable_shielded_vm` is set (`CommonSettings.shielded`); nil otherwise.
    static func shieldedConfig(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ShieldedConfig? {
        guard settings.read(defaulted: InstanceKey.shieldedVM, diagnostics: &diagnostics) else { return nil }
        let options = settings.read(defaulted: InstanceKey.shieldedConfig, diagnostics: &diagnostics).map ?? [:]
        return ShieldedConfig(
            secureBoot: options["enable_secure_boot"]?.bool ?? true, vtpm: options["enable_vtpm"]?.bool ?? true,
            integrityMonitoring: options["enable_integrity_monitoring"]?.bool ?? true)
    }

    /// User metadata; allow_automatic_updates false adds the switch (user metadata wins).
    static func metadata(_ settings: SettingReader) -> [String: TerraformText] {
        metadata(settings, automaticUpdates: settings.value(InstanceKey.automaticUpdates).bool != false)
    }

    /// User metadata, with the switch when `automaticUpdates` is false (for modules that decide it
    /// otherwise than by `allow_automatic_updates`).
    static func metadata(_ settings: SettingReader, automaticUpdates: Bool) -> [String: TerraformText] {
        var metadata: [String: TerraformText] = [:]
        if !automaticUpdates {
            metadata["google_disable_automatic_updates"] = TerraformText("TRUE")
        }
        for (key, value) in settings.value(InstanceKey.metadata).map ?? [:] {
            metadata[key] = settings.text(from: value)
        }
        return metadata
    }

    /// Threads per core: `enable_smt` (nodesets) decides when set, else advanced_machine_features.
    private static func threadsPerCore(
        _ settings: SettingReader, machine: MachineType, features: [String: Value], diagnostics: inout Diagnostics
    ) -> Int? {
        var requested = features["threads_per_core"]?.int ?? 1
        if let smt = settings.value(InstanceKey.smt).bool { requested = smt ? 2 : 1 }
        guard machine.threadsPerCoreConfigurable else {
            if settings.isChosen(InstanceKey.smt) || settings.isChosen(InstanceKey.machineFeatures),
                requested != machine.nativeThreadsPerCore
            {
                diagnostics.report(
                    .settingNoEffect,
                    "\(machine.name) runs \(machine.nativeThreadsPerCore) thread(s) per core and cannot change it",
                    at: settings.isExplicit(InstanceKey.smt)
                        ? settings.location(InstanceKey.smt) : settings.location(InstanceKey.machineFeatures))
            }
            return nil
        }
        guard requested == 1 || requested == 2 else {
            diagnostics.report(
                .constraintViolation, "threads_per_core must be 1 or 2, not \(requested)",
                at: settings.location(InstanceKey.machineFeatures))
            return nil
        }
        return requested
    }
}
