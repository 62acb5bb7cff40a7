/// The hpcc compiler: blueprint text in, deployment files and diagnostics out, all in memory.
///
/// ```swift
/// let result = Compiler().compile(SourceFile(name: "atlas.yaml", text: yaml), variables: ["project_id=demo"])
/// if result.succeeded { for file in result.files { print(file.path) } }
/// ```
public struct Compiler: Sendable {
    /// hpcc's version, written into every manifest.
    public static let version = "0.1.0"

    /// Built-in modules.
    public var catalog: ModuleCatalog
    /// Machine types.
    public var machines: MachineCatalog
    /// Files the blueprint names (startup-script runner sources) that may be read: none unless
    /// the caller grants them (`.blueprintFolder`, `.memory`, `.anyFile`).
    public var files: BlueprintFiles

    /// A compiler with the built-in catalogs.
    public init(catalog: ModuleCatalog = .builtIn, machines: MachineCatalog = .gcp, files: BlueprintFiles = .none) {
        self.catalog = catalog
        self.machines = machines
        self.files = files
    }

    /// Compiles `source`. `deploymentFile` (gcluster's `--deployment-file`) gives `vars` and
    /// `terraform_backend_defaults` that override the blueprint's; `variables` are `NAME=VALUE`
    /// overrides of both (values read as YAML), as `--vars` gives them; `undeclaredVariables` says
    /// how one the blueprint does not declare is judged when nothing uses it.
    public func compile(
        _ source: SourceFile, deploymentFile: SourceFile? = nil, variables: [String] = [],
        undeclaredVariables: UndeclaredVariables = .mustBeUsed
    ) -> CompileResult {
        var diagnostics = Diagnostics()
        var arguments = CommandLineVariables(variables, diagnostics: &diagnostics)
        var result = CompileResult(sources: [source] + (deploymentFile.map { [$0] } ?? []))
        let tree = result.timings.measure(.parse) { YAMLReader().read(source, into: &diagnostics) }
        result.tree = tree
        let deploymentSettings = deploymentFile.flatMap { YAMLReader().read($0, into: &diagnostics) }.map {
            DeploymentSettings.decode($0, into: &diagnostics)
        }
        guard let tree,
            let blueprint = result.timings.measure(
                .decode,
                {
                    BlueprintDecoder().decode(
                        tree, file: source.name, deployment: deploymentSettings ?? .none,
                        overrides: arguments.declarations,
                        into: &diagnostics)
                })
        else {
            return result.finish(diagnostics, silencing: [], arguments: arguments.placed(in: nil, file: source.name))
        }
        arguments = arguments.placed(in: blueprint, file: source.name)
        let silenced = Set(blueprint.ignoredCodes.map(\.value))
        let resolved = result.timings.measure(.resolve) {
            Resolver(catalog: catalog).resolve(blueprint, into: &diagnostics)
        }
        result.resolved = resolved
        result.unusedCommandLineVariables = blueprint.variables.filter {
            $0.fromCommandLine && !resolved.usedVariables.contains($0.name)
        }.map(\.name)
        result.timings.measure(.check) {
            Validators(undeclaredVariables: undeclaredVariables).check(resolved, into: &diagnostics)
        }
        // Lower runs whatever Resolve found, so the rules of every module that resolved are
        // checked in the same run as the schema; it returns no deployment when anything failed.
        guard
            let deployment = result.timings.measure(
                .lower, { Lowering(machines: machines, files: files).lower(resolved, into: &diagnostics) }),
            !diagnostics.hasErrors
        else {
            return result.finish(diagnostics, silencing: silenced, arguments: arguments)
        }
        result.deployment = deployment
        let emitted = result.timings.measure(.emit) {
            DeploymentEmitter.emit(
                deployment, resolved: resolved, source: source, catalog: catalog, toolVersion: Self.version)
        }
        for reference in emitted.unexpressed {
            diagnostics.report(
                .internalError,
                """
                output '\(reference.output)' of module '\(reference.module)' has neither a Terraform expression nor a \
                compile-time value
                """,
                at: resolved.module(reference.module)?.declaration.id.location,
                help: "this is a bug in hpcc; please report it with the blueprint")
        }
        result.files = diagnostics.hasErrors ? [] : emitted.files
        return result.finish(diagnostics, silencing: silenced, arguments: arguments)
    }
}

