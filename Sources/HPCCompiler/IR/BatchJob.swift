/// A Google Cloud Batch job definition (`modules/scheduler/batch-job-template`): hpcc writes the
/// job file `batch/<id>.json` and the instance template its VMs start from; submitting the job
/// is left to the user (from the login node, or wherever `gcloud` runs).
@_spi(Tools) public struct BatchJob: Hashable, Sendable {
    /// The batch-job-template module's origin.
    @_spi(Tools) public var origin: Origin
    /// The job id the instructions submit under; also names the job file and the instance template.
    @_spi(Tools) public var id: String
    /// Region the job runs in.
    @_spi(Tools) public var region: String
    /// The job's VMs: shape, image, network, mounts and boot script. `prefix` names the instance
    /// template; `count` is unused (Batch decides how many VMs the tasks need).
    @_spi(Tools) public var machines: VirtualMachineGroup
    /// NFS filesystems Batch itself mounts before the tasks run (the task spec's `volumes`,
    /// `native_batch_mounting`); the boot script mounts the rest of `network_storage`.
    @_spi(Tools) public var nativeMounts: [MountContract]
    /// The task script of each runnable, run in order.
    @_spi(Tools) public var runnables: [String]
    /// Tasks in the job's one task group.
    @_spi(Tools) public var taskCount: Int
    /// Tasks per VM; nil lets Batch decide.
    @_spi(Tools) public var tasksPerNode: Int?
    /// MPI mode: barriers around every runnable, a hosts file and SSH between the VMs.
    @_spi(Tools) public var mpiMode: Bool
    /// Whether task logs go to Cloud Logging (`CLOUD_LOGGING`) or are not kept.
    @_spi(Tools) public var cloudLogging: Bool
    /// `alpha`, `beta` or empty: the `gcloud` release track the instructions use.
    @_spi(Tools) public var gcloudTrack: String

    /// The job file, relative to the deployment folder.
    @_spi(Tools) public var filePath: String { "batch/\(id).json" }
    /// The name of the job VMs' instance template.
    @_spi(Tools) public var templateName: String { machines.prefix }
    /// The template as the job file names it: a partial URL, which the Batch API accepts besides
    /// a bare name and which also says which project's (global) template is meant.
    @_spi(Tools) public var templatePath: String {
        "projects/\(machines.instance.project)/global/instanceTemplates/\(templateName)"
    }

    /// `gcloud [track] batch jobs <verb>`, with the job's region and project.
    @_spi(Tools) public func gcloud(_ verb: String, _ arguments: String) -> String {
        let track = gcloudTrack.isEmpty ? "" : " \(gcloudTrack)"
        return "gcloud\(track) batch jobs \(verb) \(arguments) --location=\(region) "
            + "--project=\(machines.instance.project)"
    }
}
