/// Where Slurm's files live on the cluster's nodes (the slurm-gcp images' layout).
enum SlurmPaths {
    /// slurm.conf and friends.
    static let configDirectory = "/usr/local/etc/slurm"
    /// hpcc's programs (resume, suspend, boot).
    static let programDirectory = "/slurm/hpcc"
    static let resumeProgram = "\(programDirectory)/resume.sh"
    static let suspendProgram = "\(programDirectory)/suspend.sh"
    static let stateSaveLocation = "/var/spool/slurm"
    /// The daemons' ports and folders on the slurm-gcp images.
    static let daemons = SlurmDaemonLayout(
        slurmUser: "slurm", slurmctldPort: 6817, slurmdPort: 6818, stateSaveLocation: stateSaveLocation,
        slurmdSpoolDirectory: "/var/spool/slurmd",
        logDirectory: "/var/log/slurm", pidDirectory: "/var/run/slurm", mungeSocket: nil
    )

    /// The cluster's folder in the deployment: `slurm/`, or `slurm/<cluster>/` when the
    /// deployment has several clusters.
    static func folder(of cluster: SlurmCluster, in deployment: Deployment) -> String {
        deployment.clusters.count == 1 ? "slurm" : "slurm/\(cluster.name)"
    }
}
