/// `bwvisu/<id>/config.json`: the bwVisu runner's configuration, with the runner's own key
/// names: how it reaches the gateways and command nodes over SSH, the keyholed and etcd servers,
/// the keyhole range and forwarding settings.
struct RunnerConfigDocument {
    let visu: BwVisu

    init(_ visu: BwVisu) {
        self.visu = visu
    }

    static func path(_ visu: BwVisu) -> String { "bwvisu/\(visu.id)/config.json" }

    var json: JSON {
        .object([
            "bwvisu-home-prefix": .string(visu.homePrefix),
            "gateway-nodes": .array(
                visu.gateways.map { gateway in
                    .object([
                        "internal-ip": .string(gateway.internalAddress),
                        "external-ip": .string(gateway.externalAddress),
                        "user": .string(gateway.user), "port": .int(gateway.sshPort),
                    ])
                }),
            "command-nodes": .array(
                visu.commandNodes.map { node in
                    .object(["ip": .string(node.address), "user": .string(node.user ?? ""), "port": .int(node.port)])
                }),
            "keyholed-servers": .array(visu.keyholedServers.map(server)),
            "keyholed-port-range": .object(["min": .int(visu.portRange.lower), "max": .int(visu.portRange.upper)]),
            "keyholed-max-forwarders-per-job": .int(visu.maxForwardersPerJob),
            "etcd-servers": .array(visu.etcdServers.map(server)),
            // The runner reads this flag as the string "True" or "False".
            "debug": .object(["keyholed-static-forwarding": .string(visu.staticForwarding ? "True" : "False")]),
            "forwarding-hostname-suffix": .string(visu.forwardingHostnameSuffix),
        ])
    }

    var text: String { JSONWriter.render(json) }

    private func server(_ endpoint: BwVisuEndpoint) -> JSON {
        .object(["ip": .string(endpoint.address), "port": .int(endpoint.port)])
    }
}
