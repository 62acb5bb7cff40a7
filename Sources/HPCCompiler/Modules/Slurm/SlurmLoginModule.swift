import Foundation

/// `community/modules/scheduler/schedmd-slurm-gcp-v6-login`: one module, whole.
enum SlurmLoginModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `InstanceKey`'s.
    enum Key {
        static let namePrefix = SettingKey<String>("name_prefix")
        static let count = SettingKey<Int>("num_instances")
        static let staticIPs = SettingKey<[String]>("static_ips")
        static let publicIPs = SettingKey<Bool>("enable_login_public_ips")
        static let startupScript = SettingKey<String>("startup_script")
    }

    static let schema = ModuleSchema(
        source: "community/modules/scheduler/schedmd-slurm-gcp-v6-login", cloud: .gcp,
        summary: "Slurm login nodes",
        description: """
            A group of login nodes for a Slurm cluster. The controller that `use`s it (or reads its whole \
            `login_nodes` output in its own `login_nodes` setting) creates the instances; a group no controller \
            takes is an error. They run in configless mode against the controller and mount the cluster's filesystems.
            """,
        settings: [
            SettingSpec(
                Key.namePrefix, .string, "Login group name; defaults to the module id (lowercased, '_' becomes '-').",
                required: true, defaultsToModuleID: true),
            CommonSettings.project, CommonSettings.region, CommonSettings.zone, CommonSettings.labels,
            CommonSettings.subnetwork,
            SettingSpec(
                Key.count, .number, "Number of login nodes.", default: .int(1),
                constraints: [.integer, .range(min: 1, max: 100)]),
            SettingSpec(
                Key.staticIPs, .list(.string),
                "Internal addresses, one per login node (their count wins over `num_instances`).", default: .list([])),
            SettingSpec(Key.publicIPs, .bool, "Give login nodes external addresses.", default: .bool(false)),
            SettingSpec(
                Key.startupScript, .string, "Shell script login nodes run at boot, after their mounts.",
                default: .string("# no-op")),
        ]
            + CommonSettings.instance(
                machineType: "c2-standard-4", diskType: .ssd, diskSize: 50, onHostMaintenance: .migrate)
            + CommonSettings.unsupported([("additional_networks", .any, .list([]), "additional network interfaces")])
            + CommonSettings.deprecated([
                (InstanceKey.smt.name, "use advanced_machine_features.threads_per_core"),
                ("disable_smt", "use advanced_machine_features.threads_per_core"),
                ("disable_login_public_ips", "use enable_login_public_ips"),
                ("service_account", "use service_account_email and service_account_scopes"),
                ("instance_template", "set the instance properties directly"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to a Slurm controller's 'use' list, or set the controller's login_nodes to its output"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case loginNodes = "login_nodes"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .loginNodes: (.list(.map(.any)), "The login group, for the controller's `login_nodes` input.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LoginGroup? {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let prefix = settings.read(Key.namePrefix, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let instance = InstanceLowering.properties(
                settings, origin: origin, publicIP: Key.publicIPs, spot: false, diagnostics: &diagnostics)
        else { return nil }
        let name = groupName(prefix)
        guard !name.isEmpty else {
            diagnostics.report(
                .invalidName, "login group name '\(prefix)' keeps no lowercase letter, digit or '-'",
                at: settings.location(Key.namePrefix))
            return nil
        }
        InstanceLowering.checkZoneOffering(
            instance.machine, attachedGPU: instance.attachedGPU, zones: [(zone, settings.location(CommonKey.zone))],
            what: "login group '\(name)'", diagnostics: &diagnostics)
        let staticIPs = settings.read(defaulted: Key.staticIPs, diagnostics: &diagnostics)
        let group = LoginGroup(
            origin: origin, name: name,
            count: staticIPs.isEmpty ? settings.read(defaulted: Key.count, diagnostics: &diagnostics) : staticIPs.count,
            zone: zone, instance: instance, staticIPs: staticIPs,
            startupScript: settings.text(defaulted: Key.startupScript), startupTimeout: 300
        )
        InstanceLowering.checkInstanceDisks(settings, instances: group.count, reserved: [], diagnostics: &diagnostics)
        return group
    }

    static func knownValue(of output: Output, entity: LoginGroup) -> Value? {
        switch output {
        case .loginNodes:
            .list([
                .map([
                    "name_prefix": .string(entity.name), "num_instances": .int(entity.count),
                    "machine_type": .string(entity.instance.machine.name),
                ])
            ])
        }
    }

    /// Lowercased, '_' becomes '-', other characters outside [-a-z0-9] dropped.
    static func groupName(_ raw: String) -> String {
        String(
            String.UnicodeScalarView(
                raw.lowercased().replacingOccurrences(of: "_", with: "-").unicodeScalars.filter {
                    NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-"
                }))
    }

    static func emit(_ entity: LoginGroup, module: ModuleID, into roots: inout TerraformRoots) {
        // Emitted with its cluster by the controller that claims it (`SlurmControllerModule`).
    }

    static func value(of output: Output, entity: LoginGroup, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}
