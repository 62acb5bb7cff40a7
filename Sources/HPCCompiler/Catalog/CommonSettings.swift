/// The names of settings several modules share, with the type Lower reads them as.
enum CommonKey {
    static let project = SettingKey<String>("project_id")
    static let deploymentName = SettingKey<String>("deployment_name")
    static let region = SettingKey<String>("region")
    static let zone = SettingKey<String>("zone")
    static let labels = SettingKey<[String: String]>("labels")
    static let networkID = SettingKey<String>("network_id")
    static let subnetwork = SettingKey<String>("subnetwork_self_link")
    static let localMount = SettingKey<String>("local_mount")
    static let mountOptions = SettingKey<String>("mount_options")
    static let networkStorage = SettingKey<Value>("network_storage")
}

/// Settings several modules share, defined once.
enum CommonSettings {
    static let project = SettingSpec(
        CommonKey.project, .string, "Google Cloud project that holds the resources.", required: true,
        constraints: [
            .pattern(
                "[a-z][a-z0-9-]{4,28}[a-z0-9]", description: "a GCP project id (6-30 lowercase letters, digits, '-')")
        ])
    static let deploymentName = SettingSpec(
        CommonKey.deploymentName, .string, "Name of the deployment; default resource names derive from it.",
        required: true)
    /// What a zone name looks like (`us-central1-a`); also checked for each entry of `zones`.
    static let zonePattern = "[a-z]+-[a-z]+[0-9]+-[a-z]"

    /// The region of a zone (`us-central1` of `us-central1-a`); a region, or anything that is no
    /// zone name, stays as it is.
    static func region(of location: String) -> String {
        let parts = location.split(separator: "-")
        guard parts.count == 3, parts[2].count == 1 else { return location }
        return parts[0...1].joined(separator: "-")
    }

    static let region = SettingSpec(
        CommonKey.region, .string, "Region of the regional resources.", required: true,
        constraints: [.pattern("[a-z]+-[a-z]+[0-9]+", description: "a region name such as `us-central1`")])
    static let zone = SettingSpec(
        CommonKey.zone, .string, "Zone of the zonal resources.", required: true,
        constraints: [.pattern(zonePattern, description: "a zone name such as `us-central1-a`")])
    static let labels = SettingSpec(
        CommonKey.labels, .map(.string),
        """
        Labels for every resource that takes labels, merged over `vars.labels`; hpcc adds `hpcc_blueprint`, \
        `hpcc_deployment` and `hpcc_module`.
        """,
        default: .map([:]))

    static let networkID = SettingSpec(
        CommonKey.networkID, .string,
        "The VPC, as `projects/PROJECT/global/networks/NAME` (normally from a `use`d network module).", required: true,
        constraints: [
            .pattern(
                "projects/[^/]+/global/networks/[^/]+",
                description: "of the form `projects/PROJECT/global/networks/NAME`")
        ])
    static let subnetwork = SettingSpec(
        CommonKey.subnetwork, .string,
        "The subnetwork the instances attach to (normally from a `use`d network module).", required: true)

    static let mountContract = SettingType.object([
        .required("server_ip", .string), .required("remote_mount", .string), .required("local_mount", .string),
        .required("fs_type", .string), .optional("mount_options", .string, .string("")),
        .optional("client_install_runner", .map(.string)), .optional("mount_runner", .map(.string)),
    ])

    static let image = SettingType.map(.string)
    /// The project of SchedMD's slurm-gcp images, which have Slurm installed as hpcc's nodes expect.
    static let slurmImageProject = "schedmd-slurm-public"
    static let defaultImage = Value.map([
        "family": .string("slurm-gcp-6-12-hpc-rocky-linux-8"), "project": .string(slurmImageProject),
    ])

