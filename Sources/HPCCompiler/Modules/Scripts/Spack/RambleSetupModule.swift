/// `community/modules/scripts/ramble-setup`: Ramble cloned into a shared folder, with its
/// Python dependencies, user and profile.d script.
enum RambleSetupModule: BuiltInModule {
    /// The shared settings with Ramble's defaults (the Toolkit's).
    static let shared = ToolSetupSettings(
        tool: .ramble, installDir: "/apps/ramble", url: "https://github.com/GoogleCloudPlatform/ramble",
        ref: "develop", chmodMode: "", userID: 1_104_762_904)

    static let schema = ModuleSchema(
        source: "community/modules/scripts/ramble-setup", cloud: .gcp,
        summary: "Ramble installed into a shared folder, as a runner for startup scripts",
        description: """
            Makes a runner (`ramble_runner`) that creates Ramble's user and virtual environment, clones Ramble into \
            `install_dir` once, installs its Python requirements and writes a profile.d script. The install script \
            is also written to `ramble/<module id>/setup.sh`.
            """,
        settings: shared.specs,
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case startupScript = "startup_script"
        case controllerStartupScript = "controller_startup_script"
        case rambleRunner = "ramble_runner"
        case ramblePath = "ramble_path"
        case rambleRef = "ramble_ref"
        case rambleProfileScriptPath = "ramble_profile_script_path"
        case systemUserName = "system_user_name"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .startupScript: (.string, "Startup script that installs Ramble.")
            case .controllerStartupScript: (.string, "The same script, for a Slurm controller.")
            case .rambleRunner:
                (ToolRunners.runnerType, "Runner that installs Ramble, for startup-script or ramble-execute.")
            case .ramblePath: (.string, "Root of the Ramble installation.")
            case .rambleRef: (.string, "The git ref Ramble is checked out at.")
            case .rambleProfileScriptPath: (.string, "The profile.d script that sets Ramble up.")
            case .systemUserName: (.string, "The user that owns Ramble.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ToolInstallation? {
        let installation = shared.lower(settings, googleCache: false, moduleSystem: nil, diagnostics: &diagnostics)
        var known = shared.knownOutputs(installation)
        known[Output.rambleRef.rawValue] = .string(installation.gitRef)
        settings.context.knownOutputs[settings.id] = known
        return installation
    }

    static func emit(_ entity: ToolInstallation, module: ModuleID, into roots: inout TerraformRoots) {
        // Files of the deployment folder only (`SpackEmitter`, `StartupScriptEmitter`): no cloud resources.
    }

    static func value(of output: Output, entity: ToolInstallation, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .startupScript, .controllerStartupScript: ToolRunners.startupScriptExpression(entity.script, path: path)
        case .rambleRunner, .ramblePath, .rambleRef, .rambleProfileScriptPath, .systemUserName: .known
        }
    }
}
