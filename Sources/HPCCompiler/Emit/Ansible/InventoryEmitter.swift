/// `ansible/inventory.yml`: hosts by role (`slurm_controller`, `slurm_login`, `slurm_compute`
/// with a child group per partition holding its static nodes), a group per cluster carrying the
/// cluster's variables (Slurm facts and the mount contracts), and `workbench` with each Workbench
/// instance's own user and mounts as host variables.
enum InventoryEmitter {
    static let path = "ansible/inventory.yml"

    static func emit(_ deployment: Deployment) -> OutputFile {
        let index = DeploymentIndex(deployment)
        var controllers: [YAMLPair] = []
        var logins: [YAMLPair] = []
        var partitions: [YAMLPair] = []
        var clusters: [YAMLPair] = []
        for cluster in deployment.clusters {
            controllers += cluster.controllerHosts.map { host($0.name) }
            logins += cluster.loginGroups.flatMap { $0.hostNames(cluster: cluster.name) }.map(host)
            let nodesets = cluster.nodesetsByName
            for partition in cluster.partitions {
                let staticHosts = partition.nodesets.compactMap { nodesets[$0] }.flatMap {
                    $0.staticHostNames(cluster: cluster.name)
                }
                partitions.append(
                    partitionGroup(
                        partition.name, hosts: staticHosts, members: ("slurm_partition_nodesets", partition.nodesets),
                        exclusive: partition.exclusive))
            }
            clusters.append(
                YAMLPair(
                    key: groupName("slurm_cluster", cluster.name),
                    value: .object([
                        ("hosts", .map(allHosts(cluster).map(host))),
                        ("vars", clusterVariables(cluster, index: index)),
                    ])))
        }
        for cluster in deployment.onPremClusters {
            controllers.append(host(cluster.controllerHost))
            logins += cluster.loginNodes.map(siteHost)
            for partition in cluster.partitions {
                let hosts = partition.nodeGroups.compactMap(cluster.nodeGroup).flatMap(\.hosts)
                partitions.append(
                    partitionGroup(
                        partition.name, hosts: hosts, members: ("slurm_partition_node_groups", partition.nodeGroups),
                        exclusive: partition.exclusive))
            }
            // Every host that talks to the cluster's Slurm: controller, login nodes, compute nodes,
            // and the command nodes bwVisu submits its jobs from.
            let commandNodes = deployment.bwVisus.filter { $0.clusterName == cluster.name }.flatMap(\.commandNodes).map
            { $0.host ?? $0.address }
            var members: [String] = [], seen = Set<String>()
            for host in [cluster.controllerHost] + cluster.loginNodes.map(\.host) + cluster.nodeGroups.flatMap(\.hosts)
                + commandNodes
            where seen.insert(host).inserted {
                members.append(host)
            }
            clusters.append(
                YAMLPair(
                    key: groupName("slurm_cluster", cluster.name),
                    value: .object([
                        ("hosts", .map(members.map(host))),
                        (
                            "vars",
                            .object([
                                ("slurm_cluster_name", .string(cluster.name)),
                                ("slurm_controller_host", .string(cluster.controllerHost)),
                                ("slurm_config_files", .string(OnPremSlurmEmitter.folder(cluster))),
                                ("slurm_user", .string(cluster.daemons.slurmUser)),
                                ("slurm_partitions", .list(cluster.partitions.map { .string($0.name) })),
                            ])
                        ),
                    ])))
        }
        let inventory = YAML.object([
            (
                "all",
                .object([
                    (
                        "vars",
                        .object([
                            ("hpcc_blueprint", .string(deployment.blueprintName)),
                            ("hpcc_deployment", .string(deployment.name)),
                        ])
                    ),
                    (
                        "children",
                        .object(
                            [
                                ("slurm_controller", .object([("hosts", .map(controllers))])),
                                ("slurm_login", .object([("hosts", .map(logins))])),
                                ("slurm_compute", .object([("children", .map(partitions))])),
                                (
                                    "workbench",
                                    .object([
                                        ("hosts", .map(deployment.workbenches.map { workbenchHost($0, index: index) }))
                                    ])
                                ),
                                ("bwvisu_gateway", .object([("children", .map(deployment.bwVisus.map(gatewayGroup)))])),
                                ("bwvisu_command", .object([("children", .map(deployment.bwVisus.map(commandGroup)))])),
                            ] + clusters.map { ($0.key, $0.value) })
                    ),
                ])
            )
        ])
        var header = [
            """
            Ansible inventory of deployment \(deployment.name), compiled by hpcc from blueprint \
            \(deployment.blueprintName).
            """
        ]
        if !deployment.clusters.isEmpty || !deployment.workbenches.isEmpty {
            header.append(
                """
                Cloud hosts are instance names (resolvable inside the VPC); dynamic compute nodes exist only while \
                Slurm runs them.
                """
            )
        }
        if !deployment.onPremClusters.isEmpty || !deployment.bwVisus.isEmpty {
            header.append(
                """
                Hosts of existing clusters are the names the blueprint gives, resolvable on the site's network \
                (ansible_host where an address is given).
                """
            )
        }
        return OutputFile(path: path, bytes: YAMLWriter.bytes(inventory, header: header))
    }

