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
        for element in settings.value(Key.partitions).list ?? [] {
            guard let (module, entity) = linked(element, Key.partitions, diagnostics: &diagnostics),
                let lowered = entity.as(LoweredPartition.self)
            else { continue }
            guard claim(module, in: context, diagnostics: &diagnostics) else { continue }
            partitions.append(lowered.partition)
            lowered.nodesets.forEach { add($0) }
        }
        for element in settings.value(Key.nodeset).list ?? [] {
            guard let (_, entity) = linked(element, Key.nodeset, diagnostics: &diagnostics) else { continue }
            if let nodeset = entity.as(Nodeset.self) { add(nodeset) }
            entity.as(LoweredPartition.self)?.nodesets.forEach { add($0) }
        }
        for element in settings.value(Key.loginNodes).list ?? [] {
            guard let (module, entity) = linked(element, Key.loginNodes, diagnostics: &diagnostics),
                let group = entity.as(LoginGroup.self)
            else { continue }
            guard claim(module, in: context, diagnostics: &diagnostics) else { continue }
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

    private mutating func linked(
        _ element: Value, _ setting: SettingKey<Value>, diagnostics: inout Diagnostics
    ) -> (ModuleID, LoweredEntity)? {
        if settings.readsIncomplete(element) { incomplete = true }
        if settings.readsUnlowered(element) { return nil }
        guard let link = settings.entity(of: element) else {
            if !element.isLiteral || element.map != nil {
                diagnostics.report(
                    .notKnownAtCompileTime,
                    "'\(setting.name)' of module '\(settings.id)' takes modules through 'use', not literal values",
                    at: settings.location(setting))
            }
            return nil
        }
        return link
    }

    /// A partition or login group belongs to one controller.
    private func claim(_ module: ModuleID, in context: LoweringContext, diagnostics: inout Diagnostics) -> Bool {
        if let owner = context.claimedBy[module], owner != settings.id {
            diagnostics.report(
                .sharedByControllers, "'\(module)' is already part of the cluster of '\(owner)'",
                at: settings.location(Key.partitions),
                help: "declare a separate partition or login module for each controller")
            return false
        }
        context.claimedBy[module] = settings.id
        return true
    }
}
