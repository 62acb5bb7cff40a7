/// Properties of a Compute Engine instance shared by the controller, login nodes and nodesets.
@_spi(Tools) public struct InstanceProperties: Hashable, Sendable {
    /// Project that holds the instance.
    @_spi(Tools) public var project: String
    /// The machine type, with its vCPUs, memory and built-in GPUs.
    @_spi(Tools) public var machine: MachineType
    /// The boot image.
    @_spi(Tools) public var image: BootImage
    /// The boot disk.
    @_spi(Tools) public var bootDisk: Disk
    /// Further disks, in order.
    @_spi(Tools) public var additionalDisks: [Disk]
    /// The subnetwork of the instance's network interface.
    @_spi(Tools) public var subnetwork: SubnetworkAttachment
    /// External access configurations (empty: internal address only).
    @_spi(Tools) public var accessConfigs: [AccessConfig]
    /// The first interface written out whole (vm-instance's `network_interfaces`); nil builds it
    /// from `subnetwork`, `accessConfigs` and `nicType`.
    @_spi(Tools) public var primaryInterface: NetworkInterface? = nil
    /// Interfaces after the first, in order (RDMA and extra VPC NICs); nic1 is the first of them.
    @_spi(Tools) public var additionalNetworks: [NetworkInterface] = []
    /// The NIC type; nil for Compute Engine's choice.
    @_spi(Tools) public var nicType: NICType?
    /// Tier 1 networking (higher egress bandwidth).
    @_spi(Tools) public var tier1Egress: Bool
    /// The instance may send and receive packets for other addresses.
    @_spi(Tools) public var canIPForward: Bool
    /// Logins go through OS Login (`enable-oslogin` metadata).
    @_spi(Tools) public var osLogin: Bool
    /// A Confidential VM.
    @_spi(Tools) public var confidential: Bool
    /// Shielded VM options; nil for none.
    @_spi(Tools) public var shielded: ShieldedConfig?
    /// GPUs attached with guest_accelerator (not the built-in ones of a2/a3/g2).
    @_spi(Tools) public var attachedGPU: GPU?
    /// The user's instance metadata; hpcc adds its own `hpcc-*` keys to it.
    @_spi(Tools) public var metadata: [String: TerraformText]
    /// The oldest CPU platform the instance may run on (`Intel Ice Lake`).
    @_spi(Tools) public var minCPUPlatform: String?
    /// Spot, preemptible and host-maintenance options.
    @_spi(Tools) public var scheduling: Scheduling
    /// The service account the instance runs as.
    @_spi(Tools) public var serviceAccount: ServiceAccount
    /// Network tags (firewall rules select instances by them).
    @_spi(Tools) public var tags: [String]
    /// Labels: the user's and hpcc's.
    @_spi(Tools) public var labels: [String: String]
    /// Nil leaves threads per core to Compute Engine (families where it cannot be set).
    @_spi(Tools) public var threadsPerCore: Int?
    /// Cores exposed to the guest, fewer than the machine has; nil for all.
    @_spi(Tools) public var visibleCoreCount: Int?
    /// Nested virtualization; nil leaves Compute Engine's default.
    @_spi(Tools) public var nestedVirtualization: Bool?
    /// `ALL_CORE_MAX` fixes the all-core turbo frequency; nil leaves the default.
    @_spi(Tools) public var turboMode: String?
    /// The guest may install updates on its own.
    @_spi(Tools) public var automaticUpdates: Bool
    /// Resource manager tags bound to the instance (`tagKeys/N` → `tagValues/N`); IAM conditions and
    /// firewall policies select instances by them.
    @_spi(Tools) public var resourceManagerTags: [String: String] = [:]

    /// Every GPU the instance has: built in or attached.
    @_spi(Tools) public var gpu: GPU? { machine.gpu ?? attachedGPU }
}

/// A boot image by family or name.
@_spi(Tools) public struct BootImage: Hashable, Sendable {
    /// Project that publishes the image.
    @_spi(Tools) public var project: String
    /// The image family; its newest image is used.
    @_spi(Tools) public var family: String?
    /// A specific image, when no family is given.
    @_spi(Tools) public var name: String?

    /// `projects/P/global/images/family/F` or `.../images/N`.
    @_spi(Tools) public var reference: String {
        if let family { return "projects/\(project)/global/images/family/\(family)" }
        return "projects/\(project)/global/images/\(name ?? "")"
    }
}

