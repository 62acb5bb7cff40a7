/// Lower stage: resolved blueprint → `Deployment` IR. Modules lower in dependency order; each
/// leaves what it became (`LoweredEntity`) and the outputs hpcc knows at compile time, so the
/// modules that use it can link to it.
struct Lowering: Sendable {
    /// Machine types for node shapes.
    var machines: MachineCatalog
    /// Where runner `source` files are read from.
    var files: BlueprintFiles

    /// Creates the stage.
    init(machines: MachineCatalog = .gcp, files: BlueprintFiles = .none) {
        self.machines = machines
        self.files = files
    }

    /// Lowers `resolved`; nil when an error was reported.
    func lower(_ resolved: ResolvedBlueprint, into diagnostics: inout Diagnostics) -> Deployment? {
        let declared = resolved.blueprint.machineTypes
        for type in declared where machines.lists(type.machine.name) {
            let known = machines.machine(type.machine.name)
            diagnostics.report(
                .settingNoEffect,
                "machine type '\(type.machine.name)' is in hpcc's catalog"
                    + (known.map { " (\($0.vCPUs) vCPUs, \(DeploymentSummary.memory($0.memoryMiB)))" } ?? "")
                    + "; its declaration is not used",
                at: type.location, help: "remove it from machine_types")
        }
        let files = files.staging(resolved.stagedFiles)
        let context = LoweringContext(
            resolved: resolved, machines: machines.declaring(declared.map(\.machine)), files: files)
        context.deployment.stagedCopies = StagedCopy.read(
            resolved.stagedFiles, files: files, blueprint: resolved.blueprint.file, diagnostics: &diagnostics)
        GroupClouds.assign(to: &context.deployment, resolved: resolved, diagnostics: &diagnostics)
        PackerGroups.check(resolved, diagnostics: &diagnostics)
        // Every module lowers, also when an earlier stage or another module reported errors, so
        // one run finds every independent mistake. A module that could not become an entity is
        // skipped where others read it (`SettingReader.readsUnlowered`); one that became an entity
        // despite errors is `flawed`, and rules that judge the whole of what reads it hold back.
        for id in resolved.order {
            guard let module = resolved.module(id) else { continue }
            var found = Diagnostics()
            if let definition = BuiltInModules.definition(module.schema.source),
                let entity = definition.lowerEntity(
                    SettingReader(module: module, context: context), diagnostics: &found)
            {
                context.entities[id] = entity
            }
            // A setting whose wrong value Resolve reported lowered with its default: what the
            // rules say at that value would repeat the mistake.
            let standIns = Set(module.standIns.values)
            var errors = 0
            for diagnostic in found.all where diagnostic.location.map({ !standIns.contains($0) }) ?? true {
                diagnostics.report(diagnostic)
                if diagnostic.severity == .error { errors += 1 }
            }
            if errors > 0 && context.entities[id] != nil { context.flawed.insert(id) }
        }
        ParallelClusterRules.checkOwnership(context, diagnostics: &diagnostics)
        ClusterMembers.checkClaimed(context, diagnostics: &diagnostics)
        context.exposeOutputs(diagnostics: &diagnostics)
        context.recordModules()
        return diagnostics.hasErrors ? nil : context.deployment
    }
}

/// State of the Lower stage. A class, so that the `SettingReader` each module's lowering gets
/// refers to it instead of holding a copy: with a copy alive, every module's first write to
/// `entities`, `knownOutputs` or `deployment` copied the whole collection, which made Lower
/// quadratic in the number of modules.
final class LoweringContext {
    let resolved: ResolvedBlueprint
    let machines: MachineCatalog
    let files: BlueprintFiles
    var deployment: Deployment
    /// What each lowered module became.
    var entities: [ModuleID: LoweredEntity] = [:]
    /// Outputs known at compile time, per module.
    var knownOutputs: [ModuleID: [String: Value]] = [:]
    /// Partitions and login groups already claimed by a controller.
    var claimedBy: [ModuleID: ModuleID] = [:]
    /// Members (partitions, nodesets, login groups) a Slurm module read in a way that links
    /// nothing, reported already (`SettingReader.memberLinks`).
    var misLinked: Set<ModuleID> = []
    /// Modules that became entities although they reported errors (a filesystem of a size the
    /// service does not offer): their users lower, but do not judge them as a whole.
    var flawed: Set<ModuleID> = []

    init(resolved: ResolvedBlueprint, machines: MachineCatalog, files: BlueprintFiles) {
        self.resolved = resolved
        self.machines = machines
        self.files = files
        let variables = resolved.variables
        deployment = Deployment(
            name: resolved.deploymentName ?? "",
            blueprintName: resolved.blueprint.name?.value ?? "",
            groups: resolved.blueprint.groups.map { group in
                TerraformGroup(
                    name: group.name.value, backend: resolved.backends[group.name.value],
                    providers: resolved.providers[group.name.value] ?? [],
                    project: variables["project_id"]?.string, region: variables["region"]?.string,
                    zone: variables["zone"]?.string
                )
            }
        )
        for module in resolved.modules {
            deployment.moduleSources[module.id] = module.schema.source
        }
    }

    /// Whether a reference names a whole list output of its module.
    func schemaOutputIsList(_ reference: OutputReference) -> Bool {
        resolved.module(reference.module)?.schema.output(reference.output)?.type.isList ?? false
    }

