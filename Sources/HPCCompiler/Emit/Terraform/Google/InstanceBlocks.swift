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
        .array([
            .object(
                [
                    "subnetwork": references.subnetwork(instance.subnetwork),
                    "network_ip": address.map(JSON.string) ?? .null,
                    "nic_type": instance.nicType.map { JSON.string($0.rawValue) } ?? .null,
                    "access_config": instance.accessConfigs.isEmpty
                        ? .null
                        : .array(
                            instance.accessConfigs.map { config in
                                .object(
                                    [
                                        "nat_ip": config.natIP.map(JSON.string) ?? .null,
                                        "network_tier": config.networkTier.map(JSON.string) ?? .null,
                                    ].filter { $0.value != .null })
                            }),
                ].filter { $0.value != .null })
        ])
    }

    private static func scheduling(_ scheduling: Scheduling) -> JSON {
        .object(
            [
                "preemptible": .bool(scheduling.preemptible || scheduling.spot),
                "automatic_restart": .bool(scheduling.automaticRestart),
                "on_host_maintenance": .string(
                    (scheduling.preemptible || scheduling.spot ? .terminate : scheduling.onHostMaintenance).rawValue),
                "provisioning_model": .string(scheduling.spot ? "SPOT" : "STANDARD"),
                "instance_termination_action": scheduling.spotTerminationAction.map(JSON.string) ?? .null,
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
