/// `community/modules/scripts/spack-setup`: Spack cloned into a shared folder by the first node
/// that boots, with its user, profile.d script and, when asked, module files for what it installs.
enum SpackSetupModule: BuiltInModule {
    /// The settings beyond those it shares with ramble-setup.
    enum Key {
        static let configureForGoogle = SettingKey<Bool>("configure_for_google")
        static let moduleSystem = SettingKey<String>("module_system")
    }

    /// The shared settings with Spack's defaults (the Toolkit's).
    static let shared = ToolSetupSettings(
        tool: .spack, installDir: "/sw/spack", url: "https://github.com/spack/spack", ref: "v0.20.0",
        chmodMode: "g+w", userID: 1_104_762_903)

    static let schema = ModuleSchema(
        source: "community/modules/scripts/spack-setup", cloud: .gcp,
        summary: "Spack installed into a shared folder, as a runner for startup scripts",
        description: """
            Makes a runner (`spack_runner`) that installs Spack's dependencies, creates its user, clones Spack into \
            `install_dir` (once, when several nodes boot against the same shared folder) and writes a profile.d \
            script. Feed it to a startup-script module's `runners`, or `use` it from spack-execute to chain \
            builds. The install script is also written to `spack/<module id>/setup.sh`, and with `module_system` \
            Spack's site `modules.yaml` to `spack/<module id>/modules.yaml`.
            """,
        settings: shared.specs + [
            SettingSpec(
                Key.configureForGoogle, .bool, "Add Google's Spack binary cache as a mirror.", default: .bool(true)),
            SettingSpec(
                Key.moduleSystem, .string,
                "Module files Spack writes for each package it installs (`tcl`); null writes none.",
                constraints: [.oneOf(SpackModuleSystem.allCases.map(\.rawValue))]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs, spack-execute's too.
    enum Output: String, ModuleOutput {
        case startupScript = "startup_script"
        case controllerStartupScript = "controller_startup_script"
        case spackRunner = "spack_runner"
        case spackPath = "spack_path"
        case spackProfileScriptPath = "spack_profile_script_path"
        case systemUserName = "system_user_name"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .startupScript: (.string, "Startup script that runs the module's Spack steps (and those before).")
            case .controllerStartupScript: (.string, "The same script, for a Slurm controller.")
            case .spackRunner:
                (ToolRunners.runnerType, "The same steps as one runner, for startup-script or spack-execute.")
            case .spackPath: (.string, "Root of the Spack installation.")
            case .spackProfileScriptPath: (.string, "The profile.d script that sets Spack up.")
            case .systemUserName: (.string, "The user that owns Spack and runs its commands.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ToolInstallation? {
        let installation = shared.lower(
            settings, googleCache: settings.read(defaulted: Key.configureForGoogle, diagnostics: &diagnostics),
            moduleSystem: settings.read(Key.moduleSystem, diagnostics: &diagnostics).flatMap(
                SpackModuleSystem.init(rawValue:)),
            diagnostics: &diagnostics)
        settings.context.knownOutputs[settings.id] = shared.knownOutputs(installation)
        return installation
    }

    static func emit(_ entity: ToolInstallation, module: ModuleID, into roots: inout TerraformRoots) {
        // Files of the deployment folder only (`SpackEmitter`, `StartupScriptEmitter`): no cloud resources.
    }

    static func value(of output: Output, entity: ToolInstallation, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        case .startupScript, .controllerStartupScript: ToolRunners.startupScriptExpression(entity.script, path: path)
        case .spackRunner, .spackPath, .spackProfileScriptPath, .systemUserName: .known
        }
    }
}