    /// `slurm_partition_<name>`: the partition's hosts, and what it is made of (nodesets or node groups).
    private static func partitionGroup(
        _ name: String, hosts: [String], members: (key: String, names: [String]), exclusive: Bool
    ) -> YAMLPair {
        YAMLPair(
            key: groupName("slurm_partition", name),
            value: .object([
                ("hosts", .map(hosts.map(host))),
                (
                    "vars",
                    .object([
                        ("slurm_partition_name", .string(name)),
                        (members.key, .list(members.names.map(YAML.string))),
                        ("slurm_partition_exclusive", .bool(exclusive)),
                    ])
                ),
            ]))
    }

    private static func host(_ name: String) -> YAMLPair {
        YAMLPair(key: name, value: .null)
    }

    /// A host of an existing site, with the address to connect to when the blueprint gives one.
    private static func siteHost(_ site: OnPremHost) -> YAMLPair {
        YAMLPair(key: site.host, value: site.address.map { .object([("ansible_host", .string($0))]) } ?? .null)
    }

    private static func allHosts(_ cluster: SlurmCluster) -> [String] {
        cluster.controllerHosts.map(\.name)
            + cluster.loginGroups.flatMap { $0.hostNames(cluster: cluster.name) }
            + cluster.nodesets.flatMap { $0.staticHostNames(cluster: cluster.name) }
    }

    /// Ansible group names hold letters, digits and '_'.
    static func groupName(_ prefix: String, _ name: String) -> String {
        prefix + "_" + String(String.UnicodeScalarView(name.unicodeScalars.map { NameRules.isWord($0) ? $0 : "_" }))
    }

    private static func clusterVariables(_ cluster: SlurmCluster, index: DeploymentIndex) -> YAML {
        .object([
            ("slurm_cluster_name", .string(cluster.name)),
            ("slurm_controller_host", .string(cluster.controllerHostName)),
            ("slurm_config_dir", .string(SlurmPaths.configDirectory)),
            ("slurm_auth_type", .string("auth/\(cluster.parameters.authentication.rawValue)")),
            ("slurm_config_bucket", .string(cluster.bucket.url)),
            ("slurm_partitions", .list(cluster.partitions.map { .string($0.name) })),
            ("hpcc_mounts", .list(NodeMetadata.nodeMounts(cluster, extra: []).map { mount($0, index: index) })),
            ("hpcc_login_mounts", .list(cluster.loginMounts.map { mount($0, index: index) })),
        ])
    }

    /// A workbench: its instance name, with the user JupyterLab runs as and its mounts in order.
    private static func workbenchHost(_ workbench: Workbench, index: DeploymentIndex) -> YAMLPair {
        YAMLPair(
            key: workbench.name,
            value: .object([
                ("hpcc_workbench_user", .string(workbench.login)),
                ("hpcc_workbench_directory", .string(workbench.workingDirectory)),
                ("hpcc_mounts", .list(workbench.mounts.map { mount($0, index: index) })),
            ]))
    }

