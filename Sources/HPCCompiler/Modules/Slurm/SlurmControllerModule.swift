/// `community/modules/scheduler/schedmd-slurm-gcp-v6-controller`: one module, whole.
enum SlurmControllerModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "community/modules/scheduler/schedmd-slurm-gcp-v6-controller", cloud: .gcp,
        summary: "Slurm controller: the cluster, its compiled slurm.conf and the config bucket",
        description: """
        The Slurm controller of a cluster. hpcc compiles slurm.conf, cgroup.conf, gres.conf and the \
        resume/suspend programs at build time from the partitions, nodesets and login groups the \
        controller uses; Terraform uploads them to a deployment bucket the controller reads at boot.
        """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.zone,
            CommonSettings.labels, CommonSettings.subnetwork,
            SettingSpec("slurm_cluster_name", .string, "Cluster name; null derives it from deployment_name (lowercase letters and digits, at most 10).",
                        constraints: [.pattern("[a-z]([-a-z0-9]{0,19})", description: "a lowercase letter, then up to 19 lowercase letters, digits or '-'")]),
            SettingSpec("partitions", .list(.map(.any)), "The partitions (normally from `use`).", default: .list([])),
            SettingSpec("nodeset", .list(.map(.any)), "Nodesets not reached through a partition (normally from `use`).", default: .list([])),
            SettingSpec("login_nodes", .list(.map(.any)), "Login groups (normally from `use`).", default: .list([])),
            SettingSpec("network_storage", .list(CommonSettings.mountContract), "Filesystems mounted on every node of the cluster.", default: .list([])),
            SettingSpec("login_network_storage", .list(CommonSettings.mountContract), "Filesystems mounted on login nodes only.", default: .list([])),
            SettingSpec("enable_controller_public_ips", .bool, "Give the controller an external address.", default: .bool(false)),
            SettingSpec("static_ips", .list(.string), "Internal address of the controller.", default: .list([]), constraints: [.maxItems(1)]),
            SettingSpec("cloud_parameters", cloudParameters, "Cluster-wide slurm.conf values (rates, timeouts, scheduler parameters, tree width, ...).", default: .map([:])),
            SettingSpec("enable_slurm_auth", .bool, "Use Slurm's own authentication (`auth/slurm`, Slurm 23.11 or later) with a key the controller generates and shares, instead of MUNGE.", default: .bool(false)),
            SettingSpec("enable_default_mounts", .bool, "Export /home and /opt/apps from the controller over NFS to every node (unless a filesystem mounts there).", default: .bool(true)),
            SettingSpec("enable_debug_logging", .bool, "Log at debug level (`SlurmctldDebug=debug`, `SlurmdDebug=debug`).", default: .bool(false)),
            SettingSpec("enable_cleanup_compute", .bool, "On `terraform destroy`, delete the nodes Slurm created (needs gcloud where Terraform runs).", default: .bool(true)),
            SettingSpec("create_bucket", .bool, "Create the deployment bucket; false uses `bucket_name`.", default: .bool(true)),
            SettingSpec("bucket_name", .string, "An existing bucket for the compiled files (with `create_bucket: false`)."),
            SettingSpec("bucket_dir", .string, "Folder in the bucket; null means `<cluster>-files`."),
            SettingSpec("controller_state_disk", .object([.required("type", .string), .required("size", .number)]),
                        "A persistent disk for Slurm's state (/var/spool/slurm) that survives the controller; null keeps state on the boot disk.",
                        default: .map(["type": .string("pd-ssd"), "size": .int(50)])),
            SettingSpec("controller_startup_script", .string, "Shell script the controller runs at boot, before slurmctld starts.", default: .string("# no-op")),
            SettingSpec("login_startup_script", .string, "Shell script every login node runs at boot.", default: .string("# no-op")),
            SettingSpec("controller_startup_scripts_timeout", .number, "Seconds the controller's script may run; 0 no limit.", default: .int(300), constraints: [.integer, .range(min: 0, max: nil)]),
            SettingSpec("login_startup_scripts_timeout", .number, "Seconds a login node's scripts may run; 0 no limit.", default: .int(300), constraints: [.integer, .range(min: 0, max: nil)]),
            SettingSpec("compute_startup_scripts_timeout", .number, "Seconds a compute node's scripts may run; 0 no limit.", default: .int(300), constraints: [.integer, .range(min: 0, max: nil)]),
        ] + CommonSettings.instance(machineType: "c2-standard-4", diskType: "pd-ssd", diskSize: 50, onHostMaintenance: "MIGRATE")
          + CommonSettings.moot(mootControllerSettings) + CommonSettings.unsupported(unsupportedControllerSettings)
          + CommonSettings.deprecated([
            ("enable_devel", "development scripts are always on"),
            ("disable_default_mounts", "use enable_default_mounts"),
            ("enable_slurm_gcp_plugins", "plugins were removed"),
            ("compute_startup_script", "set startup_script on the nodeset"),
            ("enable_smt", "use advanced_machine_features.threads_per_core"),
            ("disable_smt", "use advanced_machine_features.threads_per_core"),
            ("disable_controller_public_ips", "use enable_controller_public_ips"),
            ("service_account", "use service_account_email and service_account_scopes"),
            ("instance_template", "set the instance properties directly"),
          ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    static let cloudParameters = SettingType.object([
        .optional("no_comma_params", .bool, .bool(false)),
        .optional("private_data", .list(.string)),
        .optional("scheduler_parameters", .list(.string)),
        .optional("resume_rate", .number),
        .optional("resume_timeout", .number),
        .optional("suspend_rate", .number),
        .optional("suspend_timeout", .number),
        .optional("slurmd_timeout", .number),
        .optional("unkillable_step_timeout", .number),
        .optional("topology_plugin", .string),
        .optional("topology_param", .string),
        .optional("tree_width", .number),
        .optional("prolog_flags", .string),
        .optional("switch_type", .string),
    ])

    static let mootControllerSettings: [(String, SettingType, Value?, String)] = [
        ("slurm_conf_tpl", .string, nil, compiledConf),
        ("slurm_conf_template", .string, nil, compiledConf),
        ("slurmdbd_conf_tpl", .string, nil, "hpcc writes slurmdbd.conf itself, with the accounting module that holds the database"),
        ("cgroup_conf_tpl", .string, nil, "hpcc writes cgroup.conf itself for the cluster's nodes"),
        ("extra_logging_flags", .map(.bool), .map([:]), "it turns on logging in Cluster Toolkit's own Python scripts; hpcc's programs do not use them and log to syslog"),
        ("endpoint_versions", .any, .map(["compute": .string("beta")]), "hpcc's resume and suspend programs call gcloud, which picks the Compute Engine API version itself"),
        ("gcloud_path_override", .string, .string(""), "hpcc's programs run the gcloud found on the node's PATH"),
        ("munge_mount", .any, .map(["server_ip": .null, "remote_mount": .string("/etc/munge/"), "fs_type": .string("nfs"), "mount_options": .string("")]),
         "every node takes the MUNGE key from the controller, which hpcc's boot script shares"),
        ("slurm_key_mount", .any, nil, "every node takes the Slurm key from the controller, which hpcc's boot script shares"),
    ]

    private static let compiledConf = "hpcc writes slurm.conf itself from the blueprint; set Slurm parameters with cloud_parameters, partition_conf and node_conf"

    static let unsupportedControllerSettings: [(String, SettingType, Value?, String)] = [
        ("enable_backup_controller", .bool, .bool(false), "a backup controller (high availability)"),
        ("controller_ha_type", .string, .string("zonal"), "a backup controller (high availability)"),
        ("backup_zone", .string, nil, "a backup controller (high availability)"),
        ("cloudsql", .any, nil, "Slurm accounting in Cloud SQL"),
        ("enable_bigquery_load", .bool, .bool(false), "loading job data into BigQuery"),
        ("enable_chs_gpu_health_check_prolog", .bool, .bool(false), "the GPU health check prolog"),
        ("enable_chs_gpu_health_check_epilog", .bool, .bool(false), "the GPU health check epilog"),
        ("prolog_scripts", .list(.any), .list([]), "Slurm prolog scripts"),
        ("epilog_scripts", .list(.any), .list([]), "Slurm epilog scripts"),
        ("task_prolog_scripts", .list(.any), .list([]), "Slurm task prolog scripts"),
        ("task_epilog_scripts", .list(.any), .list([]), "Slurm task epilog scripts"),
        ("enable_external_prolog_epilog", .bool, nil, "prolog and epilog scripts run from the deployment bucket"),
        ("universe_domain", .string, .string("googleapis.com"), "Google Cloud universes other than googleapis.com"),
        ("controller_project_id", .string, nil, "a controller in another project than project_id"),
        ("controller_network_attachment", .string, nil, "network attachments on the controller"),
        ("slurm_bucket_kms_key", .string, nil, "customer-managed encryption of the deployment bucket"),
        ("nodeset_tpu", .list(.any), .list([]), "TPU nodesets"),
        ("nodeset_dyn", .list(.any), .list([]), "dynamic nodesets"),
    ] + CommonSettings.instanceNotSupported

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case slurmClusterName = "slurm_cluster_name"
        case slurmControllerInstance = "slurm_controller_instance"
        case slurmBucketName = "slurm_bucket_name"
        case slurmBucketPath = "slurm_bucket_path"
        case instructions = "instructions"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .slurmClusterName: (.string, "The cluster name.")
            case .slurmControllerInstance: (.map(.string), "The controller instance: name, zone, self_link.")
            case .slurmBucketName: (.string, "The deployment bucket.")
            case .slurmBucketPath: (.string, "`gs://BUCKET/DIR` of the compiled files.")
            case .instructions: (.string, "How to reach the cluster.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.slurmClusterName, .slurmControllerInstance, .slurmBucketPath, .instructions]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SlurmCluster? {
        ControllerLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: SlurmCluster, module: ModuleID, into roots: inout TerraformRoots) {
        for group in ClusterResources.groups(of: entity) {
            roots.add(to: group) { _, document, references in ClusterResources.emit(entity, group: group, into: &document, references: &references) }
        }
    }

    static func value(of output: Output, entity: SlurmCluster, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .slurmControllerInstance:
            let instance = "google_compute_instance.\(module.rawValue)"
            return .expression("{name = \(instance).name, zone = \(instance).zone, self_link = \(instance).self_link}" + HCL.access(path))
        case .slurmClusterName, .slurmBucketName, .slurmBucketPath, .instructions:
            return .known
        }
    }
}
