/// How the bwvisu module lowers to a `BwVisu` on an existing cluster: the visualization
/// partition must exist, every gateway needs an external address, the keyhole range is split
/// into one block per gateway and must hold no port of a service on the gateways or the
/// partition's nodes (`KeyholePorts`), and every value must be one bwVisu's job templates can carry.
extension BwVisuModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> BwVisu? {
        let context = settings.context
        guard let cluster = usedCluster(settings, context: context, diagnostics: &diagnostics),
            let partitionName = settings.read(Key.partition, diagnostics: &diagnostics),
            let homePrefix = settings.read(Key.homePrefix, diagnostics: &diagnostics),
            let rangeFields = settings.read(Key.portRange, diagnostics: &diagnostics)?.map
        else { return nil }
        let text = CarriedText(settings: settings)
        // An unknown partition is reported, and the rest is checked all the same.
        let partition = cluster.partitions.first { $0.name == partitionName }
        if partition == nil {
            let names = cluster.partitions.map(\.name)
            let correction = Suggestion.correction(for: partitionName, at: settings.location(Key.partition), in: names)
            diagnostics.report(
                .unknownPartition, "cluster '\(cluster.name)' has no partition '\(partitionName)'",
                at: settings.location(Key.partition),
                help: correction.help ?? "partitions: " + names.joined(separator: ", "), fixes: correction.fixes)
        }
        text.check(homePrefix, Key.homePrefix, [], diagnostics: &diagnostics)
        if !homePrefix.hasPrefix("/") {
            diagnostics.report(
                .unrepresentableValue, "home_prefix '\(homePrefix)' is not an absolute path",
                at: settings.location(Key.homePrefix), help: "e.g. /shared/home")
        }
        let suffix = settings.read(defaulted: Key.forwardingHostnameSuffix, diagnostics: &diagnostics)
        if !suffix.isEmpty { text.check(suffix, Key.forwardingHostnameSuffix, [], diagnostics: &diagnostics) }