    /// `bwvisu_gateway_<id>`: the gateways of one bwVisu, each with its block of the keyhole range;
    /// the whole range, as iptables takes it, is the group's.
    private static func gatewayGroup(_ visu: BwVisu) -> YAMLPair {
        YAMLPair(
            key: groupName("bwvisu_gateway", visu.id),
            value: .object([
                (
                    "hosts",
                    .object(
                        visu.gateways.map { gateway in
                            (
                                gateway.host,
                                .object([
                                    ("ansible_host", .string(gateway.internalAddress)),
                                    ("ansible_port", .int(gateway.sshPort)),
                                    ("bwvisu_runner_user", .string(gateway.user)),
                                    ("bwvisu_external_address", .string(gateway.externalAddress)),
                                    ("bwvisu_gateway_port_range", .string(gateway.ports.iptables)),
                                ])
                            )
                        })
                ),
                (
                    "vars",
                    .object(
                        bwVisuVariables(visu) + [
                            ("bwvisu_keyhole_port_range", .string(visu.portRange.iptables)),
                            (
                                "bwvisu_forwarding_targets",
                                .list(visu.computeHosts.map { .string($0 + visu.forwardingHostnameSuffix) })
                            ),
                        ])
                ),
            ]))
    }

    /// `bwvisu_command_<id>`: the nodes the runner submits jobs from.
    private static func commandGroup(_ visu: BwVisu) -> YAMLPair {
        YAMLPair(
            key: groupName("bwvisu_command", visu.id),
            value: .object([
                (
                    "hosts",
                    .object(
                        visu.commandNodes.map { node in
                            (
                                node.host ?? node.address,
                                .object([
                                    ("ansible_host", .string(node.address)), ("ansible_port", .int(node.port)),
                                    ("bwvisu_runner_user", .string(node.user ?? "bwvisu")),
                                ])
                            )
                        })
                ),
                ("vars", .object(bwVisuVariables(visu) + [("bwvisu_partition", .string(visu.partition))])),
            ]))
    }

    private static func bwVisuVariables(_ visu: BwVisu) -> [(String, YAML)] {
        [("bwvisu_slurm_cluster", .string(visu.clusterName)), ("bwvisu_home_prefix", .string(visu.homePrefix))]
    }

    /// A mount contract; a server known only after `terraform apply` is looked up from the
    /// Terraform output of the group that owns it when Ansible runs.
    private static func mount(_ contract: MountContract, index: DeploymentIndex) -> YAML {
        .object([
            ("server", .string(server(contract, index: index))),
            ("remote_mount", .string(contract.remotePath)),
            ("local_mount", .string(contract.localMount)),
            ("fs_type", .string(contract.type.rawValue)),
            ("mount_options", .string(contract.options)),
        ])
    }

    /// Module outputs the inventory reads from Terraform (their groups must export them).
    static func terraformOutputs(_ deployment: Deployment) -> [ModuleReference] {
        var seen = Set<String>()
        var result: [ModuleReference] = []
        let contracts =
            deployment.clusters.flatMap { $0.mounts + $0.loginMounts + $0.nodesets.flatMap(\.mounts) }
            + deployment.workbenches.flatMap(\.mounts)
        for contract in contracts {
            for case let .reference(reference) in contract.server.parts where reference.known == nil {
                let key = TerraformReferences.crossGroupName(module: reference.module, output: reference.output)
                if seen.insert(key).inserted {
                    result.append(
                        ModuleReference(module: reference.module, output: reference.output, path: [], known: nil))
                }
            }
        }
        return result
    }

    private static func server(_ contract: MountContract, index: DeploymentIndex) -> String {
        if let known = contract.server.known { return known }
        var text = ""
        for part in contract.server.parts {
            switch part {
            case let .literal(literal): text += literal
            case let .raw(raw): text += "((\(raw)))"
            case let .reference(reference):
                let group = index.group(of: reference.module).map(\.rawValue) ?? ""
                let output = TerraformReferences.crossGroupName(module: reference.module, output: reference.output)
                let lookup =
                    """
                    lookup('ansible.builtin.pipe', 'terraform -chdir=' ~ inventory_dir ~ '/../\(group) output -json \
                    \(output)')
                    """
                text += "{{ (\(lookup) | from_json)\(HCL.access(reference.path)) }}"
            }
        }
        return text
    }
}
