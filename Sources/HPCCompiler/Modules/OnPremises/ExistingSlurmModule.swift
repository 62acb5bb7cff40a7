/// `modules/scheduler/existing-slurm`: one module, whole.
enum ExistingSlurmModule: BuiltInModule {
    /// The module's settings.
    enum Key {
        static let clusterName = SettingKey<String>("cluster_name")
        static let controller = SettingKey<Value>("controller")
        static let loginNodes = SettingKey<Value>("login_nodes")
        static let nodeGroups = SettingKey<Value>("node_groups")
        static let partitions = SettingKey<Value>("partitions")
        static let accounting = SettingKey<Value>("accounting")
        static let slurmUser = SettingKey<String>("slurm_user")
        static let slurmctldPort = SettingKey<Int>("slurmctld_port")
        static let slurmdPort = SettingKey<Int>("slurmd_port")
        static let stateSaveLocation = SettingKey<String>("state_save_location")
        static let slurmdSpoolDir = SettingKey<String>("slurmd_spool_dir")
        static let logDirectory = SettingKey<String>("log_directory")
        static let pidDirectory = SettingKey<String>("pid_directory")
        static let mungeSocket = SettingKey<String>("munge_socket")
        static let processTracking = SettingKey<ProcessTracking>("process_tracking")
        static let restAPI = SettingKey<Value>("rest_api")
        static let jobScriptDirectory = SettingKey<String>("job_script_directory")
    }

