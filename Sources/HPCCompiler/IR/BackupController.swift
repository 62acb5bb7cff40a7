/// The backup controller of a highly available cluster: the primary's instance in another place.
/// It shares the primary's machine, image, service account and the state filesystem mounted at
/// `StateSaveLocation`; slurm.conf names it in a second `SlurmctldHost` line.
@_spi(Tools) public struct BackupController: Hashable, Sendable {
    /// Zone of the backup instance: the primary's (`zonal`) or `backup_zone` (`regional`).
    @_spi(Tools) public var zone: String
    /// A fixed internal address, the blueprint's second `static_ips` entry.
    @_spi(Tools) public var staticIP: String?
}

extension BackupController {
    /// `SlurmctldTimeout`: seconds the backup waits for the primary to answer before it takes
    /// over. Slurm's default, written out. Shorter is not better here: a backup that takes over
    /// from a primary that is only slow (a live migration, a busy NFS server) leaves two slurmctld
    /// writing one state folder; running jobs carry on while the controllers change, and Slurm's
    /// commands retry against whichever answers.
    @_spi(Tools) public static let takeoverSeconds = 120
}

extension SlurmCluster {
    /// The backup controller's host name.
    @_spi(Tools) public var backupControllerHostName: String { "\(name)-controller-backup" }

    /// The `SlurmctldHost` entries in order, the primary first: host name and fixed address.
    @_spi(Tools) public var controllerHosts: [(name: String, address: String?)] {
        [(controllerHostName, controller.staticIP)]
            + (controller.backup.map { [(backupControllerHostName, $0.staticIP)] } ?? [])
    }
}
