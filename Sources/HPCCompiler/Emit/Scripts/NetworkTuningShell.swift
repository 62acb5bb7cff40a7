/// `set_ofi_cloud_rdma_tunables` and `enable_gpu_network_wait_online`: fixed settings for the
/// networks of RDMA and multi-NIC GPU machines. No user string appears in them.
enum NetworkTuningShell {
    /// libfabric over verbs with the RxM layer, and Intel MPI collectives suited to it, for login
    /// shells (and so for jobs, which take the submitting shell's environment).
    static let ofiTunables = [
        "log 'Cloud RDMA settings for libfabric and Intel MPI'",
        #"""
        cat >/etc/profile.d/hpcc-ofi-cloud-rdma.sh <<'HPCC_EOF'
        # hpcc: libfabric and Intel MPI settings for Cloud RDMA (verbs) networks.
        export FI_PROVIDER="verbs;ofi_rxm"
        export FI_OFI_RXM_USE_RNDV_WRITE=0
        export FI_VERBS_INLINE_SIZE=39
        export FI_UNIVERSE_SIZE=1024
        export I_MPI_FABRICS="shm:ofi"
        export I_MPI_ADJUST_ALLTOALL=1
        export I_MPI_ADJUST_IALLTOALL=1
        export I_MPI_ADJUST_BCAST=4
        export I_MPI_ADJUST_IBCAST=1
        HPCC_EOF
        """#,
        "",
    ]

    static let waitProgram = "/usr/local/sbin/hpcc-network-wait"

    /// Waits, on a machine with more than one network interface, until all are routable; a timeout
    /// lets the boot go on.
    static let waitFunction = #"""
        hpcc_network_wait() {
            local interfaces
            interfaces=$(curl --silent --fail -H 'Metadata-Flavor: Google' \
                http://metadata.google.internal/computeMetadata/v1/instance/network-interfaces/ | grep -c / || true)
            if [ "${interfaces:-0}" -le 1 ]; then return 0; fi
            /usr/lib/systemd/systemd-networkd-wait-online -o routable --timeout=180 ||
                echo "hpcc-network-wait: not every interface became routable in 180 s"
            # Routes of the extra interfaces settle a little after they report routable.
            sleep 30
        }
        """#

    /// A boot unit holding the startup scripts of later boots (an image built from this machine
    /// included) until the GPU networks are up; only where systemd-networkd manages them.
    static let gpuNetworkWait =
        [
            "log 'waiting for every network interface at boot'",
            waitFunction,
            "if systemctl is-enabled --quiet systemd-networkd.service 2>/dev/null; then",
        ]
        + (StartupSetupShell.install(function: "hpcc_network_wait", as: waitProgram)
        + StartupSetupShell.unit(
            "hpcc-network-wait.service",
            [
                "[Unit]", "Description=Wait for every network interface of a multi-NIC machine (hpcc)",
                "After=network-online.target", "Wants=network-online.target",
                "Before=google-startup-scripts.service", "",
                "[Service]", "Type=oneshot", "TimeoutStartSec=300", "ExecStart=\(waitProgram)", "",
                "[Install]", "WantedBy=multi-user.target",
            ], start: false)).map { "    " + $0 }
        + [
            "else",
            "    log 'this image does not use systemd-networkd; no network wait is installed'",
            "fi",
            "",
        ]
}
