/// What `rest_api` cannot do on a ParallelCluster head node: a port its Slurm daemons hold, an
/// address the head node will not have, or a slurmrestd plugin its Slurm no longer builds.
extension ParallelClusterRules {
    /// The listen addresses that are the head node's whatever address EC2 gives it.
    static let headNodeAddresses: Set<String> = ["0.0.0.0", "127.0.0.1", "localhost"]

    static func checkRestAPI(_ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics) {
        guard let api = cluster.restAPI?.api else { return }
        let key = ParallelClusterModule.Key.restAPI
        if ParallelClusterLimits.slurmPorts.contains(api.port) {
            diagnostics.report(
                .restAPIService,
                """
                port \(api.port) belongs to Slurm on a ParallelCluster head node (slurmd 6818, slurmdbd 6819, \
                slurmctld 6820-6829)
                """,
                at: settings.location(key, [.key("port")]),
                help: "leave port unset (\(ParallelClusterLimits.restAPIPort)) or pick one outside 6817-6829")
        }
        if let address = api.listenAddress, !headNodeAddresses.contains(address) {
            diagnostics.report(
                .restAPIService,
                """
                listen_address '\(address)' cannot be the head node's: EC2 gives the head node its address when \
                ParallelCluster launches it
                """,
                at: settings.location(key, [.key("listen_address")]),
                help:
                    """
                    leave listen_address null (the head node's host name, which resolves to its private address) or \
                    write 0.0.0.0; the security group admits only allowed_clients either way
                    """)
        }
        for (index, plugin) in api.openAPIPlugins.enumerated()
        where plugin.hasPrefix("openapi/v0.0.") || plugin.hasPrefix("openapi/dbv0.0.") {
            diagnostics.report(
                .restAPIService,
                """
                ParallelCluster 3.16 builds Slurm \(ParallelClusterLimits.slurmVersion), whose slurmrestd has no \
                \(plugin): Slurm 24.05 replaced the versioned plugins
                """,
                at: settings.location(key, [.key("openapi_plugins"), .index(index)]),
                help: "name openapi/slurmctld (and openapi/slurmdbd with accounting), or leave the list empty")
        }
    }
}
