/// Lower stage: resolved blueprint → `Deployment` IR. Modules lower in dependency order; each
/// leaves what it became (`LoweredEntity`) and the outputs hpcc knows at compile time, so the
/// modules that use it can link to it.
public struct Lowering: Sendable {
    /// Machine types for node shapes.
    public var machines: MachineCatalog
    /// Where runner `source` files are read from.
    public var files: BlueprintFiles

    /// Creates the stage.
    public init(machines: MachineCatalog = .gcp, files: BlueprintFiles = .none) {
        self.machines = machines
        self.files = files
    }

    /// Lowers `resolved`; nil when an error was reported.
    public func lower(_ resolved: ResolvedBlueprint, into diagnostics: inout Diagnostics) -> Deployment? {
        var context = LoweringContext(resolved: resolved, machines: machines, files: files)
        GroupClouds.assign(to: &context.deployment, resolved: resolved, diagnostics: &diagnostics)
        // Every module lowers, also when an earlier stage or another module reported errors, so
        // one run finds every independent mistake. A module that could not become an entity is
        // skipped where others read it (`SettingReader.readsUnlowered`); one that became an entity
        // despite errors is `flawed`, and rules that judge the whole of what reads it hold back.
        for id in resolved.order {
            guard let module = resolved.module(id) else { continue }
            var found = Diagnostics()
            dispatch(SettingReader(module: module, context: context), into: &context, diagnostics: &found)
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
        context.exposeOutputs(diagnostics: &diagnostics)
        return diagnostics.hasErrors ? nil : context.deployment
    }

    /// The module's own lowering, by its kind.
    private func dispatch(_ settings: SettingReader, into context: inout LoweringContext, diagnostics: inout Diagnostics) {
        switch settings.schema.kind {
        case .vpc: VPCLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .privateServiceAccess: PrivateServiceAccessLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .filestore: FilestoreLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .managedLustre: ManagedLustreLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .cloudStorageBucket: CloudStorageBucketLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .notebook: NotebookLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .slurmNodeset: NodesetLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .slurmPartition: PartitionLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .slurmLogin: LoginLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .slurmController: ControllerLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .preExistingVPC: PreExistingVPCLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .preExistingNetworkStorage: PreExistingNetworkStorageLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .serviceAccount: ServiceAccountLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .startupScript: StartupScriptLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .pubsubTopic: PubSubTopicLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .awsVPC: AWSVPCLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .efs: EFSLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .fsxLustre: FSxLustreLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .slurmAccounting: SlurmAccountingLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .parallelCluster: ParallelClusterLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .htcGrid: HTCGridLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .existingSlurm: ExistingSlurmLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .bwVisu: BwVisuLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        case .hpcStats: HPCStatsLowering.lower(settings, into: &context, diagnostics: &diagnostics)
        }
    }
}

/// What a module became, for the modules that use it.
enum LoweredEntity: Hashable {
    case network(Network)
    case awsNetwork(AWSNetwork)
    case importedNetwork(ImportedNetwork)
    case serviceAccount(ManagedServiceAccount)
    case startupScript(StartupScript)
    case topic(PubSubTopic)
    case privateServiceAccess(PrivateServiceAccess)
    case filesystem(SharedFilesystem)
    case nodeset(Nodeset)
    case partition(Partition, [Nodeset])
    case loginGroup(LoginGroup)
    case cluster(String)
    case workbench(Workbench)
    case accountingDatabase(AccountingDatabase)
    case parallelCluster(ParallelCluster)
    case htcGrid(HTCGrid)
    case onPremCluster(OnPremCluster)
    case bwVisu(BwVisu)
    case hpcStats(HPCStatsSetup)
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
                    project: variables["project_id"]?.string, region: variables["region"]?.string, zone: variables["zone"]?.string
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
        guard var value = knownOutputs[module]?[output] else { return nil }
        for step in path {
            switch (step, value) {
            case let (.index(index), .list(elements)) where elements.indices.contains(index): value = elements[index]
            case let (.key(key), .map(members)) where members[key] != nil: value = members[key]!
            default: return nil
            }
        }
        return value
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

