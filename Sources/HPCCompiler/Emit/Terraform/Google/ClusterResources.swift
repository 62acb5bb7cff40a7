/// A Slurm cluster's resources: deployment bucket with the compiled files, controller, login
/// nodes, one instance template per nodeset, static nodes, and cleanup of dynamic nodes.
/// Each entity is emitted in the group of the module that declared it.
enum ClusterResources {
    /// The groups that hold part of the cluster: the controller's, its login groups' and its nodesets'.
    static func groups(of cluster: SlurmCluster) -> [GroupName] {
        var groups = [cluster.origin.group]
        for origin in cluster.loginGroups.map(\.origin) + cluster.nodesets.map(\.origin)
        where !groups.contains(origin.group) {
            groups.append(origin.group)
        }
        return groups
    }

    /// The deployment bucket of the cluster whose controller is `module`, when hpcc creates it.
    static func bucket(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_storage_bucket", module.rawValue)
    }
    /// The bucket object holding one compiled file of the cluster.
    static func bucketObject(_ module: ModuleID, _ file: ClusterFiles.BucketFile) -> TerraformAddress {
        TerraformAddress("google_storage_bucket_object", "\(module.rawValue)_\(file.key)")
    }
    /// The controller instance.
    static func controller(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_instance", module.rawValue)
    }
    /// The backup controller instance of a highly available cluster.
    static func backupController(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_instance", "\(module.rawValue)_backup")
    }
    /// The controller's state disk.
    static func stateDisk(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_disk", "\(module.rawValue)_state")
    }
    /// Additional persistent disk `disk` (from 1) of the controller.
    static func additionalDisk(_ module: ModuleID, _ disk: Int) -> TerraformAddress {
        TerraformAddress("google_compute_disk", "\(module.rawValue)_disk_\(disk)")
    }
    /// Additional persistent disk `disk` (from 1) of the backup controller.
    static func backupDisk(_ module: ModuleID, _ disk: Int) -> TerraformAddress {
        TerraformAddress("google_compute_disk", "\(module.rawValue)_backup_disk_\(disk)")
    }
    /// The cleanup of dynamic nodes on destroy.
    static func cleanup(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("terraform_data", "\(module.rawValue)_cleanup_compute")
    }
    /// Login node `index` of the login module `module`.
    static func loginInstance(_ module: ModuleID, _ index: Int) -> TerraformAddress {
        TerraformAddress("google_compute_instance", "\(module.rawValue)_\(index)")
    }
    /// Additional persistent disk `disk` (from 1) of login node `index` of the login module `module`.
    static func loginDisk(_ module: ModuleID, _ index: Int, _ disk: Int) -> TerraformAddress {
        TerraformAddress("google_compute_disk", "\(module.rawValue)_\(index)_disk_\(disk)")
    }
    /// The compact placement policy of the nodeset module `module`.
    static func placementPolicy(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_resource_policy", module.rawValue)
    }
    /// The instance template of the nodeset module `module`.
    static func instanceTemplate(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_instance_template", module.rawValue)
    }
    /// Static node `index` of the nodeset module `module`.
    static func staticNode(_ module: ModuleID, _ index: Int) -> TerraformAddress {
        TerraformAddress("google_compute_instance_from_template", "\(module.rawValue)_\(index)")
    }

    static func emit(
        _ cluster: SlurmCluster, group: GroupName, into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        if cluster.origin.group == group {
            let objects = emitBucket(
                cluster, folder: SlurmPaths.folder(of: cluster, in: references.index.deployment), into: &document)
            // The authentication key's secret and IAM (issue 20).
            let key = AuthKeyResources.emit(cluster, into: &document, references: &references)
            emitController(cluster, waitingFor: objects + key, into: &document, references: &references)
            RestAPIResources.emitFirewall(cluster, into: &document, references: &references)
            if cluster.cleanupCompute { emitCleanup(cluster, into: &document) }
        }
        for login in cluster.loginGroups where login.origin.group == group {
            emitLogin(login, cluster: cluster, into: &document, references: &references)
        }
        for nodeset in cluster.nodesets where nodeset.origin.group == group {
            switch nodeset.kind {
            case .instances: emitNodeset(nodeset, cluster: cluster, into: &document, references: &references)
            case let .tpu(slice):
                TPUNodesetResources.emit(
                    nodeset, slice: slice, cluster: cluster, into: &document, references: &references)
            }
        }
    }

