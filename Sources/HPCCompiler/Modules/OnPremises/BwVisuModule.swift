/// `modules/remote-desktop/bwvisu`: one module, whole.
enum BwVisuModule: BuiltInModule {
    /// The module's settings.
    enum Key {
        static let slurmClusterName = SettingKey<String>("slurm_cluster_name")
        static let partition = SettingKey<String>("partition")
        static let homePrefix = SettingKey<String>("home_prefix")
        static let gatewayNodes = SettingKey<Value>("gateway_nodes")
        static let commandNodes = SettingKey<Value>("command_nodes")
        static let keyholedServers = SettingKey<Value>("keyholed_servers")
        static let etcdServers = SettingKey<Value>("etcd_servers")
        static let portRange = SettingKey<Value>("port_range")
        static let reservedPorts = SettingKey<[String]>("reserved_ports")
        static let maxForwardersPerJob = SettingKey<Int>("max_forwarders_per_job")
        static let forwardingHostnameSuffix = SettingKey<String>("forwarding_hostname_suffix")
        static let staticForwarding = SettingKey<Bool>("static_forwarding")
    }

    static let schema = ModuleSchema(
        source: "modules/remote-desktop/bwvisu", cloud: .onPremises,
        summary:
            """
            bwVisu remote visualization on an existing Slurm cluster: the runner's config.json and gateway/command \
            inventory groups
            """,
        description: """
            Adds bwVisu to an existing cluster (`use` an existing-slurm module). The bwVisu runner starts \
            visualization jobs in `partition` through the command nodes (sbatch, squeue and scancel over SSH) \
            and forwards ports from the gateway nodes to the compute nodes running them. hpcc writes the \
            runner's `bwvisu/<id>/config.json` and the inventory groups `bwvisu_gateway` and `bwvisu_command`. \
            The keyhole `port_range` is split into one block per gateway, in the order they are listed, without \
            overlap; the inventory gives each gateway its block (`bwvisu_gateway_port_range`, in iptables' \
            `first:last` form) and the group the whole range (`bwvisu_keyhole_port_range`). The range must be free \
            on the gateways and on the partition's nodes: hpcc refuses one that holds a port of a service it \
            knows there (SSH, slurmd, slurmctld, slurmdbd, keyholed, etcd) or one listed in `reserved_ports`. \
            Every value reaches the runner's job scripts, so it may hold only `A-Z a-z 0-9 . / _ -`.
            """,
        settings: [
            SettingSpec(
                Key.slurmClusterName, .string,
                """
                The cluster (an existing-slurm module); `use` sets it.
                """, required: true),
            SettingSpec(Key.partition, .string, "The Slurm partition visualization jobs run in.", required: true),
            SettingSpec(
                Key.homePrefix, .string,
                """
                `bwvisu-home-prefix`: users' home directories are `<home_prefix>/<user>` on every node (an absolute \
                path).
                """,
                required: true),
            SettingSpec(
                Key.gatewayNodes, .list(BwVisuSettings.gateway),
                """
                Gateways, at least one: `host` (inventory name), `internal_address` (the runner's SSH target), \
                `external_address` (what users connect to), `user` (the runner's SSH login), `ssh_port`.
                """, required: true, constraints: [.maxItems(64)]),
            SettingSpec(
                Key.commandNodes, .list(BwVisuSettings.node),
                "Nodes the runner submits jobs from, at least one: `host`, `address`, `user`, `ssh_port`.",
                required: true,
                constraints: [.maxItems(64)]),
            SettingSpec(
                Key.keyholedServers, .list(BwVisuSettings.server), "keyholed servers: `address`, `port`.",
                required: true),
            SettingSpec(
                Key.etcdServers, .list(BwVisuSettings.server(defaultPort: 2379)),
                "etcd servers holding the runner's state: `address`, `port` (2379).", required: true),
            SettingSpec(
                Key.portRange, BwVisuSettings.portRange,
                "The keyhole range forwarded ports are taken from (`min`, `max`, both included, within 1024-65535).",
                default: .map(["min": .int(50000), "max": .int(60000)])),
            SettingSpec(
                Key.reservedPorts, .list(.string),
                """
                Ports of other services on the gateways or compute nodes the range must not hold: `8080` or \
                `5900-5999`.
                """,
                default: .list([])),
            SettingSpec(
                Key.maxForwardersPerJob, .number,
                "`keyholed-max-forwarders-per-job`: the most ports one job may have forwarded.", default: .int(100),
                constraints: [.integer, .range(min: 1, max: 10000)]),
            SettingSpec(
                Key.forwardingHostnameSuffix, .string,
                "Appended to a compute node's name to forward over another interface (`-ib0`); empty for none.",
                default: .string("")),
            SettingSpec(
                Key.staticForwarding, .bool,
                "Debugging: the runner gives every job the same port (`keyholed-static-forwarding`).",
                default: .bool(false)),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case configPath = "config_path"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .configPath: (.string, "The runner's config.json in the deployment folder.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func emit(_ entity: BwVisu, module: ModuleID, into roots: inout TerraformRoots) {
        // Machines that exist already: hpcc writes their configuration files, no Terraform.
    }

    static func value(of output: Output, entity: BwVisu, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}

/// Object shapes of the bwvisu module's settings.
enum BwVisuSettings {
    static let port = [Constraint.integer, .range(min: 1, max: 65535)]

    static let gateway = SettingType.object([
        .required("host", .string), .required("internal_address", .string), .optional("external_address", .string),
        .optional("user", .string, .string("bwvisu")), .optional("ssh_port", .number, .int(22), constraints: port),
    ])

    static let node = SettingType.object([
        .required("host", .string), .required("address", .string),
        .optional("user", .string, .string("bwvisu")), .optional("ssh_port", .number, .int(22), constraints: port),
    ])

    static let server = SettingType.object([
        .required("address", .string), .required("port", .number, constraints: port),
    ])

    static func server(defaultPort: Int) -> SettingType {
        .object([.required("address", .string), .optional("port", .number, .int(defaultPort), constraints: port)])
    }

    static let portRange = SettingType.object([
        .required("min", .number, constraints: [.integer]), .required("max", .number, constraints: [.integer]),
    ])
}
