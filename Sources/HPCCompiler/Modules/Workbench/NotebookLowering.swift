/// `community/modules/compute/notebook` → a `Workbench`.
enum NotebookLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Workbench? {
        let context = settings.context
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let zone = settings.string("zone", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let machineName = settings.string("machine_type", diagnostics: &diagnostics),
              let diskType = settings.string("disk_type", diagnostics: &diagnostics).flatMap(WorkbenchDiskType.init(rawValue:)),
              let diskSize = settings.int("disk_size_gb", diagnostics: &diagnostics),
              let network = settings.networkAttachment("network_id", diagnostics: &diagnostics),
              let subnetwork = settings.subnetworkAttachment("subnetwork_self_link", diagnostics: &diagnostics)
        else { return nil }
        // Without a bucket (reported by Resolve) the rest is still judged.
        let scriptBucket = settings.text("gcs_bucket_path")
        let machine = InstanceLowering.machine(machineName, settings: settings, diagnostics: &diagnostics)
        let image = InstanceLowering.bootImage(settings, diagnostics: &diagnostics)
        let name = instanceName(settings, deployment: deployment, diagnostics: &diagnostics)
        let owner = settings.string("instance_owner", diagnostics: &diagnostics)
        let login = WorkbenchOwner.login(settings, owner: owner, diagnostics: &diagnostics)
        let located = settings.locatedMounts("network_storage", diagnostics: &diagnostics)
        WorkbenchMountChecks.check(located, settings: settings, diagnostics: &diagnostics)
        let mounts = located.map(\.mount)
        guard machine != nil, let image, let name, let login, let scriptBucket else { return nil }
        let workbench = Workbench(
            origin: origin, name: name, project: project, zone: zone, machineType: machineName, image: image,
            diskType: diskType, diskSizeGB: diskSize, ownerEmail: owner, login: login, mounts: mounts, scriptBucket: scriptBucket,
            network: network, subnetwork: subnetwork, serviceAccountEmail: settings.text("service_account_email"),
            publicIP: !(settings.bool("disable_public_ip", diagnostics: &diagnostics) ?? true)
        )
        context.deployment.workbenches.append(workbench)
        context.knownOutputs[settings.id] = ["instance_name": .string(name)]
        return workbench
    }

    /// The explicit name, or `<deployment_name>-<module id>` ('_' → '-'); either must be a valid
    /// instance name: a lowercase letter, then lowercase letters, digits or '-', at most 63.
    static func instanceName(_ settings: SettingReader, deployment: String, diagnostics: inout Diagnostics) -> String? {
        let explicit = settings.string("name", diagnostics: &diagnostics)
        let name = explicit ?? ResourceName.autoName(deployment) + "-" + ResourceName.autoName(settings.id.rawValue)
        let scalars = Array(name.unicodeScalars)
        let valid = (1...63).contains(scalars.count) && NameRules.isLower(scalars[0])
            && scalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-" } && scalars.last != "-"
        guard !valid else { return name }
        let at = explicit != nil ? settings.location("name") : settings.module.declaration.id.location
        diagnostics.report(.invalidName, "workbench name '\(name)' of module '\(settings.id)' is not valid" + (scalars.count > 63 ? " (\(scalars.count) characters)" : ""),
                           at: at, help: "a lowercase letter, then up to 62 lowercase letters, digits or '-', not ending in '-'"
                               + (explicit == nil ? "; set 'name' or shorten deployment_name or the module id" : ""))
        return nil
    }
}

/// The Linux user a workbench's JupyterLab runs as: `owner_login` when set, else the owner's
/// email as OS Login names its POSIX account (lowercased, every character but a letter or digit
/// becoming '_': `ada.lovelace@example.com` → `ada_lovelace_example_com`), so the working
/// directory is the same home directory the owner has on OS Login clusters sharing `/home`.
enum WorkbenchOwner {
    /// Workbench's own default user, for instances without an owner.
    static let defaultLogin = "jupyter"
    /// Accounts every image has; a workbench owner must not become one of them.
    static let systemUsers: Set = ["root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "nobody", "sshd", "systemd-network"]

    static func login(_ settings: SettingReader, owner: String?, diagnostics: inout Diagnostics) -> String? {
        if let explicit = settings.string("owner_login", diagnostics: &diagnostics) {
            return check(explicit, setting: "owner_login", settings: settings, diagnostics: &diagnostics)
        }
        guard let owner else { return defaultLogin }
        let login = String(String.UnicodeScalarView(owner.lowercased().unicodeScalars.map { NameRules.isLower($0) || NameRules.isDigit($0) ? $0 : "_" }))
        return check(login, setting: "instance_owner", settings: settings, diagnostics: &diagnostics)
    }

    /// A user name useradd and JupyterLab accept: a lowercase letter or '_', then up to 31 lowercase
    /// letters, digits, '_' or '-', and no system account.
    private static func check(_ login: String, setting: String, settings: SettingReader, diagnostics: inout Diagnostics) -> String? {
        let scalars = Array(login.unicodeScalars)
        let valid = (1...32).contains(scalars.count) && (NameRules.isLower(scalars[0]) || scalars[0] == "_")
            && scalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "_" || $0 == "-" } && !systemUsers.contains(login)
        guard !valid else { return login }
        diagnostics.report(.invalidName, "'\(login)' cannot be the Linux user of workbench '\(settings.id)'", at: settings.location(setting),
                           help: "a user name starts with a lowercase letter or '_', has at most 32 lowercase letters, digits, '_' or '-', and is no system account"
                               + (setting == "instance_owner" ? "; set owner_login to the owner's OS Login user name" : ""))
        return nil
    }
}
