/// EFS and FSx for Lustre resources, each with a security group whose rules admit the cluster
/// security group on the filesystem's ports.
enum AWSStorageResources {
    /// The file system of the efs module `module`.
    static func efsFileSystem(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_efs_file_system", module.rawValue)
    }
    /// The file system of the fsx-lustre module `module`.
    static func fsxFileSystem(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_fsx_lustre_file_system", module.rawValue)
    }
    /// The backup policy of the file system of the efs module `module`.
    static func efsBackupPolicy(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_efs_backup_policy", module.rawValue)
    }
    /// The security group the file system of `module` sits in.
    static func securityGroup(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_security_group", module.rawValue)
    }

    static func emit(
        _ filesystem: SharedFilesystem, defaults: [String: String], into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let module = filesystem.origin.module
        switch filesystem.backing {
        case let .efs(efs):
            guard let created = efs.created, let placement = created.placement else { return }
            emit(
                created, placement: placement, module: module, origin: filesystem.origin, defaults: defaults,
                into: &document, references: &references)
        case let .fsxLustre(fsx):
            guard let placement = fsx.placement else { return }
            emit(
                fsx, placement: placement, module: module, origin: filesystem.origin, defaults: defaults,
                into: &document, references: &references)
        default:
            break
        }
    }

    private static func emit(
        _ efs: NewEFS, placement: EFSPlacement, module: ModuleID, origin: Origin, defaults: [String: String],
        into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let name = efs.name, id = module.rawValue, group = securityGroup(module)
        document.resource(
            efsFileSystem(module),
            [
                "encrypted": true,
                "kms_key_id": efs.kmsKeyID.map(JSON.string) ?? .null,
                "performance_mode": .string(efs.performanceMode.rawValue),
                "throughput_mode": .string(efs.throughputMode.rawValue),
                "provisioned_throughput_in_mibps": efs.provisionedThroughput.map(JSON.double) ?? .null,
                "lifecycle_policy": efs.transitionToIA.map {
                    .array([.object(["transition_to_ia": .string($0.rawValue)])])
                } ?? .null,
                "tags": AWSTagging.tags(origin, name: name, defaults: defaults),
                "lifecycle": AWSDeletionProtection.lifecycle(efs.deletionProtection),
            ])
        if efs.automaticBackups {
            document.resource(
                efsBackupPolicy(module),
                [
                    "file_system_id": efsFileSystem(module).json("id"),
                    "backup_policy": .array([.object(["status": "ENABLED"])]),
                ])
        }
        AWSSecurityGroups.group(
            group, name: name, description: "EFS mount targets: NFS from the cluster",
            vpc: references.json(placement.vpc), origin: origin, defaults: defaults,
            into: &document)
        let cluster = references.json(placement.clusterSecurityGroup)
        AWSSecurityGroups.ingress(
            "\(id)_nfs", group: group, from: cluster, ports: 2049...2049, description: "NFS from the cluster",
            into: &document)
        for (index, subnet) in placement.subnets.enumerated() {
            document.resource(
                TerraformAddress("aws_efs_mount_target", "\(id)_\(index)"),
                [
                    "file_system_id": efsFileSystem(module).json("id"),
                    "subnet_id": references.json(subnet),
                    "security_groups": .array([group.json("id")]),
                ])
        }
    }

    private static func emit(
        _ fsx: FSxLustreFileSystem, placement: FSxPlacement, module: ModuleID, origin: Origin,
        defaults: [String: String],
        into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let name = fsx.name, id = module.rawValue, group = securityGroup(module)
        AWSSecurityGroups.group(
            group, name: name, description: "FSx for Lustre: Lustre from the cluster and among the file servers",
            vpc: references.json(placement.vpc),
            origin: origin, defaults: defaults, into: &document)
        let own = group.json("id")
        let cluster = references.json(placement.clusterSecurityGroup)
        for (source, from) in [("clients", cluster), ("servers", own)] {
            AWSSecurityGroups.ingress(
                "\(id)_lustre_\(source)", group: group, from: from, ports: 988...988,
                description: "Lustre from the \(source)", into: &document)
            AWSSecurityGroups.ingress(
                "\(id)_lustre_\(source)_lnet", group: group, from: from, ports: 1018...1023,
                description: "Lustre LNet from the \(source)", into: &document)
            document.resource(
                TerraformAddress("aws_vpc_security_group_egress_rule", "\(id)_to_\(source)"),
                [
                    "security_group_id": own, "referenced_security_group_id": from, "ip_protocol": "-1",
                    "description": .string("To the \(source)"),
                ])
        }
        document.resource(
            fsxFileSystem(module),
            [
                "deployment_type": .string(fsx.deploymentType.rawValue),
                "storage_type": .string(fsx.storageType.rawValue),
                // FSx requires a read cache choice for HDD storage; hpcc does not cache.
                "drive_cache_type": .when(fsx.storageType == .hdd, "NONE"),
                "storage_capacity": .int(fsx.capacityGiB),
                "per_unit_storage_throughput": fsx.throughput.map(JSON.int) ?? .null,
                "data_compression_type": .string(fsx.compression.rawValue),
                "file_system_type_version": .string(fsx.version.rawValue),
                // FSx takes no backups of scratch file systems: the arguments are left out there.
                "automatic_backup_retention_days": .when(
                    fsx.deploymentType.isPersistent, .int(fsx.backupRetentionDays)),
                "daily_automatic_backup_start_time": fsx.backupStartTime.map(JSON.string) ?? .null,
                "copy_tags_to_backups": .when(fsx.backupRetentionDays > 0, true),
                // FSx's default on deletion is no final backup; with backups on, the last state is kept too.
                "skip_final_backup": .when(fsx.backupRetentionDays > 0, false),
                "subnet_ids": .array([references.json(placement.subnet)]),
                "security_group_ids": .array([own]),
                "tags": AWSTagging.tags(origin, name: name, defaults: defaults),
            ])
        for (index, association) in fsx.associations.enumerated() {
            func policy(_ events: [String]) -> JSON {
                events.isEmpty ? .null : .array([.object(["events": .strings(events)])])
            }
            document.resource(
                TerraformAddress("aws_fsx_data_repository_association", "\(id)_\(index)"),
                [
                    "file_system_id": fsxFileSystem(module).json("id"),
                    "file_system_path": .string(HCL.escapeTemplate(association.fileSystemPath)),
                    "data_repository_path": .string(HCL.escapeTemplate(association.repositoryPath)),
                    "batch_import_meta_data_on_create": .bool(association.batchImportOnCreate),
                    "s3": association.importEvents.isEmpty && association.exportEvents.isEmpty
                        ? .null
                        : .array([
                            .object(
                                [
                                    "auto_import_policy": policy(association.importEvents),
                                    "auto_export_policy": policy(association.exportEvents),
                                ].filter { $0.value != .null })
                        ]),
                    "tags": AWSTagging.tags(origin, name: "\(name)-\(index)", defaults: defaults),
                ])
        }
    }
}
