/// `schedmd-slurm-gcp-v6-partition` → `Partition` with its nodesets.
enum PartitionLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LoweredPartition? {
        let context = settings.context
        guard let name = settings.string("partition_name", diagnostics: &diagnostics),
              let exclusive = settings.bool("exclusive", diagnostics: &diagnostics),
              let suspendTime = settings.int("suspend_time", diagnostics: &diagnostics)
        else { return nil }
        var nodesets: [Nodeset] = []
        var incomplete = settings.usesUnresolved
        for element in settings.value("nodeset").list ?? [] {
            if settings.readsIncomplete(element) { incomplete = true }
            if settings.readsUnlowered(element) { continue }
            guard let (module, entity) = settings.entity(of: element) else {
                diagnostics.report(.notKnownAtCompileTime, "partition '\(name)' takes nodesets from nodeset modules (through 'use'), not literal values",
                                   at: settings.location("nodeset"))
                continue
            }
            if let nodeset = entity.as(Nodeset.self) {
                nodesets.append(nodeset)
            } else if let inner = entity.as(LoweredPartition.self) {
                nodesets.append(contentsOf: inner.nodesets)
            } else {
                diagnostics.report(.typeMismatch, "partition '\(name)' takes nodesets, but '\(module)' is not a nodeset module", at: settings.location("nodeset"))
            }
        }
        // A `use` entry that wired nothing (an explicit `nodeset` won) is reported already.
        if nodesets.isEmpty && !incomplete && !context.resolved.idleUses.contains(where: { $0.module == settings.id }) {
            diagnostics.report(.partitionWithoutNodesets, "partition '\(name)' has no nodeset", at: settings.module.declaration.id.location,
                               help: "add a nodeset module to its 'use' list")
        }
        let staticNodes = nodesets.filter { $0.staticCount > 0 }
        if exclusive, let first = staticNodes.first {
            diagnostics.report(.staticNodesInExclusivePartition,
                               "partition '\(name)' is exclusive, but nodeset '\(first.name)' has \(first.staticCount) static node(s); exclusive nodes are deleted after each job",
                               at: settings.location("exclusive"), help: "set 'exclusive: false' on the partition, or node_count_static: 0")
        }
        let partition = Partition(
            origin: settings.origin(diagnostics: &diagnostics), name: name, nodesets: unique(nodesets.map(\.name)),
            isDefault: settings.bool("is_default", diagnostics: &diagnostics) ?? false, exclusive: exclusive,
            suspendTime: suspendTime, suspendTimeout: settings.int("suspend_timeout", diagnostics: &diagnostics),
            resumeTimeout: settings.int("resume_timeout", diagnostics: &diagnostics),
            extraConfiguration: settings.stringMap("partition_conf", diagnostics: &diagnostics).filter { key, value in
                SlurmText.check(key: key, value: value, setting: "partition_conf", settings: settings, diagnostics: &diagnostics)
            }
        )
        context.knownOutputs[settings.id] = [
            "partitions": .list([.map([
                "partition_name": .string(partition.name), "partition_nodeset": .list(partition.nodesets.map(Value.string)),
                "exclusive": .bool(partition.exclusive),
            ])]),
            "nodeset": .list(nodesets.map(NodesetLowering.description)),
        ]
        return LoweredPartition(partition: partition, nodesets: nodesets)
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }
}
