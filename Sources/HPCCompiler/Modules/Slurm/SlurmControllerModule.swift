/// `community/modules/scheduler/schedmd-slurm-gcp-v6-controller`: one module, whole.
enum SlurmControllerModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `InstanceKey`'s.
    enum Key {
        static let clusterName = SettingKey<String>("slurm_cluster_name")
        static let partitions = SettingKey<Value>("partitions")
        static let nodeset = SettingKey<Value>("nodeset")
        static let nodesetTPU = SettingKey<Value>("nodeset_tpu")
        static let loginNodes = SettingKey<Value>("login_nodes")
        static let loginNetworkStorage = SettingKey<Value>("login_network_storage")
        static let publicIPs = SettingKey<Bool>("enable_controller_public_ips")
        static let staticIPs = SettingKey<[String]>("static_ips")
        static let cloudParameters = SettingKey<Value>("cloud_parameters")
        static let slurmConfTemplate = SettingKey<String>("slurm_conf_tpl")
        static let slurmAuth = SettingKey<Bool>("enable_slurm_auth")
        static let defaultMounts = SettingKey<Bool>("enable_default_mounts")
        static let debugLogging = SettingKey<Bool>("enable_debug_logging")
        static let cleanupCompute = SettingKey<Bool>("enable_cleanup_compute")
        static let createBucket = SettingKey<Bool>("create_bucket")
        static let bucketName = SettingKey<String>("bucket_name")
        static let bucketDir = SettingKey<String>("bucket_dir")
        static let bucketKMSKey = SettingKey<String>("slurm_bucket_kms_key")
        static let stateDisk = SettingKey<Value>("controller_state_disk")
        static let controllerStartupScript = SettingKey<String>("controller_startup_script")
        static let loginStartupScript = SettingKey<String>("login_startup_script")
        static let controllerTimeout = SettingKey<Int>("controller_startup_scripts_timeout")
        static let loginTimeout = SettingKey<Int>("login_startup_scripts_timeout")
        static let computeTimeout = SettingKey<Int>("compute_startup_scripts_timeout")
        static let restAPI = SettingKey<Value>("rest_api")
        static let externalPrologEpilog = SettingKey<Bool>("enable_external_prolog_epilog")
        static let cloudsql = SettingKey<Value>("cloudsql")
    }

    static let schema = ModuleSchema(
        source: "community/modules/scheduler/schedmd-slurm-gcp-v6-controller", cloud: .gcp,
        summary: "Slurm controller: the cluster, its compiled slurm.conf and the config bucket",
        description: """
            The Slurm controller of a cluster. hpcc compiles slurm.conf, cgroup.conf, gres.conf and the \
            resume/suspend programs at build time from the partitions, nodesets and login groups the \
            controller uses; Terraform uploads them to a deployment bucket the controller reads at boot. \
            The MUNGE (or `auth/slurm`) key is in a Secret Manager secret `<cluster>-munge-key` that only the \
            service accounts of the cluster's nodes may read: the controller adds it at first boot, no key \
            material is in Terraform state, and nothing exports it over NFS.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.zone,
            CommonSettings.labels, CommonSettings.subnetwork,
            SettingSpec(
                Key.clusterName, .string,
                "Cluster name; null derives it from deployment_name (lowercase letters and digits, at most 10).",
                constraints: [
                    .pattern(
                        "[a-z]([-a-z0-9]{0,19})",
                        description: "a lowercase letter, then up to 19 lowercase letters, digits or '-'")
                ]),
            SettingSpec(
                Key.partitions, .list(.map(.any)),
                "The partitions: from `use`, or whole `partitions` outputs (`$(p.partitions)`).", default: .list([])),
            SettingSpec(
                Key.nodeset, .list(.map(.any)),
                "Nodesets not reached through a partition: from `use`, or whole `nodeset` outputs (`$(n.nodeset)`).",
                default: .list([])),
            SettingSpec(
                Key.nodesetTPU, .list(.map(.any)),
                "TPU nodesets not reached through a partition: from `use`, or whole `nodeset_tpu` outputs.",
                default: .list([])),
            SettingSpec(
                Key.loginNodes, .list(.map(.any)),
                "Login groups: from `use`, or whole `login_nodes` outputs (`$(login.login_nodes)`).", default: .list([])
            ),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                "Filesystems mounted on every node of the cluster.", default: .list([])),
            SettingSpec(
                Key.loginNetworkStorage, .list(CommonSettings.mountContract),
                "Filesystems mounted on login nodes only.", default: .list([])),
            SettingSpec(Key.publicIPs, .bool, "Give the controller an external address.", default: .bool(false)),
            SettingSpec(
                Key.staticIPs, .list(.string),
                "Internal address of the controller; with `enable_backup_controller`, then the backup's.",
                default: .list([]), constraints: [.maxItems(2)]),
            SettingSpec(
                Key.cloudParameters, cloudParameters,
                "Cluster-wide slurm.conf values (rates, timeouts, scheduler parameters, tree width, ...).",
                default: .map([:])),
            SettingSpec(
                Key.slurmConfTemplate, .string,
                """
                A slurm.conf template in the Cluster Toolkit's form (a file beside the blueprint, or one of the \
                Toolkit's own: `long-prolog-slurm.conf.tpl`, `htc-slurm.conf.tpl`). Its settings above the \
                "DO NOT MODIFY" line replace hpcc's of the same name or are added; cloud_parameters still win. \
                Settings hpcc derives from the blueprint (hosts, ports, paths, authentication) must agree with it.
                """),
            SettingSpec(
                Key.slurmAuth, .bool,
                """
                Use Slurm's own authentication (`auth/slurm`, Slurm 23.11 or later) with a key the controller \
                generates and shares, instead of MUNGE.
                """,
                default: .bool(false)),
            SettingSpec(
                Key.defaultMounts, .bool,
                """
                Export /home and /opt/apps from the controller over NFS to every node (unless a filesystem mounts \
                there).
                """,
                default: .bool(true)),
            SettingSpec(
                Key.debugLogging, .bool, "Log at debug level (`SlurmctldDebug=debug`, `SlurmdDebug=debug`).",
                default: .bool(false)),
            SettingSpec(
                Key.cleanupCompute, .bool,
                "On `terraform destroy`, delete the nodes Slurm created (needs gcloud where Terraform runs).",
                default: .bool(true)),
            SettingSpec(
                Key.createBucket, .bool, "Create the deployment bucket; false uses `bucket_name`.", default: .bool(true)
            ),
            SettingSpec(
                Key.bucketName, .string, "An existing bucket for the compiled files (with `create_bucket: false`)."),
            SettingSpec(Key.bucketDir, .string, "Folder in the bucket; null means `<cluster>-files`."),
            SettingSpec(
                Key.bucketKMSKey, .string,
                """
                Cloud KMS key (CMEK) the deployment bucket encrypts its objects with by default (the compiled \
                slurm.conf and scripts). The project's Cloud Storage service agent needs \
                `roles/cloudkms.cryptoKeyEncrypterDecrypter` on it; with `create_bucket: false` the bucket's own \
                encryption applies.
                """,
                constraints: [CloudKMSKey.constraint]),
            SettingSpec(
                Key.stateDisk, .object([.required("type", .string), .required("size", .number)]),
                """
                A persistent disk for Slurm's state (/var/spool/slurm) that survives the controller; null keeps state \
                on the boot disk. Left out when network_storage mounts a filesystem at /var/spool/slurm (as a backup \
                controller needs).
                """,
                default: .map(["type": .string("pd-ssd"), "size": .int(50)]), nullTurnsOff: true),
            SettingSpec(
                Key.controllerStartupScript, .string,
                "Shell script the controller runs at boot, before slurmctld starts.", default: .string("# no-op")),
            SettingSpec(
                Key.loginStartupScript, .string, "Shell script every login node runs at boot.",
                default: .string("# no-op")),
            SettingSpec(
                Key.controllerTimeout, .number, "Seconds the controller's script may run; 0 no limit.",
                default: .int(300), constraints: [.integer, .range(min: 0, max: nil)]),
            SettingSpec(
                Key.loginTimeout, .number, "Seconds a login node's scripts may run; 0 no limit.", default: .int(300),
                constraints: [.integer, .range(min: 0, max: nil)]),
            SettingSpec(
                Key.computeTimeout, .number, "Seconds a compute node's scripts may run; 0 no limit.",
                default: .int(300), constraints: [.integer, .range(min: 0, max: nil)]),
            SettingSpec(
                Key.restAPI, RestAPISettings.type,
                RestAPISettings.description
                    + """
                     An hpcc setting (the Cluster Toolkit has none): the controller installs slurmrestd with its \
                    systemd unit and the JWKS before slurmctld starts; two firewall rules on the controller's network \
                    admit `allowed_clients` to the port and deny everyone else, ahead of the VPC's internal rule. \
                    `listen_address` null binds the controller's host name (its internal address); `jwks_file` \
                    defaults to `/usr/local/etc/slurm/jwks.json`.
                    """),
            // Job scripts (issue 20).
            SettingSpec(
                Key.externalPrologEpilog, .bool,
                """
                Also run, after the blueprint's prolog and epilog scripts, the executable `*.prolog_slurmd` and \
                `*.epilog_slurmd` programs an administrator puts in `\(externalScriptDirectory)/prolog_slurmd.d` and \
                `epilog_slurmd.d` (and `partition-<name>-prolog_slurmd.d` ... for one partition's jobs), on the \
                /opt/apps the controller shares. Their failures are logged, not fatal.
                """),
            accountingSetting,
        ] + JobScriptSettings.specs
            + highAvailabilitySettings
            + CommonSettings.instance(
                machineType: "c2-standard-4", diskType: .ssd, diskSize: 50, onHostMaintenance: .migrate)
            + CommonSettings.moot(mootControllerSettings) + CommonSettings.unsupported(unsupportedControllerSettings)
            + CommonSettings.deprecated([
                ("enable_devel", "development scripts are always on"),
                ("disable_default_mounts", "use enable_default_mounts"),
                ("enable_slurm_gcp_plugins", "plugins were removed"),
                ("compute_startup_script", "set startup_script on the nodeset"),
                (InstanceKey.smt.name, "use advanced_machine_features.threads_per_core"),
                ("disable_smt", "use advanced_machine_features.threads_per_core"),
                ("disable_controller_public_ips", "use enable_controller_public_ips"),
                ("service_account", "use service_account_email and service_account_scopes"),
                ("instance_template", "set the instance properties directly"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// Where `enable_external_prolog_epilog` looks for scripts: the Toolkit's folder on the shared /opt/apps.
    static let externalScriptDirectory = "/opt/apps/adm/slurm"

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
        ("slurm_conf_template", .string, nil, compiledConf),
        (
            "slurmdbd_conf_tpl", .string, nil,
            "hpcc writes slurmdbd.conf itself, with the accounting module that holds the database"
        ),
        ("cgroup_conf_tpl", .string, nil, "hpcc writes cgroup.conf itself for the cluster's nodes"),
        (
            "extra_logging_flags", .map(.bool), .map([:]),
            """
            it turns on logging in Cluster Toolkit's own Python scripts; hpcc's programs do not use them and log to \
            syslog
            """
        ),
        (
            "endpoint_versions", .any, .map(["compute": .string("beta")]),
            "hpcc's resume and suspend programs call gcloud, which picks the Compute Engine API version itself"
        ),
        ("gcloud_path_override", .string, .string(""), "hpcc's programs run the gcloud found on the node's PATH"),
        (
            "munge_mount", .any,
            .map([
                "server_ip": .null, "remote_mount": .string("/etc/munge/"), "fs_type": .string("nfs"),
                "mount_options": .string(""),
            ]),
            "every node reads the MUNGE key from the cluster's Secret Manager secret, nothing mounts it"
        ),
        (
            "slurm_key_mount", .any, nil,
            "every node reads the Slurm key from the cluster's Secret Manager secret, nothing mounts it"
        ),
    ]

    private static let compiledConf =
        """
        hpcc writes slurm.conf itself from the blueprint; set Slurm parameters with cloud_parameters, partition_conf \
        and node_conf
        """

    static let unsupportedControllerSettings: [(String, SettingType, Value?, String)] =
        [
            ("enable_bigquery_load", .bool, .bool(false), "loading job data into BigQuery"),
            ("enable_chs_gpu_health_check_prolog", .bool, .bool(false), "Cluster Health Scanner GPU checks"),
            ("enable_chs_gpu_health_check_epilog", .bool, .bool(false), "Cluster Health Scanner GPU checks"),
            ("universe_domain", .string, .string("googleapis.com"), "Google Cloud universes other than googleapis.com"),
            ("controller_project_id", .string, nil, "a controller in another project than project_id"),
            ("controller_network_attachment", .string, nil, "network attachments on the controller"),
            ("nodeset_dyn", .list(.any), .list([]), "dynamic nodesets"),
        ]

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

    static let exposedByDefault: [Output] = [
        .slurmClusterName, .slurmControllerInstance, .slurmBucketPath, .instructions,
    ]

    static func emit(_ entity: SlurmCluster, module: ModuleID, into roots: inout TerraformRoots) {
        for group in ClusterResources.groups(of: entity) {
            roots.add(to: group) { _, document, references in
                ClusterResources.emit(entity, group: group, into: &document, references: &references)
            }
        }
    }

    static func value(of output: Output, entity: SlurmCluster, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .slurmControllerInstance:
            let instance = ClusterResources.controller(module)
            return .expression(
                """
                {name = \(instance.attribute("name")), zone = \(instance.attribute("zone")), self_link = \
                \(instance.attribute("self_link"))}
                """
                    + HCL.access(path))
        case .slurmClusterName, .slurmBucketName, .slurmBucketPath, .instructions:
            return .known
        }
    }
}
