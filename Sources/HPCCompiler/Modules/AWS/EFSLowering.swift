/// `modules/file-system/efs` → a `SharedFilesystem` backed by EFS: created with mount targets,
/// or an existing file system named by id (nothing created, the contract only).
enum EFSLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        let context = settings.context
        guard let region = settings.string("region", diagnostics: &diagnostics),
              let localMount = settings.string("local_mount", diagnostics: &diagnostics)
        else { return nil }
        if let existing = settings.string("file_system_id", diagnostics: &diagnostics) {
            for name in EFSLifecycle.newFileSystemSettings + ["managed_by"] where settings.isChosen(name) {
                diagnostics.report(.storageSettingsMismatch, "setting '\(name)' of module '\(settings.id)' describes a new file system, but 'file_system_id' names an existing one",
                                   at: settings.location(name), help: "remove '\(name)', or remove 'file_system_id' to create the file system")
            }
            let server = "\(existing).efs.\(region).amazonaws.com"
            return SharedFilesystemLowering.register(
                settings, backing: .efs(EFSFileSystem(region: region, existingID: existing, created: nil)), server: TerraformText(server),
                remotePath: "/", localMount: localMount, type: .nfs, outputs: ["efs_id": .string(existing)], into: context, diagnostics: &diagnostics
            )
        }
        guard let created = newFileSystem(settings, diagnostics: &diagnostics) else { return nil }
        return SharedFilesystemLowering.register(
            settings, backing: .efs(EFSFileSystem(region: region, existingID: nil, created: created)),
            remotePath: "/", localMount: localMount, type: .nfs, outputs: [:], into: context, diagnostics: &diagnostics
        )
    }

    private static func newFileSystem(_ settings: SettingReader, diagnostics: inout Diagnostics) -> NewEFS? {
        guard let creator = settings.creator(diagnostics: &diagnostics) else { return nil }
        var placement: EFSPlacement?
        if creator == .terraform {
            guard settings.requireNetwork(["vpc_id", "private_subnet_ids", "security_group_id"], diagnostics: &diagnostics),
                  let subnets = settings.subnetList("private_subnet_ids", diagnostics: &diagnostics)
            else { return nil }
            placement = EFSPlacement(vpc: settings.text("vpc_id")!, subnets: subnets, clusterSecurityGroup: settings.text("security_group_id")!)
        }
        let throughputMode = settings.string("throughput_mode", diagnostics: &diagnostics) ?? "elastic"
        let performanceMode = settings.string("performance_mode", diagnostics: &diagnostics) ?? "generalPurpose"
        if creator == .parallelcluster {
            // ParallelCluster's EfsSettings carry neither elastic throughput nor lifecycle policies.
            if throughputMode == "elastic" {
                diagnostics.report(.parallelClusterStorage, "ParallelCluster creates EFS with throughput_mode bursting or provisioned, not elastic", at: settings.location("throughput_mode"),
                                   help: "set throughput_mode: bursting, or `managed_by: terraform` for elastic throughput")
            }
            if settings.isChosen("transition_to_ia") {
                diagnostics.report(.parallelClusterStorage, "ParallelCluster cannot give the EFS it creates a lifecycle policy", at: settings.location("transition_to_ia"),
                                   help: "remove transition_to_ia, or use `managed_by: terraform`")
            }
        }
        if throughputMode == "elastic", performanceMode == "maxIO" {
            diagnostics.report(.constraintViolation, "EFS offers elastic throughput only with performance_mode generalPurpose, not maxIO", at: settings.location("performance_mode"),
                               help: "use throughput_mode bursting or provisioned with maxIO")
            return nil
        }
        let provisioned = settings.literal("provisioned_throughput_in_mibps", diagnostics: &diagnostics)?.number
        if (throughputMode == "provisioned") != (provisioned != nil) {
            let name = provisioned == nil ? "throughput_mode" : "provisioned_throughput_in_mibps"
            diagnostics.report(.constraintViolation, "'provisioned_throughput_in_mibps' of module '\(settings.id)' goes with, and only with, throughput_mode 'provisioned'",
                               at: settings.location(name))
            return nil
        }
        return NewEFS(
            name: "\(ResourceName.autoName(settings.string("deployment_name", diagnostics: &diagnostics) ?? ""))-\(settings.id)", placement: placement,
            performanceMode: performanceMode,
            throughputMode: throughputMode, provisionedThroughput: provisioned,
            transitionToIA: settings.string("transition_to_ia", diagnostics: &diagnostics),
            kmsKeyID: settings.string("kms_key_id", diagnostics: &diagnostics)
        )
    }
}
