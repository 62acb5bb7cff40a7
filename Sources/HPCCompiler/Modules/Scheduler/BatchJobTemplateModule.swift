/// `modules/scheduler/batch-job-template`: a Google Cloud Batch job file and the instance template
/// its VMs start from. The lowering is in `BatchJobTemplateModule+Lowering.swift`.
enum BatchJobTemplateModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `InstanceKey`'s.
    enum Key {
        static let jobID = SettingKey<String>("job_id")
        static let gcloudVersion = SettingKey<String>("gcloud_version")
        static let taskCount = SettingKey<Int>("task_count")
        static let tasksPerNode = SettingKey<Int>("task_count_per_node")
        static let mpiMode = SettingKey<Bool>("mpi_mode")
        static let logPolicy = SettingKey<String>("log_policy")
        static let runnables = SettingKey<Value>("runnables")
        static let runnable = SettingKey<String>("runnable")
        static let subnetwork = SettingKey<String>("subnetwork")
        static let publicIPs = SettingKey<Bool>("enable_public_ips")
        static let serviceAccount = SettingKey<Value>("service_account")
        static let startupScript = SettingKey<String>("startup_script")
        static let nativeMounting = SettingKey<Bool>("native_batch_mounting")
    }

    /// Cluster Toolkit's default scopes for the job VMs.
    static let defaultScopes = [
        "https://www.googleapis.com/auth/devstorage.read_only", "https://www.googleapis.com/auth/logging.write",
        "https://www.googleapis.com/auth/monitoring.write", "https://www.googleapis.com/auth/servicecontrol",
        "https://www.googleapis.com/auth/service.management.readonly", "https://www.googleapis.com/auth/trace.append",
    ]

    static let schema = ModuleSchema(
        source: "modules/scheduler/batch-job-template", cloud: .gcp,
        summary: "A Google Cloud Batch job file and the instance template of its VMs",
        description: """
            Writes `batch/<job_id>.json`, a Batch API job (`gcloud batch jobs submit --config`), and creates the \
            instance template `<deployment_name>-<job_id>` the job's VMs start from. The VMs boot with hpcc's \
            instance script (`scripts/hpcc-vm.sh`): it mounts every filesystem of `network_storage`, then runs \
            `startup_script` (with `native_batch_mounting`, Batch mounts the NFS filesystems instead). In \
            `mpi_mode` every runnable is fenced by barriers, and Batch writes a hosts file and \
            allows SSH between the VMs.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.labels,
            SettingSpec(
                Key.jobID, .string, "The job's id (null: the module id); names the job file and instance template.",
                constraints: [
                    .pattern(
                        "[a-z]([a-z0-9-]{0,61}[a-z0-9])?",
                        description: "a lowercase letter, then lowercase letters, digits or '-', not ending in '-'")
                ]),
            SettingSpec(
                Key.gcloudVersion, .string, "`gcloud` release track the instructions use: `alpha`, `beta` or empty.",
                default: .string(""), constraints: [.oneOf(["", "alpha", "beta"])]),
            SettingSpec(
                Key.taskCount, .number, "Tasks in the job.", default: .int(1),
                constraints: [.integer, .range(min: 1, max: 1_000_000)]),
            SettingSpec(
                Key.tasksPerNode, .number, "Tasks per VM; null: 1 in `mpi_mode`, else Batch decides.",
                constraints: [.integer, .range(min: 1, max: 1000)]),
            SettingSpec(
                Key.mpiMode, .bool, "Barriers around every runnable, a hosts file, and SSH between the VMs.",
                default: .bool(false)),
            SettingSpec(
                Key.logPolicy, .string,
                "`CLOUD_LOGGING` keeps task logs in Cloud Logging, `DESTINATION_UNSPECIFIED` keeps none.",
                default: .string("CLOUD_LOGGING"),
                constraints: [.oneOf(["CLOUD_LOGGING", "PATH", "DESTINATION_UNSPECIFIED"])]),
            SettingSpec(
                Key.runnables, .list(.object([.required("script", .string)])),
                "Scripts the tasks run in order (`script`); null runs `runnable`."),
            SettingSpec(Key.runnable, .string, "The one script of every task when `runnables` is null."),
            SettingSpec(
                Key.subnetwork, .any,
                "Subnetwork of the VMs (normally from a `use`d network module); null: the region's `default`."),
            SettingSpec(Key.publicIPs, .bool, "Give the VMs external addresses.", default: .bool(true)),
            SettingSpec(
                Key.serviceAccount,
                .object([.optional("email", .string), .optional("scopes", .list(.string))]),
                "Service account of the VMs (`email`, null for the default compute account) and its `scopes`.",
                default: .map([
                    "email": .null, "scopes": .list(defaultScopes.map(Value.string)),
                ])),
            SettingSpec(
                InstanceKey.machineType, .string, "Machine type of the job's VMs.", default: .string("n2-standard-4")),
            SettingSpec(
                InstanceKey.image, CommonSettings.image,
                "Boot image: `project` plus exactly one of `family` or `name`.",
                default: .map(["project": .string("cloud-hpc-image-public"), "family": .string("hpc-rocky-linux-8")])),
            SettingSpec(
                InstanceKey.onHostMaintenance, .string,
                "`MIGRATE` or `TERMINATE`; null: TERMINATE for machines with GPUs, else MIGRATE.",
                constraints: [.oneOf(OnHostMaintenance.allCases.map(\.rawValue))]),
            SettingSpec(
                InstanceKey.automaticUpdates, .bool,
                "When false, turns off automatic OS package updates (metadata `google_disable_automatic_updates`).",
                default: .bool(true)),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                "Filesystems the VMs mount at boot, in this order (normally from `use`).", default: .list([])),
            SettingSpec(
                Key.nativeMounting, .bool,
                """
                Batch mounts the NFS filesystems of `network_storage` itself (the job's `volumes`) instead of \
                the VMs' boot script; their server addresses must be known when hpcc runs.
                """,
                default: .bool(false)),
            SettingSpec(Key.startupScript, .string, "Shell script the VMs run at boot after the mounts."),
        ]
            + CommonSettings.unsupported([
                ("instance_template", .string, nil, "jobs on an existing instance template"),
                ("job_filename", .string, nil, "other job file names than `batch/<job_id>.json`"),
                ("submit", .bool, .bool(false), "submitting the job during `terraform apply`"),
            ])
            + CommonSettings.deprecated([("image", "use instance_image")]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case instructions
        case jobData = "job_data"
        case instanceTemplate = "instance_template"
        case gcloudVersion = "gcloud_version"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .instructions: (.string, "How to submit the job.")
            case .jobData: (.any, "The job (`id`, `filename`, `template_contents`), for a batch-login-node.")
            case .instanceTemplate: (.string, "Self link of the job VMs' instance template.")
            case .gcloudVersion: (.string, "The `gcloud` release track.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.instructions]

    static func knownValue(of output: Output, entity: BatchJob) -> Value? {
        switch output {
        case .instructions: .string(instructions(entity))
        case .jobData:
            .map([
                "id": .string(entity.id), "filename": .string("\(entity.id).json"),
                "template_contents": .string(JSONWriter.render(BatchJobFile.document(entity))),
            ])
        case .gcloudVersion: .string(entity.gcloudTrack)
        case .instanceTemplate: nil
        }
    }

    /// How to submit the job from the deployment folder.
    static func instructions(_ job: BatchJob) -> String {
        """
        Submit the Batch job from the deployment folder:
          \(job.gcloud("submit", "\(job.id) --config=\(job.filePath)"))

        """
    }

    static func emit(_ entity: BatchJob, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            BatchResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: BatchJob, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .instanceTemplate:
            .expression(BatchResources.instanceTemplate(module).attribute("self_link") + HCL.access(path))
        case .instructions, .jobData, .gcloudVersion: .known
        }
    }
}
