/// `modules/packer/custom-image` (`kind: packer`): a machine image built with Packer's
/// googlecompute builder. The module's group holds it alone and emits a Packer template and its
/// variables file instead of a Terraform root (`PackerTemplate`).
enum CustomImageModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let machineType = SettingKey<String>("machine_type")
        static let diskSize = SettingKey<Int>("disk_size")
        static let diskType = SettingKey<String>("disk_type")
        static let subnetwork = SettingKey<String>("subnetwork_name")
        static let networkProject = SettingKey<String>("network_project_id")
        static let omitExternalIP = SettingKey<Bool>("omit_external_ip")
        static let tags = SettingKey<[String]>("tags")
        static let imageFamily = SettingKey<String>("image_family")
        static let imageName = SettingKey<String>("image_name")
        static let sourceImageProjects = SettingKey<[String]>("source_image_project_id")
        static let sourceImage = SettingKey<String>("source_image")
        static let sourceImageFamily = SettingKey<String>("source_image_family")
        static let serviceAccount = SettingKey<String>("service_account_email")
        static let scopes = SettingKey<[String]>("service_account_scopes")
        static let useIAP = SettingKey<Bool>("use_iap")
        static let useOSLogin = SettingKey<Bool>("use_os_login")
        static let sshUsername = SettingKey<String>("ssh_username")
        static let startupScript = SettingKey<String>("startup_script")
        static let wrapStartupScript = SettingKey<Bool>("wrap_startup_script")
        static let acceleratorType = SettingKey<String>("accelerator_type")
        static let acceleratorCount = SettingKey<Int>("accelerator_count")
        static let onHostMaintenance = SettingKey<OnHostMaintenance>("on_host_maintenance")
        static let stateTimeout = SettingKey<String>("state_timeout")
        static let metadata = SettingKey<Value>("metadata")
        static let manifestFile = SettingKey<String>("manifest_file")
        static let communicator = SettingKey<PackerImage.Communicator>("communicator")
        static let storageLocations = SettingKey<[String]>("image_storage_locations")
        static let licenses = SettingKey<[String]>("image_licenses")
    }

    static let schema = ModuleSchema(
        source: "modules/packer/custom-image", cloud: .gcp,
        summary: "Machine image built by Packer (googlecompute) from a source image and a startup script",
        description: """
            Builds a Compute Engine image with Packer: a temporary VM boots `source_image` (or the newest image of \
            `source_image_family`), runs `startup_script` (normally the `startup_script` output of a `use`d \
            startup-script module), stops, and is saved as an image of `image_family`. The module needs \
            `kind: packer` and a deployment group of its own; the group becomes `<group>/<module id>/image.pkr.hcl` \
            and `hpcc.auto.pkrvars.hcl` (the resolved settings) instead of a Terraform root. Values from earlier \
            groups that hpcc does not know at compile time (a subnetwork name it did not choose) are Packer \
            variables, filled from `terraform output` of their group; the startup script is read from the \
            deployment folder. Build with `packer build .` in that folder after applying the earlier groups.
            """,
        settings: settings,
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// Every setting, in Cluster Toolkit's order.
    private static let settings: [SettingSpec] =
        [CommonSettings.project, CommonSettings.deploymentName, CommonSettings.zone, CommonSettings.labels]
        + buildMachineSettings + [CommonSettings.shieldedVM, CommonSettings.shieldedOptions] + imageSettings
        + accessSettings + scriptSettings
        + CommonSettings.unsupported([
            ("shell_scripts", .list(.string), .list([]), "shell provisioners (use a startup-script module instead)"),
            ("ansible_playbooks", .list(.any), .list([]), "ansible-local provisioners (use a startup-script module)"),
            ("windows_startup_ps1", .list(.string), .list([]), "Windows images"),
            ("startup_script_file", .string, nil, "a startup script read by Packer from a path (use startup_script)"),
            ("compute_endpoint_version", .string, nil, "custom Compute Engine API endpoints"),
            ("gcloud_path_override", .string, .string(""), "the gcloud hint printed when a build fails"),
        ])
        + CommonSettings.renamed([("scopes", "service_account_scopes")])

    private static let buildMachineSettings: [SettingSpec] = [
        SettingSpec(
            CommonKey.region, .string, "Region of the subnetwork; null lets Packer take the zone's region.",
            constraints: [.pattern("[a-z]+-[a-z]+[0-9]+", description: "a region name such as `us-central1`")]),
        SettingSpec(
            Key.machineType, .string, "Machine type of the build VM.", default: .string("n2-standard-4")),
        SettingSpec(
            Key.diskSize, .number, "Boot disk size in GB, which the image keeps; null takes the source image's.",
            constraints: [.integer, .range(min: 10, max: 65536)]),
        SettingSpec(Key.diskType, .string, "Boot disk type of the build VM.", default: .string("pd-balanced")),
        SettingSpec(Key.acceleratorType, .string, "Accelerator attached to the build VM (`nvidia-l4`); null for none."),
        SettingSpec(
            Key.acceleratorCount, .number, "How many accelerators; null with `accelerator_type` means 1.",
            constraints: [.integer, .range(min: 1, max: 16)]),
        SettingSpec(
            Key.onHostMaintenance, .string,
            "MIGRATE or TERMINATE; null means TERMINATE for machines with GPUs, MIGRATE otherwise.",
            constraints: [.oneOf(OnHostMaintenance.allCases.map(\.rawValue))]),
        SettingSpec(
            Key.stateTimeout, .string, "How long Packer waits for the VM to start or stop.", default: .string("10m"),
            constraints: [.pattern("[0-9]+[smh]", description: "a duration such as `15m`")]),
    ]

    private static let imageSettings: [SettingSpec] = [
        SettingSpec(Key.imageFamily, .string, "Family of the new image; null means the deployment name."),
        SettingSpec(Key.imageName, .string, "Name of the new image; null means `<image_family>-<UTC build time>`."),
        SettingSpec(Key.sourceImage, .string, "Image the build VM boots; wins over `source_image_family`."),
        SettingSpec(
            Key.sourceImageFamily, .string, "Image family the build VM boots the newest image of.",
            default: .string("hpc-rocky-linux-8")),
        SettingSpec(
            Key.sourceImageProjects, .list(.string), "Projects searched for the source image; null means Packer's."),
        SettingSpec(
            Key.storageLocations, .list(.string), "Where the image is stored (`us`); null takes the default."),
        SettingSpec(Key.licenses, .list(.string), "Licenses attached to the image.", default: .list([])),
        SettingSpec(
            Key.manifestFile, .string, "File, beside the template, Packer records the built image in.",
            default: .string("packer-manifest.json"),
            constraints: [.pattern("[A-Za-z0-9._-]+", description: "a plain file name")]),
    ]

    private static let accessSettings: [SettingSpec] = [
        SettingSpec(
            Key.subnetwork, .string, "Subnetwork of the build VM (normally from a `use`d network module).",
            required: true),
        SettingSpec(Key.networkProject, .string, "Host project of a Shared VPC subnetwork; null for `project_id`."),
        SettingSpec(
            Key.omitExternalIP, .bool, "Give the build VM no external address (it needs Cloud NAT).",
            default: .bool(true)),
        SettingSpec(Key.tags, .list(.string), "Network tags of the build VM.", default: .list([])),
        SettingSpec(
            Key.serviceAccount, .string, "Service account of the build VM; null for the Compute Engine default."),
        SettingSpec(
            Key.scopes, .list(.string), "OAuth scopes of the build VM's service account.",
            default: .list([.string(CommonSettings.cloudPlatformScope)])),
        SettingSpec(
            Key.communicator, .string, "`none` (the startup script does the work) or `ssh`.",
            default: .string("none"), constraints: [.oneOf(PackerImage.Communicator.allCases.map(\.rawValue))]),
        SettingSpec(Key.useIAP, .bool, "With `communicator: ssh`, connect through IAP.", default: .bool(true)),
        SettingSpec(Key.useOSLogin, .bool, "With `communicator: ssh`, use OS Login keys.", default: .bool(false)),
        SettingSpec(
            Key.sshUsername, .string, "Temporary user Packer creates, removed when the VM shuts down.",
            default: .string("hpc-toolkit-packer"),
            constraints: [.pattern("[a-z_][a-z0-9_-]{0,31}", description: "a Linux user name")]),
    ]

    private static let scriptSettings: [SettingSpec] = [
        SettingSpec(
            Key.startupScript, .string,
            "Script the build VM runs at boot (normally a startup-script module's output); overrides metadata's."),
        SettingSpec(
            Key.wrapStartupScript, .bool, "Let Packer wait for the startup script and fail the build when it fails.",
            default: .bool(true)),
        SettingSpec(Key.metadata, .map(.string), "Instance metadata of the build VM.", default: .map([:])),
    ]

    static let exposedByDefault: [NoOutput] = []

    static func emit(_ entity: PackerImage, module: ModuleID, into roots: inout TerraformRoots) {
        // No Terraform of its own; the groups it reads from export what it reads.
        PackerReferences.export(entity, into: &roots)
    }
}

extension PackerImage.Communicator: SettingValue {}
