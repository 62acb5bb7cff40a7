/// `community/modules/compute/schedmd-slurm-gcp-v6-nodeset`: one module, whole.
enum SlurmNodesetModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `InstanceKey`'s.
    enum Key {
        static let name = SettingKey<String>("name")
        static let staticCount = SettingKey<Int>("node_count_static")
        static let dynamicMax = SettingKey<Int>("node_count_dynamic_max")
        static let nodeConf = SettingKey<Value>("node_conf")
        static let spot = SettingKey<Bool>("enable_spot_vm")
        static let placement = SettingKey<Bool>("enable_placement")
        static let reservation = SettingKey<String>("reservation_name")
        static let zones = SettingKey<[String]>("zones")
        static let publicIPs = SettingKey<Bool>("enable_public_ips")
        static let startupScript = SettingKey<String>("startup_script")
        static let additionalNetworks = SettingKey<Value>("additional_networks")
        static let dwsFlex = SettingKey<Value>("dws_flex")
        static let acceleratorTopology = SettingKey<String>("accelerator_topology")
    }

    static let schema = ModuleSchema(
        source: "community/modules/compute/schedmd-slurm-gcp-v6-nodeset", cloud: .gcp,
        summary: "Slurm nodeset: one machine shape, static and autoscaled nodes",
        description: """
            A group of identical Slurm compute nodes. hpcc reads the node shape (CPUs, sockets, cores, \
            threads, memory, GPUs) from its machine catalog at compile time and writes the NodeName and \
            NodeSet lines; Terraform gets one instance template per nodeset and the static nodes.
            """,
        settings: [
            SettingSpec(
                Key.name, .string,
                "Nodeset name; defaults to the module id. Only lowercase letters and digits are kept, at most 14.",
                required: true, defaultsToModuleID: true),
            CommonSettings.project, CommonSettings.region, CommonSettings.zone, CommonSettings.labels,
            CommonSettings.subnetwork,
            SettingSpec(
                Key.staticCount, .number, "Nodes that always run (never suspended).", default: .int(0),
                constraints: [.integer, .range(min: 0, max: 10000)]),
            SettingSpec(
                Key.dynamicMax, .number, "Nodes Slurm creates on demand and deletes when idle.", default: .int(10),
                constraints: [.integer, .range(min: 0, max: 10000)]),
            SettingSpec(
                Key.nodeConf, .map(.any),
                """
                Extra `KEY=VALUE` pairs for the NodeName line; they override hpcc's values (e.g. `RealMemory`, \
                `Features`). `Sockets` is not allowed (set `SocketsPerBoard`).
                """,
                default: .map([:])),
            SettingSpec(
                InstanceKey.smt, .bool,
                """
                Simultaneous multithreading; when set it decides `advanced_machine_features.threads_per_core` (false: \
                1, true: 2).
                """
            ),
            SettingSpec(Key.spot, .bool, "Create nodes as Spot VMs.", default: .bool(false)),
            SettingSpec(
                InstanceKey.spotConfig, .object([.required("termination_action", .string)]),
                "What Compute Engine does to a preempted Spot node (`STOP` or `DELETE`)."),
            SettingSpec(
                Key.placement, .bool,
                "Place the nodes close together with a compact placement policy (machine families that support it).",
                default: .bool(true)),
            SettingSpec(
                Key.reservation, .string,
                "A specific reservation to consume (`NAME` or `projects/P/reservations/NAME`).", default: .string(""),
                constraints: [
                    .pattern(
                        "((projects/[a-z0-9-]+/reservations/)?[a-z0-9-]+)?",
                        description: "a reservation name or `projects/P/reservations/NAME`")
                ]),
            SettingSpec(
                Key.zones, .list(.string), "More zones (of the region) the nodes may be created in, after `zone`.",
                default: .list([])),
            SettingSpec(Key.publicIPs, .bool, "Give nodes external addresses.", default: .bool(false)),
            SettingSpec(
                InstanceKey.accessConfig, .list(CommonSettings.accessConfig),
                "Explicit external access configurations; they win over `enable_public_ips`.", default: .list([])),
            SettingSpec(
                Key.startupScript, .string,
                "Shell script every node runs at boot, after its mounts and before slurmd starts.",
                default: .string("# no-op")),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                "Filesystems mounted on this nodeset's nodes only.", default: .list([])),
            SettingSpec(
                Key.additionalNetworks, .list(AdditionalNetworks.entryType),
                """
                Network interfaces after the first (RDMA and extra VPC NICs), in order: entries, or a network \
                module's `instance_additional_networks`, `subnetwork_interfaces` or `additional_networks`.
                """,
                default: .list([])),
            SettingSpec(
                Key.dwsFlex, dwsFlexType,
                """
                Dynamic Workload Scheduler flex start: nodes wait for capacity and are deleted after \
                `max_run_duration` seconds.
                """,
                default: .map(["enabled": .bool(false)])),
            SettingSpec(
                Key.acceleratorTopology, .string,
                "Accelerator slice shape (`1x72`) the compact placement policy asks for; needs enable_placement.",
                constraints: [.pattern("[0-9]+(x[0-9]+)+", description: "a shape such as `1x72`")]),
        ]
            + CommonSettings.instance(
                machineType: "c2-standard-60", diskType: .standard, diskSize: 50, onHostMaintenance: .terminate)
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
        (
            "machine_configs", .any, .map([:]),
            "hpcc takes CPUs, memory and GPUs from its machine catalog, and node_conf overrides them"
        )
    ]

    static let unsupportedNodesetSettings: [(String, SettingType, Value?, String)] =
        [
            ("future_reservation", .string, .string(""), "future reservations"),
            ("placement_max_distance", .number, nil, "a maximum distance in the placement policy"),
            ("maintenance_interval", .string, nil, "maintenance intervals"),
            ("instance_properties", .any, nil, "raw instance properties"),
            ("enable_maintenance_reservation", .bool, .bool(false), "maintenance reservations"),
            ("enable_opportunistic_maintenance", .bool, .bool(false), "opportunistic maintenance"),
            (
                "zone_target_shape", .string, .string("ANY_SINGLE_ZONE"),
                """
                spreading nodes over zones (ANY, BALANCED); hpcc creates each node in `zone`, and in `zones` in order \
                when a zone has no capacity
                """
            ),
            ("subnetwork_stack_type", .string, .string("IPV4_ONLY"), "dual-stack (IPv6) node interfaces"),
            (
                "confidential_instance_type", .string, nil,
                "confidential instance types other than the one enable_confidential_vm turns on"
            ),
        ]

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
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let rawName = settings.read(Key.name, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let staticCount = settings.read(Key.staticCount, diagnostics: &diagnostics),
            let dynamicMax = settings.read(Key.dynamicMax, diagnostics: &diagnostics),
            var instance = InstanceLowering.properties(
                settings, origin: origin, publicIP: Key.publicIPs,
                spot: settings.read(defaulted: Key.spot, diagnostics: &diagnostics),
                diagnostics: &diagnostics)
        else { return nil }
        let name = sanitizedName(rawName)
        if name.isEmpty {
            diagnostics.report(
                .invalidName, "nodeset name '\(rawName)' keeps no lowercase letter or digit",
                at: settings.location(Key.name),
                help: "set 'name' to lowercase letters and digits")
            return nil
        }
        if staticCount + dynamicMax == 0 {
            diagnostics.report(
                .constraintViolation,
                "nodeset '\(name)' has no nodes: node_count_static and node_count_dynamic_max are both 0",
                at: settings.location(Key.dynamicMax))
        }
        let zones = checkedZones(settings, nodeset: name, region: region, zone: zone, diagnostics: &diagnostics)
        InstanceLowering.checkZoneOffering(
            instance.machine, attachedGPU: instance.attachedGPU,
            zones: zones.map { candidate in
                let at = candidate == zone ? settings.location(CommonKey.zone) : settings.location(Key.zones)
                return (candidate, at)
            },
            anyOf: true, what: "nodeset '\(name)'", diagnostics: &diagnostics)
        var placement = settings.read(defaulted: Key.placement, diagnostics: &diagnostics)
        if placement, !instance.machine.supportsCompactPlacement {
            if settings.isChosen(Key.placement) {
                diagnostics.report(
                    .settingNoEffect,
                    "compact placement is not available for \(instance.machine.name); nodes are placed normally",
                    at: settings.location(Key.placement))
            }
            placement = false
        }
        if instance.scheduling.spot, instance.scheduling.preemptible {
            diagnostics.report(
                .constraintViolation, "a nodeset is either Spot (enable_spot_vm) or preemptible, not both",
                at: settings.location(Key.spot))
        }
        let reservation = settings.read(Key.reservation, diagnostics: &diagnostics).flatMap { $0.isEmpty ? nil : $0 }
        instance.additionalNetworks = AdditionalNetworks.interfaces(
            settings, key: Key.additionalNetworks, diagnostics: &diagnostics)
        instance.scheduling.flexStartMaxRun = flexStart(
            settings, staticCount: staticCount, reservation: reservation, scheduling: instance.scheduling,
            diagnostics: &diagnostics)
        let topology = acceleratorTopology(settings, placement: placement, diagnostics: &diagnostics)
        if reservation != nil, zones.count > 1 {
            diagnostics.report(
                .constraintViolation, "a nodeset that consumes a reservation cannot list extra zones",
                at: settings.location(Key.zones))
        }
        let nodeset = Nodeset(
            origin: origin, name: name, staticCount: staticCount, dynamicMax: dynamicMax, instance: instance,
            shape: NodeShape.shape(instance), zones: zones, reservation: reservation, placement: placement,
            acceleratorTopology: topology,
            extraConfiguration: nodeConfiguration(settings, diagnostics: &diagnostics),
            startupScript: settings.text(defaulted: Key.startupScript),
            mounts: settings.mounts(CommonKey.networkStorage, diagnostics: &diagnostics)
        )
        return nodeset
    }

    static func knownValue(of output: Output, entity: Nodeset) -> Value? {
        switch output {
        case .nodeset: description(entity)
        }
    }

    static func emit(_ entity: Nodeset, module: ModuleID, into roots: inout TerraformRoots) {
        // Emitted with its cluster by the controller that claims it (`SlurmControllerModule`).
    }

    static func value(of output: Output, entity: Nodeset, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}
