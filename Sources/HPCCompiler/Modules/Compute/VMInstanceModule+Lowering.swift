/// One use of vm-instance → `VirtualMachineGroup`, with the shape, image, GPU, disk and zone checks
/// the Slurm instances get (`InstanceLowering`).
extension VMInstanceModule {
    /// What vm-instance reads from settings of its own, which a module built on it
    /// (chrome-remote-desktop) fixes or spells differently.
    struct Choices {
        /// Give each instance an external address.
        var publicIP: Bool
        /// Spot provisioning.
        var spot: Bool
        /// `automatic_restart`; nil chooses by Spot and placement.
        var automaticRestart: Bool?
        /// The instances' service account.
        var serviceAccount: ServiceAccount
        /// `min_cpu_platform`.
        var minCPUPlatform: String?
        /// `allow_automatic_updates`.
        var automaticUpdates: Bool
        /// Local SSDs per instance and their interface.
        var localSSDs: (count: Int, interface: String)
        /// `additional_persistent_disks` fields (`count`, `type`, `size`); empty for none.
        var persistentDisks: [String: Value]
        /// `placement_policy` fields; nil for none.
        var placement: [String: Value]?
        /// A specific reservation; nil for any.
        var reservation: String?
        /// `provisioning_model: RESERVATION_BOUND`: the instances run only in their reservation.
        var reservationBound = false
        /// The blueprint's startup script.
        var startupScript: TerraformText?
        /// hpcc's own setup the module adds after the blueprint's script; nil for none.
        var setup: VirtualMachineSetup?
    }

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> VirtualMachineGroup? {
        let reservation = settings.read(defaulted: Key.reservation, diagnostics: &diagnostics)
        let model = settings.read(Key.provisioningModel, diagnostics: &diagnostics)
        if model == "RESERVATION_BOUND", reservation.isEmpty {
            diagnostics.report(
                .missingSetting,
                "provisioning_model RESERVATION_BOUND of vm-instance '\(settings.id)' needs a reservation_name",
                at: settings.location(Key.provisioningModel), help: "set reservation_name, or use STANDARD")
        }
        var choices = Choices(
            publicIP: !settings.read(defaulted: Key.disablePublicIPs, diagnostics: &diagnostics),
            spot: model == "SPOT",
            automaticRestart: settings.read(Key.automaticRestart, diagnostics: &diagnostics),
            serviceAccount: ServiceAccount(
                email: settings.text(InstanceKey.serviceAccountEmail),
                scopes: settings.read(defaulted: InstanceKey.serviceAccountScopes, diagnostics: &diagnostics)),
            minCPUPlatform: settings.read(InstanceKey.minCPUPlatform, diagnostics: &diagnostics),
            automaticUpdates: settings.read(defaulted: InstanceKey.automaticUpdates, diagnostics: &diagnostics),
            localSSDs: (
                settings.read(defaulted: Key.localSSDCount, diagnostics: &diagnostics),
                settings.read(defaulted: Key.localSSDInterface, diagnostics: &diagnostics)
            ),
            persistentDisks: settings.read(defaulted: Key.persistentDisks, diagnostics: &diagnostics).map ?? [:],
            placement: settings.read(Key.placement, diagnostics: &diagnostics)?.map,
            reservation: reservation.isEmpty ? nil : reservation,
            startupScript: settings.text(Key.startupScript), setup: nil)
        choices.reservationBound = model == "RESERVATION_BOUND"
        return lower(settings, choices: choices, diagnostics: &diagnostics)
    }

