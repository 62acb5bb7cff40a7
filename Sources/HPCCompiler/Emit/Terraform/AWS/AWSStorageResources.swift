/// EFS and FSx for Lustre resources, each with a security group whose rules admit the cluster
/// security group on the filesystem's ports.
enum AWSStorageResources {
    static func emit(_ filesystem: SharedFilesystem, defaults: [String: String], into document: inout TerraformDocument, references: inout TerraformReferences) {
        let id = filesystem.origin.module.rawValue
        switch filesystem.backing {
        case let .efs(efs):
            guard let created = efs.created, let placement = created.placement else { return }
            emit(created, placement: placement, id: id, origin: filesystem.origin, defaults: defaults, into: &document, references: &references)
        case let .fsxLustre(fsx):
            guard let placement = fsx.placement else { return }
            emit(fsx, placement: placement, id: id, origin: filesystem.origin, defaults: defaults, into: &document, references: &references)
        default:
            break
        }
    }

    private static func emit(_ efs: NewEFS, placement: EFSPlacement, id: String, origin: Origin, defaults: [String: String], into document: inout TerraformDocument, references: inout TerraformReferences) {
        let name = efs.name
        document.resource("aws_efs_file_system", id, [
            "encrypted": true,
            "kms_key_id": efs.kmsKeyID.map(JSON.string) ?? .null,
            "performance_mode": .string(efs.performanceMode.rawValue),
            "throughput_mode": .string(efs.throughputMode.rawValue),
            "provisioned_throughput_in_mibps": efs.provisionedThroughput.map(JSON.double) ?? .null,
            "lifecycle_policy": efs.transitionToIA.map { .array([.object(["transition_to_ia": .string($0.rawValue)])]) } ?? .null,
            "tags": AWSTagging.tags(origin, name: name, defaults: defaults),
        ])
        AWSSecurityGroups.group(id, name: name, description: "EFS mount targets: NFS from the cluster", vpc: references.json(placement.vpc), origin: origin, defaults: defaults, into: &document)
        let cluster = references.json(placement.clusterSecurityGroup)
        AWSSecurityGroups.ingress("\(id)_nfs", group: id, from: cluster, ports: 2049...2049, description: "NFS from the cluster", into: &document)
        for (index, subnet) in placement.subnets.enumerated() {
            document.resource("aws_efs_mount_target", "\(id)_\(index)", [
                "file_system_id": .string("${aws_efs_file_system.\(id).id}"),
                "subnet_id": references.json(subnet),
                "security_groups": .strings(["${aws_security_group.\(id).id}"]),
            ])
        }
    }

    private static func emit(_ fsx: FSxLustreFileSystem, placement: FSxPlacement, id: String, origin: Origin, defaults: [String: String], into document: inout TerraformDocument, references: inout TerraformReferences) {
        let name = fsx.name
        AWSSecurityGroups.group(id, name: name, description: "FSx for Lustre: Lustre from the cluster and among the file servers", vpc: references.json(placement.vpc),
                      origin: origin, defaults: defaults, into: &document)
        let own = JSON.string("${aws_security_group.\(id).id}")
        let cluster = references.json(placement.clusterSecurityGroup)
        for (source, from) in [("clients", cluster), ("servers", own)] {
            AWSSecurityGroups.ingress("\(id)_lustre_\(source)", group: id, from: from, ports: 988...988, description: "Lustre from the \(source)", into: &document)
            AWSSecurityGroups.ingress("\(id)_lustre_\(source)_lnet", group: id, from: from, ports: 1018...1023, description: "Lustre LNet from the \(source)", into: &document)
            document.resource("aws_vpc_security_group_egress_rule", "\(id)_to_\(source)", [
                "security_group_id": own, "referenced_security_group_id": from, "ip_protocol": "-1", "description": .string("To the \(source)"),
            ])
        }
        document.resource("aws_fsx_lustre_file_system", id, [
            "deployment_type": .string(fsx.deploymentType.rawValue),
            "storage_type": .string(fsx.storageType.rawValue),
            // FSx requires a read cache choice for HDD storage; hpcc does not cache.
            "drive_cache_type": .when(fsx.storageType == .hdd, "NONE"),
            "storage_capacity": .int(fsx.capacityGiB),
            "per_unit_storage_throughput": fsx.throughput.map(JSON.int) ?? .null,
            "data_compression_type": .string(fsx.compression.rawValue),
            "file_system_type_version": .string(fsx.version.rawValue),
            "subnet_ids": .array([references.json(placement.subnet)]),
            "security_group_ids": .strings(["${aws_security_group.\(id).id}"]),
            "tags": AWSTagging.tags(origin, name: name, defaults: defaults),
        ])
        for (index, association) in fsx.associations.enumerated() {
            func policy(_ events: [String]) -> JSON { events.isEmpty ? .null : .array([.object(["events": .strings(events)])]) }
            document.resource("aws_fsx_data_repository_association", "\(id)_\(index)", [
                "file_system_id": .string("${aws_fsx_lustre_file_system.\(id).id}"),
                "file_system_path": .string(HCL.escapeTemplate(association.fileSystemPath)),
                "data_repository_path": .string(HCL.escapeTemplate(association.repositoryPath)),
                "batch_import_meta_data_on_create": .bool(association.batchImportOnCreate),
                "s3": association.importEvents.isEmpty && association.exportEvents.isEmpty ? .null : .array([.object([
                    "auto_import_policy": policy(association.importEvents), "auto_export_policy": policy(association.exportEvents),
                ].filter { $0.value != .null })]),
                "tags": AWSTagging.tags(origin, name: "\(name)-\(index)", defaults: defaults),
            ])
        }
    }
}
