/// NetApp Volumes storage pools and volumes.
enum NetAppResources {
    /// The storage pool of the netapp-storage-pool module `module`.
    static func pool(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_netapp_storage_pool", module.rawValue)
    }
    /// The existing peering the pool of `module` checks before it is created.
    static func peering(_ module: ModuleID) -> TerraformAddress {
        .data("google_compute_network_peering", module.rawValue)
    }
    /// The volume of the netapp-volume module `module`.
    static func volume(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_netapp_volume", module.rawValue)
    }

    static func emit(
        _ storagePool: NetAppStoragePool, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = storagePool.origin.module
        var waitsFor: JSON = .null
        var lifecycle: JSON = .null
        switch storagePool.peering {
        case let .created(modules):
            waitsFor = references.dependencies(modules.map { ($0, StorageResources.peering($0)) })
        case let .existing(name):
            // A pool on a VPC without the peering fails late and obscurely; Terraform says why first.
            document.data(
                peering(module),
                ["name": references.json(name), "network": references.networkSelfLink(storagePool.network)])
            waitsFor = .addresses([peering(module)])
            lifecycle = .object([
                "precondition": .array([
                    .object([
                        "condition": .string("${\(peering(module).attribute("state")) == \"ACTIVE\"}"),
                        "error_message":
                            "The network of the storage pool has no active private service access peering.",
                    ])
                ])
            ])
        }
        document.resource(
            pool(module),
            [
                "name": .string(storagePool.name),
                "project": .string(storagePool.project),
                "location": .string(storagePool.region),
                "network": references.networkID(storagePool.network),
                "service_level": .string(storagePool.serviceLevel.rawValue),
                "capacity_gib": .string(String(storagePool.capacityGiB)),
                "active_directory": storagePool.activeDirectory.map(JSON.string) ?? .null,
                "kms_config": storagePool.kmsConfig.map(JSON.string) ?? .null,
                "ldap_enabled": .bool(storagePool.ldapEnabled),
                "allow_auto_tiering": .bool(storagePool.allowAutoTiering),
                "description": .when(
                    !storagePool.description.isEmpty, .string(HCL.escapeTemplate(storagePool.description))),
                "labels": .stringMap(storagePool.origin.labels),
                "depends_on": waitsFor,
                "lifecycle": lifecycle,
            ])
    }

    static func emit(
        _ volume: NetAppVolume, origin: Origin, into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        // A pool of this root is named through its resource, which also orders the two.
        let storagePool: JSON =
            if let module = volume.pool.module, references.index.group(of: module) == references.group {
                pool(module).json("name")
            } else {
                .string(volume.pool.name)
            }
        document.resource(
            self.volume(origin.module),
            [
                "name": .string(volume.name),
                "share_name": .string(volume.name),
                "project": .string(volume.project),
                "location": .string(volume.region),
                "storage_pool": storagePool,
                "protocols": .strings(volume.protocols),
                "capacity_gib": .string(String(volume.capacityGiB)),
                "large_capacity": .bool(volume.largeCapacity),
                "multiple_endpoints": .when(volume.largeCapacity, true),
                "unix_permissions": .string(volume.unixPermissions),
                "description": .when(!volume.description.isEmpty, .string(HCL.escapeTemplate(volume.description))),
                "labels": .stringMap(origin.labels),
                "tiering_policy": .block(
                    volume.tiering.map { policy in
                        [
                            "tier_action": policy.tierAction.map(JSON.string) ?? .null,
                            "cooling_threshold_days": policy.coolingThresholdDays.map(JSON.int) ?? .null,
                        ]
                    }),
                "export_policy": .block(
                    volume.exportRules.map { rules in
                        [
                            "rules": .array(
                                rules.map { rule in
                                    .object(
                                        [
                                            "allowed_clients": rule.allowedClients.map(JSON.string) ?? .null,
                                            // The provider types this flag as a string.
                                            "has_root_access": .string(rule.hasRootAccess ? "true" : "false"),
                                            "access_type": .string(rule.accessType),
                                            "nfsv3": .bool(rule.nfsv3),
                                            "nfsv4": .bool(rule.nfsv4),
                                        ].filter { $0.value != .null })
                                })
                        ]
                    }),
            ])
    }
}
