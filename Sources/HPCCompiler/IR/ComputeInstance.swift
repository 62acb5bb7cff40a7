/// Properties of a Compute Engine instance shared by the controller, login nodes and nodesets.
public struct InstanceProperties: Hashable, Sendable {
    public var project: String
    public var machine: MachineType
    public var image: BootImage
    public var bootDisk: Disk
    public var additionalDisks: [Disk]
    public var subnetwork: SubnetworkAttachment
    /// External access configurations (empty: internal address only).
    public var accessConfigs: [AccessConfig]
    public var nicType: String?
    public var tier1Egress: Bool
    public var canIPForward: Bool
    public var osLogin: Bool
    public var confidential: Bool
    public var shielded: ShieldedConfig?
    /// GPUs attached with guest_accelerator (not the built-in ones of a2/a3/g2).
    public var attachedGPU: GPU?
    public var metadata: [String: TerraformText]
    public var minCPUPlatform: String?
    public var scheduling: Scheduling
    public var serviceAccount: ServiceAccount
    public var tags: [String]
    public var labels: [String: String]
    /// Nil leaves threads per core to Compute Engine (families where it cannot be set).
    public var threadsPerCore: Int?
    public var visibleCoreCount: Int?
    public var nestedVirtualization: Bool?
    public var turboMode: String?
    public var automaticUpdates: Bool

    /// Every GPU the instance has: built in or attached.
    public var gpu: GPU? { machine.gpu ?? attachedGPU }
}

/// A boot image by family or name.
public struct BootImage: Hashable, Sendable {
    public var project: String
    public var family: String?
    public var name: String?

    /// `projects/P/global/images/family/F` or `.../images/N`.
    public var reference: String {
        if let family { return "projects/\(project)/global/images/family/\(family)" }
        return "projects/\(project)/global/images/\(name ?? "")"
    }
}

/// A disk.
public struct Disk: Hashable, Sendable {
    public var name: String?
    public var deviceName: String?
    public var type: String
    public var sizeGB: Int?
    public var autoDelete: Bool
    public var boot: Bool
    public var labels: [String: String]
}

/// An external access configuration.
public struct AccessConfig: Hashable, Sendable {
    public var natIP: String?
    public var networkTier: String?
}

/// Shielded VM options.
public struct ShieldedConfig: Hashable, Sendable {
    public var secureBoot: Bool
    public var vtpm: Bool
    public var integrityMonitoring: Bool
}

/// Scheduling options.
public struct Scheduling: Hashable, Sendable {
    public var preemptible: Bool
    public var spot: Bool
    public var spotTerminationAction: String?
    public var onHostMaintenance: String
    /// Automatic restart (off for preemptible and Spot instances).
    public var automaticRestart: Bool { !preemptible && !spot }
}

/// The service account instances run as.
public struct ServiceAccount: Hashable, Sendable {
    /// Nil means the project's default compute service account.
    public var email: TerraformText?
    public var scopes: [String]
}
