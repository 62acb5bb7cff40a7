import Foundation

/// The startup-script settings that set the machine up before the runners: local SSDs, ssh inside
/// the cluster, Docker, Cloud RDMA tunables and the multi-NIC network wait. Each becomes shell the
/// emitted script runs (`StartupSetupShell`).
enum StartupSetupSettings {
    /// The settings' keys.
    enum Key {
        static let localSSDFilesystem = SettingKey<Value>("local_ssd_filesystem")
        static let sshHostPatterns = SettingKey<[String]>("configure_ssh_host_patterns")
        static let docker = SettingKey<Value>("docker")
        static let ofiTunables = SettingKey<Bool>("set_ofi_cloud_rdma_tunables")
        static let gpuNetworkWait = SettingKey<Bool>("enable_gpu_network_wait_online")
    }

    /// A path of plain characters: it is written into systemd units and fstab-like places unquoted.
    static let plainPath = "(/[A-Za-z0-9._+@-]+)+"

    static let specs: [SettingSpec] = [
        SettingSpec(
            Key.localSSDFilesystem,
            .object([
                .optional(
                    "fs_type", .string, .string("ext4"),
                    constraints: [.oneOf(LocalSSDFilesystem.FilesystemType.allCases.map(\.rawValue))]),
                .optional(
                    "mountpoint", .string, .string(""),
                    constraints: [
                        .pattern(
                            "|" + plainPath,
                            description: "empty, or an absolute path of letters, digits, '.', '_', '+', '@' and '-'")
                    ]),
                .optional(
                    "permissions", .string, .string("0755"),
                    constraints: [.pattern("[0-7]{3,4}", description: "a mode of 3 or 4 octal digits, such as 1777")]),
            ]),
            """
            The instance's local SSDs assembled into one RAID 0 array, formatted with `fs_type` (ext4 or xfs) and \
            mounted at `mountpoint` with mode `permissions`; an empty mountpoint leaves them alone. A boot unit \
            rebuilds the array when a stop has wiped the disks, before slurmd and Docker start.
            """,
            default: .map(["fs_type": .string("ext4"), "mountpoint": .string(""), "permissions": .string("0755")])),
        SettingSpec(
            Key.sshHostPatterns, .list(.string),
            """
            ssh host patterns of the cluster's own machines (`hpc-*`, `10.0.0.*`): ssh skips host key checks for \
            them (/etc/ssh/ssh_config.d), and each user gets a key pair in the shared home, authorized for \
            themselves, at first login.
            """,
            default: .list([])),
        SettingSpec(
            Key.docker,
            .object([
                .optional("enabled", .bool, .bool(false)), .optional("world_writable", .bool, .bool(false)),
                .optional("daemon_config", .string, .string("")),
            ]),
            """
            Docker Engine: `enabled` installs it, `world_writable` opens its socket to every user, `daemon_config` \
            is written to /etc/docker/daemon.json (a JSON object; a `data-root` makes Docker wait for its mount).
            """,
            default: .map(["enabled": .bool(false)])),
        SettingSpec(
            Key.ofiTunables, .bool,
            "Login shells get libfabric (verbs) and Intel MPI settings for Cloud RDMA networks.",
            default: .bool(false)),
        SettingSpec(
            Key.gpuNetworkWait, .bool,
            """
            A boot unit holds the startup scripts of later boots until every network interface of a multi-NIC \
            machine is routable (systemd-networkd images, such as Ubuntu's).
            """,
            default: .bool(false)),
    ]

    /// What the settings ask for; nil when one is wrong (reported).
    static func read(_ settings: SettingReader, diagnostics: inout Diagnostics) -> StartupSetup? {
        let errorsBefore = diagnostics.errorCount
        let localSSD = localSSD(settings, diagnostics: &diagnostics)
        let patterns = sshHostPatterns(settings, diagnostics: &diagnostics)
        let docker = docker(settings, diagnostics: &diagnostics)
        let setup = StartupSetup(
            localSSD: localSSD, sshHostPatterns: patterns, docker: docker,
            ofiCloudRDMATunables: settings.read(defaulted: Key.ofiTunables, diagnostics: &diagnostics),
            gpuNetworkWaitOnline: settings.read(defaulted: Key.gpuNetworkWait, diagnostics: &diagnostics))
        return diagnostics.errorCount == errorsBefore ? setup : nil
    }

