/// `local_ssd_filesystem`: a boot unit that assembles the instance's local SSDs into one RAID 0
/// array, formats it when blank and mounts it. Local SSD contents do not survive a stop, so the unit
/// runs at every boot, before slurmd and Docker, rather than once from the startup script.
enum LocalSSDShell {
    static let unitName = "hpcc-localssd.service"
    static let program = "/usr/local/sbin/hpcc-localssd"

    /// The function the boot program runs (MOUNTPOINT FS_TYPE MODE); it holds no user string.
    static let function = #"""
        hpcc_localssd() {
            local mountpoint=$1 fs_type=$2 mode=$3 array=/dev/md/hpcc-localssd
            local disks=()
            if mountpoint -q "$mountpoint"; then return 0; fi
            for disk in /dev/disk/by-id/google-local-nvme-ssd-* /dev/disk/by-id/google-local-ssd-*; do
                case $disk in *-part*) ;; *) [ -e "$disk" ] && disks+=("$disk") ;; esac
            done
            if [ ${#disks[@]} -eq 0 ]; then
                echo "hpcc-localssd: this machine has no local SSD; nothing is mounted at $mountpoint"
                return 0
            fi
            if [ ! -e "$array" ] && ! mdadm --assemble "$array" "${disks[@]}" 2>/dev/null; then
                # --force admits an array of one disk; --run skips the question about old signatures.
                mdadm --create "$array" --name=hpcc-localssd --homehost=any --level=0 \
                    --raid-devices=${#disks[@]} --force --run "${disks[@]}"
            fi
            if [ "$(blkid -o value -s TYPE "$array" || true)" != "$fs_type" ]; then
                case $fs_type in
                ext4) mkfs.ext4 -q -F -m 0 "$array" ;;
                xfs) mkfs.xfs -q -f "$array" ;;
                esac
            fi
            mkdir -p "$mountpoint"
            mount -t "$fs_type" -o discard,defaults,nofail "$array" "$mountpoint"
            chmod "$mode" "$mountpoint"
        }
        """#

    /// The startup script's commands for `filesystem`.
    static func lines(_ filesystem: LocalSSDFilesystem) -> [String] {
        let arguments = [filesystem.mountpoint, filesystem.type.rawValue, filesystem.permissions]
        return [
            "log " + ShellWord.quote("local SSDs: one \(filesystem.type.rawValue) array at \(filesystem.mountpoint)"),
            function,
            "if compgen -G '/dev/disk/by-id/google-local-*ssd-*' >/dev/null && ! command -v mdadm >/dev/null; then",
            "    install_package mdadm mdadm",
            "fi",
        ] + StartupSetupShell.install(function: "hpcc_localssd", as: program)
            + StartupSetupShell.unit(
                unitName,
                [
                    "[Unit]", "Description=Local SSDs as one array at \(filesystem.mountpoint) (hpcc)",
                    "After=local-fs.target", "Before=slurmd.service docker.service", "",
                    "[Service]", "Type=oneshot", "RemainAfterExit=yes",
                    "ExecStart=\(program) " + arguments.joined(separator: " "), "",
                    "[Install]", "WantedBy=multi-user.target slurmd.service docker.service",
                ], start: true) + [""]
    }
}
