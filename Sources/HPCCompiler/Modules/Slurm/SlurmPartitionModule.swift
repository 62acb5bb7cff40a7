/// `community/modules/compute/schedmd-slurm-gcp-v6-partition`: one module, whole.
enum SlurmPartitionModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "community/modules/compute/schedmd-slurm-gcp-v6-partition", cloud: .gcp,
        summary: "Slurm partition over one or more nodesets",
        description: """
        A Slurm partition. It collects the nodesets it `use`s and becomes a PartitionName line in \
        slurm.conf and a child group of `slurm_compute` in the Ansible inventory.
        """,
        settings: [
            SettingSpec("partition_name", .string, "Slurm partition name.", required: true,
                        constraints: [.pattern("[a-z][a-z0-9-]*", description: "a lowercase letter, then lowercase letters, digits or '-'"), .maxLength(63)]),
            SettingSpec("partition_conf", .map(.string), "Extra `KEY=VALUE` pairs for the PartitionName line; they override hpcc's values.", default: .map([:])),
            SettingSpec("is_default", .bool, "Make it the default partition (`Default=YES`).", default: .bool(false)),
            SettingSpec("exclusive", .bool, "One job per node (`OverSubscribe=EXCLUSIVE`); idle nodes are deleted after `suspend_time`. Static nodes need false.", default: .bool(true)),
            SettingSpec("nodeset", .list(.map(.any)), "The nodesets (normally from `use`).", default: .list([])),
            SettingSpec("resume_timeout", .number, "Seconds a node may take to boot and register (`ResumeTimeout`); unset, the controller's `cloud_parameters.resume_timeout` applies.", constraints: [.integer, .range(min: 1, max: 65535)]),
            SettingSpec("suspend_time", .number, "Idle seconds before a node is deleted (`SuspendTime`); -1 never.", default: .int(300), constraints: [.integer, .range(min: -1, max: nil)]),
            SettingSpec("suspend_timeout", .number, "Seconds a node may take to shut down (`SuspendTimeout`); unset, the controller's `cloud_parameters.suspend_timeout` applies.", constraints: [.integer, .range(min: 1, max: nil)]),
        ] + CommonSettings.unsupported([
            ("nodeset_tpu", .list(.any), .list([]), "TPU nodesets"),
            ("nodeset_dyn", .list(.any), .list([]), "dynamic nodesets"),
        ]) + CommonSettings.deprecated([
            ("network_storage", "set network_storage on the nodeset"),
        ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of a Slurm controller"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case partitions = "partitions"
        case nodeset = "nodeset"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .partitions: (.list(.map(.any)), "The partition, for the controller's `partitions` input.")
            case .nodeset: (.list(.map(.any)), "The partition's nodesets, passed through.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LoweredPartition? {
        PartitionLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: LoweredPartition, module: ModuleID, into roots: inout TerraformRoots) {
        // Emitted with its cluster by the controller that claims it (`SlurmControllerModule`).
    }

    static func value(of output: Output, entity: LoweredPartition, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}
