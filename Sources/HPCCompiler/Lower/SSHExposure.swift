/// SSH opened to the internet: emitted only because a blueprint asks for it, and then warned
/// about (HPC3049). Google firewall rules and ParallelCluster head nodes share the test.
enum SSHExposure {
    static let port = 22

    static func check(_ range: CIDR, what: String, at location: SourceLocation, diagnostics: inout Diagnostics) {
        guard range.isInternetWide else { return }
        diagnostics.report(
            .sshFromInternet, "\(what) admits SSH from \(range), which is most of the internet", at: location,
            help:
                """
                list the ranges users connect from, or reach the hosts through Identity-Aware Proxy or a bastion; \
                `ignore: [HPC3049]` if this is intended
                """
        )
    }
}

extension FirewallPermission {
    /// Whether the permission lets TCP 22 through: protocol tcp (or all, or 6) with no port
    /// list, or a port or port range that holds 22.
    var admitsSSH: Bool {
        guard ["tcp", "all", "6"].contains(protocolName.lowercased()) else { return false }
        guard !ports.isEmpty else { return true }
        return ports.contains { entry in
            let bounds = entry.split(separator: "-", maxSplits: 1).compactMap { Int($0) }
            switch bounds.count {
            case 1: return bounds[0] == SSHExposure.port
            case 2: return (bounds[0]...max(bounds[0], bounds[1])).contains(SSHExposure.port)
            default: return false
            }
        }
    }
}