    /// The known value of `reference` (with its path applied), if any.
    func known(_ module: ModuleID, _ output: String, path: [Accessor]) -> Value? {
        guard var value = knownOutputs[module]?[output] ?? computedKnown(module, output) else { return nil }
        for step in path {
            switch (step, value) {
            case let (.index(index), .list(elements)) where elements.indices.contains(index): value = elements[index]
            case let (.key(key), .map(members)) where members[key] != nil: value = members[key]!
            default: return nil
            }
        }
        return value
    }

    /// The known value of `reference`: its path applied, then the members a deferred `merge()`
    /// writes over it; nil when unknown, or when merged members meet something not an object.
    func known(_ reference: OutputReference) -> Value? {
        guard let value = known(reference.module, reference.output, path: reference.path) else { return nil }
        if reference.merged.isEmpty { return value }
        guard var members = value.map else { return nil }
        members.merge(reference.merged) { _, written in written }
        return .map(members)
    }

    /// A known output the module's type reads from its entity when asked.
    private func computedKnown(_ module: ModuleID, _ output: String) -> Value? {
        guard let entity = entities[module], let source = resolved.module(module)?.schema.source else { return nil }
        return BuiltInModules.definition(source)?.knownValue(of: output, entity: entity)
    }

    /// The origin of a module's resources: its group and labels (hpcc's merged under the user's).
    func origin(of module: ResolvedModule, userLabels: [String: String]) -> Origin {
        var labels = [
            "hpcc_blueprint": deployment.blueprintName,
            "hpcc_deployment": LabelValue.sanitize(deployment.name),
            "hpcc_module": LabelValue.sanitize(module.id.rawValue),
        ]
        labels.merge(userLabels) { _, user in user }
        return Origin(module: module.id, group: module.declaration.group, labels: labels)
    }

    /// What each module became, with the outputs known at compile time, for the emitters.
    func recordModules() {
        for module in resolved.modules {
            guard let entity = entities[module.id] else { continue }
            deployment.modules[module.id] = LoweredModule(
                source: module.schema.source, entity: entity, knownOutputs: knownOutputs[module.id] ?? [:],
                terraformGroup: module.schema.cloud == .onPremises ? nil : module.declaration.group
            )
        }
    }

    /// Module outputs listed under `outputs:`, and the default ones, become Terraform outputs of their group.
    func exposeOutputs(diagnostics: inout Diagnostics) {
        for module in resolved.modules where entities[module.id] != nil {
            let listed = Set(module.declaration.exposedOutputs.map(\.name.value))
            // A filesystem ParallelCluster creates has no resource of this deployment to read outputs from.
            let createdLater =
                entities[module.id]?.as(SharedFilesystem.self)?.backing.isCreatedByParallelCluster ?? false
            let defaults = BuiltInModules.definition(module.schema.source)?.defaultOutputNames ?? []
            for name in defaults where !listed.contains(name) && !createdLater {
                let reference = ModuleReference(
                    module: module.id, output: name, path: [], known: known(module.id, name, path: []))
                deployment.exposedOutputs.append(
                    ExposedModuleOutput(
                        reference: reference, description: module.schema.output(name)?.description, sensitive: false))
            }
            for exposed in module.declaration.exposedOutputs {
                // A filesystem ParallelCluster creates exists only once the cluster does: this
                // deployment's Terraform has nothing to read its outputs from.
                if createdLater, module.schema.output(exposed.name.value) != nil {
                    diagnostics.report(
                        .keyNoEffect,
                        """
                        module '\(module.id)' is created by ParallelCluster with its cluster, so output \
                        '\(exposed.name.value)' has no value in this deployment and is not exported
                        """,
                        at: exposed.name.location,
                        help: "remove it from 'outputs', or set `managed_by: terraform` to create the filesystem here")
                    continue
                }
                // Machines that exist already have no Terraform root to export from.
                if module.schema.cloud == .onPremises, module.schema.output(exposed.name.value) != nil {
                    diagnostics.report(
                        .keyNoEffect,
                        """
                        module '\(module.id)' describes existing machines and has no Terraform root, so output \
                        '\(exposed.name.value)' is not exported
                        """,
                        at: exposed.name.location,
                        help:
                            """
                            other modules read it directly as $(\(module.id).\(exposed.name.value)); remove it from \
                            'outputs'
                            """
                    )
                    continue
                }
                guard module.schema.output(exposed.name.value) != nil else {
                    let correction = Suggestion.correction(
                        for: exposed.name.value, at: exposed.name.location, in: module.schema.outputs.map(\.name))
                    diagnostics.report(
                        .unknownOutput,
                        "module '\(module.id)' (\(module.schema.source)) has no output '\(exposed.name.value)'",
                        at: exposed.name.location, help: correction.help, fixes: correction.fixes)
                    continue
                }
                let reference = ModuleReference(
                    module: module.id, output: exposed.name.value, path: [],
                    known: known(module.id, exposed.name.value, path: []))
                deployment.exposedOutputs.append(
                    ExposedModuleOutput(
                        reference: reference, description: exposed.description, sensitive: exposed.sensitive))
            }
        }
    }
}

/// GCP label values derived from names.
enum LabelValue {
    /// Lowercased, with characters labels cannot hold replaced by '-', at most 63.
    static func sanitize(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.lowercased().unicodeScalars.map { scalar in
                    NameRules.isLower(scalar) || NameRules.isDigit(scalar) || scalar == "_" || scalar == "-"
                        ? scalar : "-"
                }
            ).prefix(63))
    }
}
