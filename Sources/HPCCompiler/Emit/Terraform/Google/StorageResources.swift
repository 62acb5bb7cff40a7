/// Private services access, Filestore, Managed Lustre and Cloud Storage resources.
enum StorageResources {
    /// The address range a private-service-access module `module` reserves.
    static func reservedRange(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_global_address", module.rawValue)
    }
    /// The peering connection of the private-service-access module `module`.
    static func peering(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_service_networking_connection", module.rawValue)
    }
    /// The instance of the filestore module `module`.
    static func filestoreInstance(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_filestore_instance", module.rawValue)
    }
    /// The instance of the managed-lustre module `module`.
    static func lustreInstance(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_lustre_instance", module.rawValue)
    }
    /// The one-time bucket import into the Managed Lustre instance.
    static func lustreImport(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("terraform_data", "\(module.rawValue)_import")
    }

    static func emit(
        _ access: PrivateServiceAccess, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = access.origin.module
        document.resource(
            reservedRange(module),
            [
                "name": .string(access.addressName),
                "project": .string(access.project),
                "purpose": "VPC_PEERING",
                "address_type": "INTERNAL",
                "address": access.address.map(JSON.string) ?? .null,
                "prefix_length": .int(access.prefixLength),
                "network": references.networkID(access.network),
                "labels": .stringMap(access.origin.labels),
            ])
        document.resource(
            peering(module),
            [
                "network": references.networkID(access.network),
                "service": .string(access.service),
                "reserved_peering_ranges": .array([reservedRange(module).json("name")]),
                "deletion_policy": access.deletionPolicy.map { .string($0.rawValue) } ?? .null,
                "update_on_creation_fail": .when(access.deletionPolicy == .abandon, true),
            ])
    }

    static func emit(
        _ filesystem: SharedFilesystem, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = filesystem.origin.module
        switch filesystem.backing {
        case let .filestore(instance):
            document.resource(
                filestoreInstance(module),
                [
                    "name": .string(instance.name),
                    "project": .string(instance.project),
                    "location": .string(instance.location),
                    "tier": .string(instance.tier.rawValue),
                    "protocol": .string(instance.nfsProtocol.rawValue),
                    "description": .when(
                        !instance.description.isEmpty, .string(HCL.escapeTemplate(instance.description))),
                    "labels": .stringMap(filesystem.origin.labels),
                    "kms_key_name": instance.kmsKey.map(JSON.string) ?? .null,
                    "deletion_protection_enabled": .bool(instance.deletionProtection),
                    "deletion_protection_reason": instance.deletionProtectionReason.map {
                        .string(HCL.escapeTemplate($0))
                    } ?? .null,
                    "file_shares": .array([
                        .object(
                            [
                                "name": .string(instance.shareName),
                                "capacity_gb": .int(instance.capacityGiB),
                                "nfs_export_options": instance.exportOptions.isEmpty
                                    ? .null
                                    : .array(
                                        instance.exportOptions.map { option in
                                            .object(
                                                [
                                                    "access_mode": option.accessMode.map(JSON.string) ?? .null,
                                                    "ip_ranges": option.ipRanges.isEmpty
                                                        ? .null : .strings(option.ipRanges),
                                                    "squash_mode": option.squashMode.map(JSON.string) ?? .null,
                                                ].filter { $0.value != .null })
                                        }),
                            ].filter { $0.value != .null })
                    ]),
                    "networks": .array([
                        .object(
                            [
                                "network": references.networkName(instance.network),
                                "modes": ["MODE_IPV4"],
                                "connect_mode": .string(instance.connectMode.rawValue),
                                "reserved_ip_range": instance.reservedIPRange.map { references.json($0) } ?? .null,
                            ].filter { $0.value != .null })
                    ]),
                    "depends_on": references.dependencies(instance.waitsFor.map { ($0, peering($0)) }),
                ])
        case let .managedLustre(instance):
            document.resource(
                lustreInstance(module),
                [
                    "instance_id": .string(instance.instanceID),
                    "project": .string(instance.project),
                    "location": .string(instance.zone),
                    "filesystem": .string(instance.filesystem),
                    "capacity_gib": .string(String(instance.capacityGiB)),
                    "per_unit_storage_throughput": .string(String(instance.throughput)),
                    "network": references.networkID(instance.network),
                    "description": .when(
                        !instance.description.isEmpty, .string(HCL.escapeTemplate(instance.description))),
                    "gke_support_enabled": .bool(instance.gkeSupport),
                    "labels": .stringMap(filesystem.origin.labels),
                    "timeouts": ["create": "1h", "update": "1h", "delete": "1h"],
                    "depends_on": references.dependencies(instance.waitsFor.map { ($0, peering($0)) }),
                ])
            if let bucket = instance.importBucketURI {
                document.resource(
                    lustreImport(module),
                    [
                        "triggers_replace": .array([lustreInstance(module).json("id")]),
                        "provisioner": .array([
                            [
                                "local-exec": .object([
                                    "command": .string(
                                        HCL.escapeTemplate(LustreImport.command(instance, bucket: bucket)))
                                ])
                            ]
                        ]),
                    ])
            }
        case let .netAppVolume(volume):
            NetAppResources.emit(volume, origin: filesystem.origin, into: &document, references: &references)
        case .imported, .efs, .fsxLustre:
            // Nothing to create here, or AWS storage (AWSStorageResources).
            break
        case let .cloudStorage(bucket):
            BucketResources.emit(bucket, origin: filesystem.origin, into: &document)
        }
    }
}

/// The one-time import of a bucket into a new Managed Lustre instance, run where Terraform runs.
enum LustreImport {
    static func command(_ instance: LustreInstance, bucket: String) -> String {
        let url = """
            https://lustre.googleapis.com/v1/projects/\(instance.project)/locations/\(instance.zone)/instances/\
            \(instance.instanceID):importData
            """
        let body = "{\"gcsPath\": {\"uri\": \"\(bucket)\"}, \"lustrePath\": {\"path\": \"/\"}}"
        return
            "curl --fail --silent --show-error -X POST -H \"Authorization: Bearer $(gcloud auth print-access-token)\" "
            + "-H 'Content-Type: application/json' -d '\(body)' '\(url)'"
    }
}
