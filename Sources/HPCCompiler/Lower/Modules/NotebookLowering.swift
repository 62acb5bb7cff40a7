/// `community/modules/compute/notebook` → a `Workbench`.
enum NotebookLowering {
    static func lower(_ settings: SettingReader, into context: inout LoweringContext, diagnostics: inout Diagnostics) {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let zone = settings.string("zone", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let machineName = settings.string("machine_type", diagnostics: &diagnostics),
              let diskType = settings.string("disk_type", diagnostics: &diagnostics).flatMap(WorkbenchDiskType.init(rawValue:)),
              let diskSize = settings.int("disk_size_gb", diagnostics: &diagnostics),
              let network = settings.networkAttachment("network_id", diagnostics: &diagnostics),
              let subnetwork = settings.subnetworkAttachment("subnetwork_self_link", diagnostics: &diagnostics),
              let scriptBucket = settings.text("gcs_bucket_path")
        else { return }
        let machine = InstanceLowering.machine(machineName, settings: settings, diagnostics: &diagnostics)
        let image = InstanceLowering.bootImage(settings, diagnostics: &diagnostics)
        let name = instanceName(settings, deployment: deployment, diagnostics: &diagnostics)
        let owner = settings.string("instance_owner", diagnostics: &diagnostics)
        let login = owner.map { WorkbenchOwner.login(email: $0, settings: settings, diagnostics: &diagnostics) } ?? WorkbenchOwner.defaultLogin
        let located = settings.locatedMounts("network_storage", diagnostics: &diagnostics)
        WorkbenchMountChecks.check(located, settings: settings, diagnostics: &diagnostics)
        let mounts = located.map(\.mount)
        guard machine != nil, let image, let name, let login else { return }
        let workbench = Workbench(
            origin: origin, name: name, project: project, zone: zone, machineType: machineName, image: image,
            diskType: diskType, diskSizeGB: diskSize, ownerEmail: owner, login: login, mounts: mounts, scriptBucket: scriptBucket,
            network: network, subnetwork: subnetwork, serviceAccountEmail: settings.text("service_account_email"),
            publicIP: !(settings.bool("disable_public_ip", diagnostics: &diagnostics) ?? true)
        )
        context.deployment.workbenches.append(workbench)
        context.entities[settings.id] = .workbench(workbench)
        context.knownOutputs[settings.id] = ["instance_name": .string(name)]
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

/// The Linux user a workbench's JupyterLab runs as, derived from the owner's email.
enum WorkbenchOwner {
    /// Workbench's own default user, for instances without an owner.
    static let defaultLogin = "jupyter"
    /// Accounts every image has; a workbench owner must not become one of them.
    static let systemUsers: Set = ["root", "daemon", "bin", "sys", "sync", "games", "man", "lp", "mail", "news", "nobody", "sshd", "systemd-network"]

    /// The email's local part, lowercased, with characters a user name cannot hold replaced by '_'.
    static func login(email: String, settings: SettingReader, diagnostics: inout Diagnostics) -> String? {
        let local = email.prefix { $0 != "@" }.lowercased()
        let login = String(String.UnicodeScalarView(local.unicodeScalars.map { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-" ? $0 : "_" }))
        let startsWell = login.unicodeScalars.first.map { NameRules.isLower($0) || $0 == "_" } ?? false
        guard startsWell, login.count <= 32, !systemUsers.contains(login) else {
            diagnostics.report(.invalidName, "the owner '\(email)' gives the Linux user name '\(login)', which cannot be used", at: settings.location("instance_owner"),
                               help: "the part before '@' becomes the user JupyterLab runs as: it must start with a letter, have at most 32 characters and not be a system account")
            return nil
        }
        return login
    }
}
