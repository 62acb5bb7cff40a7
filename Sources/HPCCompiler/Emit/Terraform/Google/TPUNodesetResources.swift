/// What the controller's resume program needs to create a TPU nodeset's VMs, kept in the cluster's
/// bucket: the `gcloud compute tpus tpu-vm create` arguments, one a line, and each metadata key of
/// the nodes in a file of its own (`--metadata-from-file`). Terraform writes them because the
/// subnetwork, service account and mounts may be known only when it runs.
enum TPUNodesetResources {
    /// The folder of a TPU nodeset's files in the bucket, below the cluster's directory.
    static func folder(_ nodeset: String) -> String { "slurm/tpu/\(nodeset)" }

    /// The bucket object of one file of the TPU nodeset module `module`.
    static func object(_ module: ModuleID, _ file: String) -> TerraformAddress {
        TerraformAddress(
            "google_storage_bucket_object",
            "\(module.rawValue)_tpu_" + String(file.map { $0.isLetter || $0.isNumber ? $0 : "_" }))
    }

    /// The arguments file and one metadata file per key of the TPU nodeset, in the cluster's bucket.
    static func emit(
        _ nodeset: Nodeset, slice: TPUSlice, cluster: SlurmCluster, into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let module = nodeset.origin.module
        let mounts = NodeMetadata.nodeMounts(cluster, extra: nodeset.mounts)
        var metadata = NodeMetadata.metadata(
            role: .compute, cluster: cluster, instance: nodeset.instance, mounts: mounts,
            userScript: nodeset.startupScript, timeout: cluster.computeStartupTimeout, references: &references)
        if !cluster.jobScripts.isEmpty { metadata["hpcc-job-scripts"] = .string(cluster.jobScripts.directory) }
        // The bucket is the controller's; within its group Terraform must create it first.
        let bucketFirst = cluster.bucket.create && cluster.origin.group == nodeset.origin.group
        let bindings = InstanceBlocks.accountBindings(nodeset.instance, references: references)
        let waits = (bucketFirst ? [ClusterResources.bucket(cluster.origin.module)] : []) + bindings
        let files =
            [("args", .string(arguments(nodeset, slice: slice, cluster: cluster, references: &references)))]
            + metadata.keys.sorted().map { ("metadata/\($0)", metadata[$0]!) }
        for (file, content) in files {
            document.resource(
                object(module, file),
                [
                    "bucket": .string(cluster.bucket.name),
                    "name": .string("\(cluster.bucket.directory)/\(folder(nodeset.name))/\(file)"),
                    "content": content,
                    "depends_on": .when(!waits.isEmpty, .addresses(waits)),
                ])
        }
    }

    /// The create command's arguments besides the name, zone, project and metadata, one a line.
    static func arguments(
        _ nodeset: Nodeset, slice: TPUSlice, cluster: SlurmCluster, references: inout TerraformReferences
    ) -> String {
        let instance = nodeset.instance
        var lines = [
            "--accelerator-type=\(slice.acceleratorType)", "--version=\(slice.runtimeVersion)",
            "--subnetwork=" + text(references.subnetwork(instance.subnetwork)),
        ]
        if let email = instance.serviceAccount.email {
            lines.append("--service-account=" + text(references.json(email)))
        }
        lines.append("--scopes=" + instance.serviceAccount.scopes.joined(separator: ","))
        lines.append("--tags=\(cluster.name)")
        let labels = instance.labels.merging(["hpcc_cluster": cluster.name, "hpcc_nodeset": nodeset.name]) { $1 }
        lines.append("--labels=" + labels.keys.sorted().map { "\($0)=\(labels[$0]!)" }.joined(separator: ","))
        if slice.preemptible { lines.append("--preemptible") }
        if slice.reserved { lines.append("--reserved") }
        if !slice.publicIP { lines.append("--internal-ips") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON string's text (interpolations included).
    private static func text(_ json: JSON) -> String {
        if case let .string(value) = json { return value }
        return ""
    }
}
