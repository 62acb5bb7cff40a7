/// `modules/monitoring/hpcstats`: one module, whole.
enum HPCStatsModule: BuiltInModule {
    /// The module's settings.
    enum Key {
        /// Cluster names or, through `use`, the clusters' modules' outputs: read as written.
        static let slurmClusterName = SettingKey<Value>("slurm_cluster_name")
        static let database = SettingKey<Value>("database")
        static let users = SettingKey<Value>("users")
        static let accountingUser = SettingKey<String>("accounting_user")
        static let accountingPasswordFile = SettingKey<String>("accounting_password_file")
        static let accountingDatabases = SettingKey<Value>("accounting_databases")
        static let nodeHardware = SettingKey<Value>("node_hardware")
        static let windowSize = SettingKey<Int>("window_size")
        static let configDir = SettingKey<String>("config_dir")
    }

    static let schema = ModuleSchema(
        source: "modules/monitoring/hpcstats", cloud: .onPremises,
        summary: "HPCStats usage statistics for Slurm clusters: architecture files, hpcstats.conf and their installer",
        description: """
            Describes the clusters it uses (existing-slurm modules and Slurm-GCP controllers) to HPCStats. \
            hpcc writes `hpcstats/<cluster>/architecture.conf` for each (every node group with its node set, \
            sockets, cores, memory, CPU model, clock and FLOPs per cycle, under HPCStats partitions that map \
            Slurm partitions), `hpcstats/hpcstats.conf` (the HPCStats database, LDAP users, the archfile and \
            Slurm importers reading each cluster's slurmdbd database) and `hpcstats/install.sh`. Passwords never \
            reach the output: hpcstats.conf names the file holding each one (`{file:PATH}`, and \
            `{phash-of-file:PATH}` for the LDAP bind password HPCStats reads encoded), and `install.sh [ROOT]` \
            copies the files to `config_dir` on the HPCStats host with the passwords read from those files. \
            Cloud nodes take their CPU facts from the machine family's CPU platform; where a family runs on \
            several platforms, `min_cpu_platform` on the nodeset or a `node_hardware` entry decides.
            """,
        settings: [
            SettingSpec(
                Key.slurmClusterName, .list(.string),
                "The clusters to describe; `use` fills it from existing-slurm modules and Slurm controllers.",
                required: true),
            SettingSpec(
                Key.database, HPCStatsSettings.database,
                "HPCStats' PostgreSQL database: `host`, `port` (5432), `name`, `user`, `password_file`.", required: true
            ),
            SettingSpec(
                Key.users, HPCStatsSettings.users,
                """
                Where users come from: `importer` (`ldap` or `ldap+slurm`), `url`, `base_dn`, `bind_dn`, \
                `password_file` (the bind \
                password), `department_group_filter` and `department_group_pattern` (how a user's department is \
                found), `groups` \
                (the LDAP groups whose members are users), `certificate` (CA file for ldaps).
                """, required: true),
            SettingSpec(
                Key.accountingUser, .string,
                "The MariaDB user HPCStats reads every cluster's Slurm accounting with (read-only is enough).",
                default: .string("hpcstats"),
                constraints: [.pattern("[A-Za-z0-9_]{1,32}", description: "a MariaDB user name")]),
            SettingSpec(
                Key.accountingPasswordFile, .string, "The file on the HPCStats host holding that user's password.",
                default: .string("/etc/hpcstats/slurmdb.password"), constraints: [HPCStatsSettings.path]),
            SettingSpec(
                Key.accountingDatabases, .list(HPCStatsSettings.accountingDatabase),
                """
                slurmdbd databases of clusters whose accounting the blueprint does not describe (Slurm-GCP clusters): \
                `cluster`, `host`, `port` (3306), `database` (`slurm_acct_db`).
                """, default: .list([])),
            SettingSpec(
                Key.nodeHardware, .list(HPCStatsSettings.nodeHardware),
                """
                CPU facts of cloud nodesets whose machine family runs on several CPU platforms: `cluster`, `nodeset`, \
                `cpu_model`, \
                `frequency` (`2.6GHz`), `flops_per_cycle`.
                """, default: .list([])),
            SettingSpec(
                Key.windowSize, .number, "Jobs HPCStats imports per query (0: all at once).", default: .int(10000),
                constraints: [.integer, .range(min: 0, max: 10_000_000)]),
            SettingSpec(
                Key.configDir, .string, "Where HPCStats' configuration is installed.",
                default: .string("/etc/hpcstats"), constraints: [HPCStatsSettings.path]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    typealias Output = NoOutput

    static let exposedByDefault: [Output] = []

    static func emit(_ entity: HPCStatsSetup, module: ModuleID, into roots: inout TerraformRoots) {
        // Machines that exist already: hpcc writes their configuration files, no Terraform.
    }

}

/// Object shapes of the hpcstats module's settings.
enum HPCStatsSettings {
    /// Paths the installer reads or writes: no whitespace or characters a shell or INI reader treats specially.
    static let path = Constraint.pattern("/[A-Za-z0-9._/-]*", description: "an absolute path of A-Z a-z 0-9 . _ / -")
    static let host = Constraint.pattern("[A-Za-z0-9][A-Za-z0-9.-]{0,252}", description: "a host name or IPv4 address")
    static let port = [Constraint.integer, .range(min: 1, max: 65535)]
    static let word = Constraint.pattern("[A-Za-z0-9_]{1,63}", description: "letters, digits and '_'")

    static let database = SettingType.object([
        .required("host", .string, constraints: [host]), .optional("port", .number, .int(5432), constraints: port),
        .optional("name", .string, .string("hpcstatsdb"), constraints: [word]),
        .optional("user", .string, .string("hpcstats"), constraints: [word]),
        .optional("password_file", .string, .string("/etc/hpcstats/hpcstatsdb.password"), constraints: [path]),
    ])

    static let users = SettingType.object([
        .optional(
            "importer", .string, .string(HPCStatsImporter.ldap.rawValue),
            constraints: [.oneOf(HPCStatsImporter.allCases.map(\.rawValue))]),
        .required(
            "url", .string,
            constraints: [.pattern("ldaps?://[A-Za-z0-9.:-]+/?", description: "an ldap:// or ldaps:// URL")]),
        .required("base_dn", .string), .required("bind_dn", .string),
        .optional("password_file", .string, .string("/etc/hpcstats/ldap.password"), constraints: [path]),
        .required("department_group_filter", .string), .required("department_group_pattern", .string),
        .optional("groups", .list(.string), .list([])), .optional("certificate", .string, constraints: [path]),
    ])

    static let accountingDatabase = SettingType.object([
        .required("cluster", .string), .required("host", .string, constraints: [host]),
        .optional("port", .number, .int(3306), constraints: port),
        .optional(
            "database", .string, .string("slurm_acct_db"),
            constraints: [.pattern("[A-Za-z0-9_]{1,64}", description: "a MariaDB database name")]),
    ])

    static let nodeHardware = SettingType.object([
        .required("cluster", .string), .required("nodeset", .string), .required("cpu_model", .string),
        .required("frequency", .string),
        .required("flops_per_cycle", .number, constraints: [.integer, .range(min: 1, max: 1024)]),
    ])
}
