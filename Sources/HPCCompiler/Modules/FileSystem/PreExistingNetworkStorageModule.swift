/// `modules/file-system/pre-existing-network-storage`: one module, whole.
enum PreExistingNetworkStorageModule: BuiltInModule {
    static let schema = ModuleSchema(
        source: "modules/file-system/pre-existing-network-storage", cloud: .any,
        summary: "Mount contract of a filesystem that exists already (NFS, Lustre, Cloud Storage FUSE)",
        description: """
        Describes storage hpcc does not create (an NFS server, a Lustre filesystem, a Cloud Storage bucket \
        mounted with gcsfuse) and exports its mount contract (`network_storage`), which Slurm nodes, login \
        nodes, the controller and the Ansible inventory read exactly as they read Filestore's. It creates no \
        cloud resource. NFS needs `server_ip` and an absolute export path; Lustre needs `server_ip` as \
        `<MGS NID>` (e.g. `10.0.0.2@tcp`) and the filesystem name; gcsfuse takes the bucket name and no server.
        """,
        settings: [
            SettingSpec("server_ip", .string, "The server as fstab names it: an NFS server address or host name, or the Lustre MGS NID(s) (`10.0.0.2@tcp`); empty for gcsfuse. Known at compile time (a literal or a variable).",
                        default: .string("")),
            SettingSpec("remote_mount", .string, "The NFS export path, the Lustre filesystem name, or the bucket name (without `gs://`).", required: true),
            SettingSpec("local_mount", .string, "Where clients mount it.", default: .string("/mnt"),
                        constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec("fs_type", .string, "Client filesystem type.", default: .string("nfs"),
                        constraints: [.oneOf(FilesystemType.allCases.map(\.rawValue))]),
            SettingSpec("mount_options", .string, "Mount options (for gcsfuse consider `defaults,_netdev,implicit_dirs`).", default: .string("defaults,_netdev")),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage: (CommonSettings.mountContract, "The mount contract: server_ip, remote_mount, local_mount, fs_type, mount_options.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        PreExistingNetworkStorageLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        // Nothing to create: the filesystem exists, and its mount contract is known at compile time.
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        // Nothing stands behind it: every field is the contract's compile-time value.
        .known
    }
}
