/// The settings spack-execute and ramble-execute share, and the lowering both do: chain the
/// runner they were given, their data files and their commands into one script.
struct ToolExecuteSettings {
    /// Which tool.
    let tool: PackageTool
    /// Default log file.
    let logFile: String

    /// `log_file`.
    var logKey: SettingKey<String> { SettingKey("log_file") }
    /// `data_files`.
    var dataFilesKey: SettingKey<Value> { SettingKey("data_files") }
    /// `commands`.
    var commandsKey: SettingKey<String> { SettingKey("commands") }
    /// `<tool>_runner`.
    var runnerKey: SettingKey<Value> { SettingKey("\(tool.rawValue)_runner") }
    /// `system_user_name`.
    var userKey: SettingKey<String> { SettingKey("system_user_name") }
    /// `<tool>_profile_script_path`.
    var profileKey: SettingKey<String> { SettingKey("\(tool.rawValue)_profile_script_path") }
    /// `gcs_bucket_path`: the Toolkit uploads scripts to a bucket; hpcc writes them into the deployment folder.
    static let bucket = CommonSettings.unsupported([
        ("gcs_bucket_path", .string, nil, "uploading the scripts to a Cloud Storage bucket")
    ])

    /// The specs, in the order the catalog shows them.
    var specs: [SettingSpec] {
        let name = tool.rawValue
        return [
            SettingSpec(
                logKey, .string, "File the commands' output is appended to.", default: .string(logFile),
                constraints: [ToolSetupSettings.absolutePath]),
            SettingSpec(
                dataFilesKey, ToolRunners.dataFileType,
                "Files written before the commands run: an absolute `destination` and `content` or `source`.",
                default: .list([])),
            SettingSpec(commandsKey, .string, "Shell commands run as the \(name) user, with \(name) on the path."),
            SettingSpec(
                runnerKey, ToolRunners.runnerType,
                "Runner of the \(name)-setup or \(name)-execute module this one follows (wired by `use`).",
                required: true),
            SettingSpec(
                userKey, .string, "User the commands run as (wired by `use`).", required: true,
                constraints: [.pattern("[a-z_][a-z0-9_-]{0,31}", description: "a Linux user name")]),
            SettingSpec(
                profileKey, .string, "The profile.d script that sets \(name) up (wired by `use`).", required: true,
                constraints: [ToolSetupSettings.absolutePath]),
        ] + Self.bucket
    }

    /// The execution the settings describe, with the commands that put the tool on the path (given
    /// its quoted profile script) and the environments from the caller; nil when a runner or data
    /// file is wrong (reported).
    func lower(
        _ settings: SettingReader, preScript: (String) -> String, environments: [SpackEnvironment],
        extraRunners: [StartupRunner], diagnostics: inout Diagnostics
    ) -> ToolExecution? {
        let previous = ToolRunners.runner(runnerKey, settings: settings, diagnostics: &diagnostics)
        let data = ToolRunners.dataRunners(dataFilesKey, settings: settings, diagnostics: &diagnostics)
        guard let previous, let data, let user = settings.read(userKey, diagnostics: &diagnostics),
            let profile = settings.read(profileKey, diagnostics: &diagnostics)
        else { return nil }
        let origin = settings.origin(diagnostics: &diagnostics)
        var execution = ToolExecution(
            origin: origin, tool: tool, user: user,
            logFile: settings.read(defaulted: logKey, diagnostics: &diagnostics),
            preScript: preScript(ShellWord.quote(profile)),
            commands: settings.read(commandsKey, diagnostics: &diagnostics), environments: environments,
            script: StartupScript(origin: origin, runners: [], ansibleVirtualenv: nil))
        let own = StartupRunner(
            kind: .shell, destination: "\(tool.rawValue)-execute-\(settings.id.rawValue).sh",
            content: ToolExecuteScript.text(execution), arguments: [])
        execution.script = ToolRunners.script(
            [previous] + data + extraRunners + [own], origin: origin, settings: settings)
        settings.context.deployment.toolExecutions.append(execution)
        let known: [String: Value] = [
            "\(tool.rawValue)_runner": ToolRunners.value(
                ToolRunners.combined(
                    execution.script, destination: "combined-\(tool.rawValue)-\(settings.id.rawValue).sh",
                    deployment: settings.context.deployment.name)),
            "system_user_name": .string(user), "\(tool.rawValue)_profile_script_path": .string(profile),
        ]
        settings.context.knownOutputs[settings.id] = known
        return execution
    }
}
