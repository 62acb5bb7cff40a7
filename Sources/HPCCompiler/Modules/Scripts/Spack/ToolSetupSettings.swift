/// The settings spack-setup and ramble-setup share, with the tool's own defaults, and the
/// lowering both do: read them, build the install runner, register the module's script.
struct ToolSetupSettings {
    /// Which tool.
    let tool: PackageTool
    /// Default clone folder.
    let installDir: String
    /// Default repository.
    let url: String
    /// Default ref.
    let ref: String
    /// Default `chmod` mode.
    let chmodMode: String
    /// Default user id and group id.
    let userID: Int
    /// Default profile.d script.
    var profileScript: String { "/etc/profile.d/\(tool.rawValue).sh" }

    /// The setting keys, named after the tool.
    var installDirKey: SettingKey<String> { SettingKey("install_dir") }
    /// `<tool>_url`.
    var urlKey: SettingKey<String> { SettingKey("\(tool.rawValue)_url") }
    /// `<tool>_ref`.
    var refKey: SettingKey<String> { SettingKey("\(tool.rawValue)_ref") }
    /// `chmod_mode`.
    var chmodKey: SettingKey<String> { SettingKey("chmod_mode") }
    /// `system_user_name`.
    var userKey: SettingKey<String> { SettingKey("system_user_name") }
    /// `system_user_uid`.
    var uidKey: SettingKey<Int> { SettingKey("system_user_uid") }
    /// `system_user_gid`.
    var gidKey: SettingKey<Int> { SettingKey("system_user_gid") }
    /// `<tool>_virtualenv_path`.
    var virtualenvKey: SettingKey<String> { SettingKey("\(tool.rawValue)_virtualenv_path") }
    /// `<tool>_profile_script_path`.
    var profileKey: SettingKey<String> { SettingKey("\(tool.rawValue)_profile_script_path") }

    /// An absolute path of plain characters: it is written into shell and YAML.
    static let absolutePath = Constraint.pattern(
        "(/[A-Za-z0-9._+@-]+)+", description: "an absolute path of letters, digits and . _ + @ -")

    /// The specs, in the order the catalog shows them.
    var specs: [SettingSpec] {
        let name = tool.rawValue
        return [
            SettingSpec(
                installDirKey, .string, "Folder \(name) is cloned into; shared storage lets every node use one clone.",
                default: .string(installDir), constraints: [Self.absolutePath]),
            SettingSpec(
                urlKey, .string, "Repository \(name) is cloned from.", default: .string(url),
                constraints: [
                    .pattern(
                        "(https|ssh|git)://[A-Za-z0-9._~:/@%+-]+",
                        description: "an https, ssh or git URL without spaces or quotes")
                ]),
            SettingSpec(
                refKey, .string, "Branch, tag or commit checked out.", default: .string(ref),
                constraints: [.pattern("[A-Za-z0-9._/+-]+", description: "a git ref of letters, digits and . _ / + -")]
            ),
            SettingSpec(
                chmodKey, .string, "`chmod -R` mode applied to the clone; empty leaves it alone.",
                default: .string(chmodMode),
                constraints: [
                    .pattern("[ugoa]*[-+=][rwxXst]*(,[ugoa]*[-+=][rwxXst]*)*|[0-7]{3,4}|", description: "a chmod mode")
                ]
            ),
            SettingSpec(
                userKey, .string, "User that owns the clone and runs \(name); created when it does not exist.",
                default: .string(name),
                constraints: [.pattern("[a-z_][a-z0-9_-]{0,31}", description: "a Linux user name")]),
            SettingSpec(
                uidKey, .number, "User id given to a user this module creates.", default: .int(userID),
                constraints: [.integer, .range(min: 1000, max: 4_294_967_294)]),
            SettingSpec(
                gidKey, .number, "Group id given to the user's group when this module creates it.",
                default: .int(userID), constraints: [.integer, .range(min: 1000, max: 4_294_967_294)]),
            SettingSpec(
                virtualenvKey, .string, "Python virtual environment of \(name)'s dependencies.",
                default: .string("/usr/local/\(name)-python"), constraints: [Self.absolutePath]),
            SettingSpec(
                profileKey, .string, "profile.d script that puts \(name) on every login shell's path.",
                default: .string(profileScript), constraints: [Self.absolutePath]),
        ]
    }

    /// The installation the settings describe, registered with its startup script; the
    /// spack-only choices come from the caller.
    func lower(
        _ settings: SettingReader, googleCache: Bool, moduleSystem: SpackModuleSystem?,
        diagnostics: inout Diagnostics
    ) -> ToolInstallation {
        let origin = settings.origin(diagnostics: &diagnostics)
        var installation = ToolInstallation(
            origin: origin, tool: tool,
            installDir: settings.read(defaulted: installDirKey, diagnostics: &diagnostics),
            gitURL: settings.read(defaulted: urlKey, diagnostics: &diagnostics),
            gitRef: settings.read(defaulted: refKey, diagnostics: &diagnostics),
            chmodMode: settings.read(defaulted: chmodKey, diagnostics: &diagnostics),
            user: SystemUser(
                name: settings.read(defaulted: userKey, diagnostics: &diagnostics),
                uid: settings.read(defaulted: uidKey, diagnostics: &diagnostics),
                gid: settings.read(defaulted: gidKey, diagnostics: &diagnostics)),
            virtualenv: settings.read(defaulted: virtualenvKey, diagnostics: &diagnostics),
            profileScript: settings.read(defaulted: profileKey, diagnostics: &diagnostics),
            googleCache: googleCache, moduleSystem: moduleSystem,
            script: StartupScript(origin: origin, runners: [], ansibleVirtualenv: nil)
        )
        installation.script = ToolRunners.script(
            [setupRunner(installation)], origin: origin, settings: settings)
        settings.context.deployment.toolInstallations.append(installation)
        return installation
    }

    /// The runner that installs the tool, under the name the Toolkit gives it.
    func setupRunner(_ installation: ToolInstallation) -> StartupRunner {
        StartupRunner(
            kind: .shell, destination: "\(tool.rawValue)-install-and-setup.sh",
            content: ToolSetupScript.text(installation), arguments: [])
    }

    /// The outputs both setup modules know at compile time.
    func knownOutputs(_ installation: ToolInstallation) -> [String: Value] {
        let name = tool.rawValue
        return [
            "\(name)_runner": ToolRunners.value(setupRunner(installation)),
            "\(name)_path": .string(installation.installDir),
            "\(name)_profile_script_path": .string(installation.profileScript),
            "system_user_name": .string(installation.user.name),
        ]
    }
}
