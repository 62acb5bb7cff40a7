/// The keyhole range must be free wherever forwarding touches it: on the gateways (where iptables
/// takes it) and on the visualization partition's nodes (where the forwarded ports end). This
/// finds the services hpcc knows on those hosts and those `reserved_ports` lists, and other
/// bwVisu installations forwarding the same ports on a shared gateway.
struct KeyholePorts {
    private typealias Key = BwVisuModule.Key

    let visu: BwVisu
    let cluster: OnPremCluster
    let settings: SettingReader

    /// A port in use, where, and by what.
    struct Service {
        var ports: PortRange
        var what: String
    }

    func check(others: [BwVisu], diagnostics: inout Diagnostics) {
        for service in services(diagnostics: &diagnostics) where service.ports.overlaps(visu.portRange) {
            let held = service.ports.count == 1 ? "port \(service.ports.lower)" : "ports \(service.ports.text)"
            diagnostics.report(
                .portCollision, "port_range \(visu.portRange.text) holds \(held), \(service.what)",
                at: settings.location(Key.portRange),
                help: "the range must be free on the gateways and the partition's nodes; move it or the service")
        }
        for other in others {
            for gateway in visu.gateways {
                guard let shared = other.gateways.first(where: { $0.host == gateway.host }),
                    shared.ports.overlaps(gateway.ports)
                else { continue }
                diagnostics.report(
                    .portRange,
                    """
                    gateway '\(gateway.host)' would forward ports \(gateway.ports.text) for '\(visu.id)' and \
                    \(shared.ports.text) for '\(other.id)'
                    """,
                    at: settings.location(Key.portRange), help: "give the two bwVisu modules ranges that do not overlap"
                )
            }
        }
    }

    /// Every host name or address that is a gateway or a node of the partition.
    private var touched: Set<String> {
        Set(visu.gateways.flatMap { [$0.host, $0.internalAddress, $0.externalAddress] } + visu.computeHosts)
            .subtracting([""])
    }

    private func services(diagnostics: inout Diagnostics) -> [Service] {
        let touched = touched
        func on(_ names: String?...) -> Bool { names.contains { $0.map(touched.contains) ?? false } }
        var services = visu.gateways.map {
            Service(ports: PortRange($0.sshPort, $0.sshPort), what: "SSH of gateway '\($0.host)'")
        }
        if !visu.computeHosts.isEmpty {
            services.append(
                Service(
                    ports: single(cluster.daemons.slurmdPort),
                    what: "slurmd on the nodes of partition '\(visu.partition)'"))
        }
        if on(cluster.controllerHost, cluster.controllerAddress) {
            services.append(
                Service(ports: single(cluster.daemons.slurmctldPort), what: "slurmctld on '\(cluster.controllerHost)'"))
        }
        if let accounting = cluster.accounting {
            if on(accounting.dbdHost) {
                services.append(Service(ports: single(accounting.dbdPort), what: "slurmdbd on '\(accounting.dbdHost)'"))
            }
            if on(accounting.storageHost) {
                services.append(
                    Service(ports: single(accounting.storagePort), what: "MariaDB on '\(accounting.storageHost)'"))
            }
        }
        for node in visu.commandNodes where on(node.host, node.address) {
            services.append(
                Service(ports: single(node.port), what: "SSH of command node '\(node.host ?? node.address)'"))
        }
        for (kind, servers) in [("keyholed", visu.keyholedServers), ("etcd", visu.etcdServers)] {
            for server in servers where on(server.address) {
                services.append(Service(ports: single(server.port), what: "\(kind) on '\(server.address)'"))
            }
        }
        return services + reserved(diagnostics: &diagnostics)
    }

    private func single(_ port: Int) -> PortRange { PortRange(port, port) }

    /// `reserved_ports` entries: `8080` or `5900-5999`.
    private func reserved(diagnostics: inout Diagnostics) -> [Service] {
        settings.read(defaulted: Key.reservedPorts, diagnostics: &diagnostics).enumerated().compactMap { index, entry in
            let bounds = entry.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard (1...2).contains(bounds.count), let lower = bounds.first ?? nil, let upper = bounds.last ?? nil,
                (1...65535).contains(lower), (1...65535).contains(upper), lower <= upper
            else {
                diagnostics.report(
                    .portRange, "reserved_ports entry '\(entry)' is not a port or a range of ports",
                    at: settings.location(Key.reservedPorts, [.index(index)]),
                    help: "write a port (8080) or an inclusive range (5900-5999) within 1-65535")
                return nil
            }
            return Service(ports: PortRange(lower, upper), what: "reserved by reserved_ports '\(entry)'")
        }
    }
}
