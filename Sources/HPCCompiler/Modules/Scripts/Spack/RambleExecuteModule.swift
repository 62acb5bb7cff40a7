/// `community/modules/scripts/ramble-execute`: commands run as the Ramble user after the Ramble
/// install (or an earlier ramble-execute) it follows, with Spack on the path when it is there.
enum RambleExecuteModule: BuiltInModule {
    /// The settings beyond those it shares with spack-execute.
    enum Key {
        static let spackProfile = SettingKey<String>("spack_profile_script_path")
    }

    /// The shared settings with Ramble's defaults.
    static let shared = ToolExecuteSettings(tool: .ramble, logFile: "/var/log/ramble-execute.log")

    static let schema = ModuleSchema(
        source: "community/modules/scripts/ramble-execute", cloud: .gcp,
        summary: "Ramble commands chained after ramble-setup, as a runner for startup scripts",
        description: """
            Makes a runner (`ramble_runner`) that runs the runner it follows, writes `data_files`, then runs \
            `commands` as the Ramble user with Spack's and Ramble's profile scripts read first and output \
            appended to `log_file`.
            """,
        settings: shared.specs + [
            SettingSpec(
                Key.spackProfile, .string, "Spack's profile.d script, read first when it exists.",
                default: .string("/etc/profile.d/spack.sh"), constraints: [ToolSetupSettings.absolutePath])
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case startupScript = "startup_script"
        case controllerStartupScript = "controller_startup_script"
        case rambleRunner = "ramble_runner"
        case spackProfileScriptPath = "spack_profile_script_path"
        case rambleProfileScriptPath = "ramble_profile_script_path"
        case systemUserName = "system_user_name"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .startupScript: (.string, "Startup script that runs the chained Ramble steps.")
            case .controllerStartupScript: (.string, "The same script, for a Slurm controller.")
            case .rambleRunner:
                (ToolRunners.runnerType, "Runner of every chained step, for startup-script or ramble-execute.")
            case .spackProfileScriptPath: (.string, "Spack's profile.d script.")
            case .rambleProfileScriptPath: (.string, "Ramble's profile.d script.")
            case .systemUserName: (.string, "The user the commands run as.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ToolExecution? {
        let spackProfile = settings.read(defaulted: Key.spackProfile, diagnostics: &diagnostics)
        let spack = ShellWord.quote(spackProfile)
        let execution = shared.lower(
            settings, preScript: { "if [ -f \(spack) ]; then . \(spack); fi; . \($0)" }, environments: [],
            extraRunners: [], diagnostics: &diagnostics)
        // Read before writing: the context's outputs cannot be read while one of them is written.
        if execution != nil {
            settings.context.knownOutputs[settings.id]?[Output.spackProfileScriptPath.rawValue] = .string(spackProfile)
        }
        return execution
    }

    static func emit(_ entity: ToolExecution, module: ModuleID, into roots: inout TerraformRoots) {
        // Files of the deployment folder only (`SpackEmitter`, `StartupScriptEmitter`): no cloud resources.
    }

    static func value(of output: Output, entity: ToolExecution, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .startupScript, .controllerStartupScript: ToolRunners.startupScriptExpression(entity.script, path: path)
        case .rambleRunner, .spackProfileScriptPath, .rambleProfileScriptPath, .systemUserName: .known
        }
    }
}
