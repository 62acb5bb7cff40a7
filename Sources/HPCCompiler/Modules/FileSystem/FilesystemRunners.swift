/// The `client_install_runner` and `mount_runner` of a filesystem whose contract is known at compile
/// time: startup-script runners built from the same client installation and fstab mount functions
/// hpcc's own boot scripts use, with the contract's fields as single-quoted words.
enum FilesystemRunners {
    /// The runner that installs the filesystem's client unless the image has it.
    static func clientInstall(_ mount: MountContract) -> StartupRunner {
        runner(
            "install_filesystem_client", mount,
            body: ShellFunctions.filesystemClients + "ensure_client " + ShellWord.quote(mount.type.rawValue))
    }

    /// The runner that installs the client when missing, creates the mount point, adds the fstab
    /// line (once) and mounts it; run again, it finds everything in place and does nothing.
    static func mount(_ mount: MountContract, server: String) -> StartupRunner {
        let source = mount.type == .gcsfuse ? mount.remotePath : "\(server):\(mount.remotePath)"
        let words = [source, mount.localMount, mount.type.rawValue, mount.options.isEmpty ? "defaults" : mount.options]
        return runner(
            "mount_filesystem", mount,
            body: ShellFunctions.filesystemClients + ShellFunctions.mountEntry + "\n"
                + (["mount_entry"] + words.map(ShellWord.quote)).joined(separator: " "))
    }

    /// A shell runner named after the mount point, as the Toolkit names it (`mount_filesystem_data.sh` for
    /// `/data`), so runners of different filesystems in one startup script do not overwrite each other.
    private static func runner(_ name: String, _ mount: MountContract, body: String) -> StartupRunner {
        let content =
            "#!/bin/bash\n# Written by hpcc: \(name.replacingEvery("_", with: " ")) for one filesystem.\n"
            + "set -euo pipefail\n\n" + ShellFunctions.log(tag: "hpcc-filesystem") + ShellFunctions.installPackage
            + "\n" + body + "\n"
        return StartupRunner(
            kind: .shell, destination: name + mount.localMount.replacingEvery("/", with: "_") + ".sh",
            content: content, arguments: [])
    }
}