    private static func emitBucket(
        _ cluster: SlurmCluster, folder: String, into document: inout TerraformDocument
    ) -> [TerraformAddress] {
        let module = cluster.origin.module
        let bucket: String
        if cluster.bucket.create {
            document.resource(
                Self.bucket(module),
                [
                    "name": .string(cluster.bucket.name),
                    "project": .string(cluster.controller.instance.project),
                    "location": .string(cluster.bucket.location),
                    "uniform_bucket_level_access": true,
                    "public_access_prevention": "enforced",
                    "force_destroy": true,
                    "labels": .stringMap(cluster.origin.labels),
                    "encryption": cluster.bucket.kmsKey.map { .block(["default_kms_key_name": .string($0)]) } ?? .null,
                    // An overwritten slurm.conf or script can be restored: the last three versions of
                    // each object are kept, older ones deleted.
                    "versioning": .block(["enabled": true]),
                    "lifecycle_rule": .array([
                        .object([
                            "action": .block(["type": "Delete"]),
                            "condition": .block(["num_newer_versions": 3, "with_state": "ARCHIVED"]),
                        ])
                    ]),
                ])
            bucket = Self.bucket(module).interpolation("name")
        } else {
            bucket = cluster.bucket.name
        }
        var addresses: [TerraformAddress] = []
        for file in ClusterFiles.bucketFiles(cluster, folder: folder) {
            let object = bucketObject(module, file)
            document.resource(
                object,
                [
                    "bucket": .string(bucket),
                    "name": .string("\(cluster.bucket.directory)/\(file.object)"),
                    "source": .string("${path.module}/../\(file.path)"),
                ])
            addresses.append(object)
        }
        return addresses
    }

    /// The controller, and a highly available cluster's backup: the same instance in its own zone
    /// at its own address. Only the primary exports the default mounts, creates the authentication
    /// key, runs the external job-script folders and powers up static nodes.
    private static func emitController(
        _ cluster: SlurmCluster, waitingFor objects: [TerraformAddress], into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let module = cluster.origin.module
        let controller = cluster.controller
        var accountingAccess: [TerraformAddress] = []
        if let accounting = cluster.accounting {
            accountingAccess = AccountingAccess.emit(
                cluster, accounting: accounting, into: &document, references: &references)
        }
        var primary: [String: JSON] = [
            "hpcc-exports": .string(cluster.controllerExports.joined(separator: " ")),
            // The primary controller creates the authentication key when the secret has none.
            "hpcc-auth-key-create": "yes",
            "hpcc-static-nodes": .string(
                cluster.nodesets.compactMap { HostList.staticNodes(of: $0, cluster: cluster.name) }
                    .joined(separator: ",")),
        ]
        // The shared folder of external prolog and epilog scripts.
        if let external = cluster.jobScripts.externalDirectory { primary["hpcc-external-scripts"] = .string(external) }
        let state = controller.stateDisk.map { [InstanceDisks.Placed(disk: $0, address: stateDisk(module))] } ?? []
        emitControllerInstance(
            cluster, address: Self.controller(module), host: cluster.controllerHostName, zone: controller.zone,
            staticIP: controller.staticIP, metadata: primary, disks: state, diskAddress: { additionalDisk(module, $0) },
            waitingFor: objects + accountingAccess, into: &document, references: &references)
        if let backup = controller.backup {
            emitControllerInstance(
                cluster, address: backupController(module), host: cluster.backupControllerHostName, zone: backup.zone,
                staticIP: backup.staticIP, metadata: [:], disks: [], diskAddress: { backupDisk(module, $0) },
                waitingFor: objects + accountingAccess, into: &document, references: &references)
        }
    }

    /// One controller instance; `metadata` adds to what every controller gets (slurmdbd runs on
    /// both controllers of a highly available cluster, DbdHost and DbdBackupHost, so each reads the
    /// password's secret at boot).
    private static func emitControllerInstance(
        _ cluster: SlurmCluster, address: TerraformAddress, host: String, zone: String, staticIP: String?,
        metadata extra: [String: JSON], disks: [InstanceDisks.Placed], diskAddress: (Int) -> TerraformAddress,
        waitingFor objects: [TerraformAddress], into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let controller = cluster.controller
        var metadata = NodeMetadata.metadata(
            role: .controller, cluster: cluster, instance: controller.instance, mounts: cluster.mounts,
            userScript: controller.startupScript, timeout: controller.startupTimeout, references: &references
        ).merging(extra) { _, added in added }
        if let accounting = cluster.accounting {
            metadata["hpcc-slurmdbd-host"] = references.json(accounting.host)
            metadata["hpcc-slurmdbd-secret"] = references.json(accounting.passwordSecret)
        }
        var body = InstanceBlocks.common(
            controller.instance, metadata: metadata, tags: [cluster.name] + RestAPIResources.controllerTags(cluster),
            references: &references)
        body["name"] = .string(host)
        body["zone"] = .string(zone)
        body["boot_disk"] = InstanceBlocks.bootDisk(controller.instance)
        body["params"] = InstanceBlocks.params(controller.instance.resourceManagerTags)
        body["network_interface"] = InstanceBlocks.networkInterface(
            controller.instance, address: staticIP, references: &references)
        body["depends_on"] = .addresses(
            objects + InstanceBlocks.accountBindings(controller.instance, references: references))
        body.merge(
            InstanceDisks.attach(
                disks, to: controller.instance, host: host, zone: zone, address: diskAddress, into: &document)
        ) { _, disks in disks }
        document.resource(address, body)
    }

