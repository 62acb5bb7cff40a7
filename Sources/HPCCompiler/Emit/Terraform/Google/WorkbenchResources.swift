/// A Vertex AI Workbench instance, its startup script object, and the record of its mounts whose
/// change replaces it.
///
/// Workbench instances take their mounts only when created, so the mount list is held in a
/// `terraform_data` resource and the instance names it in `lifecycle.replace_triggered_by`: any
/// change of the list (path, filesystem, order) replaces `terraform_data`, which replaces the
/// instance in the same plan. Metadata alone would not do: a metadata change may be applied in place.
enum WorkbenchResources {
    /// `post-startup-script-behavior`: fetch the script again at every start, so an uploaded new
    /// version applies at the next start without replacing the instance.
    static let scriptBehavior = "download_and_run_every_start"

    /// The instance of the notebook module `module`.
    static func instance(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_workbench_instance", module.rawValue)
    }
    /// The instance's post-startup script in its bucket.
    static func startupScript(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_storage_bucket_object", "\(module.rawValue)_startup")
    }
    /// The record of the instance's mounts, whose change replaces it.
    static func mounts(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("terraform_data", "\(module.rawValue)_mounts")
    }

    static func emit(
        _ workbench: Workbench, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = workbench.origin.module, id = module.rawValue
        let object = startupScript(module)
        document.resource(
            object,
            [
                "bucket": bucketName(workbench.scriptBucket, references: &references),
                "name": .string("hpcc/\(workbench.name)-startup.sh"),
                "content": .string("${file(\"${path.module}/../\(workbench.scriptPath)\")}"),
            ])
        document.resource(
            mounts(module),
            [
                "input": .strings(mountRecord(workbench))
            ])
        var metadata: [String: JSON] = [
            "post-startup-script": .string("gs://\(object.interpolation("bucket"))/\(object.interpolation("name"))"),
            "post-startup-script-behavior": .string(scriptBehavior),
            "jupyter-user": .string(workbench.login),
            // Users are OS Login users, as on the cluster's nodes (issue 20).
            "enable-oslogin": "TRUE",
        ]
        for (index, mount) in workbench.mounts.enumerated() {
            metadata[WorkbenchStartupScript.serverKey(index)] = references.json(mount.server)
        }
        let image = workbench.image
        document.resource(
            instance(module),
            [
                "//": .string(
                    """
                    Mount points are fixed at creation: a change of \(mounts(module).reference) replaces this instance.
                    """
                ),
                "name": .string(workbench.name),
                "project": .string(workbench.project),
                "location": .string(workbench.zone),
                "labels": .stringMap(workbench.origin.labels),
                "instance_owners": workbench.ownerEmail.map { .strings([$0]) } ?? .null,
                "gce_setup": .block([
                    "machine_type": .string(workbench.machineType),
                    "vm_image": .block([
                        "project": .string(image.project), "family": image.family.map(JSON.string) ?? .null,
                        "name": image.name.map(JSON.string) ?? .null,
                    ]),
                    "boot_disk": .block([
                        "disk_type": .string(workbench.diskType.apiName),
                        "disk_size_gb": .string(String(workbench.diskSizeGB)),
                    ]),
                    "network_interfaces": .block([
                        "network": references.networkID(workbench.network),
                        "subnet": references.subnetwork(workbench.subnetwork),
                    ]),
                    "service_accounts": workbench.serviceAccountEmail.map { .block(["email": references.json($0)]) }
                        ?? .null,
                    "disable_public_ip": .bool(!workbench.publicIP),
                    "metadata": .object(metadata),
                ]),
                "lifecycle": .object(["replace_triggered_by": .addresses([mounts(module)])]),
            ])
        document.outputs["mount_points_\(id)"] = .object([
            "value": .strings(workbench.mounts.map(\.localMount)),
            "description": .string(
                HCL.escapeTemplate(
                    """
                    Mount points of workbench '\(workbench.name)', in mount order. They are fixed when the instance is \
                    created, so changing them replaces the instance (and loses what is on its own disks).
                    """)),
        ])
    }

    /// The bucket name in a `gs://BUCKET` path: the bucket resource's name when the path comes from
    /// a cloud-storage-bucket module (which also orders the upload after the bucket).
    private static func bucketName(_ path: TerraformText, references: inout TerraformReferences) -> JSON {
        if path.parts.count == 1, case let .reference(reference) = path.parts[0], reference.output == "gcs_bucket_path",
            reference.path.isEmpty,
            case .cloudStorage? = references.index.entity(reference.module, as: SharedFilesystem.self)?.backing
        {
            let name = ModuleReference(
                module: reference.module, output: "gcs_bucket_name", path: [],
                known: reference.known?.string.map { .string(String($0.dropFirst("gs://".count))) })
            return .string(TerraformReferences.interpolation(references.expression(name)))
        }
        if let known = path.known, known.hasPrefix("gs://") {
            return .string(HCL.escapeTemplate(String(known.dropFirst("gs://".count))))
        }
        return .string("${trimprefix(\(references.hcl(path)), \"gs://\")}")
    }

    /// One line per mount, in order: what, from where, to where, how. Servers known only after
    /// apply stay out: a new Filestore address alone does not change what the user sees.
    static func mountRecord(_ workbench: Workbench) -> [String] {
        workbench.mounts.map { mount in
            HCL.escapeTemplate(
                """
                \(mount.type.rawValue) \(mount.provider.map(\.rawValue) ?? mount.server.known ?? "") \
                \(mount.remotePath) \(mount.localMount) \(mount.options)
                """
            )
        }
    }
}
