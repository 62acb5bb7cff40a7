/// The partitions, nodesets and login groups a controller uses, each claimed by one controller.
struct ClusterMembers {
    /// The controller's settings this reads.
    private typealias Key = SlurmControllerModule.Key

    let settings: SettingReader
    private(set) var partitions: [Partition] = []
    private(set) var nodesets: [Nodeset] = []
    private(set) var loginGroups: [LoginGroup] = []
    /// True when a member comes from a module that did not lower, or lowered with errors: the
    /// cluster may lack a partition it was meant to have.
    private(set) var incomplete = false
    private var nodesetModules: Set<ModuleID> = []

    init(settings: SettingReader) {
        self.settings = settings
        incomplete = settings.usesUnresolved
    }

    mutating func collect(into context: LoweringContext, diagnostics: inout Diagnostics) {
        typealias Partition = SlurmPartitionModule.Output
        for link in links(Key.partitions, [Partition.partitions.rawValue], "partition modules", &diagnostics) {
            guard let lowered = link.entity.as(LoweredPartition.self),
                claim(link, in: context, diagnostics: &diagnostics)
            else { continue }
            partitions.append(lowered.partition)
            lowered.nodesets.forEach { add($0) }
        }
        let nodesetOutputs = [SlurmNodesetModule.Output.nodeset.rawValue, Partition.nodeset.rawValue]
        let tpuOutputs = [SlurmTPUNodesetModule.Output.nodesetTPU.rawValue, Partition.nodesetTPU.rawValue]
        for link in links(Key.nodeset, Set(nodesetOutputs), "nodeset or partition modules", &diagnostics)
            + links(Key.nodesetTPU, Set(tpuOutputs), "TPU nodeset or partition modules", &diagnostics)
        {
            if let nodeset = link.entity.as(Nodeset.self) { add(nodeset) }
            link.entity.as(LoweredPartition.self)?.nodesets.forEach { add($0) }
        }
        let login = SlurmLoginModule.Output.loginNodes.rawValue
        for link in links(Key.loginNodes, [login], "login modules", &diagnostics) {
            guard let group = link.entity.as(LoginGroup.self), claim(link, in: context, diagnostics: &diagnostics)
            else { continue }
            loginGroups.append(group)
        }
    }

    /// A cluster with one partition sends every job there: it is the default.
    mutating func markSoleDefault() {
        if partitions.count == 1 { partitions[0].isDefault = true }
    }

    private mutating func add(_ nodeset: Nodeset) {
        if nodesetModules.insert(nodeset.origin.module).inserted { nodesets.append(nodeset) }
    }

    private mutating func links(
        _ key: SettingKey<Value>, _ outputs: Set<String>, _ what: String, _ diagnostics: inout Diagnostics
    ) -> [MemberLink] {
        settings.memberLinks(key, outputs: outputs, taking: what, incomplete: &incomplete, diagnostics: &diagnostics)
    }

    /// A partition or login group belongs to one controller.
    private func claim(_ link: MemberLink, in context: LoweringContext, diagnostics: inout Diagnostics) -> Bool {
        if context.claimedBy[link.module] == settings.id {
            diagnostics.report(
                .duplicateName, "'\(link.module)' is linked twice to the cluster of '\(settings.id)'", at: link.location
            )
            return false
        }
        if let owner = context.claimedBy[link.module] {
            diagnostics.report(
                .sharedByControllers, "'\(link.module)' is already part of the cluster of '\(owner)'",
                at: link.location,
                help: "declare a separate partition or login module for each controller")
            return false
        }
        context.claimedBy[link.module] = settings.id
        return true
    }
}

extension ClusterMembers {
    /// Login groups, partitions and nodesets become instances and Slurm configuration only as part
    /// of a controller's cluster (as in the Toolkit, where the controller creates them). One that
    /// no cluster took would vanish from the build: an error. Not reported again when no module
    /// reads it (Resolve's HPC3009), when a `use` of it wires nothing (HPC3008), when a Slurm
    /// module read it without linking it (reported there), or when a module that reads it did
    /// not lower.
    static func checkClaimed(_ context: LoweringContext, diagnostics: inout Diagnostics) {
        let clusters = context.entities.values.compactMap { $0.as(SlurmCluster.self) }
        let clustered = Set(clusters.flatMap { $0.nodesets.map(\.origin.module) })
        for module in context.resolved.modules {
            // A `use` that wires nothing is reported already (HPC3008).
            let readers = (context.resolved.dependents[module.id] ?? []).filter { reader in
                !context.resolved.idleUses.contains { $0.module == reader && $0.use.value == module.id }
            }
            guard let entity = context.entities[module.id], context.claimedBy[module.id] == nil,
                !context.misLinked.contains(module.id), !readers.isEmpty,
                readers.allSatisfy({ context.entities[$0] != nil })
            else { continue }
            let what: String
            if entity.as(LoginGroup.self) != nil {
                what = "login module '\(module.id)' is part of no Slurm controller's cluster: no login node is created"
            } else if entity.as(LoweredPartition.self) != nil {
                what =
                    "partition module '\(module.id)' is part of no Slurm controller's cluster: no partition is created"
            } else if entity.as(Nodeset.self) != nil, !clustered.contains(module.id),
                !readers.contains(where: { context.entities[$0]?.as(LoweredPartition.self) != nil })
            {
                what = "nodeset module '\(module.id)' is part of no Slurm controller's cluster: no node is created"
            } else {
                continue
            }
            diagnostics.report(
                .moduleNotUsed, what, at: module.declaration.id.location,
                help: """
                    add it to the 'use' list of a Slurm controller (or of a partition, for a nodeset); the modules \
                    that read it now do not create it
                    """)
        }
    }
}
