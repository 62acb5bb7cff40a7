/// A machine image built by Packer's googlecompute builder: a temporary VM boots from a source
/// image, runs its startup script, and is saved as a new image of `family`. Its group holds no
/// Terraform; it is built after the groups it reads from.
@_spi(Tools) public struct PackerImage: Hashable, Sendable {
    /// Whether Packer talks to the build VM.
    @_spi(Tools) public enum Communicator: String, Hashable, Sendable, CaseIterable {
        /// The startup script does all the work; Packer waits for the VM to stop.
        case none
        /// Packer connects by SSH (through IAP when `useIAP`).
        case ssh
    }

    /// The image the build VM boots from: by name or by family, in the listed projects.
    @_spi(Tools) public struct SourceImage: Hashable, Sendable {
        /// An image name; wins over `family`.
        @_spi(Tools) public var name: String?
        /// An image family: its newest image.
        @_spi(Tools) public var family: String?
        /// Projects searched for the image.
        @_spi(Tools) public var projects: [String]
    }

    /// Settings of the build VM's boot disk and placement.
    @_spi(Tools) public struct BuildMachine: Hashable, Sendable {
        /// Compute Engine machine type.
        @_spi(Tools) public var machineType: String
        /// Boot disk size in GB; nil takes the source image's size.
        @_spi(Tools) public var diskSize: Int?
        /// Boot disk type.
        @_spi(Tools) public var diskType: String
        /// Accelerator type (short name, `nvidia-l4`); nil for none.
        @_spi(Tools) public var acceleratorType: String?
        /// How many accelerators of `acceleratorType`.
        @_spi(Tools) public var acceleratorCount: Int
        /// What happens on host maintenance.
        @_spi(Tools) public var onHostMaintenance: OnHostMaintenance
        /// Shielded VM options; nil for an ordinary VM.
        @_spi(Tools) public var shielded: ShieldedConfig?
    }

    /// The custom-image module's origin: its group is the Packer group.
    @_spi(Tools) public var origin: Origin
    /// Project the build VM and the image live in.
    @_spi(Tools) public var project: String
    /// Zone of the build VM.
    @_spi(Tools) public var zone: String
    /// Region of the subnetwork; nil lets Packer derive it from the zone.
    @_spi(Tools) public var region: String?
    /// Machine, disk, accelerators.
    @_spi(Tools) public var machine: BuildMachine
    /// What the build VM boots.
    @_spi(Tools) public var source: SourceImage
    /// Family of the new image.
    @_spi(Tools) public var family: String
    /// Name of the new image; nil names it `<family>-<UTC build time>`.
    @_spi(Tools) public var name: String?
    /// Locations the image is stored in; empty takes Compute Engine's default.
    @_spi(Tools) public var storageLocations: [String]
    /// Licenses attached to the image.
    @_spi(Tools) public var licenses: [String]
    /// Subnetwork name of the build VM.
    @_spi(Tools) public var subnetwork: TerraformText
    /// Project of a Shared VPC host; nil for the image's project.
    @_spi(Tools) public var networkProject: TerraformText?
    /// Whether the VM gets no external address (it then needs Cloud NAT to reach the internet).
    @_spi(Tools) public var omitExternalIP: Bool
    /// Network tags of the build VM.
    @_spi(Tools) public var tags: [String]
    /// Service account of the build VM; nil for the Compute Engine default one.
    @_spi(Tools) public var serviceAccount: TerraformText?
    /// Its OAuth scopes.
    @_spi(Tools) public var scopes: [String]
    /// How Packer reaches the VM.
    @_spi(Tools) public var communicator: Communicator
    /// SSH through IAP (meaningful with `.ssh` only).
    @_spi(Tools) public var useIAP: Bool
    /// SSH keys through OS Login.
    @_spi(Tools) public var useOSLogin: Bool
    /// The temporary user Packer creates on the VM, removed at shutdown.
    @_spi(Tools) public var sshUsername: String
    /// The script the VM runs at boot (`startup-script` metadata), overriding `metadata`'s.
    @_spi(Tools) public var startupScript: TerraformText?
    /// Whether Packer wraps the script to wait for it and report its status.
    @_spi(Tools) public var wrapStartupScript: Bool
    /// Instance metadata of the build VM.
    @_spi(Tools) public var metadata: [String: TerraformText]
    /// How long Packer waits for the VM to change state (`10m`).
    @_spi(Tools) public var stateTimeout: String
    /// The file Packer's manifest post-processor writes, beside the template.
    @_spi(Tools) public var manifestFile: String

    /// The folder of the template and its variables file.
    @_spi(Tools) public var folder: String { "\(origin.group)/\(origin.module.rawValue)" }
}