    private static func emitLogin(
        _ login: LoginGroup, cluster: SlurmCluster, into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let mounts = NodeMetadata.nodeMounts(cluster, extra: cluster.loginMounts)
        let metadata = NodeMetadata.metadata(
            role: .login, cluster: cluster, instance: login.instance, mounts: mounts,
            userScript: login.startupScript, timeout: login.startupTimeout, references: &references)
        for (index, host) in login.hostNames(cluster: cluster.name).enumerated() {
            var body = InstanceBlocks.common(
                login.instance, metadata: metadata, tags: [cluster.name], references: &references)
            body["name"] = .string(host)
            body["zone"] = .string(login.zone)
            body["boot_disk"] = InstanceBlocks.bootDisk(login.instance)
            body["params"] = InstanceBlocks.params(login.instance.resourceManagerTags)
            body["network_interface"] = InstanceBlocks.networkInterface(
                login.instance, address: login.staticIPs.indices.contains(index) ? login.staticIPs[index] : nil,
                references: &references)
            body.merge(
                InstanceDisks.attach(
                    to: login.instance, host: host, zone: login.zone,
                    address: { loginDisk(login.origin.module, index, $0) }, into: &document)
            ) { _, disks in disks }
            let bindings = InstanceBlocks.accountBindings(login.instance, references: references)
            body["depends_on"] = .when(!bindings.isEmpty, .addresses(bindings))
            document.resource(loginInstance(login.origin.module, index), body)
        }
    }

    private static func emitNodeset(
        _ nodeset: Nodeset, cluster: SlurmCluster, into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let module = nodeset.origin.module
        let region = CommonSettings.region(of: nodeset.zones[0])
        if nodeset.placement {
            document.resource(
                placementPolicy(module),
                [
                    "name": .string("\(cluster.name)-\(nodeset.name)-placement"),
                    "project": .string(nodeset.instance.project),
                    "region": .string(region),
                    "group_placement_policy": .array([
                        .object(
                            [
                                "collocation": "COLLOCATED",
                                "gpu_topology": nodeset.acceleratorTopology.map(JSON.string) ?? .null,
                            ].filter { $0.value != .null })
                    ]),
                ])
        }
        let mounts = NodeMetadata.nodeMounts(cluster, extra: nodeset.mounts)
        var metadata = NodeMetadata.metadata(
            role: .compute, cluster: cluster, instance: nodeset.instance, mounts: mounts,
            userScript: nodeset.startupScript, timeout: cluster.computeStartupTimeout, references: &references)
        // Job scripts (issue 20): where the node installs them from the bucket.
        if !cluster.jobScripts.isEmpty { metadata["hpcc-job-scripts"] = .string(cluster.jobScripts.directory) }
        var body = InstanceBlocks.common(
            nodeset.instance, metadata: metadata, tags: [cluster.name], references: &references)
        body["name"] = .string(InstanceTemplateName.name(cluster: cluster.name, nodeset: nodeset.name))
        body["region"] = .string(region)
        body["labels"] = .stringMap(
            nodeset.instance.labels.merging(["hpcc_cluster": cluster.name, "hpcc_nodeset": nodeset.name]) { _, new in
                new
            })
        body["disk"] = InstanceBlocks.templateDisks(nodeset.instance)
        if !nodeset.instance.resourceManagerTags.isEmpty {
            body["resource_manager_tags"] = .stringMap(nodeset.instance.resourceManagerTags)
        }
        body["network_interface"] = InstanceBlocks.networkInterface(
            nodeset.instance, address: nil, references: &references)
        if nodeset.placement { body["resource_policies"] = .array([placementPolicy(module).json("self_link")]) }
        if nodeset.instance.scheduling.flexStartMaxRun != nil {
            // Flex-start capacity comes from the Dynamic Workload Scheduler, never from a reservation.
            body["reservation_affinity"] = .array([["type": "NO_RESERVATION"]])
        } else if let reservation = nodeset.reservation {
            body["reservation_affinity"] = .array([
                [
                    "type": "SPECIFIC_RESERVATION",
                    "specific_reservation": .array([
                        ["key": "compute.googleapis.com/reservation-name", "values": .strings([reservation])]
                    ]),
                ]
            ])
        }
        let bindings = InstanceBlocks.accountBindings(nodeset.instance, references: references)
        body["depends_on"] = .when(!bindings.isEmpty, .addresses(bindings))
        document.resource(instanceTemplate(module), body)
        for (index, host) in nodeset.staticHostNames(cluster: cluster.name).enumerated() {
            document.resource(
                staticNode(module, index),
                [
                    "name": .string(host),
                    "project": .string(nodeset.instance.project),
                    "zone": .string(nodeset.zones[0]),
                    "source_instance_template": instanceTemplate(module).json("self_link"),
                ])
        }
    }

