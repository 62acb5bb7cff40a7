/// `community/modules/compute/notebook`: one module, whole.
enum NotebookModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "community/modules/compute/notebook", cloud: .gcp,
        summary: "Vertex AI Workbench instance that mounts the deployment's filesystems",
        description: """
        Creates a Vertex AI Workbench instance (`google_workbench_instance`) for one owner. Its \
        post-startup script (`scripts/<module id>-startup.sh`, uploaded to `gcs_bucket_path`) mounts \
        every filesystem in `network_storage` in the order given, links each into the owner's \
        JupyterLab directory, writes `DATA_LOSS_WARNING.txt` there and restarts JupyterLab. Mount \
        points can only be set when the instance is created: changing them replaces the instance.
        """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.zone, CommonSettings.labels,
            CommonSettings.networkID, CommonSettings.subnetwork,
            SettingSpec("name", .string, "Instance name; null means `<deployment_name>-<module id>` ('_' becomes '-'). Checked after that prefixing."),
            SettingSpec("machine_type", .string, "Compute Engine machine type (from hpcc's machine catalog).", default: .string("n2-standard-4")),
            SettingSpec("instance_image", CommonSettings.image, "Boot image: `project` plus exactly one of `family` or `name`.",
                        default: .map(["project": .string("cloud-notebooks-managed"), "family": .string("workbench-instances")])),
            SettingSpec("disk_type", .string, "Boot disk type.", default: .string("pd-balanced"),
                        constraints: [.oneOf(WorkbenchDiskType.allCases.map(\.rawValue))]),
            SettingSpec("disk_size_gb", .number, "Boot disk size in GB.", default: .int(150), constraints: [.integer, .range(min: 150, max: 64000)]),
            SettingSpec("instance_owner", .string, "Email of the one user who may open the workbench. JupyterLab runs as the owner's OS Login user name, derived from the email (`ada.lovelace@example.com` → `ada_lovelace_example_com`) unless `owner_login` is set. Null: no owner, user `jupyter`.",
                        constraints: [.pattern("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}", description: "an email address")]),
            SettingSpec("owner_login", .string, "The Linux user JupyterLab runs as, when the one derived from `instance_owner` is not the owner's (e.g. `ext_` users of another organization, or names over 32 characters)."),
            SettingSpec("gcs_bucket_path", .string, "`gs://BUCKET` where the startup script is uploaded (normally from a `use`d cloud-storage-bucket module).",
                        required: true, constraints: [.pattern("gs://[a-z0-9][-_.a-z0-9]*[a-z0-9]", description: "a `gs://BUCKET` path")]),
            SettingSpec("network_storage", .list(CommonSettings.mountContract), "Filestore, Managed Lustre, buckets and other filesystems to mount, in this order (normally from `use`).",
                        default: .list([])),
            SettingSpec("service_account_email", .string, "Service account of the instance; null means the project's default compute service account."),
            SettingSpec("disable_public_ip", .bool, "Give the instance no external IP address (it reaches the internet through Cloud NAT).", default: .bool(true)),
        ] + CommonSettings.moot([
            ("mount_runner", .any, nil, "hpcc mounts every filesystem of `network_storage` with the workbench's own startup script"),
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
        NotebookLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: Workbench, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in WorkbenchResources.emit(entity, into: &document, references: &references) }
    }

    static func value(of output: Output, entity: Workbench, module: ModuleID, path: [Accessor]) -> OutputValue {
        let instance = "google_workbench_instance.\(module.rawValue)"
        return switch output {
        case .proxyURI: .expression("\(instance).proxy_uri" + HCL.access(path))
        case .instanceName: .expression("\(instance).name" + HCL.access(path))
        }
    }
}

/// Boot disk types a Workbench instance offers, by their Compute Engine names.
public enum WorkbenchDiskType: String, CaseIterable, Sendable {
    case standard = "pd-standard"
    case balanced = "pd-balanced"
    case ssd = "pd-ssd"
    case extreme = "pd-extreme"

    /// The name the Workbench API uses (`PD_BALANCED`).
    public var apiName: String {
        rawValue.uppercased().replacingOccurrences(of: "-", with: "_")
    }
}
