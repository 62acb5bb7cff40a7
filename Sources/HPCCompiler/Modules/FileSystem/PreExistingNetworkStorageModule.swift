/// `modules/file-system/pre-existing-network-storage`: the mount contract of storage that exists
/// already. Which settings the contract needs depends on the filesystem type.
enum PreExistingNetworkStorageModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let server = SettingKey<String>("server_ip")
        static let remoteMount = SettingKey<String>("remote_mount")
        static let fsType = SettingKey<String>("fs_type")
    }

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
            SettingSpec(
                Key.server, .string,
                """
                The server as fstab names it: an NFS server address or host name, or the Lustre MGS NID(s) \
                (`10.0.0.2@tcp`); empty for gcsfuse. Known at compile time (a literal or a variable).
                """,
                default: .string("")),
            SettingSpec(
                Key.remoteMount, .string,
                "The NFS export path, the Lustre filesystem name, or the bucket name (without `gs://`).", required: true
            ),
            SettingSpec(
                CommonKey.localMount, .string, "Where clients mount it.", default: .string("/mnt"),
                constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")]),
            SettingSpec(
                Key.fsType, .string, "Client filesystem type.", default: .string(FilesystemType.nfs.rawValue),
                constraints: [.oneOf(FilesystemType.allCases.map(\.rawValue))]),
            SettingSpec(
                CommonKey.mountOptions, .string,
                "Mount options (for gcsfuse consider `defaults,_netdev,implicit_dirs`).",
                default: .string("defaults,_netdev")),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case clientInstallRunner = "client_install_runner"
        case mountRunner = "mount_runner"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage:
                (
                    CommonSettings.mountContract,
                    "The mount contract: server_ip, remote_mount, local_mount, fs_type, mount_options."
                )
            case .clientInstallRunner:
                (
                    ToolRunners.runnerType,
                    "A startup-script runner that installs the filesystem's client unless the image has it."
                )
            case .mountRunner:
                (
                    ToolRunners.runnerType,
                    """
                    A startup-script runner that installs the client if missing, creates the mount point, adds the \
                    fstab line once and mounts it.
                    """
                )
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        guard let type = settings.read(Key.fsType, diagnostics: &diagnostics).flatMap(FilesystemType.init(rawValue:)),
            let server = settings.read(Key.server, diagnostics: &diagnostics),
            let remote = settings.read(Key.remoteMount, diagnostics: &diagnostics),
            let localMount = settings.read(CommonKey.localMount, diagnostics: &diagnostics)
        else { return nil }
        // A contract that breaks its type's rules is reported and still registered: the mount
        // point of the modules that use it is checked all the same.
        check(type: type, server: server, remote: remote, settings: settings, diagnostics: &diagnostics)
        // Lustre clients mount `<NID>:/<fsname>`; the contract keeps the path form Managed Lustre uses.
        let remotePath = type == .lustre && !remote.hasPrefix("/") ? "/\(remote)" : remote
        let filesystem = SharedFilesystemLowering.register(
            settings, backing: .imported, server: TerraformText(server), remotePath: remotePath, localMount: localMount,
            type: type,
            outputs: [:], into: settings.context, diagnostics: &diagnostics
        )
        checkFstabFields(filesystem.mount, settings: settings, diagnostics: &diagnostics)
        // The runners are values for startup scripts: the whole contract is known here.
        settings.context.knownOutputs[settings.id, default: [:]].merge([
            Output.clientInstallRunner.rawValue: ToolRunners.value(FilesystemRunners.clientInstall(filesystem.mount)),
            Output.mountRunner.rawValue: ToolRunners.value(FilesystemRunners.mount(filesystem.mount, server: server)),
        ]) { _, new in new }
        return filesystem
    }

    /// Reports mount options an fstab line cannot hold (the runners and the nodes write one).
    private static func checkFstabFields(
        _ mount: MountContract, settings: SettingReader, diagnostics: inout Diagnostics
    ) {
        guard !WorkbenchMountChecks.isFstabField(mount.options) else { return }
        diagnostics.report(
            .unrepresentableValue,
            "mount_options '\(mount.options)' hold a space, quote, '#', control character or backslash, which an "
                + "fstab line cannot hold",
            at: settings.location(CommonKey.mountOptions), help: "separate options with ',' only")
    }

    /// Reports settings that do not fit `type`; true when the contract is usable.
    @discardableResult
    private static func check(
        type: FilesystemType, server: String, remote: String, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> Bool {
        let before = diagnostics.errorCount
        func report(_ setting: SettingKey<String>, _ message: String, help: String? = nil) {
            diagnostics.report(.storageSettingsMismatch, message, at: settings.location(setting), help: help)
        }
        switch type {
        case .nfs:
            if server.isEmpty {
                report(
                    Key.server, "an nfs filesystem needs server_ip, the address of the NFS server",
                    help: "set server_ip, e.g. 10.0.0.2")
            } else if !isHost(server) {
                report(Key.server, "server_ip '\(server)' is not an NFS server address or host name")
            }
            if !remote.hasPrefix("/") {
                report(
                    Key.remoteMount,
                    "the remote_mount of an nfs filesystem is the exported path and must be absolute, not '\(remote)'")
            }
        case .lustre:
            if server.isEmpty {
                report(Key.server, "a lustre filesystem needs server_ip, the MGS NID(s)", help: "e.g. 10.0.0.2@tcp")
            } else if !server.split(separator: ":", omittingEmptySubsequences: false).allSatisfy(isNID) {
                report(Key.server, "server_ip '\(server)' is not a list of Lustre NIDs such as 10.0.0.2@tcp")
            }
            let name = remote.hasPrefix("/") ? String(remote.dropFirst()) : remote
            if !isLustreName(name) {
                report(
                    Key.remoteMount,
                    """
                    the remote_mount of a lustre filesystem is the filesystem name (1-8 letters, digits, '_' or '-'), \
                    not '\(remote)'
                    """
                )
            }
        case .gcsfuse:
            if !server.isEmpty {
                report(Key.server, "a gcsfuse filesystem has no server; remove server_ip")
            }
            if !isBucketName(remote) {
                report(
                    Key.remoteMount, "the remote_mount of a gcsfuse filesystem is a bucket name, not '\(remote)'",
                    help: remote.hasPrefix("gs://") ? "drop the 'gs://' prefix" : nil)
            }
        }
        return diagnostics.errorCount == before
    }

    /// An IPv4 address or a DNS host name.
    private static func isHost(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 253
            && text.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.unicodeScalars.allSatisfy { NameRules.isLetter($0) || NameRules.isDigit($0) || $0 == "-" }
            }
    }

    /// `address@network`, e.g. `10.0.0.2@tcp` or `10.0.0.2@o2ib`.
    private static func isNID(_ text: Substring) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && isHost(String(parts[0])) && !parts[1].isEmpty
            && parts[1].unicodeScalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) }
    }

    private static func isLustreName(_ text: String) -> Bool {
        (1...8).contains(text.count) && text.unicodeScalars.allSatisfy { NameRules.isWord($0) || $0 == "-" }
    }

    /// Cloud Storage bucket names: 3-222 lowercase letters, digits, '-', '_' and '.', starting and ending with a
    /// letter or digit.
    private static func isBucketName(_ text: String) -> Bool {
        guard (3...222).contains(text.count), let first = text.unicodeScalars.first, let last = text.unicodeScalars.last
        else { return false }
        let alnum = { (scalar: Unicode.Scalar) in NameRules.isLower(scalar) || NameRules.isDigit(scalar) }
        return alnum(first) && alnum(last)
            && text.unicodeScalars.allSatisfy { alnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        // Nothing to create: the filesystem exists, and its mount contract is known at compile time.
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        // Nothing stands behind it: every field is the contract's compile-time value.
        .known
    }
}
