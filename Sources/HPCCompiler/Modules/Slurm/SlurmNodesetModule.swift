/// `community/modules/compute/schedmd-slurm-gcp-v6-nodeset`: one module, whole.
enum SlurmNodesetModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "community/modules/compute/schedmd-slurm-gcp-v6-nodeset", cloud: .gcp,
        summary: "Slurm nodeset: one machine shape, static and autoscaled nodes",
        description: """
        A group of identical Slurm compute nodes. hpcc reads the node shape (CPUs, sockets, cores, \
        threads, memory, GPUs) from its machine catalog at compile time and writes the NodeName and \
        NodeSet lines; Terraform gets one instance template per nodeset and the static nodes.
        """,
        settings: [
            SettingSpec("name", .string, "Nodeset name; defaults to the module id. Only lowercase letters and digits are kept, at most 14.", required: true, defaultsToModuleID: true),
            CommonSettings.project, CommonSettings.region, CommonSettings.zone, CommonSettings.labels, CommonSettings.subnetwork,
            SettingSpec("node_count_static", .number, "Nodes that always run (never suspended).", default: .int(0), constraints: [.integer, .range(min: 0, max: 10000)]),
            SettingSpec("node_count_dynamic_max", .number, "Nodes Slurm creates on demand and deletes when idle.", default: .int(10), constraints: [.integer, .range(min: 0, max: 10000)]),
            SettingSpec("node_conf", .map(.any), "Extra `KEY=VALUE` pairs for the NodeName line; they override hpcc's values (e.g. `RealMemory`, `Features`). `Sockets` is not allowed (set `SocketsPerBoard`).", default: .map([:])),
            SettingSpec("enable_smt", .bool, "Simultaneous multithreading; when set it decides `advanced_machine_features.threads_per_core` (false: 1, true: 2)."),
            SettingSpec("enable_spot_vm", .bool, "Create nodes as Spot VMs.", default: .bool(false)),
            SettingSpec("spot_instance_config", .object([.required("termination_action", .string)]), "What Compute Engine does to a preempted Spot node (`STOP` or `DELETE`)."),
            SettingSpec("enable_placement", .bool, "Place the nodes close together with a compact placement policy (machine families that support it).", default: .bool(true)),
            SettingSpec("reservation_name", .string, "A specific reservation to consume (`NAME` or `projects/P/reservations/NAME`).", default: .string(""),
                        constraints: [.pattern("((projects/[a-z0-9-]+/reservations/)?[a-z0-9-]+)?", description: "a reservation name or `projects/P/reservations/NAME`")]),
            SettingSpec("zones", .list(.string), "More zones (of the region) the nodes may be created in, after `zone`.", default: .list([])),
            SettingSpec("enable_public_ips", .bool, "Give nodes external addresses.", default: .bool(false)),
            SettingSpec("access_config", .list(CommonSettings.accessConfig), "Explicit external access configurations; they win over `enable_public_ips`.", default: .list([])),
            SettingSpec("startup_script", .string, "Shell script every node runs at boot, after its mounts and before slurmd starts.", default: .string("# no-op")),
            SettingSpec("network_storage", .list(CommonSettings.mountContract), "Filesystems mounted on this nodeset's nodes only.", default: .list([])),
        ] + CommonSettings.instance(machineType: "c2-standard-60", diskType: "pd-standard", diskSize: 50, onHostMaintenance: "TERMINATE")
          + CommonSettings.moot(mootNodesetSettings) + CommonSettings.unsupported(unsupportedNodesetSettings)
          + CommonSettings.deprecated([
            ("instance_template", "set the instance properties directly"),
            ("service_account", "use service_account_email and service_account_scopes"),
            ("disable_public_ips", "use enable_public_ips"),
          ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of a partition"
    )

    static let mootNodesetSettings: [(String, SettingType, Value?, String)] = [
        ("machine_configs", .any, .map([:]), "hpcc takes CPUs, memory and GPUs from its machine catalog, and node_conf overrides them"),
    ]

    static let unsupportedNodesetSettings: [(String, SettingType, Value?, String)] = [
        ("dws_flex", .any, .map(["enabled": .bool(false)]), "Dynamic Workload Scheduler flex start"),
        ("future_reservation", .string, .string(""), "future reservations"),
        ("accelerator_topology", .string, nil, "accelerator topologies"),
        ("placement_max_distance", .number, nil, "a maximum distance in the placement policy"),
        ("maintenance_interval", .string, nil, "maintenance intervals"),
        ("instance_properties", .any, nil, "raw instance properties"),
        ("enable_maintenance_reservation", .bool, .bool(false), "maintenance reservations"),
        ("enable_opportunistic_maintenance", .bool, .bool(false), "opportunistic maintenance"),
        ("zone_target_shape", .string, .string("ANY_SINGLE_ZONE"),
         "spreading nodes over zones (ANY, BALANCED); hpcc creates each node in `zone`, and in `zones` in order when a zone has no capacity"),
        ("additional_networks", .any, .list([]), "additional network interfaces"),
        ("subnetwork_stack_type", .string, .string("IPV4_ONLY"), "dual-stack (IPv6) node interfaces"),
        ("confidential_instance_type", .string, nil, "confidential instance types other than the one enable_confidential_vm turns on"),
    ] + CommonSettings.instanceNotSupported

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case nodeset = "nodeset"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .nodeset: (.map(.any), "The nodeset, for a partition's `nodeset` input.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Nodeset? {
        NodesetLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: Nodeset, module: ModuleID, into roots: inout TerraformRoots) {
        // Emitted with its cluster by the controller that claims it (`SlurmControllerModule`).
    }

    static func value(of output: Output, entity: Nodeset, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}