    /// Outputs every deployment exposes without being asked: how to reach the cluster and what
    /// other tools need to attach to its network and storage.
    static let defaultOutputs: [ModuleKind: [String]] = [
        .vpc: ["network_id", "subnetwork_self_link"],
        .awsVPC: ["vpc_id", "private_subnet_ids", "security_group_id"],
        .efs: ["network_storage", "efs_id"],
        .fsxLustre: ["network_storage", "fsx_id"],
        .slurmAccounting: ["slurm_database", "database_endpoint", "password_secret_arn"],
        .parallelCluster: ["cluster_name", "cluster_config", "key_pair_name", "private_key_parameter"],
        .htcGrid: ["api_url", "state_table_name", "task_queue_urls", "payload_bucket", "redis_endpoint", "eks_cluster_name"],
        .filestore: ["network_storage"],
        .managedLustre: ["network_storage"],
        .serviceAccount: ["service_account_email"],
        .pubsubTopic: ["topic_id"],
        .cloudStorageBucket: ["network_storage", "gcs_bucket_path"],
        .notebook: ["proxy_uri"],
        .slurmController: ["slurm_cluster_name", "slurm_controller_instance", "slurm_bucket_path", "instructions"],
    ]

    /// Module outputs listed under `outputs:`, and the default ones, become Terraform outputs of their group.
    func exposeOutputs(diagnostics: inout Diagnostics) {
        for module in resolved.modules where entities[module.id] != nil {
            let listed = Set(module.declaration.exposedOutputs.map(\.name.value))
            // A filesystem ParallelCluster creates has no resource of this deployment to read outputs from.
            let createdLater = if case let .filesystem(filesystem)? = entities[module.id] { filesystem.backing.isCreatedByParallelCluster } else { false }
            for name in Self.defaultOutputs[module.schema.kind] ?? [] where !listed.contains(name) && !createdLater {
                let reference = ModuleReference(module: module.id, output: name, path: [], known: known(module.id, name, path: []))
                deployment.exposedOutputs.append(ExposedModuleOutput(reference: reference, description: module.schema.output(name)?.description, sensitive: false))
            }
            for exposed in module.declaration.exposedOutputs {
                // Machines that exist already have no Terraform root to export from.
                if module.schema.cloud == .onPremises, module.schema.output(exposed.name.value) != nil {
                    diagnostics.report(.keyNoEffect, "module '\(module.id)' describes existing machines and has no Terraform root, so output '\(exposed.name.value)' is not exported",
                                       at: exposed.name.location, help: "other modules read it directly as $(\(module.id).\(exposed.name.value)); remove it from 'outputs'")
                    continue
                }
                guard module.schema.output(exposed.name.value) != nil else {
                    diagnostics.report(.unknownOutput, "module '\(module.id)' (\(module.schema.source)) has no output '\(exposed.name.value)'",
                                       at: exposed.name.location, help: Suggestion.help(for: exposed.name.value, in: module.schema.outputs.map(\.name)))
                    continue
                }
                let reference = ModuleReference(module: module.id, output: exposed.name.value, path: [],
                                                known: known(module.id, exposed.name.value, path: []))
                deployment.exposedOutputs.append(ExposedModuleOutput(reference: reference, description: exposed.description, sensitive: exposed.sensitive))
            }
        }
    }
}

/// GCP label values derived from names.
enum LabelValue {
    /// Lowercased, with characters labels cannot hold replaced by '-', at most 63.
    static func sanitize(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.map { scalar in
            NameRules.isLower(scalar) || NameRules.isDigit(scalar) || scalar == "_" || scalar == "-" ? scalar : "-"
        }).prefix(63))
    }
}
