/// `modules/scripts/startup-script`: one module, whole.
enum StartupScriptModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "modules/scripts/startup-script", cloud: .gcp,
        summary: "Startup script assembled from shell, ansible-local and data runners",
        description: """
        Assembles one startup script from `runners`, run in order: `shell` runs a script, `ansible-local` runs \
        a playbook against the instance itself, `data` writes a file to an absolute `destination`. Each runner \
        gives `content` inline or `source`, a file read at compile time relative to the blueprint's folder. \
        The script is written to `scripts/startup/<module id>.sh`; its output `startup_script` feeds the \
        `startup_script` settings of Slurm nodesets and login nodes and the controller's scripts, which run it \
        after hpcc's own node setup.
        """,
        settings: [
            SettingSpec("runners", .list(runner), "Runners in the order they run: `type` (shell, ansible-local, data), `destination`, one of `content` or `source`, and `args` (shell and ansible-local).",
                        default: .list([])),
            SettingSpec("install_ansible", .bool, "Install Ansible in `ansible_virtualenv_path` before the runners; null installs it when an ansible-local runner exists."),
            SettingSpec("ansible_virtualenv_path", .string, "Python virtual environment Ansible is installed into.", default: .string("/usr/local/ghpc-venv"),
                        constraints: [.pattern("(/[A-Za-z0-9_-]+)+", description: "an absolute path of letters, digits, '_' and '-'")]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    static let runner = SettingType.object([
        .required("type", .string), .required("destination", .string),
        .optional("content", .string), .optional("source", .string), .optional("args", .string),
    ])

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case startupScript = "startup_script"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .startupScript: (.string, "The assembled script.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> StartupScript? {
        StartupScriptLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: StartupScript, module: ModuleID, into roots: inout TerraformRoots) {
        // The script is a file of the deployment folder (`StartupScriptEmitter`), read by the instances that run it.
    }

    static func value(of output: Output, entity: StartupScript, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        // The script is a file of the deployment folder, beside the group folders.
        case .startupScript: .expression("file(\"${path.module}/../\(entity.path)\")" + HCL.access(path))
        }
    }
}