/// How a `--vars` variable that the blueprint does not declare is judged when nothing uses it.
public enum UndeclaredVariables: Sendable {
    /// Like any variable: unused, it is HPC3019 (one blueprint, one set of `--vars`).
    case mustBeUsed
    /// It may be meant for another blueprint compiled with the same `--vars` (`hpcc validate
    /// a.yaml b.yaml --vars project_id=p`): not reported here, but listed in
    /// `CompileResult.unusedCommandLineVariables`, so the caller reports it when no blueprint used it.
    case mayBeForOtherBlueprints
}

/// What a compilation produced.
public struct CompileResult: Sendable {
    /// Every finding, sorted by position (warnings the blueprint ignores removed).
    public var diagnostics: [Diagnostic] = []
    /// The deployment folder's files; empty when there are errors.
    public var files: [OutputFile] = []
    /// The deployment IR, when compilation got that far.
    @_spi(Tools) public var deployment: Deployment?
    /// The blueprint's syntax tree, when it is YAML (for the language server's outline).
    var tree: YAMLNode?
    /// The resolved blueprint, when compilation got that far (for `hpcc graph`).
    @_spi(Tools) public var resolved: ResolvedBlueprint?
    /// The texts diagnostics point into (the blueprint), for rendering.
    public var sources: [SourceFile]
    /// `--vars` variables the blueprint neither declares nor uses.
    public var unusedCommandLineVariables: [String] = []
    /// How long each stage took (for the benchmark; never part of the output).
    @_spi(Tools) public var timings = StageTimings()

    /// True when no error was found.
    public var succeeded: Bool { !diagnostics.contains { $0.severity == .error } }

    /// `deployment_name`, the folder the files belong in.
    public var deploymentName: String? { deployment?.name }

    /// What the deployment's settings imply, for the person building it: one line per HTC grid
    /// with its throughput plan, one per existing cluster and per cloud cluster HPCStats describes
    /// with its peak performance.
    public var plans: [String] {
        guard succeeded, let deployment else { return [] }
        let existing = Set(deployment.onPremClusters.map(\.name))
        let cloud = (deployment.hpcStats?.clusters ?? []).filter { !existing.contains($0.name) }
        return deployment.htcGrids.map { HTCThroughputPlan($0).summary }
            + deployment.onPremClusters.map { PeakPerformance($0).summary }
            + cloud.map { PeakPerformance($0).summary }
    }

    /// The files as the successor of `previous`, the deployment they replace: each group root
    /// keeps a renamed module's resources where they are with `moved` blocks (ModuleRenames), and
    /// the manifest lists the files as they are then.
    @_spi(Tools) public func replacing(_ previous: DeploymentSnapshot) -> CompileResult {
        guard succeeded, let deployment, let source = sources.first else { return self }
        var result = self
        let files = ModuleRenames.carry(files.filter { $0.path != ManifestEmitter.path }, previous: previous)
        result.files =
            (files + [
                ManifestEmitter.emit(
                    files: files, source: source, deployment: deployment, toolVersion: Compiler.version)
            ]).sorted { $0.path < $1.path }
        return result
    }

    mutating func finish(
        _ diagnostics: Diagnostics, silencing codes: Set<DiagnosticCode>, arguments: CommandLineVariables
    ) -> CompileResult {
        var collected = diagnostics
        collected.silence(codes)
        var found = collected.sorted
        // Positions inside multi-line scalars are placed in the source text, and fixes checked against it
        // (only when some finding has either); a fix no source file could check is not offered.
        if found.contains(where: {
            !$0.fixes.isEmpty || $0.location?.inScalar != nil || $0.notes.contains { $0.location?.inScalar != nil }
        }) {
            let placement = sources.map(ScalarPlacement.init)
            found = Array(
                Set(
                    found.map { diagnostic in
                        var placed = placement.reduce(diagnostic) { $1.place($0) }
                        placed.fixes.removeAll { $0.original != nil }
                        return placed
                    }))
        }
        self.diagnostics = arguments.relocate(found).sorted(by: Diagnostic.inReportOrder)
        if !succeeded { files = [] }
        return self
    }
}