    static let accelerator = SettingType.object([.required("type", .string), .required("count", .number)])
    static let additionalDisk = SettingType.object([
        .optional("disk_name", .string), .optional("device_name", .string), .optional("disk_size_gb", .number),
        .optional("disk_type", .string), .optional("disk_labels", .map(.string), .map([:])),
        .optional("auto_delete", .bool, .bool(true)), .optional("boot", .bool, .bool(false)),
        .optional("disk_resource_manager_tags", .map(.string)), .optional("disk_encryption_key", .string),
        .optional("disk_encryption_key_service_account", .string),
    ])
    static let machineFeatures = SettingType.object([
        .optional("enable_nested_virtualization", .bool), .optional("threads_per_core", .number),
        .optional("turbo_mode", .string), .optional("visible_core_count", .number),
        .optional("performance_monitoring_unit", .string), .optional("enable_uefi_networking", .bool),
    ])
    static let shieldedConfig = SettingType.object([
        .optional("enable_integrity_monitoring", .bool, .bool(true)),
        .optional("enable_secure_boot", .bool, .bool(true)),
        .optional("enable_vtpm", .bool, .bool(true)),
    ])
    /// `enable_shielded_vm`, of instances and image build VMs.
    static let shieldedVM = SettingSpec(
        InstanceKey.shieldedVM, .bool, "Run as Shielded VMs with `shielded_instance_config`.", default: .bool(false))
    /// `shielded_instance_config`, beside `shieldedVM`.
    static let shieldedOptions = SettingSpec(
        InstanceKey.shieldedConfig, shieldedConfig, "Shielded VM options, used when `enable_shielded_vm` is true.",
        default: .map([
            "enable_integrity_monitoring": .bool(true), "enable_secure_boot": .bool(true), "enable_vtpm": .bool(true),
        ]))
    static let accessConfig = SettingType.object([.optional("nat_ip", .string), .optional("network_tier", .string)])
    static let bandwidthTiers = BandwidthTier.allCases.map(\.rawValue)
    static let cloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform"

    /// The settings of a Compute Engine instance (nodesets, login nodes, the controller), with the
    /// defaults that differ between them passed in.
    static func instance(
        machineType: String, diskType: BootDiskType, diskSize: Int, onHostMaintenance: OnHostMaintenance?
    ) -> [SettingSpec] {
        var settings: [SettingSpec] = [
            SettingSpec(
                InstanceKey.machineType, .string,
                "Compute Engine machine type; hpcc derives CPUs, memory and GPUs from its machine catalog.",
                default: .string(machineType)),
            SettingSpec(
                InstanceKey.image, image, "Boot image: `project` plus exactly one of `family` or `name`.",
                default: defaultImage),
            SettingSpec(
                InstanceKey.imageCustom, .bool,
                """
                Set to true to confirm a custom image (one not from `schedmd-slurm-public`) has Slurm installed as the \
                slurm-gcp images do.
                """,
                default: .bool(false)),
            SettingSpec(
                InstanceKey.diskType, .string, "Boot disk type.", default: .string(diskType.rawValue),
                constraints: [.oneOf(BootDiskType.allCases.map(\.rawValue))]),
            SettingSpec(
                InstanceKey.diskSize, .number, "Boot disk size in GB.", default: .int(diskSize),
                constraints: [.integer, .range(min: 10, max: 65536)]),
            SettingSpec(
                InstanceKey.diskAutoDelete, .bool, "Delete the boot disk with the instance.", default: .bool(true)),
            SettingSpec(
                InstanceKey.diskLabels, .map(.string), "Extra labels for the boot disk, merged over the module labels.",
                default: .map([:])),
            SettingSpec(
                InstanceKey.additionalDisks, .list(additionalDisk),
                """
                Extra disks attached to each instance, at `/dev/disk/by-id/google-<device_name>` (not formatted or \
                mounted). `disk_type: local-ssd` is one 375 GB NVMe scratch disk per entry. On the controller and \
                login nodes each persistent disk is a `google_compute_disk` of its own (`auto_delete: false`: \
                snapshotted before `terraform destroy` deletes it).
                """,
                default: .list([])),
            SettingSpec(
                InstanceKey.machineFeatures, machineFeatures,
                "Advanced machine features; `threads_per_core` 1 turns SMT off (the default, as in Cluster Toolkit).",
                default: .map(["threads_per_core": .int(1)])),
            SettingSpec(
                InstanceKey.bandwidthTier, .string,
                """
                NIC: `virtio_enabled`, `gvnic_enabled`, or `tier_1_enabled` (gVNIC with Tier 1 egress); \
                `platform_default` leaves it to Compute Engine.
                """,
                default: .string(BandwidthTier.platformDefault.rawValue), constraints: [.oneOf(bandwidthTiers)]),
            SettingSpec(
                InstanceKey.canIPForward, .bool, "Allow the instances to forward packets.", default: .bool(false)),
            SettingSpec(InstanceKey.osLogin, .bool, "Use OS Login for SSH access.", default: .bool(true)),
            SettingSpec(InstanceKey.confidentialVM, .bool, "Run as Confidential VMs.", default: .bool(false)),
            shieldedVM, shieldedOptions,
            SettingSpec(
                InstanceKey.guestAccelerator, .list(accelerator),
                "GPUs to attach (at most one entry); accelerator-optimized machine types (a2, a3, g2) bring their own.",
                default: .list([]), constraints: [.maxItems(1)]),
            SettingSpec(InstanceKey.metadata, .map(.string), "Extra instance metadata.", default: .map([:])),
            SettingSpec(InstanceKey.minCPUPlatform, .string, "Minimum CPU platform.", default: nil),
            SettingSpec(InstanceKey.preemptible, .bool, "Use preemptible instances.", default: .bool(false)),
            SettingSpec(
                InstanceKey.serviceAccountEmail, .string,
                "Service account of the instances; null means the project's default compute service account.",
                default: nil),
            SettingSpec(
                InstanceKey.serviceAccountScopes, .list(.string), "Access scopes of the service account.",
                default: .list([.string(cloudPlatformScope)])),
            SettingSpec(
                InstanceKey.automaticUpdates, .bool,
                "When false, turns off automatic OS package updates (metadata `google_disable_automatic_updates`).",
                default: .bool(true)),
            SettingSpec(InstanceKey.tags, .list(.string), "Network tags.", default: .list([])),
            SettingSpec(
                InstanceKey.resourceManagerTags, .map(.string),
                """
                Resource manager tags bound to the instances, `tagKeys/ID: tagValues/ID` (IAM conditions and \
                firewall policies select instances by them).
                """,
                default: .map([:])),
            SettingSpec(
                InstanceKey.diskResourceManagerTags, .map(.string),
                """
                Resource manager tags bound to the boot disk (and the controller's state disk), `tagKeys/ID: \
                tagValues/ID`; an additional disk takes its own `disk_resource_manager_tags`.
                """,
                default: .map([:])),
            SettingSpec(
                InstanceKey.diskEncryptionKey, .string,
                """
                Cloud KMS key (CMEK) that encrypts every persistent disk of the instances: boot disk, additional \
                disks without their own `disk_encryption_key`, and the controller's state disk. Local SSDs are \
                always encrypted by Compute Engine. The Compute Engine service agent of the project (or \
                `disk_encryption_key_service_account`) needs `roles/cloudkms.cryptoKeyEncrypterDecrypter` on the key.
                """,
                constraints: [CloudKMSKey.constraint]),
            SettingSpec(
                InstanceKey.diskEncryptionAccount, .string,
                "Service account Compute Engine makes the key requests as; null for its own service agent.",
                constraints: [CloudKMSKey.accountConstraint]),
        ]
        if let onHostMaintenance {
            settings.append(
                SettingSpec(
                    InstanceKey.onHostMaintenance, .string,
                    "What happens during host maintenance; instances with GPUs must TERMINATE.",
                    default: .string(onHostMaintenance.rawValue),
                    constraints: [.oneOf(OnHostMaintenance.allCases.map(\.rawValue))]))
        }
        return settings
    }

