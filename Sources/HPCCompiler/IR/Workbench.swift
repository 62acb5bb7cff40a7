/// A Vertex AI Workbench instance: JupyterLab for one owner, with the deployment's filesystems
/// mounted and linked into the owner's working directory.
public struct Workbench: Hashable, Sendable {
    /// The notebook module's origin.
    public var origin: Origin
    /// Instance name (also the name of its Compute Engine VM).
    public var name: String
    /// Project that holds the instance.
    public var project: String
    /// Its zone.
    public var zone: String
    /// Its machine type.
    public var machineType: String
    /// Its boot image.
    public var image: BootImage
    /// Its boot disk's type.
    public var diskType: WorkbenchDiskType
    /// Its boot disk's size.
    public var diskSizeGB: Int
    /// The owner's email; nil for an instance without a single owner.
    public var ownerEmail: String?
    /// The Linux user JupyterLab runs as (Workbench's `jupyter-user`).
    public var login: String
    /// Filesystems to mount, in the order the blueprint gives them.
    public var mounts: [MountContract]
    /// `gs://BUCKET` the startup script is uploaded to.
    public var scriptBucket: TerraformText
    /// The network of its interface.
    public var network: NetworkAttachment
    /// The subnetwork of its interface.
    public var subnetwork: SubnetworkAttachment
    /// The service account it runs as; nil for the project's default.
    public var serviceAccountEmail: TerraformText?
    /// It gets an external address.
    public var publicIP: Bool

    /// The directory JupyterLab opens: the home directory of `login`.
    public var workingDirectory: String { "/home/\(login)" }

    /// Where the startup script lands in the deployment folder.
    public var scriptPath: String { "scripts/\(origin.module.rawValue)-startup.sh" }
}
