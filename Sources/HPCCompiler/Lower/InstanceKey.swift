/// The names of the Compute Engine instance settings that `CommonSettings.instance(...)` gives
/// nodesets, login groups and the controller, with the type `InstanceLowering` reads them as.
/// The last three are nodeset settings (`enable_smt` is a deprecated one elsewhere) that the
/// shared lowering reads where the module declares them.
enum InstanceKey {
    static let machineType = SettingKey<String>("machine_type")
    static let image = SettingKey<[String: String]>("instance_image")
    /// Confirms that an image from outside `CommonSettings.slurmImageProject` has Slurm installed.
    static let imageCustom = SettingKey<Bool>("instance_image_custom")
    static let diskType = SettingKey<String>("disk_type")
    static let diskSize = SettingKey<Int>("disk_size_gb")
    static let diskAutoDelete = SettingKey<Bool>("disk_auto_delete")
    static let diskLabels = SettingKey<[String: String]>("disk_labels")
    static let additionalDisks = SettingKey<Value>("additional_disks")
    static let machineFeatures = SettingKey<Value>("advanced_machine_features")
    static let bandwidthTier = SettingKey<BandwidthTier>("bandwidth_tier")
    static let canIPForward = SettingKey<Bool>("can_ip_forward")
    static let osLogin = SettingKey<Bool>("enable_oslogin")
    static let confidentialVM = SettingKey<Bool>("enable_confidential_vm")
    static let shieldedVM = SettingKey<Bool>("enable_shielded_vm")
    static let shieldedConfig = SettingKey<Value>("shielded_instance_config")
    static let guestAccelerator = SettingKey<Value>("guest_accelerator")
    /// Read whole: its values may hold module outputs, which become Terraform text.
    static let metadata = SettingKey<Value>("metadata")
    static let minCPUPlatform = SettingKey<String>("min_cpu_platform")
    static let preemptible = SettingKey<Bool>("preemptible")
    static let serviceAccountEmail = SettingKey<String>("service_account_email")
    static let serviceAccountScopes = SettingKey<[String]>("service_account_scopes")
    static let automaticUpdates = SettingKey<Bool>("allow_automatic_updates")
    static let tags = SettingKey<[String]>("tags")
    static let onHostMaintenance = SettingKey<OnHostMaintenance>("on_host_maintenance")
    static let diskEncryptionKey = SettingKey<String>("disk_encryption_key")
    static let diskEncryptionAccount = SettingKey<String>("disk_encryption_key_service_account")
    static let resourceManagerTags = SettingKey<[String: String]>("resource_manager_tags")
    static let diskResourceManagerTags = SettingKey<[String: String]>("disk_resource_manager_tags")

    /// Nodesets only: simultaneous multithreading, which wins over `advanced_machine_features`.
    static let smt = SettingKey<Bool>("enable_smt")
    /// Nodesets only: explicit external access configurations.
    static let accessConfig = SettingKey<Value>("access_config")
    /// Nodesets only: what happens to a preempted Spot node.
    static let spotConfig = SettingKey<Value>("spot_instance_config")
}

/// The NIC settings of `bandwidth_tier`.
enum BandwidthTier: String, CaseIterable, Sendable {
    case platformDefault = "platform_default"
    case virtioEnabled = "virtio_enabled"
    case gvnicEnabled = "gvnic_enabled"
    case tier1Enabled = "tier_1_enabled"

    /// The NIC type; nil leaves it to Compute Engine.
    var nicType: NICType? {
        switch self {
        case .platformDefault: nil
        case .virtioEnabled: .virtioNet
        case .gvnicEnabled, .tier1Enabled: .gvnic
        }
    }

    /// Tier 1 egress bandwidth (which needs gVNIC).
    var tier1Egress: Bool { self == .tier1Enabled }
}

/// The disk types an instance may boot from (`disk_type`). Additional disks and the
/// controller's state disk take any type Compute Engine knows, so `Disk.type` stays a string.
enum BootDiskType: String, CaseIterable, Sendable {
    case standard = "pd-standard"
    case balanced = "pd-balanced"
    case ssd = "pd-ssd"
    case extreme = "pd-extreme"
    case hyperdiskBalanced = "hyperdisk-balanced"
    case hyperdiskExtreme = "hyperdisk-extreme"
    case hyperdiskThroughput = "hyperdisk-throughput"
}
