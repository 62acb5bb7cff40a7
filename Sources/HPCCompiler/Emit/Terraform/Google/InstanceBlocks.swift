/// Attribute blocks shared by `google_compute_instance` and `google_compute_instance_template`.
enum InstanceBlocks {
    static func common(
        _ instance: InstanceProperties, metadata: [String: JSON], tags: [String], references: inout TerraformReferences
    ) -> [String: JSON] {
        var body: [String: JSON] = [
            "project": .string(instance.project),
            "machine_type": .string(instance.machine.name),
            "labels": .stringMap(instance.labels),
            "tags": .strings(tags + instance.tags.filter { !tags.contains($0) }),
            "can_ip_forward": .bool(instance.canIPForward),
            "min_cpu_platform": instance.minCPUPlatform.map(JSON.string) ?? .null,
            "metadata": .object(metadata),
            "service_account": .array([
                .object(
                    [
                        "email": instance.serviceAccount.email.map { references.json($0) } ?? .null,
                        "scopes": .strings(instance.serviceAccount.scopes),
                    ].filter { $0.value != .null })
            ]),
            "scheduling": .array([scheduling(instance.scheduling)]),
        ]
        if let gpu = instance.attachedGPU {
            body["guest_accelerator"] = .array([["type": .string(gpu.type), "count": .int(gpu.count)]])
        }
        if let shielded = instance.shielded {
            body["shielded_instance_config"] = .array([
                [
                    "enable_secure_boot": .bool(shielded.secureBoot), "enable_vtpm": .bool(shielded.vtpm),
                    "enable_integrity_monitoring": .bool(shielded.integrityMonitoring),
                ]
            ])
        }
        if instance.confidential {
            body["confidential_instance_config"] = .array([["enable_confidential_compute": true]])
        }
        let features: [String: JSON] = [
            "threads_per_core": instance.threadsPerCore.map(JSON.int) ?? .null,
            "visible_core_count": instance.visibleCoreCount.map(JSON.int) ?? .null,
            "enable_nested_virtualization": instance.nestedVirtualization.map(JSON.bool) ?? .null,
            "turbo_mode": instance.turboMode.map(JSON.string) ?? .null,
        ].filter { $0.value != .null }
        if !features.isEmpty { body["advanced_machine_features"] = .array([.object(features)]) }
        if instance.tier1Egress {
            body["network_performance_config"] = .array([["total_egress_bandwidth_tier": "TIER_1"]])
        }
        return body
    }

    /// The role bindings of the hpcc-made service account the instance runs as: an instance that
    /// boots before its roles are granted cannot read the deployment bucket.
    static func accountBindings(_ instance: InstanceProperties, references: TerraformReferences) -> [TerraformAddress] {
        let modules = (instance.serviceAccount.email?.parts ?? []).compactMap { part -> ModuleID? in
            if case let .reference(reference) = part { return reference.module }
            return nil
        }
        return modules.flatMap { module -> [(ModuleID, TerraformAddress)] in
            guard let account = references.index.entity(module, as: ManagedServiceAccount.self) else { return [] }
            return account.roles.map { (module, IdentityResources.roleBinding(module, $0)) }
        }.filter { references.index.group(of: $0.0) == references.group }.map(\.1)
    }

    static func networkInterface(
        _ instance: InstanceProperties, address: String?, references: inout TerraformReferences
    ) -> JSON {
        var interfaces: [JSON] = []
        if let primary = instance.primaryInterface {
            interfaces.append(additionalInterface(primary, references: &references))
        } else {
            interfaces.append(
                .object(
                    [
                        "subnetwork": references.subnetwork(instance.subnetwork),
                        "network_ip": address.map(JSON.string) ?? .null,
                        "nic_type": instance.nicType.map { JSON.string($0.rawValue) } ?? .null,
                        "access_config": accessConfigs(instance.accessConfigs),
                    ].filter { $0.value != .null }))
        }
        for interface in instance.additionalNetworks {
            interfaces.append(additionalInterface(interface, references: &references))
        }
        return .array(interfaces)
    }

    /// One `network_interface` block written out whole: an RDMA or extra VPC NIC, or the first
    /// interface when the blueprint lists them all.
    static func additionalInterface(_ interface: NetworkInterface, references: inout TerraformReferences) -> JSON {
        var body: [String: JSON] = ["subnetwork": references.json(interface.subnetwork)]
        if let network = interface.network { body["network"] = references.json(network) }
        if let project = interface.subnetworkProject { body["subnetwork_project"] = references.json(project) }
        if let address = interface.networkIP { body["network_ip"] = .string(address) }
        if let type = interface.nicType { body["nic_type"] = .string(type) }
        if let stack = interface.stackType { body["stack_type"] = .string(stack) }
        if let queues = interface.queueCount { body["queue_count"] = .int(queues) }
        body["access_config"] = accessConfigs(interface.accessConfigs)
        if !interface.ipv6AccessTiers.isEmpty {
            body["ipv6_access_config"] = .array(interface.ipv6AccessTiers.map { ["network_tier": .string($0)] })
        }
        if !interface.aliasRanges.isEmpty {
            body["alias_ip_range"] = .array(interface.aliasRanges.map(aliasRange))
        }
        return .object(body.filter { $0.value != .null })
    }