    /// The local SSD filesystem, when a mountpoint is given; its fields' shapes are the schema's checks.
    private static func localSSD(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LocalSSDFilesystem? {
        guard let fields = settings.read(Key.localSSDFilesystem, diagnostics: &diagnostics)?.map,
            let mountpoint = fields["mountpoint"]?.string, !mountpoint.isEmpty
        else { return nil }
        let components = mountpoint.split(separator: "/")
        if components.contains(where: { $0 == "." || $0 == ".." }) || reservedMountpoints.contains(mountpoint) {
            diagnostics.report(
                .constraintViolation,
                "local_ssd_filesystem of module '\(settings.id)' would mount over '\(mountpoint)'",
                at: settings.location(Key.localSSDFilesystem, [.key("mountpoint")]),
                help: "mount the local SSDs at a directory of their own, such as /mnt/localssd")
            return nil
        }
        return LocalSSDFilesystem(
            mountpoint: mountpoint,
            type: fields["fs_type"]?.string.flatMap(LocalSSDFilesystem.FilesystemType.init(rawValue:)) ?? .ext4,
            permissions: fields["permissions"]?.string ?? "0755")
    }

    /// Directories a blank array must never hide.
    static let reservedMountpoints: Set<String> = [
        "/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/lib64", "/opt", "/proc", "/root", "/run", "/sbin",
        "/sys", "/tmp", "/usr", "/var",
    ]

    /// Host patterns ssh's `Host` line takes: host name and address characters with `*`, `?` and a leading `!`.
    private static func sshHostPatterns(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [String] {
        let patterns = settings.read(defaulted: Key.sshHostPatterns, diagnostics: &diagnostics)
        var valid: [String] = []
        for (index, pattern) in patterns.enumerated() {
            guard Pattern.matches(pattern, "!?[A-Za-z0-9.*?_:-]+") else {
                diagnostics.report(
                    .constraintViolation,
                    "ssh host pattern '\(pattern)' of module '\(settings.id)' is not a host name pattern",
                    at: settings.location(Key.sshHostPatterns, [.index(index)]),
                    help: "use host name or address characters with '*' and '?', such as hpc-* or 10.0.0.*")
                continue
            }
            if !valid.contains(pattern) { valid.append(pattern) }
        }
        return valid
    }

    /// Docker, when enabled; its other fields only mean something then.
    private static func docker(_ settings: SettingReader, diagnostics: inout Diagnostics) -> DockerSetup? {
        guard let fields = settings.read(Key.docker, diagnostics: &diagnostics)?.map else { return nil }
        func at(_ field: String) -> SourceLocation { settings.location(Key.docker, [.key(field)]) }
        let enabled = fields["enabled"]?.bool ?? false
        let worldWritable = fields["world_writable"]?.bool ?? false
        let config = fields["daemon_config"]?.string ?? ""
        guard enabled else {
            for (field, isSet) in [("world_writable", worldWritable), ("daemon_config", !config.isEmpty)] where isSet {
                diagnostics.report(
                    .constraintViolation,
                    "docker.\(field) of module '\(settings.id)' is set, but Docker is not enabled",
                    at: at(field), help: "set docker.enabled: true, or remove \(field)")
            }
            return nil
        }
        guard !config.isEmpty else {
            return DockerSetup(worldWritable: worldWritable, daemonConfig: nil, dataRoot: nil)
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(config.utf8))) as? [String: Any] else {
            diagnostics.report(
                .constraintViolation, "docker.daemon_config of module '\(settings.id)' is not a JSON object",
                at: at("daemon_config"),
                help: "write Docker's daemon.json, such as {\"data-root\": \"/mnt/lssd/docker\"}")
            return nil
        }
        let dataRoot = object["data-root"]
        if let dataRoot, !((dataRoot as? String).map { Pattern.matches($0, plainPath) } ?? false) {
            diagnostics.report(
                .constraintViolation,
                "the data-root in docker.daemon_config of module '\(settings.id)' is not an absolute path",
                at: at("daemon_config"), help: "give an absolute path of letters, digits, '.', '_', '+', '@' and '-'")
            return nil
        }
        return DockerSetup(worldWritable: worldWritable, daemonConfig: config, dataRoot: dataRoot as? String)
    }
}
