/// `modules/scheduler/batch-login-node`: one instance built like its Batch jobs' VMs, with the job
/// files and a README placed in `batch_job_directory`, from which users submit the jobs.
enum BatchLoginNodeModule: BuiltInModule {
    /// The module's own settings.
    enum Key {
        static let instanceTemplate = SettingKey<String>("instance_template")
        static let jobData = SettingKey<Value>("job_data")
        static let startupScript = SettingKey<String>("startup_script")
        static let gcloudVersion = SettingKey<String>("gcloud_version")
        static let directory = SettingKey<String>("batch_job_directory")
        static let osLogin = SettingKey<String>("enable_oslogin")
    }

    /// The login node and the jobs whose files it holds.
    struct Entity: Hashable, Sendable {
        /// The login instance (a vm-instance group of one).
        var machines: VirtualMachineGroup
        /// The jobs, in `job_data` order.
        var jobs: [BatchJob]
        /// Where the job files are.
        var directory: String
        /// `gcloud` release track of the instructions.
        var gcloudTrack: String
    }

    static let schema = ModuleSchema(
        source: "modules/scheduler/batch-login-node", cloud: .gcp,
        summary: "A login instance holding Batch job files, with instructions to submit them",
        description: """
            Creates the instance `<deployment_name>-batch-login-0` with the machine type, image, network, mounts and \
            metadata of the job whose `instance_template` it uses, and the `cloud-platform` scope. At boot it mounts \
            the job's filesystems, runs `startup_script` (the job's when null), and writes every job file of \
            `job_data` and a README into `batch_job_directory`.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.zone,
            CommonSettings.labels,
            SettingSpec(
                Key.instanceTemplate, .string,
                "The `instance_template` output of a batch-job-template (normally from `use`).", required: true),
            SettingSpec(
                Key.jobData, .list(.any), "The `job_data` of batch-job-templates (normally from `use`).",
                required: true),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                "More filesystems to mount, after the job's.", default: .list([])),
            SettingSpec(Key.startupScript, .string, "Shell script run at boot after the mounts; null: the job's."),
            SettingSpec(
                Key.gcloudVersion, .string, "`gcloud` release track of the instructions: `alpha`, `beta` or empty.",
                default: .string(""), constraints: [.oneOf(["", "alpha", "beta"])]),
            SettingSpec(
                Key.directory, .string, "Folder the job files are written to.", default: .string("/home/batch-jobs"),
                constraints: [.pattern("/[A-Za-z0-9._/-]*", description: "an absolute path of plain characters")]),
            SettingSpec(
                Key.osLogin, .string, "OS Login: `ENABLE`, `DISABLE`, or `INHERIT` the project's setting.",
                default: .string("ENABLE"), constraints: [.oneOf(["ENABLE", "DISABLE", "INHERIT"])]),
        ]
            + CommonSettings.deprecated([
                ("job_template_contents", "use job_data"), ("job_filename", "use job_data"),
                ("job_id", "use job_data"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case loginNodeName = "login_node_name"
        case instructions

        var spec: (type: SettingType, description: String) {
            switch self {
            case .loginNodeName: (.string, "Name of the login instance.")
            case .instructions: (.string, "How to reach the login node and submit, watch and delete the jobs.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.instructions]

    static func knownValue(of output: Output, entity: Entity) -> Value? {
        switch output {
        case .loginNodeName: .string(entity.machines.hostNames[0])
        case .instructions: .string(instructions(entity))
        }
    }

    /// SSH to the login node, then the commands for each job.
    static func instructions(_ entity: Entity) -> String {
        let group = entity.machines
        return """
            The Batch job files are in \(entity.directory) on the login node:
              gcloud compute ssh \(group.hostNames[0]) --zone \(group.zone) --project \(group.instance.project)

            """ + readme(entity)
    }

    /// Commands to list jobs and to submit, describe and delete each one, with the login node's paths.
    static func readme(_ entity: Entity) -> String {
        let track = entity.gcloudTrack.isEmpty ? "" : " \(entity.gcloudTrack)"
        let project = entity.machines.instance.project
        var text = "List all jobs:\n  gcloud\(track) batch jobs list --project=\(project)\n"
        for job in entity.jobs {
            var shown = job
            shown.gcloudTrack = entity.gcloudTrack
            text += """

                Job \(job.id):
                  \(shown.gcloud("submit", "\(job.id) --config=\(entity.directory)/\(job.id).json"))
                  \(shown.gcloud("describe", job.id))
                  \(shown.gcloud("delete", job.id))

                """
        }
        return text
    }

    static func emit(_ entity: Entity, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.machines.origin.group) { _, document, references in
            VirtualMachineResources.emit(entity.machines, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: Entity, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .loginNodeName:
            .expression(VirtualMachineResources.instance(module, 0).attribute("name") + HCL.access(path))
        case .instructions: .known
        }
    }
}
