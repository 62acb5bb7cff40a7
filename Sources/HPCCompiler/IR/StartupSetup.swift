/// Machine setup a startup-script module performs itself, before its runners: what the module's own
/// settings (not its runners) ask for.
@_spi(Tools) public struct StartupSetup: Hashable, Sendable {
    /// Local SSDs assembled into one filesystem; nil leaves them alone.
    @_spi(Tools) public var localSSD: LocalSSDFilesystem?
    /// ssh host patterns inside the cluster that skip host key checks; empty writes no ssh configuration.
    @_spi(Tools) public var sshHostPatterns: [String]
    /// Docker installed and configured; nil installs nothing.
    @_spi(Tools) public var docker: DockerSetup?
    /// Whether login shells get the libfabric and Intel MPI settings for Cloud RDMA (verbs) networks.
    @_spi(Tools) public var ofiCloudRDMATunables: Bool
    /// Whether later boots wait for every network interface of a multi-NIC machine before the
    /// startup scripts run.
    @_spi(Tools) public var gpuNetworkWaitOnline: Bool

    /// Nothing to set up.
    @_spi(Tools) public static let none = StartupSetup(
        localSSD: nil, sshHostPatterns: [], docker: nil, ofiCloudRDMATunables: false, gpuNetworkWaitOnline: false)

    /// Whether any step is asked for.
    @_spi(Tools) public var isEmpty: Bool { self == .none }
}

/// The instance's local SSDs as one RAID 0 array, formatted and mounted; rebuilt at every boot
/// that finds them blank (local SSD data does not survive a stop).
@_spi(Tools) public struct LocalSSDFilesystem: Hashable, Sendable {
    /// Filesystem types the array can be formatted with, each with its `mkfs` options.
    @_spi(Tools) public enum FilesystemType: String, Hashable, Sendable, CaseIterable {
        case ext4
        case xfs
    }

    /// An absolute directory path.
    @_spi(Tools) public var mountpoint: String
    /// The filesystem made on the array.
    @_spi(Tools) public var type: FilesystemType
    /// The mountpoint's mode once mounted, in octal (`1777`).
    @_spi(Tools) public var permissions: String
}

/// Docker Engine installed, with an optional daemon configuration.
@_spi(Tools) public struct DockerSetup: Hashable, Sendable {
    /// Whether every user may use the Docker socket (mode 0666) rather than root and the docker group.
    @_spi(Tools) public var worldWritable: Bool
    /// `/etc/docker/daemon.json`, checked to be a JSON object; nil keeps Docker's defaults.
    @_spi(Tools) public var daemonConfig: String?
    /// The configuration's `data-root`, which Docker must wait for when it is on a mounted filesystem.
    @_spi(Tools) public var dataRoot: String?
}
