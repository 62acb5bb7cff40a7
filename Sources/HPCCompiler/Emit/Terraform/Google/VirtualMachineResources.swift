/// The resources of a vm-instance group: one `google_compute_instance` per instance (with its
/// persistent disks) and the group's placement policy. The instances boot with `scripts/hpcc-vm.sh`.
enum VirtualMachineResources {
    /// Instance `index` of the vm-instance module `module`.
    static func instance(_ module: ModuleID, _ index: Int) -> TerraformAddress {
        TerraformAddress("google_compute_instance", "\(module.rawValue)_\(index)")
    }
    /// Additional persistent disk `disk` (from 1) of instance `index`.
    static func disk(_ module: ModuleID, _ index: Int, _ disk: Int) -> TerraformAddress {
        TerraformAddress("google_compute_disk", "\(module.rawValue)_\(index)_disk_\(disk)")
    }
    /// The group's placement policy.
    static func placementPolicy(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_resource_policy", module.rawValue)
    }

    static func emit(
        _ group: VirtualMachineGroup, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = group.origin.module
        if let policy = group.placement {
            document.resource(
                placementPolicy(module),
                [
                    "name": .string(policy.name),
                    "project": .string(group.instance.project),
                    "region": .string(group.region),
                    "group_placement_policy": .array([
                        .object(
                            [
                                "vm_count": policy.vmCount.map(JSON.int) ?? .null,
                                "availability_domain_count": policy.availabilityDomains.map(JSON.int) ?? .null,
                                "collocation": policy.collocation.map(JSON.string) ?? .null,
                                "gpu_topology": policy.gpuTopology.map(JSON.string) ?? .null,
                            ].filter { $0.value != .null })
                    ]),
                ])
        }
        let metadata = metadata(group, references: &references)
        let filesystems = filesystems(group, references: references)
        for (index, host) in group.hostNames.enumerated() {
            var body = InstanceBlocks.common(group.instance, metadata: metadata, tags: [], references: &references)
            body["name"] = .string(host)
            body["zone"] = .string(group.zone)
            body["boot_disk"] = InstanceBlocks.bootDisk(group.instance)
            body["network_interface"] = InstanceBlocks.networkInterface(
                group.instance, address: nil, references: &references)
            body.merge(
                InstanceDisks.attach(
                    to: group.instance, host: host, zone: group.zone, address: { disk(module, index, $0) },
                    into: &document)
            ) { _, new in new }
            if group.localSSDCount > 0 {
                body["scratch_disk"] = .array(
                    Array(repeating: ["interface": .string(group.localSSDInterface)], count: group.localSSDCount))
            }
            if group.placement != nil {
                body["resource_policies"] = .array([placementPolicy(module).json("self_link")])
            }
            if let reservation = group.reservation {
                body["reservation_affinity"] = .array([
                    [
                        "type": "SPECIFIC_RESERVATION",
                        "specific_reservation": .array([
                            [
                                "key": "compute.googleapis.com/reservation-name",
                                "values": .strings([reservation]),
                            ]
                        ]),
                    ]
                ])
            }
            let waits = InstanceBlocks.accountBindings(group.instance, references: references) + filesystems
            if !waits.isEmpty { body["depends_on"] = .addresses(waits) }
            document.resource(instance(module, index), body)
        }
    }

    /// hpcc's keys (the boot script, the mounts, the blueprint's script) under the user's metadata,
    /// which wins, as in Cluster Toolkit.
    static func metadata(_ group: VirtualMachineGroup, references: inout TerraformReferences) -> [String: JSON] {
        var metadata: [String: JSON] = [
            "startup-script": .string("${file(\"${path.module}/../\(VMBootScript.path)\")}"),
            "hpcc-mounts": NodeMetadata.mountsJSON(group.mounts, references: &references),
        ]
        if let script = group.startupScript { metadata["hpcc-user-script"] = references.json(script) }
        if let setup = group.setup {
            metadata["hpcc-setup-script"] = .string("${file(\"${path.module}/../\(VMSetupScript.path(setup))\")}")
            metadata.merge(VMSetupScript.metadata(setup)) { _, new in new }
        }
        if let osLogin = group.osLoginMetadata { metadata["enable-oslogin"] = .string(osLogin) }
        for (key, value) in group.instance.metadata {
            metadata[key] = references.json(value)
        }
        return metadata
    }

    /// The filesystems of this root the instances mount: a bucket's name is known before it exists,
    /// so nothing else makes the instances wait for it (Cluster Toolkit's `depends_on` on the storage).
    static func filesystems(_ group: VirtualMachineGroup, references: TerraformReferences) -> [TerraformAddress] {
        group.mounts.compactMap(\.provider).compactMap { module -> TerraformAddress? in
            guard references.index.group(of: module) == references.group,
                let filesystem = references.index.entity(module, as: SharedFilesystem.self)
            else { return nil }
            return switch filesystem.backing {
            case .filestore: StorageResources.filestoreInstance(module)
            case .managedLustre: StorageResources.lustreInstance(module)
            case .cloudStorage: BucketResources.bucket(module)
            case .netAppVolume: NetAppResources.volume(module)
            case .imported, .efs, .fsxLustre: nil
            }
        }
    }
}