    /// On destroy, deletes the nodes Slurm created (Terraform does not know them).
    private static func emitCleanup(_ cluster: SlurmCluster, into document: inout TerraformDocument) {
        let project = cluster.controller.instance.project
        var command = """
            gcloud compute instances list --project \(project) --filter='labels.hpcc_cluster=\(cluster.name)' \
            --format='value(name,zone.basename())' | while read -r name zone; do gcloud compute instances delete \
            \"$name\" --project \(project) --zone \"$zone\" --quiet; done
            """
        // TPU VMs are no Compute Engine instances: the Cloud TPU API lists them per zone.
        var tpuZones: [String] = []
        for zone in cluster.nodesets.filter({ $0.tpu != nil }).flatMap(\.zones) where !tpuZones.contains(zone) {
            tpuZones.append(zone)
        }
        for zone in tpuZones {
            command += """
                ; gcloud compute tpus tpu-vm list --project \(project) --zone \(zone) \
                --filter='labels.hpcc_cluster=\(cluster.name)' --format='value(name.basename())' | while read -r name; \
                do gcloud compute tpus tpu-vm delete \"$name\" --project \(project) --zone \(zone) --quiet; done
                """
        }
        document.resource(
            Self.cleanup(cluster.origin.module),
            [
                "input": .string(cluster.name),
                "provisioner": .array([
                    ["local-exec": .object(["when": "destroy", "command": .string(HCL.escapeTemplate(command))])]
                ]),
                "depends_on": .addresses(
                    cluster.nodesets.filter { $0.origin.group == cluster.origin.group && $0.tpu == nil }.map {
                        instanceTemplate($0.origin.module)
                    }),
            ])
    }
}

/// The compiled files of a cluster and their bucket objects.
enum ClusterFiles {
    struct BucketFile {
        let key: String
        let path: String
        let object: String
    }

    /// `folder` is where the cluster's files sit in the deployment; in the bucket they are always under `slurm/`.
    static func bucketFiles(_ cluster: SlurmCluster, folder: String) -> [BucketFile] {
        var names = [
            ("slurm_conf", "slurm.conf"), ("cgroup_conf", "cgroup.conf"), ("resume", "resume.sh"),
            ("suspend", "suspend.sh"),
        ]
        if cluster.nodesets.contains(where: { $0.shape.gpus != nil }) { names.append(("gres_conf", "gres.conf")) }
        names += RestAPIResources.bucketFiles(cluster)
        // Job scripts (issue 20): `job_<kind>` for a runner, `job_<kind>_<n>` for its n-th script.
        var counts: [String: Int] = [:]
        for file in JobScriptFiles.files(cluster.jobScripts) {
            let kind = String(file.path.prefix { $0 != "." && $0 != "/" })
            let key = file.path.contains("/") ? "job_\(kind)_\(counts[kind, default: 0])" : "job_\(kind)"
            if file.path.contains("/") { counts[kind, default: 0] += 1 }
            names.append((key, "\(JobScriptFiles.subfolder)/\(file.path)"))
        }
        if cluster.accounting != nil { names.append(("slurmdbd_conf", "slurmdbd.conf")) }
        return names.map { BucketFile(key: $0.0, path: "\(folder)/\($0.1)", object: "slurm/\($0.1)") }
    }
}