    /// Settings Cluster Toolkit removed; hpcc names their replacement.
    static func deprecated(_ names: [(String, String)]) -> [SettingSpec] {
        names.map { SettingSpec($0.0, .any, "Removed; \($0.1).", effect: .deprecated($0.1)) }
    }

    /// Settings Cluster Toolkit renamed without changing their type or meaning: (old, new).
    static func renamed(_ names: [(String, String)]) -> [SettingSpec] {
        names.map { old, new in
            var spec = SettingSpec(old, .any, "Removed; use \(new).", effect: .deprecated("use \(new)"))
            spec.renamedTo = new
            return spec
        }
    }

    /// Cluster Toolkit settings whose end hpcc reaches another way; each says how. Entries are
    /// (name, type, Cluster Toolkit's default, what hpcc does instead).
    static func moot(_ entries: [(String, SettingType, Value?, String)]) -> [SettingSpec] {
        entries.map { SettingSpec($0.0, $0.1, "Moot in hpcc: \($0.3).", default: $0.2, effect: .moot($0.3)) }
    }

    /// Cluster Toolkit settings hpcc does not implement yet. Entries are (name, type, Cluster
    /// Toolkit's default, what is missing); any value that asks for something is an error.
    static func unsupported(_ entries: [(String, SettingType, Value?, String)]) -> [SettingSpec] {
        entries.map { entry in
            let inert =
                entry.2.map { "null, false, empty or the default `\(ValueText.hcl($0))`" } ?? "null, false or empty"
            return SettingSpec(
                entry.0, entry.1, "Not supported by hpcc yet: \(entry.3). Any value but \(inert) is error HPC2019.",
                default: entry.2, effect: .unsupported(entry.3))
        }
    }
}
