/// `batch/<job id>.json`: one Google Cloud Batch job in the Batch API's `Job` shape
/// (https://cloud.google.com/batch/docs/reference/rest/v1/projects.locations.jobs), which
/// `gcloud batch jobs submit --config` reads. Its VMs come from the job's instance template,
/// named by path (not Terraform's self link) so the file is complete before Terraform runs.
enum BatchJobFile {
    static func emit(_ deployment: Deployment) -> [OutputFile] {
        deployment.batchJobs.map { OutputFile(path: $0.filePath, text: JSONWriter.render(document($0))) }
    }

    /// The job as JSON. The API's int64 fields (`taskCount`, `taskCountPerNode`) are strings, as
    /// the REST reference writes them.
    static func document(_ job: BatchJob) -> JSON {
        var runnables: [JSON] = []
        // In MPI mode every VM waits for the others before and after each step, as Cluster Toolkit's
        // template does: the hosts file only lists VMs that have booted.
        if job.mpiMode { runnables.append(barrier("wait-for-node-startup")) }
        for script in job.runnables {
            runnables.append(["script": ["text": .string(script)]])
            if job.mpiMode { runnables.append(barrier("wait-for-script-to-complete")) }
        }
        var spec: [String: JSON] = ["runnables": .array(runnables)]
        if !job.nativeMounts.isEmpty { spec["volumes"] = .array(job.nativeMounts.map(volume)) }
        var group: [String: JSON] = [
            "taskSpec": .object(spec),
            "taskCount": .string(String(job.taskCount)),
            "requireHostsFile": .bool(job.mpiMode),
            "permissiveSsh": .bool(job.mpiMode),
        ]
        if let perNode = job.tasksPerNode { group["taskCountPerNode"] = .string(String(perNode)) }
        var document: [String: JSON] = [
            "taskGroups": [.object(group)],
            "allocationPolicy": ["instances": [["instanceTemplate": .string(job.templatePath)]]],
            "labels": .object(job.origin.labels.mapValues(JSON.string)),
        ]
        if job.cloudLogging { document["logsPolicy"] = ["destination": "CLOUD_LOGGING"] }
        return .object(document)
    }

    private static func barrier(_ name: String) -> JSON {
        ["barrier": ["name": .string(name)]]
    }

    /// An NFS volume Batch mounts on every VM of the job. The lowering admits only mounts whose
    /// server is known at compile time; `mountOptions` is a list, one `mount -o` option each.
    private static func volume(_ mount: MountContract) -> JSON {
        var volume: [String: JSON] = [
            "nfs": ["server": .string(mount.server.known ?? ""), "remotePath": .string(mount.remotePath)],
            "mountPath": .string(mount.localMount),
        ]
        let options = mount.options.split(separator: ",").map { JSON.string(String($0)) }
        if !options.isEmpty { volume["mountOptions"] = .array(options) }
        return .object(volume)
    }
}
