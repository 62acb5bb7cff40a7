/// A Vertex AI Workbench instance: JupyterLab for one owner, with the deployment's filesystems
/// mounted and linked into the owner's working directory.
@_spi(Tools) public struct Workbench: Hashable, Sendable {
    /// The notebook module's origin.
    @_spi(Tools) public var origin: Origin
    /// Instance name (also the name of its Compute Engine VM).
    @_spi(Tools) public var name: String
    /// Project that holds the instance.
    @_spi(Tools) public var project: String
    /// Its zone.
    @_spi(Tools) public var zone: String
    /// Its machine type.
    @_spi(Tools) public var machineType: String
    /// Its boot image.
    @_spi(Tools) public var image: BootImage
    /// Its boot disk's type.
    @_spi(Tools) public var diskType: WorkbenchDiskType
    /// Its boot disk's size.
    @_spi(Tools) public var diskSizeGB: Int
    /// The owner's email; nil for an instance without a single owner.
    @_spi(Tools) public var ownerEmail: String?
    /// The Linux user JupyterLab runs as (Workbench's `jupyter-user`).
    @_spi(Tools) public var login: String
    /// Filesystems to mount, in the order the blueprint gives them.
    @_spi(Tools) public var mounts: [MountContract]
    /// `gs://BUCKET` the startup script is uploaded to.
    @_spi(Tools) public var scriptBucket: TerraformText
    /// The network of its interface.
    @_spi(Tools) public var network: NetworkAttachment
    /// The subnetwork of its interface.
    @_spi(Tools) public var subnetwork: SubnetworkAttachment
    /// The service account it runs as; nil for the project's default.
    @_spi(Tools) public var serviceAccountEmail: TerraformText?
    /// It gets an external address.
    @_spi(Tools) public var publicIP: Bool

    /// The directory JupyterLab opens: the home directory of `login`.
    @_spi(Tools) public var workingDirectory: String { "/home/\(login)" }

    /// Where the startup script lands in the deployment folder.
    @_spi(Tools) public var scriptPath: String { "scripts/\(origin.module.rawValue)-startup.sh" }
}
