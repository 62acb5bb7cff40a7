/// `community/modules/compute/schedmd-slurm-gcp-v6-partition`: one module, whole.
enum SlurmPartitionModule: BuiltInModule {
    /// The module's settings.
    enum Key {
        static let name = SettingKey<String>("partition_name")
        static let partitionConf = SettingKey<[String: String]>("partition_conf")
        static let isDefault = SettingKey<Bool>("is_default")
        static let exclusive = SettingKey<Bool>("exclusive")
        static let nodeset = SettingKey<Value>("nodeset")
        static let nodesetTPU = SettingKey<Value>("nodeset_tpu")
        static let resumeTimeout = SettingKey<Int>("resume_timeout")
        static let suspendTime = SettingKey<Int>("suspend_time")
        static let suspendTimeout = SettingKey<Int>("suspend_timeout")
    }

    static let schema = ModuleSchema(
        source: "community/modules/compute/schedmd-slurm-gcp-v6-partition", cloud: .gcp,
        summary: "Slurm partition over one or more nodesets",
        description: """
            A Slurm partition. It collects the nodesets it `use`s and becomes a PartitionName line in \
            slurm.conf and a child group of `slurm_compute` in the Ansible inventory.
            """,
        settings: [
            SettingSpec(
                Key.name, .string, "Slurm partition name.", required: true,
                constraints: [
                    .pattern(
                        "[a-z][a-z0-9-]*", description: "a lowercase letter, then lowercase letters, digits or '-'"),
                    .maxLength(63),
                ]),
            SettingSpec(
                Key.partitionConf, .map(.string),
                "Extra `KEY=VALUE` pairs for the PartitionName line; they override hpcc's values.", default: .map([:])),
            SettingSpec(Key.isDefault, .bool, "Make it the default partition (`Default=YES`).", default: .bool(false)),
            SettingSpec(
                Key.exclusive, .bool,
                """
                One job per node (`OverSubscribe=EXCLUSIVE`); idle nodes are deleted after `suspend_time`. Static \
                nodes need false.
                """,
                default: .bool(true)),
            SettingSpec(
                Key.nodeset, .list(.map(.any)),
                "The nodesets: from `use`, or whole `nodeset` outputs (`$(n.nodeset)`).", default: .list([])),
            SettingSpec(
                Key.nodesetTPU, .list(.map(.any)),
                """
                The TPU nodesets: from `use`, or whole `nodeset_tpu` outputs. A partition holds TPU nodesets or \
                other nodesets, not both.
                """,
                default: .list([])),
            SettingSpec(
                Key.resumeTimeout, .number,
                """
                Seconds a node may take to boot and register (`ResumeTimeout`); unset, the controller's \
                `cloud_parameters.resume_timeout` applies.
                """,
                constraints: [.integer, .range(min: 1, max: 65535)]),
            SettingSpec(
                Key.suspendTime, .number, "Idle seconds before a node is deleted (`SuspendTime`); -1 never.",
                default: .int(300), constraints: [.integer, .range(min: -1, max: nil)]),
            SettingSpec(
                Key.suspendTimeout, .number,
                """
                Seconds a node may take to shut down (`SuspendTimeout`); unset, the controller's \
                `cloud_parameters.suspend_timeout` applies.
                """,
                constraints: [.integer, .range(min: 1, max: nil)]),
        ]
            + CommonSettings.unsupported([
                ("nodeset_dyn", .list(.any), .list([]), "dynamic nodesets")
            ])
            + CommonSettings.deprecated([
                ("network_storage", "set network_storage on the nodeset")
            ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of a Slurm controller"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case partitions = "partitions"
        case nodeset = "nodeset"
        case nodesetTPU = "nodeset_tpu"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .partitions: (.list(.map(.any)), "The partition, for the controller's `partitions` input.")
            case .nodeset: (.list(.map(.any)), "The partition's nodesets of instances, passed through.")
            case .nodesetTPU: (.list(.map(.any)), "The partition's TPU nodesets, passed through.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LoweredPartition? {
        guard let name = settings.read(Key.name, diagnostics: &diagnostics),
            let exclusive = settings.read(Key.exclusive, diagnostics: &diagnostics),
            let suspendTime = settings.read(Key.suspendTime, diagnostics: &diagnostics)
        else { return nil }
        let nodesets = collectNodesets(settings, partition: name, diagnostics: &diagnostics)
        let staticNodes = nodesets.filter { $0.staticCount > 0 }
        if exclusive, let first = staticNodes.first {
            diagnostics.report(
                .staticNodesInExclusivePartition,
                """
                partition '\(name)' is exclusive, but nodeset '\(first.name)' has \(first.staticCount) static node(s); \
                exclusive nodes are deleted after each job
                """,
                at: settings.location(Key.exclusive),
                help: "set 'exclusive: false' on the partition, or node_count_static: 0")
        }
        let partition = Partition(
            origin: settings.origin(diagnostics: &diagnostics), name: name, nodesets: unique(nodesets.map(\.name)),
            isDefault: settings.read(defaulted: Key.isDefault, diagnostics: &diagnostics), exclusive: exclusive,
            suspendTime: suspendTime, suspendTimeout: settings.read(Key.suspendTimeout, diagnostics: &diagnostics),
            resumeTimeout: settings.read(Key.resumeTimeout, diagnostics: &diagnostics),
            extraConfiguration: settings.read(defaulted: Key.partitionConf, diagnostics: &diagnostics).filter {
                key, value in
                SlurmText.check(
                    key: key, value: value, setting: Key.partitionConf, settings: settings, diagnostics: &diagnostics)
            }
        )
        return LoweredPartition(partition: partition, nodesets: nodesets)
    }

    static func knownValue(of output: Output, entity: LoweredPartition) -> Value? {
        switch output {
        case .partitions:
            .list([
                .map([
                    "partition_name": .string(entity.partition.name),
                    "partition_nodeset": .list(entity.partition.nodesets.map(Value.string)),
                    "exclusive": .bool(entity.partition.exclusive),
                ])
            ])
        case .nodeset: .list(entity.nodesets.filter { $0.tpu == nil }.map(SlurmNodesetModule.description))
        case .nodesetTPU: .list(entity.nodesets.filter { $0.tpu != nil }.map(SlurmNodesetModule.description))
        }
    }

    /// The nodesets of the `nodeset` setting, those of partitions it names included; reports a
    /// partition that ends up with none, unless a module it reads did not lower.
    private static func collectNodesets(
        _ settings: SettingReader, partition name: String, diagnostics: inout Diagnostics
    ) -> [Nodeset] {
        var nodesets: [Nodeset] = []
        var incomplete = settings.usesUnresolved
        let links =
            settings.memberLinks(
                Key.nodeset, outputs: [Output.nodeset.rawValue], taking: "nodeset modules", incomplete: &incomplete,
                diagnostics: &diagnostics)
            + settings.memberLinks(
                Key.nodesetTPU, outputs: [Output.nodesetTPU.rawValue], taking: "TPU nodeset modules",
                incomplete: &incomplete, diagnostics: &diagnostics)
        for link in links {
            if let nodeset = link.entity.as(Nodeset.self) {
                nodesets.append(nodeset)
            } else if let inner = link.entity.as(LoweredPartition.self) {
                nodesets.append(contentsOf: inner.nodesets)
            }
        }
        // A `use` entry that wired nothing (an explicit `nodeset` won) is reported already.
        if nodesets.isEmpty && !incomplete
            && !settings.context.resolved.idleUses.contains(where: { $0.module == settings.id })
        {
            diagnostics.report(
                .partitionWithoutNodesets, "partition '\(name)' has no nodeset",
                at: settings.module.declaration.id.location,
                help: "add a nodeset module to its 'use' list")
        }
        // TPU nodes run one job each and boot from another API: Slurm partitions keep them apart.
        if let tpu = nodesets.first(where: { $0.tpu != nil }), let other = nodesets.first(where: { $0.tpu == nil }) {
            diagnostics.report(
                .constraintViolation,
                "partition '\(name)' mixes TPU nodeset '\(tpu.name)' with nodeset '\(other.name)'",
                at: settings.location(Key.nodesetTPU), help: "put the TPU nodesets in a partition of their own")
        }
        return nodesets
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    static func emit(_ entity: LoweredPartition, module: ModuleID, into roots: inout TerraformRoots) {
        // Emitted with its cluster by the controller that claims it (`SlurmControllerModule`).
    }

    static func value(of output: Output, entity: LoweredPartition, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}
