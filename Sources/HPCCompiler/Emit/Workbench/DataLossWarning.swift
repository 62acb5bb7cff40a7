/// The text of `DATA_LOSS_WARNING.txt` in a workbench's working directory: which of the owner's
/// files outlive the instance and which do not.
enum DataLossWarning {
    static func lines(_ workbench: Workbench) -> [String] {
        let home = workbench.workingDirectory
        let holder = workbench.mounts.first { home.hasPrefix($0.localMount + "/") }
        var lines = [
            "Workbench \(workbench.name): where your files are safe",
            "",
            "KEPT - on shared filesystems, they outlive this workbench (deleting or replacing it):",
        ]
        for mount in workbench.mounts {
            let link =
                mount.localMount == holder?.localMount
                ? "holds this directory" : "linked here as \(WorkbenchMountChecks.linkName(mount.localMount))"
            lines.append("  \(mount.localMount)  (\(description(mount)); \(link))")
        }
        if workbench.mounts.isEmpty { lines.append("  nothing: this workbench mounts no shared filesystem") }
        lines += [
            "",
            """
            LOST when this workbench is deleted or replaced - they live on its own disks (boot and data disk), deleted \
            with it:
            """,
        ]
        if holder == nil {
            lines.append("  - every file in \(home) that is not inside one of the linked filesystems above")
        }
        lines += [
            """
              - /tmp, other local directories, installed packages, kernels and environments outside the filesystems \
            above
            """,
            "",
            "Changing this workbench's filesystems in the blueprint replaces the instance: copy what you need",
            "from its own disks to a shared filesystem first. Stopping and starting it keeps its disks.",
        ]
        return lines
    }

    private static func description(_ mount: MountContract) -> String {
        switch mount.type {
        case .nfs: "NFS export \(mount.remotePath)"
        case .lustre: "Lustre filesystem \(mount.remotePath)"
        case .gcsfuse: "Cloud Storage bucket \(mount.remotePath)"
        }
    }
}