    /// An `alias_ip_range` block.
    private static func aliasRange(_ range: AliasIPRange) -> JSON {
        var body: [String: JSON] = ["ip_cidr_range": .string(range.cidr)]
        if let name = range.subnetworkRangeName { body["subnetwork_range_name"] = .string(name) }
        return .object(body)
    }

    /// The `access_config` blocks of an interface; null for an internal address only.
    private static func accessConfigs(_ configs: [AccessConfig]) -> JSON {
        configs.isEmpty
            ? .null
            : .array(
                configs.map { config in
                    .object(
                        [
                            "nat_ip": config.natIP.map(JSON.string) ?? .null,
                            "network_tier": config.networkTier.map(JSON.string) ?? .null,
                        ].filter { $0.value != .null })
                })
    }

    private static func scheduling(_ scheduling: Scheduling) -> JSON {
        let flexStart = scheduling.flexStartMaxRun != nil
        let model =
            flexStart
            ? "FLEX_START" : scheduling.spot ? "SPOT" : scheduling.reservationBound ? "RESERVATION_BOUND" : "STANDARD"
        // A flex-start instance is deleted when its run time is up; it never migrates or restarts.
        let termination = flexStart ? "DELETE" : scheduling.spotTerminationAction
        return .object(
            [
                "preemptible": .bool(scheduling.preemptible || scheduling.spot),
                "automatic_restart": .bool(scheduling.automaticRestart),
                "on_host_maintenance": .string(
                    (scheduling.preemptible || scheduling.spot || flexStart
                        ? .terminate : scheduling.onHostMaintenance).rawValue),
                "provisioning_model": .string(model),
                "instance_termination_action": termination.map(JSON.string) ?? .null,
                "max_run_duration": scheduling.flexStartMaxRun.map { .array([["seconds": .int($0)]]) } ?? .null,
            ].filter { $0.value != .null })
    }

    /// Boot and extra disks of an instance template.
    static func templateDisks(_ instance: InstanceProperties) -> JSON {
        let boot: JSON = .object(
            [
                "boot": true,
                "auto_delete": .bool(instance.bootDisk.autoDelete),
                "source_image": .string(instance.image.reference),
                "disk_type": .string(instance.bootDisk.type),
                "disk_size_gb": instance.bootDisk.sizeGB.map(JSON.int) ?? .null,
                "labels": .stringMap(instance.bootDisk.labels),
                "resource_manager_tags": tags(instance.bootDisk),
                "disk_encryption_key": encryptionKey(instance.bootDisk),
            ].filter { $0.value != .null })
        let extra = instance.additionalDisks.map { disk -> JSON in
            // A local SSD is a scratch disk: 375 GB, made and deleted with the instance, no key, no tags.
            .object(
                [
                    "boot": false,
                    "auto_delete": .bool(disk.autoDelete),
                    "type": .when(disk.isLocalSSD, "SCRATCH"),
                    "interface": .when(disk.isLocalSSD, .string(instance.machine.localSSDInterface)),
                    "disk_name": disk.name.map(JSON.string) ?? .null,
                    "device_name": disk.deviceName.map(JSON.string) ?? .null,
                    "disk_type": .string(disk.type),
                    "disk_size_gb": disk.sizeGB.map(JSON.int) ?? .null,
                    "labels": .stringMap(disk.labels),
                    "resource_manager_tags": tags(disk),
                    "disk_encryption_key": encryptionKey(disk),
                ].filter { $0.value != .null })
        }
        return .array([boot] + extra)
    }

    /// The `disk_encryption_key` block of a template disk or a `google_compute_disk`; null for
    /// Google's default encryption.
    static func encryptionKey(_ disk: Disk) -> JSON {
        guard let encryption = disk.encryption else { return .null }
        return .array([
            .object(
                [
                    "kms_key_self_link": .string(encryption.kmsKey),
                    "kms_key_service_account": encryption.serviceAccount.map(JSON.string) ?? .null,
                ].filter { $0.value != .null })
        ])
    }

    /// A disk's resource manager tags; null for none.
    static func tags(_ disk: Disk) -> JSON {
        disk.resourceManagerTags.isEmpty ? .null : .stringMap(disk.resourceManagerTags)
    }

    /// The `params` block of an instance or a disk, which carries its resource manager tags; null for none.
    static func params(_ tags: [String: String]) -> JSON {
        tags.isEmpty ? .null : .array([["resource_manager_tags": .stringMap(tags)]])
    }

    /// The boot disk block of an instance.
    static func bootDisk(_ instance: InstanceProperties) -> JSON {
        let disk = instance.bootDisk
        return .array([
            .object(
                [
                    "auto_delete": .bool(disk.autoDelete),
                    "kms_key_self_link": disk.encryption.map { .string($0.kmsKey) } ?? .null,
                    "disk_encryption_service_account": disk.encryption?.serviceAccount.map(JSON.string) ?? .null,
                    "initialize_params": .array([
                        .object(
                            [
                                "image": .string(instance.image.reference),
                                "type": .string(disk.type),
                                "size": disk.sizeGB.map(JSON.int) ?? .null,
                                "labels": .stringMap(disk.labels),
                                "resource_manager_tags": tags(disk),
                            ].filter { $0.value != .null })
                    ]),
                ].filter { $0.value != .null })
        ])
    }
}
