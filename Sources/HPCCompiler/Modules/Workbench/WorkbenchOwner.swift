/// The Linux user a workbench's JupyterLab runs as: `owner_login` when set, else the owner's
/// email as OS Login names its POSIX account (lowercased, every character but a letter or digit
/// becoming '_': `ada.lovelace@example.com` → `ada_lovelace_example_com`), so the working
/// directory is the same home directory the owner has on OS Login clusters sharing `/home`.
enum WorkbenchOwner {
    /// Workbench's own default user, for instances without an owner.
    static let defaultLogin = "jupyter"
    /// Accounts every image has; a workbench owner must not become one of them.
    static let systemUsers: Set = [
        "root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "nobody", "sshd",
        "systemd-network",
    ]

    static func login(_ settings: SettingReader, owner: String?, diagnostics: inout Diagnostics) -> String? {
        if let explicit = settings.read(NotebookModule.Key.ownerLogin, diagnostics: &diagnostics) {
            return check(
                explicit, setting: NotebookModule.Key.ownerLogin, settings: settings, diagnostics: &diagnostics)
        }
        guard let owner else { return defaultLogin }
        let login = String(
            String.UnicodeScalarView(
                owner.lowercased().unicodeScalars.map { NameRules.isLower($0) || NameRules.isDigit($0) ? $0 : "_" }))
        return check(login, setting: NotebookModule.Key.instanceOwner, settings: settings, diagnostics: &diagnostics)
    }

    /// A user name useradd and JupyterLab accept: a lowercase letter or '_', then up to 31 lowercase
    /// letters, digits, '_' or '-', and no system account.
    private static func check(
        _ login: String, setting: SettingKey<String>, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> String? {
        let scalars = Array(login.unicodeScalars)
        let valid =
            (1...32).contains(scalars.count) && (NameRules.isLower(scalars[0]) || scalars[0] == "_")
            && scalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "_" || $0 == "-" }
            && !systemUsers.contains(login)
        guard !valid else { return login }
        diagnostics.report(
            .invalidName, "'\(login)' cannot be the Linux user of workbench '\(settings.id)'",
            at: settings.location(setting),
            help:
                """
                a user name starts with a lowercase letter or '_', has at most 32 lowercase letters, digits, '_' or \
                '-', and is no system account
                """
                    + (setting == NotebookModule.Key.instanceOwner
                        ? "; set owner_login to the owner's OS Login user name" : ""))
        return nil
    }

    /// Without an owner JupyterLab runs as the image's local user, whose UID means nobody (or somebody else)
    /// on the cluster: a shared filesystem holding its home folder is warned about where it is mounted.
    static func checkSharedHome(
        login: String, mounts: [(mount: MountContract, location: SourceLocation)], settings: SettingReader,
        diagnostics: inout Diagnostics
    ) {
        let home = "/home/\(login)"
        for (mount, at) in mounts where home == mount.localMount || home.hasPrefix(mount.localMount + "/") {
            diagnostics.report(
                .workbenchIdentity,
                """
                workbench '\(settings.id)' has no instance_owner, so JupyterLab runs as local user '\(login)' in \
                \(home), on the shared \(mount.localMount): that UID is no OS Login account of the cluster
                """,
                at: at, help: "set instance_owner to the user's email, so JupyterLab runs as their OS Login account")
        }
    }
}
