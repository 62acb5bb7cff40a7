/// `community/modules/compute/notebook`: one module, whole.
enum NotebookModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let name = SettingKey<String>("name")
        static let machineType = SettingKey<String>("machine_type")
        static let diskType = SettingKey<String>("disk_type")
        static let diskSize = SettingKey<Int>("disk_size_gb")
        static let instanceOwner = SettingKey<String>("instance_owner")
        static let ownerLogin = SettingKey<String>("owner_login")
        static let scriptBucket = SettingKey<String>("gcs_bucket_path")
        static let serviceAccountEmail = SettingKey<String>("service_account_email")
        static let disablePublicIP = SettingKey<Bool>("disable_public_ip")
    }

    static let schema = ModuleSchema(
        source: "community/modules/compute/notebook", cloud: .gcp,
        summary: "Vertex AI Workbench instance that mounts the deployment's filesystems",
        description: """
            Creates a Vertex AI Workbench instance (`google_workbench_instance`) for one owner. Its \
            post-startup script (`scripts/<module id>-startup.sh`, uploaded to `gcs_bucket_path`) mounts \
            every filesystem in `network_storage` in the order given, links each into the owner's \
            JupyterLab directory, writes `DATA_LOSS_WARNING.txt` there and restarts JupyterLab. Mount \
            points can only be set when the instance is created: changing them replaces the instance. \
            The instance has OS Login on; with an owner, JupyterLab runs as the owner's OS Login account (the \
            same name, UID and GID as on the cluster's nodes). The script never creates a local user and never \
            changes the owner of an existing home folder.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.zone, CommonSettings.labels,
            CommonSettings.networkID, CommonSettings.subnetwork,
            SettingSpec(
                Key.name, .string,
                """
                Instance name; null means `<deployment_name>-<module id>` ('_' becomes '-'). Checked after that \
                prefixing.
                """
            ),
            SettingSpec(
                Key.machineType, .string, "Compute Engine machine type (from hpcc's machine catalog).",
                default: .string("n2-standard-4")),
            SettingSpec(
                "instance_image", CommonSettings.image, "Boot image: `project` plus exactly one of `family` or `name`.",
                default: .map(["project": .string("cloud-notebooks-managed"), "family": .string("workbench-instances")])
            ),
            SettingSpec(
                Key.diskType, .string, "Boot disk type.", default: .string("pd-balanced"),
                constraints: [.oneOf(WorkbenchDiskType.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.diskSize, .number, "Boot disk size in GB.", default: .int(150),
                constraints: [.integer, .range(min: 150, max: 64000)]),
            SettingSpec(
                Key.instanceOwner, .string,
                """
                Email of the one user who may open the workbench. JupyterLab runs as the owner's OS Login user name, \
                derived from the email (`ada.lovelace@example.com` → `ada_lovelace_example_com`) unless `owner_login` \
                is set. Null: no owner, user `jupyter`.
                """,
                constraints: [
                    .pattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", description: "an email address")
                ]),
            SettingSpec(
                Key.ownerLogin, .string,
                """
                The Linux user JupyterLab runs as, when the one derived from `instance_owner` is not the owner's (e.g. \
                `ext_` users of another organization, or names over 32 characters).
                """
            ),
            SettingSpec(
                Key.scriptBucket, .string,
                """
                `gs://BUCKET` where the startup script is uploaded (normally from a `use`d cloud-storage-bucket \
                module).
                """,
                required: true,
                constraints: [.pattern("gs://[a-z0-9][-_.a-z0-9]*[a-z0-9]", description: "a `gs://BUCKET` path")]),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                """
                Filestore, Managed Lustre, buckets and other filesystems to mount, in this order (normally from `use`).
                """,
                default: .list([])),
            SettingSpec(
                Key.serviceAccountEmail, .string,
                "Service account of the instance; null means the project's default compute service account."),
            SettingSpec(
                Key.disablePublicIP, .bool,
                "Give the instance no external IP address (it reaches the internet through Cloud NAT).",
                default: .bool(true)),
        ]
            + CommonSettings.moot([
                (
                    "mount_runner", .any, nil,
                    "hpcc mounts every filesystem of `network_storage` with the workbench's own startup script"
                )
            ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case proxyURI = "proxy_uri"
        case instanceName = "instance_name"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .proxyURI: (.string, "Address of the workbench's JupyterLab.")
            case .instanceName: (.string, "Name of the Workbench instance.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.proxyURI]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Workbench? {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let machineName = settings.read(Key.machineType, diagnostics: &diagnostics),
            let diskType = settings.read(Key.diskType, diagnostics: &diagnostics).flatMap(
                WorkbenchDiskType.init(rawValue:)),
            let diskSize = settings.read(Key.diskSize, diagnostics: &diagnostics),
            let network = settings.networkAttachment(CommonKey.networkID, diagnostics: &diagnostics),
            let subnetwork = settings.subnetworkAttachment(CommonKey.subnetwork, diagnostics: &diagnostics)
        else { return nil }
        // Without a bucket (reported by Resolve) the rest is still judged.
        let scriptBucket = settings.text(Key.scriptBucket)
        let machine = InstanceLowering.machine(machineName, settings: settings, diagnostics: &diagnostics)
        if let machine {
            InstanceLowering.checkZoneOffering(
                machine, zones: [(zone, settings.location(CommonKey.zone))], what: "notebook '\(settings.id)'",
                diagnostics: &diagnostics)
        }
        let image = InstanceLowering.bootImage(settings, diagnostics: &diagnostics)
        let name = instanceName(settings, deployment: deployment, diagnostics: &diagnostics)
        let owner = settings.read(Key.instanceOwner, diagnostics: &diagnostics)
        let login = WorkbenchOwner.login(settings, owner: owner, diagnostics: &diagnostics)
        let located = settings.locatedMounts(CommonKey.networkStorage, diagnostics: &diagnostics)
        WorkbenchMountChecks.check(located, settings: settings, diagnostics: &diagnostics)
        if owner == nil, let login {
            WorkbenchOwner.checkSharedHome(login: login, mounts: located, settings: settings, diagnostics: &diagnostics)
        }
        let mounts = located.map(\.mount)
        guard machine != nil, let image, let name, let login, let scriptBucket else { return nil }
        let workbench = Workbench(
            origin: origin, name: name, project: project, zone: zone, machineType: machineName, image: image,
            diskType: diskType, diskSizeGB: diskSize, ownerEmail: owner, login: login, mounts: mounts,
            scriptBucket: scriptBucket,
            network: network, subnetwork: subnetwork, serviceAccountEmail: settings.text(Key.serviceAccountEmail),
            publicIP: !settings.read(defaulted: Key.disablePublicIP, diagnostics: &diagnostics)
        )
        settings.context.deployment.workbenches.append(workbench)
        settings.context.knownOutputs[settings.id] = [Output.instanceName.rawValue: .string(name)]
        return workbench
    }

    /// The explicit name, or `<deployment_name>-<module id>` ('_' → '-'); either must be a valid
    /// instance name: a lowercase letter, then lowercase letters, digits or '-', at most 63.
    static func instanceName(_ settings: SettingReader, deployment: String, diagnostics: inout Diagnostics) -> String? {
        let explicit = settings.read(Key.name, diagnostics: &diagnostics)
        let name = explicit ?? ResourceName.autoName(deployment) + "-" + ResourceName.autoName(settings.id.rawValue)
        let scalars = Array(name.unicodeScalars)
        let valid =
            (1...63).contains(scalars.count) && NameRules.isLower(scalars[0])
            && scalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-" } && scalars.last != "-"
        guard !valid else { return name }
        let at = explicit != nil ? settings.location(Key.name) : settings.module.declaration.id.location
        diagnostics.report(
            .invalidName,
            "workbench name '\(name)' of module '\(settings.id)' is not valid"
                + (scalars.count > 63 ? " (\(scalars.count) characters)" : ""),
            at: at,
            help: "a lowercase letter, then up to 62 lowercase letters, digits or '-', not ending in '-'"
                + (explicit == nil ? "; set 'name' or shorten deployment_name or the module id" : ""))
        return nil
    }

    static func emit(_ entity: Workbench, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            WorkbenchResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: Workbench, module: ModuleID, path: [Accessor]) -> OutputValue {
        let instance = WorkbenchResources.instance(module)
        return switch output {
        case .proxyURI: .expression(instance.attribute("proxy_uri") + HCL.access(path))
        case .instanceName: .expression(instance.attribute("name") + HCL.access(path))
        }
    }
}

/// Boot disk types a Workbench instance offers, by their Compute Engine names.
@_spi(Tools) public enum WorkbenchDiskType: String, CaseIterable, Sendable {
    case standard = "pd-standard"
    case balanced = "pd-balanced"
    case ssd = "pd-ssd"
    case extreme = "pd-extreme"

    /// The name the Workbench API uses (`PD_BALANCED`).
    @_spi(Tools) public var apiName: String {
        rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }
}