    static let schema = ModuleSchema(
        source: "modules/scheduler/existing-slurm", cloud: .onPremises,
        summary:
            """
            An existing (on-premises) Slurm cluster described node by node: slurm.conf, gres.conf, cgroup.conf, \
            slurmdbd.conf, inventory
            """,
        description: """
            Describes a cluster that already exists: node groups by host name range (`cn[001-200]`) with their \
            hardware, partitions over node groups, the controller host, and optionally Slurm accounting through \
            slurmdbd and MariaDB. No Terraform: writes `slurm/<cluster_name>/slurm.conf` (with `gres.conf` when \
            a node group has GPUs, `cgroup.conf` with cgroup process tracking, and `slurmdbd.conf` with \
            accounting) and the cluster's hosts into the Ansible inventory. The hardware (CPU model, frequency, \
            FLOPs per cycle, memory) is what HPCStats' architecture file describes; `hpcc build` prints each \
            node group's peak FLOPs.
            """,
        settings: [
            SettingSpec(
                Key.clusterName, .string, "Slurm's `ClusterName` (also the accounting cluster name).", required: true,
                constraints: [
                    .pattern(
                        "[a-z][a-z0-9_-]{0,39}",
                        description: "a lowercase letter, then up to 39 lowercase letters, digits, '_' or '-'")
                ]),
            SettingSpec(
                Key.controller, OnPremSettings.controller,
                "The slurmctld host: `host` (its node name) and optionally `address` (what the others connect to).",
                required: true),
            SettingSpec(
                Key.loginNodes, .list(OnPremSettings.controller),
                """
                The login nodes users submit jobs from: each a `host` and optionally an `address` (what Ansible \
                connects to). \
                They are in the inventory's `slurm_login` group and in the cluster's group, so they get the cluster's \
                Slurm \
                configuration and MUNGE key; a login node is not a compute node.
                """, default: .list([])),
            SettingSpec(
                Key.nodeGroups, .list(OnPremSettings.nodeGroup),
                """
                Identical nodes: `name`, `hostnames` (a Slurm host list such as `cn[001-200]`), `sockets`, \
                `cores_per_socket`, \
                `threads_per_core`, `memory` (physical, `24GB`: MB, GB or TB, 1024-based), `real_memory` (MiB Slurm \
                may schedule; \
                null leaves the OS 400 MiB plus 30 MiB per GiB of `memory`, at most half of it, as on the cloud: \
                `512GB` gives 508528), \
                `gpus` (`count`, `type`), `cpu_model`, `frequency` (`2.93GHz` or `2930MHz`), \
                `flops_per_cycle` (double-precision FLOPs per cycle per core), `features`.
                """, required: true),
            SettingSpec(
                Key.partitions, .list(OnPremSettings.partition),
                """
                Partitions: `name`, `node_groups` (names), `default`, `max_time` (Slurm's `MaxTime`, e.g. `1-00:00:00` \
                or `UNLIMITED`), \
                `exclusive`, and `slurm_conf` (further `PartitionName` keys).
                """, required: true),
            SettingSpec(
                Key.accounting, OnPremSettings.accounting,
                """
                Slurm accounting through slurmdbd: `storage_host` and `storage_port` (MariaDB), `database`, `user`, \
                `dbd_host` and `dbd_port` (slurmdbd; null host means the controller), and `password_file` (the file \
                slurmdbd.conf \
                includes for `StoragePass`, which hpcc never writes). Null turns accounting off.
                """),
            SettingSpec(
                Key.slurmUser, .string, "The user slurmctld and slurmdbd run as.", default: .string("slurm"),
                constraints: [.pattern("[a-z_][a-z0-9_-]{0,31}", description: "a Unix user name")]),
            SettingSpec(
                Key.slurmctldPort, .number, "slurmctld's port.", default: .int(6817),
                constraints: [.integer, .range(min: 1, max: 65535)]),
            SettingSpec(
                Key.slurmdPort, .number, "slurmd's port.", default: .int(6818),
                constraints: [.integer, .range(min: 1, max: 65535)]),
            SettingSpec(
                Key.stateSaveLocation, .string, "slurmctld's state directory.",
                default: .string("/var/spool/slurmctld"), constraints: [OnPremSettings.absolutePath]),
            SettingSpec(
                Key.slurmdSpoolDir, .string, "slurmd's spool directory.", default: .string("/var/spool/slurmd"),
                constraints: [OnPremSettings.absolutePath]),
            SettingSpec(
                Key.logDirectory, .string,
                "Where the daemons log (`slurmctld.log`, `slurmd-<node>.log`, `slurmdbd.log`).",
                default: .string("/var/log/slurm"),
                constraints: [OnPremSettings.absolutePath]),
            SettingSpec(
                Key.pidDirectory, .string, "Where the daemons keep their PID files.", default: .string("/run/slurm"),
                constraints: [OnPremSettings.absolutePath]),
            SettingSpec(
                Key.mungeSocket, .string, "MUNGE's socket; null means MUNGE's default.",
                constraints: [OnPremSettings.absolutePath]),
            SettingSpec(
                Key.processTracking, .string,
                """
                `cgroup` (cgroup v1/v2 process tracking, task containment and accounting; writes cgroup.conf) or \
                `linuxproc` (process tree, for hosts without cgroup delegation such as containers).
                """,
                default: .string(ProcessTracking.cgroup.rawValue),
                constraints: [.oneOf(ProcessTracking.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.restAPI, RestAPISettings.type,
                RestAPISettings.description
                    + """
                     On an existing cluster hpcc writes `slurmrestd.service` (a systemd unit for the controller), \
                    `jwks.json` (from `jwks`) or `jwks-fetch.service` (from `jwks_url`, run before slurmctld) and \
                    `slurmrestd.nft` (an nftables table admitting only `allowed_clients` to the port) beside \
                    slurm.conf; `jwks_file` defaults to `/etc/slurm/jwks.json`.
                    """),
            // Job scripts (issue 20).
            SettingSpec(
                Key.jobScriptDirectory, .string,
                """
                Where the job scripts are installed on every node: copy `slurm/<cluster_name>/job-scripts/` there \
                (the Ansible inventory's hosts all need it). slurm.conf names the runners in it.
                """,
                default: .string("/etc/slurm/hpcc-job-scripts"), constraints: [OnPremSettings.absolutePath]),
        ] + JobScriptSettings.specs,
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case slurmClusterName = "slurm_cluster_name"
        case controllerHost = "controller_host"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .slurmClusterName: (.string, "The cluster's name.")
            case .controllerHost: (.string, "The slurmctld host.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func emit(_ entity: OnPremCluster, module: ModuleID, into roots: inout TerraformRoots) {
        // Machines that exist already: hpcc writes their configuration files, no Terraform.
    }

    static func value(of output: Output, entity: OnPremCluster, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}

/// Object shapes of the existing-slurm module's settings.
enum OnPremSettings {
    static let absolutePath = Constraint.pattern(
        "/[^\\s#=]*", description: "an absolute path without whitespace, '#' or '='")
    static let nameConstraint = Constraint.pattern(
        "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}",
        description: "letters, digits, '_', '.' and '-', starting with a letter or digit")

    static let controller = SettingType.object([
        .required("host", .string, constraints: [nameConstraint]),
        .optional("address", .string, constraints: [nameConstraint]),
    ])

    static let gpus = SettingType.object([
        .required("count", .number, constraints: [.integer, .range(min: 1, max: 64)]),
        .optional(
            "type", .string, constraints: [.pattern("[a-z0-9_]+", description: "a GPU type name such as `a100`")]),
    ])

    static let nodeGroup = SettingType.object([
        .required("name", .string, constraints: [nameConstraint]), .required("hostnames", .string),
        .optional("sockets", .number, .int(1), constraints: [.integer, .range(min: 1, max: 64)]),
        .required("cores_per_socket", .number, constraints: [.integer, .range(min: 1, max: 1024)]),
        .optional("threads_per_core", .number, .int(1), constraints: [.integer, .range(min: 1, max: 8)]),
        .required("memory", .string),
        .optional("real_memory", .number, constraints: [.integer, .range(min: 1, max: nil)]),
        .optional("gpus", gpus), .optional("cpu_model", .string), .optional("frequency", .string),
        .optional("flops_per_cycle", .number, constraints: [.integer, .range(min: 1, max: 1024)]),
        .optional("features", .list(.string), .list([])),
    ])

    static let partition = SettingType.object([
        .required("name", .string, constraints: [nameConstraint]), .required("node_groups", .list(.string)),
        .optional("default", .bool, .bool(false)),
        .optional(
            "max_time", .string, .string("UNLIMITED"),
            constraints: [
                .pattern(
                    "UNLIMITED|INFINITE|([0-9]+-)?[0-9]+(:[0-9]{2}){0,2}",
                    description: "Slurm's MaxTime: `UNLIMITED`, minutes, `HH:MM:SS` or `D-HH:MM:SS`")
            ]),
        .optional("exclusive", .bool, .bool(false)), .optional("slurm_conf", .map(.string), .map([:])),
    ])

    static let accounting = SettingType.object([
        .required("storage_host", .string, constraints: [nameConstraint]),
        .optional("storage_port", .number, .int(3306), constraints: [.integer, .range(min: 1, max: 65535)]),
        .optional(
            "database", .string, .string("slurm_acct_db"),
            constraints: [.pattern("[A-Za-z0-9_]{1,64}", description: "a MariaDB database name")]),
        .optional(
            "user", .string, .string("slurm"),
            constraints: [.pattern("[A-Za-z0-9_]{1,32}", description: "a MariaDB user name")]),
        .optional("dbd_host", .string, constraints: [nameConstraint]),
        .optional("dbd_port", .number, .int(6819), constraints: [.integer, .range(min: 1, max: 65535)]),
        .optional("password_file", .string, .string("/etc/slurm/slurmdbd-storage.conf"), constraints: [absolutePath]),
    ])
}