/// A disk.
@_spi(Tools) public struct Disk: Hashable, Sendable {
    /// The disk's name; nil lets Compute Engine name it.
    @_spi(Tools) public var name: String?
    /// The device name the guest sees (`/dev/disk/by-id/google-NAME`).
    @_spi(Tools) public var deviceName: String?
    /// The disk type (`pd-ssd`, `hyperdisk-balanced`, ...).
    @_spi(Tools) public var type: String
    /// Size in GB; nil for the image's size.
    @_spi(Tools) public var sizeGB: Int?
    /// The disk is deleted with the instance.
    @_spi(Tools) public var autoDelete: Bool
    /// It is the boot disk.
    @_spi(Tools) public var boot: Bool
    /// Labels of the disk.
    @_spi(Tools) public var labels: [String: String]
    /// The Cloud KMS key that encrypts the disk; nil for Google's default encryption.
    @_spi(Tools) public var encryption: DiskEncryption? = nil
    /// Resource manager tags bound to the disk (`tagKeys/N` → `tagValues/N`).
    @_spi(Tools) public var resourceManagerTags: [String: String] = [:]

    /// A local SSD: a scratch disk Compute Engine encrypts with its own keys, never with a Cloud KMS key.
    @_spi(Tools) public var isLocalSSD: Bool { type == "local-ssd" }

    /// The name of the `position`-th (from 1) additional disk of the instance `host` that the
    /// blueprint leaves unnamed, where the disk is a resource of its own.
    @_spi(Tools) public static func derivedName(host: String, position: Int) -> String { "\(host)-disk-\(position)" }
}

/// A disk encrypted with a customer-managed key (CMEK).
@_spi(Tools) public struct DiskEncryption: Hashable, Sendable {
    /// `projects/P/locations/L/keyRings/R/cryptoKeys/K`.
    @_spi(Tools) public var kmsKey: String
    /// The account Compute Engine makes the key requests as; nil for Compute Engine's service agent.
    @_spi(Tools) public var serviceAccount: String?
}

/// An external access configuration.
@_spi(Tools) public struct AccessConfig: Hashable, Sendable {
    /// A reserved external address; nil for an ephemeral one.
    @_spi(Tools) public var natIP: String?
    /// `PREMIUM` or `STANDARD`; nil for the project's default.
    @_spi(Tools) public var networkTier: String?
}

/// Shielded VM options.
@_spi(Tools) public struct ShieldedConfig: Hashable, Sendable {
    /// Secure Boot.
    @_spi(Tools) public var secureBoot: Bool
    /// A virtual Trusted Platform Module.
    @_spi(Tools) public var vtpm: Bool
    /// Integrity monitoring.
    @_spi(Tools) public var integrityMonitoring: Bool
}

/// Scheduling options.
@_spi(Tools) public struct Scheduling: Hashable, Sendable {
    /// A preemptible instance (the older form of Spot).
    @_spi(Tools) public var preemptible: Bool
    /// A Spot instance.
    @_spi(Tools) public var spot: Bool
    /// What Compute Engine does to a preempted Spot instance: `STOP` or `DELETE`.
    @_spi(Tools) public var spotTerminationAction: String?
    /// What happens during host maintenance (GPUs need `TERMINATE`).
    @_spi(Tools) public var onHostMaintenance: OnHostMaintenance
    /// Seconds a Dynamic Workload Scheduler flex-start instance may run before Compute Engine
    /// deletes it; nil for an instance that is not flex-start.
    @_spi(Tools) public var flexStartMaxRun: Int? = nil
    /// Runs only within its reservation's term (`RESERVATION_BOUND`): Compute Engine stops it when
    /// the reservation ends.
    @_spi(Tools) public var reservationBound = false
    /// The blueprint's choice of automatic restart; nil for the default.
    @_spi(Tools) public var restartChoice: Bool? = nil
    /// Automatic restart (by default off for preemptible, Spot and flex-start instances).
    @_spi(Tools) public var automaticRestart: Bool {
        restartChoice ?? (!preemptible && !spot && flexStartMaxRun == nil)
    }
}

/// What Compute Engine does to an instance during host maintenance.
@_spi(Tools) public enum OnHostMaintenance: String, CaseIterable, Sendable {
    case migrate = "MIGRATE"
    case terminate = "TERMINATE"
}

/// A network interface's type.
@_spi(Tools) public enum NICType: String, Sendable {
    case gvnic = "GVNIC"
    case virtioNet = "VIRTIO_NET"
}

/// The service account instances run as.
@_spi(Tools) public struct ServiceAccount: Hashable, Sendable {
    /// Nil means the project's default compute service account.
    @_spi(Tools) public var email: TerraformText?
    /// OAuth scopes.
    @_spi(Tools) public var scopes: [String]
}
