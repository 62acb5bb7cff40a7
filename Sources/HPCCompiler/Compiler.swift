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
    /// Files the blueprint names (startup-script runner sources); from disk unless a tool gives its own.
    public var files: BlueprintFiles

    /// A compiler with the built-in catalogs.
    public init(catalog: ModuleCatalog = .builtIn, machines: MachineCatalog = .gcp, files: BlueprintFiles = .disk) {
        self.catalog = catalog
        self.machines = machines
        self.files = files
    }

    /// Compiles `source`. `variables` are `NAME=VALUE` overrides (values read as YAML), as `--vars` gives them.
    public func compile(_ source: SourceFile, variables: [String] = []) -> CompileResult {
        var diagnostics = Diagnostics()
        var sources = [source]
        let overrides = VariableOverrides.parse(variables, sources: &sources, diagnostics: &diagnostics)
        var result = CompileResult(sources: sources)
        let tree = result.timings.measure(.parse) { YAMLReader().read(source, into: &diagnostics) }
        guard let tree, let blueprint = result.timings.measure(.decode, {
            BlueprintDecoder().decode(tree, file: source.name, overrides: overrides, into: &diagnostics)
        }) else {
            return result.finish(diagnostics, silencing: [])
        }
        let silenced = Set(blueprint.ignoredCodes.map(\.value))
        let resolved = result.timings.measure(.resolve) { Resolver(catalog: catalog).resolve(blueprint, into: &diagnostics) }
        result.resolved = resolved
        result.timings.measure(.check) { Validators().check(resolved, into: &diagnostics) }
        // Lower runs whatever Resolve found, so the rules of every module that resolved are
        // checked in the same run as the schema; it returns no deployment when anything failed.
        guard let deployment = result.timings.measure(.lower, { Lowering(machines: machines, files: files).lower(resolved, into: &diagnostics) }),
              !diagnostics.hasErrors
        else {
            return result.finish(diagnostics, silencing: silenced)
        }
        result.deployment = deployment
        result.files = result.timings.measure(.emit) {
            DeploymentEmitter.emit(deployment, resolved: resolved, source: source, catalog: catalog, toolVersion: Self.version)
        }
        return result.finish(diagnostics, silencing: silenced)
    }
}

/// What a compilation produced.
public struct CompileResult: Sendable {
    /// Every finding, sorted by position (warnings the blueprint ignores removed).
    public var diagnostics: [Diagnostic] = []
    /// The deployment folder's files; empty when there are errors.
    public var files: [OutputFile] = []
    /// The deployment IR, when compilation got that far.
    public var deployment: Deployment?
    /// The resolved blueprint, when compilation got that far (for `hpcc graph`).
    public var resolved: ResolvedBlueprint?
    /// The texts diagnostics point into (the blueprint and any `--vars` values), for rendering.
    public var sources: [SourceFile]
    /// How long each stage took (for the benchmark; never part of the output).
    public var timings = StageTimings()

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
        return deployment.htcGrids.map { HTCThroughputPlan($0).summary } + deployment.onPremClusters.map { PeakPerformance($0).summary }
            + cloud.map { PeakPerformance($0).summary }
    }

    mutating func finish(_ diagnostics: Diagnostics, silencing codes: Set<DiagnosticCode>) -> CompileResult {
        var collected = diagnostics
        collected.silence(codes)
        self.diagnostics = collected.sorted
        if !succeeded { files = [] }
        return self
    }
}

/// `--vars NAME=VALUE` arguments as variable declarations; each value is parsed as YAML in a
/// pseudo-file named `--vars`, so diagnostics can point into it.
enum VariableOverrides {
    static func parse(_ arguments: [String], sources: inout [SourceFile], diagnostics: inout Diagnostics) -> [VariableDeclaration] {
        var result: [VariableDeclaration] = []
        for (number, argument) in arguments.enumerated() {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                diagnostics.report(.invalidOverride, "--vars takes NAME=VALUE, not '\(argument)'", at: nil)
                continue
            }
            let name = String(argument[..<equals])
            let file = SourceFile(name: "--vars[\(number + 1)]", text: argument)
            sources.append(file)
            // Pad the value so its columns are those of the whole argument.
            let padded = String(repeating: " ", count: name.count + 1) + argument[argument.index(after: equals)...]
            var local = Diagnostics()
            let value = YAMLReader().read(SourceFile(name: file.name, text: padded), into: &local)
                ?? .scalar("", .plain, tag: nil, SourceLocation(file: file.name, line: 1, column: name.count + 2))
            // An empty value (`--vars x=`) is null, not an empty-document error.
            for diagnostic in local.all where diagnostic.code != .emptyDocument { diagnostics.report(diagnostic) }
            result.append(VariableDeclaration(name: name, nameLocation: SourceLocation(file: file.name, line: 1, column: 1, length: name.count),
                                              value: value))
        }
        return result
    }
}
