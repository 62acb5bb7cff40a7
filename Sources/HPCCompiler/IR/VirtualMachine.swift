/// A group of stand-alone Compute Engine instances (`modules/compute/vm-instance`): no scheduler,
/// each booted by hpcc's instance script, which mounts the group's filesystems and then runs the
/// blueprint's startup script.
@_spi(Tools) public struct VirtualMachineGroup: Hashable, Sendable {
    /// The vm-instance module's origin.
    @_spi(Tools) public var origin: Origin
    /// What every instance and disk name starts with; instance `i` is `<prefix>-<i>`.
    @_spi(Tools) public var prefix: String
    /// How many instances.
    @_spi(Tools) public var count: Int
    /// The zone of every instance.
    @_spi(Tools) public var zone: String
    /// The region the placement policy lives in.
    @_spi(Tools) public var region: String
    /// Shape, image, disks, network and scheduling, as for Slurm nodes.
    @_spi(Tools) public var instance: InstanceProperties
    /// Local SSDs per instance, each a 375 GB scratch disk.
    @_spi(Tools) public var localSSDCount: Int
    /// `NVME` or `SCSI`.
    @_spi(Tools) public var localSSDInterface: String
    /// Filesystems the instance script mounts at boot, in blueprint order.
    @_spi(Tools) public var mounts: [MountContract]
    /// The blueprint's startup script, run after the mounts; nil for none.
    @_spi(Tools) public var startupScript: TerraformText?
    /// hpcc's own setup, run after the blueprint's script (chrome-remote-desktop's); nil for none.
    @_spi(Tools) public var setup: VirtualMachineSetup?
    /// `enable-oslogin` metadata: `TRUE`, `FALSE`, or nil to inherit the project's setting.
    @_spi(Tools) public var osLoginMetadata: String?
    /// A placement policy for the group; nil for none.
    @_spi(Tools) public var placement: PlacementPolicy?
    /// A specific reservation the instances consume; nil for any.
    @_spi(Tools) public var reservation: String?

    /// The instance names, in order.
    @_spi(Tools) public var hostNames: [String] { (0..<count).map { "\(prefix)-\($0)" } }
}

/// A `group_placement_policy`: where a group's instances sit relative to each other.
@_spi(Tools) public struct PlacementPolicy: Hashable, Sendable {
    /// The policy's name.
    @_spi(Tools) public var name: String
    /// Number of instances the policy is for; nil leaves it open.
    @_spi(Tools) public var vmCount: Int?
    /// Availability domains to spread instances over; nil for none.
    @_spi(Tools) public var availabilityDomains: Int?
    /// `COLLOCATED` for compact placement; nil for spread placement.
    @_spi(Tools) public var collocation: String?
    /// GPU topology of an accelerator-optimized group (`1x72`); nil for none.
    @_spi(Tools) public var gpuTopology: String?

    /// Compact placement: instances on nearby hosts, which cannot live-migrate.
    @_spi(Tools) public var isCompact: Bool { collocation != nil }
}

/// A wait, during `terraform apply`, until instances' startup scripts have finished
/// (`community/modules/scripts/wait-for-startup`); a failed or timed-out script fails the apply.
@_spi(Tools) public struct StartupWait: Hashable, Sendable {
    /// The wait-for-startup module's origin.
    @_spi(Tools) public var origin: Origin
    /// Project of the instances.
    @_spi(Tools) public var project: String
    /// Zone of the instances.
    @_spi(Tools) public var zone: String
    /// Instance names: `instance_names` written out element by element, then `instance_name`.
    @_spi(Tools) public var names: [TerraformText]
    /// `instance_names` when it is one list-valued reference (`$(vms.name)`), whose length only
    /// Terraform knows; nil otherwise.
    @_spi(Tools) public var nameList: TerraformText?
    /// Seconds to wait per instance.
    @_spi(Tools) public var timeout: Int
    /// Folder of the `gcloud` to use; empty for the one on PATH.
    @_spi(Tools) public var gcloudPath: String
}

/// Setup hpcc writes for a module built on vm-instance, run at every boot after the blueprint's script.
@_spi(Tools) public enum VirtualMachineSetup: Hashable, Sendable {
    /// chrome-remote-desktop: an Xfce desktop with Chrome Remote Desktop, and with `gridDriver` the
    /// NVIDIA GRID driver and VirtualGL for the attached GPU.
    case remoteDesktop(gridDriver: Bool)
}