    /// The group from the settings vm-instance shares with the modules built on it, and `choices`.
    static func lower(
        _ settings: SettingReader, choices: Choices, diagnostics: inout Diagnostics
    ) -> VirtualMachineGroup? {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let machineName = settings.read(InstanceKey.machineType, diagnostics: &diagnostics)
        else { return nil }
        let count = settings.read(defaulted: Key.count, diagnostics: &diagnostics)
        let listed = listedInterfaces(settings, count: count, diagnostics: &diagnostics)
        if listed?.isEmpty == true { return nil }
        guard
            let subnetwork = listed.map({ .external($0[0].subnetwork) })
                ?? settings.subnetworkAttachment(CommonKey.subnetwork, diagnostics: &diagnostics)
        else {
            diagnostics.report(
                .missingSetting, "vm-instance '\(settings.id)' has no subnetwork to attach its instances to",
                at: settings.module.declaration.id.location,
                help: "add a network module to its 'use' list, or set subnetwork_self_link or network_interfaces")
            return nil
        }
        let prefix = namePrefix(settings, deployment: deployment, count: count, diagnostics: &diagnostics)
        guard let machine = InstanceLowering.machine(machineName, settings: settings, diagnostics: &diagnostics),
            let image = InstanceLowering.bootImage(settings, diagnostics: &diagnostics)
        else { return nil }
        if CommonSettings.region(of: zone) != region {
            diagnostics.report(
                .constraintViolation, "zone '\(zone)' of vm-instance '\(settings.id)' is not in region '\(region)'",
                at: settings.location(CommonKey.zone))
        }
        let attachedGPU = InstanceLowering.attachedAccelerator(settings, machine: machine, diagnostics: &diagnostics)
        InstanceLowering.checkBootDisk(settings, machine: machine, diagnostics: &diagnostics)
        InstanceLowering.checkZoneOffering(
            machine, attachedGPU: attachedGPU, zones: [(zone, settings.location(CommonKey.zone))],
            what: "vm-instance '\(settings.id)'", diagnostics: &diagnostics)
        let placement = choices.placement.map {
            placementPolicy(
                $0, settings: settings, prefix: prefix ?? "", count: count, machine: machine, diagnostics: &diagnostics)
        }
        let spot = choices.spot
        let scheduling = Scheduling(
            preemptible: false, spot: spot, spotTerminationAction: nil,
            onHostMaintenance: hostMaintenance(
                settings, gpu: machine.gpu ?? attachedGPU, forced: spot || placement?.isCompact == true,
                diagnostics: &diagnostics),
            restartChoice: choices.automaticRestart
                ?? (spot || placement?.isCompact == true ? false : nil))
        let bandwidth =
            bandwidthTiers[settings.read(defaulted: Key.bandwidthTier, diagnostics: &diagnostics)] ?? .platformDefault
        let disks = persistentDisks(
            choices.persistentDisks, settings: settings, machine: machine, labels: origin.labels,
            diagnostics: &diagnostics)
        var instance = InstanceProperties(
            project: project, machine: machine, image: image,
            bootDisk: Disk(
                name: nil, deviceName: nil,
                type: settings.read(defaulted: InstanceKey.diskType, diagnostics: &diagnostics),
                sizeGB: settings.read(InstanceKey.diskSize, diagnostics: &diagnostics),
                autoDelete: settings.read(defaulted: Key.autoDeleteBootDisk, diagnostics: &diagnostics), boot: true,
                labels: origin.labels),
            additionalDisks: disks, subnetwork: subnetwork,
            accessConfigs: choices.publicIP ? [AccessConfig(natIP: nil, networkTier: nil)] : [],
            nicType: bandwidth.nicType, tier1Egress: bandwidth.tier1Egress, canIPForward: false,
            osLogin: settings.read(defaulted: Key.osLogin, diagnostics: &diagnostics) == "ENABLE",
            confidential: false, shielded: nil, attachedGPU: attachedGPU,
            metadata: InstanceLowering.metadata(settings, automaticUpdates: choices.automaticUpdates),
            minCPUPlatform: choices.minCPUPlatform,
            scheduling: scheduling,
            serviceAccount: choices.serviceAccount,
            tags: settings.read(defaulted: InstanceKey.tags, diagnostics: &diagnostics), labels: origin.labels,
            threadsPerCore: threadsPerCore(settings, machine: machine, diagnostics: &diagnostics),
            visibleCoreCount: nil, nestedVirtualization: nil, turboMode: nil,
            automaticUpdates: choices.automaticUpdates)
        if let listed {
            instance.primaryInterface = listed[0]
            instance.accessConfigs = listed[0].accessConfigs
            instance.nicType = nil
            instance.additionalNetworks = Array(listed.dropFirst())
        }
        instance.scheduling.reservationBound = choices.reservationBound
        let osLogin = settings.read(defaulted: Key.osLogin, diagnostics: &diagnostics)
        guard let prefix else { return nil }
        let group = VirtualMachineGroup(
            origin: origin, prefix: prefix, count: count, zone: zone, region: region, instance: instance,
            localSSDCount: choices.localSSDs.count, localSSDInterface: choices.localSSDs.interface,
            mounts: settings.locatedMounts(CommonKey.networkStorage, diagnostics: &diagnostics).map(\.mount),
            startupScript: choices.startupScript, setup: choices.setup,
            osLoginMetadata: ["ENABLE": "TRUE", "DISABLE": "FALSE"][osLogin],
            placement: placement, reservation: choices.reservation)
        settings.context.deployment.virtualMachines.append(group)
        return group
    }

    /// `<deployment>-<name_prefix>`, `<name_prefix>` or `<deployment>`, as Cluster Toolkit names
    /// them; nil when the names it gives are no valid instance names (reported).
    static func namePrefix(
        _ settings: SettingReader, deployment: String, count: Int, diagnostics: inout Diagnostics
    ) -> String? {
        let own = settings.read(Key.namePrefix, diagnostics: &diagnostics)
        let first = settings.read(defaulted: Key.deploymentNameFirst, diagnostics: &diagnostics)
        let prefix = own.map { first ? "\(deployment)-\($0)" : $0 } ?? deployment
        let longest = "\(prefix)-\(max(count - 1, 0))"
        let scalars = Array(longest.unicodeScalars)
        let valid =
            scalars.count <= 63 && NameRules.isLower(scalars[0])
            && scalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-" }
        guard !valid else { return prefix }
        diagnostics.report(
            .invalidName,
            "instance name '\(longest)' of vm-instance '\(settings.id)' is not valid"
                + (scalars.count > 63 ? " (\(scalars.count) characters)" : ""),
            at: own != nil ? settings.location(Key.namePrefix) : settings.location(CommonKey.deploymentName),
            help: "instance names are a lowercase letter, then lowercase letters, digits or '-', at most 63 in all")
        return nil
    }

