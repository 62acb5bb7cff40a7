/// Properties of a Compute Engine instance shared by the controller, login nodes and nodesets.
public struct InstanceProperties: Hashable, Sendable {
    /// Project that holds the instance.
    public var project: String
    /// The machine type, with its vCPUs, memory and built-in GPUs.
    public var machine: MachineType
    /// The boot image.
    public var image: BootImage
    /// The boot disk.
    public var bootDisk: Disk
    /// Further disks, in order.
    public var additionalDisks: [Disk]
    /// The subnetwork of the instance's network interface.
    public var subnetwork: SubnetworkAttachment
    /// External access configurations (empty: internal address only).
    public var accessConfigs: [AccessConfig]
    /// The NIC type; nil for Compute Engine's choice.
    public var nicType: NICType?
    /// Tier 1 networking (higher egress bandwidth).
    public var tier1Egress: Bool
    /// The instance may send and receive packets for other addresses.
    public var canIPForward: Bool
    /// Logins go through OS Login (`enable-oslogin` metadata).
    public var osLogin: Bool
    /// A Confidential VM.
    public var confidential: Bool
    /// Shielded VM options; nil for none.
    public var shielded: ShieldedConfig?
    /// GPUs attached with guest_accelerator (not the built-in ones of a2/a3/g2).
    public var attachedGPU: GPU?
    /// The user's instance metadata; hpcc adds its own `hpcc-*` keys to it.
    public var metadata: [String: TerraformText]
    /// The oldest CPU platform the instance may run on (`Intel Ice Lake`).
    public var minCPUPlatform: String?
    /// Spot, preemptible and host-maintenance options.
    public var scheduling: Scheduling
    /// The service account the instance runs as.
    public var serviceAccount: ServiceAccount
    /// Network tags (firewall rules select instances by them).
    public var tags: [String]
    /// Labels: the user's and hpcc's.
    public var labels: [String: String]
    /// Nil leaves threads per core to Compute Engine (families where it cannot be set).
    public var threadsPerCore: Int?
    /// Cores exposed to the guest, fewer than the machine has; nil for all.
    public var visibleCoreCount: Int?
    /// Nested virtualization; nil leaves Compute Engine's default.
    public var nestedVirtualization: Bool?
    /// `ALL_CORE_MAX` fixes the all-core turbo frequency; nil leaves the default.
    public var turboMode: String?
    /// The guest may install updates on its own.
    public var automaticUpdates: Bool

    /// Every GPU the instance has: built in or attached.
    public var gpu: GPU? { machine.gpu ?? attachedGPU }
}

/// A boot image by family or name.
public struct BootImage: Hashable, Sendable {
    /// Project that publishes the image.
    public var project: String
    /// The image family; its newest image is used.
    public var family: String?
    /// A specific image, when no family is given.
    public var name: String?

    /// `projects/P/global/images/family/F` or `.../images/N`.
    public var reference: String {
        if let family { return "projects/\(project)/global/images/family/\(family)" }
        return "projects/\(project)/global/images/\(name ?? "")"
    }
}

/// A disk.
public struct Disk: Hashable, Sendable {
    /// The disk's name; nil lets Compute Engine name it.
    public var name: String?
    /// The device name the guest sees (`/dev/disk/by-id/google-NAME`).
    public var deviceName: String?
    /// The disk type (`pd-ssd`, `hyperdisk-balanced`, ...).
    public var type: String
    /// Size in GB; nil for the image's size.
    public var sizeGB: Int?
    /// The disk is deleted with the instance.
    public var autoDelete: Bool
    /// It is the boot disk.
    public var boot: Bool
    /// Labels of the disk.
    public var labels: [String: String]
}

/// An external access configuration.
public struct AccessConfig: Hashable, Sendable {
    /// A reserved external address; nil for an ephemeral one.
    public var natIP: String?
    /// `PREMIUM` or `STANDARD`; nil for the project's default.
    public var networkTier: String?
}

/// Shielded VM options.
public struct ShieldedConfig: Hashable, Sendable {
    /// Secure Boot.
    public var secureBoot: Bool
    /// A virtual Trusted Platform Module.
    public var vtpm: Bool
    /// Integrity monitoring.
    public var integrityMonitoring: Bool
}

/// Scheduling options.
public struct Scheduling: Hashable, Sendable {
    /// A preemptible instance (the older form of Spot).
    public var preemptible: Bool
    /// A Spot instance.
    public var spot: Bool
    /// What Compute Engine does to a preempted Spot instance: `STOP` or `DELETE`.
    public var spotTerminationAction: String?
    /// What happens during host maintenance (GPUs need `TERMINATE`).
    public var onHostMaintenance: OnHostMaintenance
    /// Automatic restart (off for preemptible and Spot instances).
    public var automaticRestart: Bool { !preemptible && !spot }
}

/// What Compute Engine does to an instance during host maintenance.
public enum OnHostMaintenance: String, CaseIterable, Sendable {
    case migrate = "MIGRATE"
    case terminate = "TERMINATE"
}

/// A network interface's type.
public enum NICType: String, Sendable {
    case gvnic = "GVNIC"
    case virtioNet = "VIRTIO_NET"
}

/// The service account instances run as.
public struct ServiceAccount: Hashable, Sendable {
    /// Nil means the project's default compute service account.
    public var email: TerraformText?
    /// OAuth scopes.
    public var scopes: [String]
}