        let range = PortRange(rangeFields["min"]?.int ?? 0, rangeFields["max"]?.int ?? 0)
        let gatewayFields = settings.read(Key.gatewayNodes, diagnostics: &diagnostics)?.list ?? []
        let blocks = splitRange(range, gateways: gatewayFields.count, settings: settings, diagnostics: &diagnostics)
        let gateways = gatewayFields.enumerated().map { index, value in
            gateway(value, index: index, ports: blocks?[index] ?? range, text: text, diagnostics: &diagnostics)
        }
        checkDistinct(gateways, settings: settings, diagnostics: &diagnostics)
        let commandNodes = endpoints(Key.commandNodes, settings: settings, text: text, diagnostics: &diagnostics)
        let keyholed = endpoints(Key.keyholedServers, settings: settings, text: text, diagnostics: &diagnostics)
        let etcd = endpoints(Key.etcdServers, settings: settings, text: text, diagnostics: &diagnostics)
        let counts = [
            (Key.gatewayNodes, gateways.count), (Key.commandNodes, commandNodes.count),
            (Key.keyholedServers, keyholed.count), (Key.etcdServers, etcd.count),
        ]
        for (key, count) in counts where count == 0 {
            diagnostics.report(
                .missingSetting, "bwVisu needs at least one entry in \(key.name)", at: settings.location(key))
        }
        let visu = BwVisu(
            origin: settings.origin(diagnostics: &diagnostics), id: settings.id.rawValue, clusterName: cluster.name,
            partition: partitionName,
            computeHosts: (partition?.nodeGroups ?? []).compactMap(cluster.nodeGroup).flatMap(\.hosts),
            homePrefix: homePrefix,
            gateways: gateways, commandNodes: commandNodes, keyholedServers: keyholed, etcdServers: etcd,
            portRange: range,
            maxForwardersPerJob: settings.read(defaulted: Key.maxForwardersPerJob, diagnostics: &diagnostics),
            forwardingHostnameSuffix: suffix,
            staticForwarding: settings.read(defaulted: Key.staticForwarding, diagnostics: &diagnostics)
        )
        if let smallest = blocks?.map(\.count).min(), smallest < visu.maxForwardersPerJob {
            diagnostics.report(
                .portRange,
                """
                max_forwarders_per_job is \(visu.maxForwardersPerJob), but a gateway's block of port_range \
                \(range.text) holds \(smallest) ports
                """,
                at: settings.location(Key.maxForwardersPerJob),
                help: "a job's ports are forwarded by one gateway; widen port_range or lower max_forwarders_per_job")
        }
        if blocks != nil {
            KeyholePorts(visu: visu, cluster: cluster, settings: settings)
                .check(others: context.deployment.bwVisus, diagnostics: &diagnostics)
        }
        context.deployment.bwVisus.append(visu)
        context.knownOutputs[settings.id] = [Output.configPath.rawValue: .string(RunnerConfigDocument.path(visu))]
        return visu
    }

    /// The existing cluster `slurm_cluster_name` names: through `use`, or by its name.
    static func usedCluster(
        _ settings: SettingReader, context: LoweringContext, diagnostics: inout Diagnostics
    ) -> OnPremCluster? {
        let value = settings.value(Key.slurmClusterName)
        if let (module, entity) = settings.entity(of: value) {
            if let cluster = entity.as(OnPremCluster.self) { return cluster }
            diagnostics.report(
                .unsupportedCluster,
                """
                bwVisu runs on an existing cluster, and module '\(module)' \
                (\(context.deployment.moduleSources[module] ?? "")) is not one
                """,
                at: settings.location(Key.slurmClusterName), help: "use a modules/scheduler/existing-slurm module")
            return nil
        }
        guard let name = settings.read(Key.slurmClusterName, diagnostics: &diagnostics) else { return nil }
        if let cluster = context.deployment.onPremClusters.first(where: { $0.name == name }) { return cluster }
        let names = context.deployment.onPremClusters.map(\.name)
        let correction = Suggestion.correction(for: name, at: settings.location(Key.slurmClusterName), in: names)
        diagnostics.report(
            .unsupportedCluster, "no existing-slurm module of this blueprint describes cluster '\(name)'",
            at: settings.location(Key.slurmClusterName),
            help: correction.help ?? "add `use: [<existing-slurm module>]`", fixes: correction.fixes)
        return nil
    }

    /// One block per gateway; nil (reported) when the range is not a keyhole range or cannot be split.
    private static func splitRange(
        _ range: PortRange, gateways: Int, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> [PortRange]? {
        guard (1024...65535).contains(range.lower), (1024...65535).contains(range.upper), range.lower <= range.upper
        else {
            diagnostics.report(
                .portRange, "port_range \(range.lower)-\(range.upper) is not a range of unprivileged ports",
                at: settings.location(Key.portRange),
                help: "min and max within 1024-65535, min not above max; bwVisu's default is 50000-60000")
            return nil
        }
        guard gateways > 0 else { return nil }
        guard let blocks = range.split(into: gateways) else {
            diagnostics.report(
                .portRange, "port_range \(range.text) has \(range.count) ports for \(gateways) gateways",
                at: settings.location(Key.portRange),
                help: "every gateway forwards a block of its own; widen the range")
            return nil
        }
        return blocks
    }

    private static func gateway(
        _ value: Value, index: Int, ports: PortRange, text: CarriedText, diagnostics: inout Diagnostics
    ) -> BwVisuGateway {
        let fields = value.map ?? [:]
        let path: [Accessor] = [.index(index)]
        let host = fields["host"]?.string ?? ""
        for key in ["host", "internal_address", "external_address", "user"] {
            if let value = fields[key]?.string {
                text.check(value, Key.gatewayNodes, path + [.key(key)], diagnostics: &diagnostics)
            }
        }
        let external = fields["external_address"]?.string ?? ""
        if external.isEmpty {
            diagnostics.report(
                .gatewayAddress,
                "gateway '\(host)' has no external address: users could not reach the ports it forwards",
                at: text.settings.location(Key.gatewayNodes, path),
                help: "set external_address to the address users connect to")
        }
        return BwVisuGateway(
            host: host, internalAddress: fields["internal_address"]?.string ?? "", externalAddress: external,
            user: fields["user"]?.string ?? "bwvisu", sshPort: fields["ssh_port"]?.int ?? 22, ports: ports)
    }

    /// Two gateways on one host or address would forward the same ports twice.
    private static func checkDistinct(
        _ gateways: [BwVisuGateway], settings: SettingReader, diagnostics: inout Diagnostics
    ) {
        var seen: [String: Int] = [:]
        for (index, gateway) in gateways.enumerated() {
            for (key, value) in [
                ("host", gateway.host), ("internal_address", gateway.internalAddress),
                ("external_address", gateway.externalAddress),
            ] where !value.isEmpty {
                if let first = seen[value], first != index {
                    diagnostics.report(
                        .gatewayAddress, "gateways \(first + 1) and \(index + 1) share '\(value)'",
                        at: settings.location(Key.gatewayNodes, [.index(index), .key(key)]),
                        help: "list each gateway once")
                } else {
                    seen[value] = index
                }
            }
        }
    }

    /// The entries of a list of hosts (`command_nodes`) or servers (`keyholed_servers`, `etcd_servers`).
    private static func endpoints(
        _ key: SettingKey<Value>, settings: SettingReader, text: CarriedText, diagnostics: inout Diagnostics
    ) -> [BwVisuEndpoint] {
        (settings.read(key, diagnostics: &diagnostics)?.list ?? []).enumerated().map { index, value in
            let fields = value.map ?? [:]
            for field in ["host", "address", "user"] {
                if let value = fields[field]?.string {
                    text.check(value, key, [.index(index), .key(field)], diagnostics: &diagnostics)
                }
            }
            return BwVisuEndpoint(
                host: fields["host"]?.string, address: fields["address"]?.string ?? "",
                user: fields["host"] == nil ? nil : fields["user"]?.string ?? "bwvisu",
                port: fields["port"]?.int ?? fields["ssh_port"]?.int ?? 22)
        }
    }
}

/// bwVisu's job templates take only `A-Z a-z 0-9 . / _ -` in a value; the runner's configuration
/// reaches them, so every value hpcc writes for it must keep to that.
struct CarriedText {
    let settings: SettingReader

    static func isCarried(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { NameRules.isWord($0) || $0 == "." || $0 == "/" || $0 == "-" }
    }

    /// Reports `text`, the value at `path` in the setting, when bwVisu cannot carry it.
    func check<T>(_ text: String, _ key: SettingKey<T>, _ path: [Accessor], diagnostics: inout Diagnostics) {
        guard !Self.isCarried(text) else { return }
        let name =
            ([key.name]
            + path.map { step in
                switch step {
                case let .index(index): "[\(index)]"
                case let .key(key): ".\(key)"
                }
            }).joined()
        diagnostics.report(
            .unrepresentableValue, "\(name) '\(text)' holds characters bwVisu cannot carry",
            at: settings.location(key, path),
            help: "bwVisu passes values into job scripts and allows only A-Z a-z 0-9 . / _ -")
    }
}