    /// On host maintenance: the blueprint's, else TERMINATE where the instances cannot migrate.
    private static func hostMaintenance(
        _ settings: SettingReader, gpu: GPU?, forced: Bool, diagnostics: inout Diagnostics
    ) -> OnHostMaintenance {
        guard let chosen = settings.read(InstanceKey.onHostMaintenance, diagnostics: &diagnostics) else {
            return gpu != nil || forced ? .terminate : .migrate
        }
        if chosen == .migrate, gpu != nil || forced {
            diagnostics.report(
                .acceleratorMismatch,
                "instances with GPUs, Spot instances and compactly placed instances cannot live-migrate",
                at: settings.location(InstanceKey.onHostMaintenance), help: "set on_host_maintenance: TERMINATE")
        }
        return chosen
    }

    /// Cluster Toolkit's rule: 0 turns SMT off where it can be set, 1 or 2 set it, null leaves it.
    private static func threadsPerCore(
        _ settings: SettingReader, machine: MachineType, diagnostics: inout Diagnostics
    ) -> Int? {
        guard let requested = settings.read(Key.threadsPerCore, diagnostics: &diagnostics) else { return nil }
        guard machine.threadsPerCoreConfigurable else {
            if requested != 0 {
                diagnostics.report(
                    .constraintViolation,
                    "\(machine.name) runs \(machine.nativeThreadsPerCore) thread(s) per core and cannot change it",
                    at: settings.location(Key.threadsPerCore), help: "set threads_per_core: 0 or null")
            }
            return nil
        }
        return requested == 0 ? 1 : requested
    }

    /// `additional_persistent_disks`: `count` disks of one type and size per instance.
    private static func persistentDisks(
        _ fields: [String: Value], settings: SettingReader, machine: MachineType, labels: [String: String],
        diagnostics: inout Diagnostics
    ) -> [Disk] {
        let count = fields["count"]?.int ?? 0
        let type = fields["type"]?.string ?? "pd-balanced"
        guard count > 0 else { return [] }
        if let refusal = machine.diskRefusal(type, boot: false) {
            diagnostics.report(
                .diskTypeUnsupported, "additional disk type \(type) cannot be used with \(machine.name): \(refusal)",
                at: settings.location(Key.persistentDisks, [.key("type")]))
        }
        return (0..<count).map { index in
            Disk(
                name: nil, deviceName: "additional-disk-\(index)", type: type, sizeGB: fields["size"]?.int ?? 200,
                autoDelete: true, boot: false, labels: labels)
        }
    }

    /// The group's placement policy; compact placement needs a machine family that offers it.
    private static func placementPolicy(
        _ fields: [String: Value], settings: SettingReader, prefix: String, count: Int, machine: MachineType,
        diagnostics: inout Diagnostics
    ) -> PlacementPolicy {
        let policy = PlacementPolicy(
            name: "\(prefix)-vm-instance-placement", vmCount: fields["vm_count"]?.int,
            availabilityDomains: fields["availability_domain_count"]?.int, collocation: fields["collocation"]?.string,
            gpuTopology: fields["gpu_topology"]?.string)
        if let collocation = policy.collocation, collocation != "COLLOCATED" {
            diagnostics.report(
                .constraintViolation, "placement_policy.collocation must be COLLOCATED, not '\(collocation)'",
                at: settings.location(Key.placement, [.key("collocation")]))
        }
        if let distance = fields["max_distance"], !distance.isNull {
            // Only the google-beta provider takes max_distance; hpcc's roots use google.
            diagnostics.report(
                .settingNotSupported,
                "placement_policy.max_distance asks for a maximum distance, which hpcc does not support yet",
                at: settings.location(Key.placement, [.key("max_distance")]), help: "remove max_distance")
        }
        if policy.isCompact, !machine.supportsCompactPlacement {
            diagnostics.report(
                .constraintViolation, "compact placement is not available for \(machine.name)",
                at: settings.location(Key.placement, [.key("collocation")]))
        }
        if let vmCount = policy.vmCount, vmCount != count {
            diagnostics.report(
                .constraintViolation,
                "placement_policy.vm_count is \(vmCount) but vm-instance '\(settings.id)' makes \(count) instances",
                at: settings.location(Key.placement, [.key("vm_count")]), help: "set vm_count: \(count), or null")
        }
        return policy
    }
}
