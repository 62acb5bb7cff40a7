/// A Vertex AI Workbench instance: JupyterLab for one owner, with the deployment's filesystems
/// mounted and linked into the owner's working directory.
public struct Workbench: Hashable, Sendable {
    public var origin: Origin
    /// Instance name (also the name of its Compute Engine VM).
    public var name: String
    public var project: String
    public var zone: String
    public var machineType: String
    public var image: BootImage
    public var diskType: WorkbenchDiskType
    public var diskSizeGB: Int
    /// The owner's email; nil for an instance without a single owner.
    public var ownerEmail: String?
    /// The Linux user JupyterLab runs as (Workbench's `jupyter-user`).
    public var login: String
    /// Filesystems to mount, in the order the blueprint gives them.
    public var mounts: [MountContract]
    /// `gs://BUCKET` the startup script is uploaded to.
    public var scriptBucket: TerraformText
    public var network: NetworkAttachment
    public var subnetwork: SubnetworkAttachment
    public var serviceAccountEmail: TerraformText?
    public var publicIP: Bool

    /// The directory JupyterLab opens: the home directory of `login`.
    public var workingDirectory: String { "/home/\(login)" }

    /// Where the startup script lands in the deployment folder.
    public var scriptPath: String { "scripts/\(origin.module.rawValue)-startup.sh" }
}
