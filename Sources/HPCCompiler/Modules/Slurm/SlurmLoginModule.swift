/// `community/modules/scheduler/schedmd-slurm-gcp-v6-login`: one module, whole.
enum SlurmLoginModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "community/modules/scheduler/schedmd-slurm-gcp-v6-login", cloud: .gcp,
        summary: "Slurm login nodes",
        description: """
        A group of login nodes for a Slurm cluster. The controller that `use`s it creates the instances; \
        they run in configless mode against the controller and mount the cluster's filesystems.
        """,
        settings: [
            SettingSpec("name_prefix", .string, "Login group name; defaults to the module id (lowercased, '_' becomes '-').", required: true, defaultsToModuleID: true),
            CommonSettings.project, CommonSettings.region, CommonSettings.zone, CommonSettings.labels, CommonSettings.subnetwork,
            SettingSpec("num_instances", .number, "Number of login nodes.", default: .int(1), constraints: [.integer, .range(min: 1, max: 100)]),
            SettingSpec("static_ips", .list(.string), "Internal addresses, one per login node (their count wins over `num_instances`).", default: .list([])),
            SettingSpec("enable_login_public_ips", .bool, "Give login nodes external addresses.", default: .bool(false)),
            SettingSpec("startup_script", .string, "Shell script login nodes run at boot, after their mounts.", default: .string("# no-op")),
        ] + CommonSettings.instance(machineType: "c2-standard-4", diskType: "pd-ssd", diskSize: 50, onHostMaintenance: "MIGRATE")
          + CommonSettings.unsupported(CommonSettings.instanceNotSupported + [
            ("additional_networks", .any, .list([]), "additional network interfaces"),
          ]) + CommonSettings.deprecated([
            ("enable_smt", "use advanced_machine_features.threads_per_core"),
            ("disable_smt", "use advanced_machine_features.threads_per_core"),
            ("disable_login_public_ips", "use enable_login_public_ips"),
            ("service_account", "use service_account_email and service_account_scopes"),
            ("instance_template", "set the instance properties directly"),
          ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of a Slurm controller"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case loginNodes = "login_nodes"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .loginNodes: (.list(.map(.any)), "The login group, for the controller's `login_nodes` input.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LoginGroup? {
        LoginLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: LoginGroup, module: ModuleID, into roots: inout TerraformRoots) {
        // Emitted with its cluster by the controller that claims it (`SlurmControllerModule`).
    }

    static func value(of output: Output, entity: LoginGroup, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}
