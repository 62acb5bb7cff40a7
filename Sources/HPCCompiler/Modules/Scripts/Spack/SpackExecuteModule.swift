/// `community/modules/scripts/spack-execute`: commands run as the Spack user after the Spack
/// install (or an earlier spack-execute) it follows, and Spack environments described in the
/// blueprint, each installed on the booting node or by a batch job on a Slurm partition.
enum SpackExecuteModule: BuiltInModule {
    /// The settings beyond those it shares with ramble-execute.
    enum Key {
        static let environments = SettingKey<Value>("environments")
        static let spackPath = SettingKey<String>("spack_path")
    }

    /// The shared settings with Spack's defaults.
    static let shared = ToolExecuteSettings(tool: .spack, logFile: "/var/log/spack.log")

    /// One entry of `environments`.
    static let environmentType = SettingType.object([
        .required(
            "name", .string,
            constraints: [.pattern("[A-Za-z0-9_][A-Za-z0-9_.-]*", description: "a Spack environment name")]),
        .required("specs", .list(.string)),
        .optional(
            "partition", .string,
            constraints: [.pattern("[a-z][a-z0-9-]*", description: "a Slurm partition name as hpcc writes them")]),
        .optional("cpus", .number, .int(8), constraints: [.integer, .range(min: 1, max: 1024)]),
        .optional("unify", .string, .string("true"), constraints: [.oneOf(["true", "false", "when_possible"])]),
        .optional("view", .bool, .bool(true)),
    ])

    static let schema = ModuleSchema(
        source: "community/modules/scripts/spack-execute", cloud: .gcp,
        summary: "Spack builds chained after spack-setup, as a runner for startup scripts",
        description: """
            Makes a runner (`spack_runner`) that runs the runner it follows, writes `data_files`, then runs \
            `commands` as the Spack user with output appended to `log_file`. Each of `environments` (hpcc's \
            addition) is written as `spack.yaml` to `spack/<module id>/<name>/` in the deployment folder and under \
            `<spack_path>/var/hpcc/environments/<name>/` on the nodes, created with `spack env create`, and \
            installed on the booting node or, with a `partition`, by the batch job `install.sbatch` submitted once \
            to that Slurm partition.
            """,
        settings: shared.specs + [
            SettingSpec(
                Key.environments, .list(environmentType),
                """
                Spack environments to build: `name`, root `specs`, `partition` (the Slurm partition whose node \
                installs it; absent installs it while booting), `cpus` (build cores, default 8), `unify` (true, \
                false or when_possible; default true), `view` (default true).
                """,
                default: .list([])),
            SettingSpec(
                Key.spackPath, .string, "Root of the Spack installation (wired by `use`); needed by `environments`.",
                constraints: [ToolSetupSettings.absolutePath]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The outputs spack-setup has, so that spack-execute modules chain like it.
    typealias Output = SpackSetupModule.Output

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ToolExecution? {
        let root = settings.read(Key.spackPath, diagnostics: &diagnostics)
        guard let environments = environments(settings, root: root, diagnostics: &diagnostics) else { return nil }
        let files = environments.flatMap { environment in
            [
                StartupRunner(
                    kind: .data, destination: environment.folder + "/spack.yaml",
                    content: SpackEnvironmentDocument.text(environment), arguments: [])
            ]
                + (SpackInstallJob.text(environment).map {
                    [
                        StartupRunner(
                            kind: .data, destination: environment.folder + "/install.sbatch", content: $0, arguments: []
                        )
                    ]
                } ?? [])
        }
        let execution = shared.lower(
            settings, preScript: { ". \($0)" }, environments: environments, extraRunners: files,
            diagnostics: &diagnostics)
        if let root, execution != nil {
            settings.context.knownOutputs[settings.id]?[Output.spackPath.rawValue] = .string(root)
        }
        return execution
    }

    /// The environments, checked; nil when one is wrong (reported).
    private static func environments(
        _ settings: SettingReader, root: String?, diagnostics: inout Diagnostics
    ) -> [SpackEnvironment]? {
        guard let entries = settings.read(Key.environments, diagnostics: &diagnostics)?.list, !entries.isEmpty else {
            return []
        }
        guard let root else {
            diagnostics.report(
                .invalidStartupRunner, "module '\(settings.id)' builds environments but knows no spack_path",
                at: settings.location(Key.environments),
                help: "`use` the spack-setup module (it gives spack_path), or set spack_path")
            return nil
        }
        let errorsBefore = diagnostics.errorCount
        var seen = Set<String>()
        var result: [SpackEnvironment] = []
        for (index, entry) in entries.enumerated() {
            let fields = entry.map ?? [:]
            let at = settings.location(Key.environments, [.index(index)])
            func report(_ message: String, help: String? = nil) {
                diagnostics.report(
                    .invalidStartupRunner, "environment \(index + 1) of module '\(settings.id)': \(message)", at: at,
                    help: help)
            }
            let name = fields["name"]?.string ?? ""
            let specs = fields["specs"]?.list?.compactMap(\.string) ?? []
            let unify = fields["unify"]?.string ?? "true"
            let cpus = fields["cpus"]?.int ?? 8
            let partition = fields["partition"]?.string
            if !seen.insert(name).inserted {
                report("'\(name)' is named twice", help: "give each environment its own name")
            }
            if specs.isEmpty || specs.contains(where: { $0.isEmpty || $0.contains("\n") }) {
                report("specs must be a non-empty list of one-line specs")
            }
            result.append(
                SpackEnvironment(
                    name: name, specs: specs, unify: unify, view: fields["view"]?.bool ?? true, partition: partition,
                    cpus: cpus, spackRoot: root, module: settings.id))
        }
        return diagnostics.errorCount == errorsBefore ? result : nil
    }

    static func emit(_ entity: ToolExecution, module: ModuleID, into roots: inout TerraformRoots) {
        // Files of the deployment folder only (`SpackEmitter`, `StartupScriptEmitter`): no cloud resources.
    }

    static func value(of output: Output, entity: ToolExecution, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .startupScript, .controllerStartupScript: ToolRunners.startupScriptExpression(entity.script, path: path)
        case .spackRunner, .spackPath, .spackProfileScriptPath, .systemUserName: .known
        }
    }
}
