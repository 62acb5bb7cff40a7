/// `modules/compute/vm-instance`: one module, whole. The lowering is in `VMInstanceModule+Lowering.swift`.
enum VMInstanceModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `InstanceKey`'s.
    enum Key {
        static let count = SettingKey<Int>("instance_count")
        static let namePrefix = SettingKey<String>("name_prefix")
        static let deploymentNameFirst = SettingKey<Bool>("add_deployment_name_before_prefix")
        static let autoDeleteBootDisk = SettingKey<Bool>("auto_delete_boot_disk")
        static let localSSDCount = SettingKey<Int>("local_ssd_count")
        static let localSSDInterface = SettingKey<String>("local_ssd_interface")
        static let persistentDisks = SettingKey<Value>("additional_persistent_disks")
        static let disablePublicIPs = SettingKey<Bool>("disable_public_ips")
        static let bandwidthTier = SettingKey<String>("bandwidth_tier")
        static let threadsPerCore = SettingKey<Int>("threads_per_core")
        static let osLogin = SettingKey<String>("enable_oslogin")
        static let automaticRestart = SettingKey<Bool>("automatic_restart")
        static let provisioningModel = SettingKey<String>("provisioning_model")
        static let placement = SettingKey<Value>("placement_policy")
        static let reservation = SettingKey<String>("reservation_name")
        static let startupScript = SettingKey<String>("startup_script")
        static let networkInterfaces = SettingKey<Value>("network_interfaces")
        static let network = SettingKey<String>("network_self_link")
    }

    /// Cluster Toolkit's `bandwidth_tier` values; `not_enabled` leaves the NIC to Compute Engine.
    static let bandwidthTiers: [String: BandwidthTier] = [
        "not_enabled": .platformDefault, "gvnic_enabled": .gvnicEnabled, "tier_1_enabled": .tier1Enabled,
    ]

    static let placementType = SettingType.object([
        .optional("vm_count", .number), .optional("availability_domain_count", .number),
        .optional("collocation", .string), .optional("max_distance", .number), .optional("gpu_topology", .string),
    ])

    /// The instance settings vm-instance shares with the Slurm modules, with its own defaults.
    static let sharedInstanceSettings = CommonSettings.instance(
        machineType: "c2-standard-60", diskType: .standard, diskSize: 200, onHostMaintenance: nil
    ).filter {
        [
            InstanceKey.machineType.name, InstanceKey.diskType.name, InstanceKey.diskSize.name,
            InstanceKey.guestAccelerator.name, InstanceKey.metadata.name, InstanceKey.minCPUPlatform.name,
            InstanceKey.serviceAccountEmail.name, InstanceKey.serviceAccountScopes.name,
            InstanceKey.automaticUpdates.name, InstanceKey.tags.name,
        ].contains($0.name)
    }

    static let schema = ModuleSchema(
        source: "modules/compute/vm-instance", cloud: .gcp,
        summary: "Stand-alone Compute Engine instances that mount the deployment's filesystems",
        description: """
            Creates `instance_count` instances named `<prefix>-<n>`, where the prefix is `name_prefix` (after \
            `deployment_name` when `add_deployment_name_before_prefix` is true) or else `deployment_name`. Each \
            boots with hpcc's instance script (`scripts/hpcc-vm.sh`): it mounts every filesystem of \
            `network_storage` in order, then runs `startup_script`, and its exit status is the startup script's \
            (which `wait-for-startup` reports). A `placement_policy` becomes one resource policy for the group.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.zone,
            CommonSettings.labels,
            SettingSpec(
                CommonKey.subnetwork, .string,
                """
                The subnetwork of the instances' one interface (normally from a `use`d network module); \
                unset when `network_interfaces` lists the interfaces.
                """),
            SettingSpec(
                Key.count, .number, "Number of instances.", default: .int(1),
                constraints: [.integer, .range(min: 0, max: 1000)]),
            SettingSpec(
                Key.namePrefix, .string, "Name prefix of the instances and disks; null means `deployment_name`."),
            SettingSpec(
                Key.deploymentNameFirst, .bool, "Put `deployment_name` before `name_prefix` in every name.",
                default: .bool(false)),
            SettingSpec(
                InstanceKey.image, CommonSettings.image,
                "Boot image: `project` plus exactly one of `family` or `name`.",
                default: .map(["project": .string("cloud-hpc-image-public"), "family": .string("hpc-rocky-linux-8")])),
            SettingSpec(
                Key.autoDeleteBootDisk, .bool, "Delete the boot disk with the instance.", default: .bool(true)),
            SettingSpec(
                Key.localSSDCount, .number, "Local SSDs (375 GB scratch disks) per instance.", default: .int(0),
                constraints: [.integer, .range(min: 0, max: 24)]),
            SettingSpec(
                Key.localSSDInterface, .string, "Interface of the local SSDs.", default: .string("NVME"),
                constraints: [.oneOf(["NVME", "SCSI"])]),
            SettingSpec(
                Key.persistentDisks,
                .object([
                    .optional("count", .number, .int(0)), .optional("type", .string, .string("pd-balanced")),
                    .optional("size", .number, .int(200)),
                ]),
                """
                Persistent disks per instance (`count` of `type` and `size` GB), each a `google_compute_disk` \
                attached as `/dev/disk/by-id/google-additional-disk-<k>` (not formatted or mounted).
                """,
                default: .map([:])),
            SettingSpec(
                Key.disablePublicIPs, .bool, "Give the instances no external address.", default: .bool(false)),
            SettingSpec(
                Key.bandwidthTier, .string,
                "`gvnic_enabled` (gVNIC), `tier_1_enabled` (gVNIC with Tier 1 egress) or `not_enabled`.",
                default: .string("not_enabled"), constraints: [.oneOf(bandwidthTiers.keys.sorted())]),
            SettingSpec(
                Key.threadsPerCore, .number,
                """
                Threads per core: 0 turns SMT off where the machine type allows it, 1 and 2 set it (an error where \
                it cannot be set), null leaves Compute Engine's default.
                """,
                default: .int(0), constraints: [.integer, .range(min: 0, max: 2)], nullTurnsOff: true),
            SettingSpec(
                Key.osLogin, .string, "OS Login: `ENABLE`, `DISABLE`, or `INHERIT` the project's setting.",
                default: .string("ENABLE"), constraints: [.oneOf(["ENABLE", "DISABLE", "INHERIT"])]),
            SettingSpec(
                Key.automaticRestart, .bool,
                "Restart instances Compute Engine stopped; null: off for Spot and compact placement, else on."),
            SettingSpec(
                InstanceKey.onHostMaintenance, .string,
                "`MIGRATE` or `TERMINATE`; null: TERMINATE with GPUs, Spot or compact placement, else MIGRATE.",
                constraints: [.oneOf(OnHostMaintenance.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.provisioningModel, .string,
                """
                `STANDARD`, `SPOT`, or `RESERVATION_BOUND` (runs within the term of `reservation_name`, which \
                it needs); null means STANDARD.
                """,
                constraints: [.oneOf(["STANDARD", "SPOT", "RESERVATION_BOUND"])]),
            SettingSpec(
                Key.placement, placementType,
                """
                Group placement: `collocation: COLLOCATED` places the instances close together (`vm_count`, when \
                set, must equal `instance_count`); also `availability_domain_count` and `gpu_topology`. `max_distance` \
                is not supported yet (HPC2019).
                """
            ),
            SettingSpec(
                Key.reservation, .string, "Specific reservation to consume (`NAME` or `projects/P/reservations/NAME`).",
                default: .string(""),
                constraints: [
                    .pattern(
                        "((projects/[a-z0-9-]+/reservations/)?[a-z0-9-]+)?",
                        description: "empty, `NAME` or `projects/PROJECT/reservations/NAME`")
                ]),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                "Filesystems to mount at boot, in this order (normally from `use`).", default: .list([])),
            SettingSpec(
                Key.networkInterfaces, .list(AdditionalNetworks.entryType),
                """
                Every network interface, nic0 first, as maps or a network module's interface outputs (also \
                `merge()`d with literal members, and joined with `concat()`); empty for one interface on \
                `subnetwork_self_link`. When set, `subnetwork_self_link` and `network_self_link` must be unset, \
                and `disable_public_ips` and a gVNIC `bandwidth_tier` do not apply (errors).
                """,
                default: .list([])),
            SettingSpec(
                Key.startupScript, .string,
                "Shell script the instances run at boot after the mounts (normally a startup-script module's output)."),
        ] + sharedInstanceSettings
            + CommonSettings.moot([
                (
                    "network_self_link", .string, nil,
                    "the instances attach to `subnetwork_self_link` (or `network_interfaces`), which names its network"
                )
            ])
            + CommonSettings.unsupported([
                ("allocate_ip", .any, nil, "reserved internal addresses"),
                ("machine_configs", .any, .map([:]), "GPU definitions beyond hpcc's machine catalog"),
            ])
            + CommonSettings.deprecated([
                ("spot", "use provisioning_model: SPOT"),
                ("service_account", "use service_account_email and service_account_scopes"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case name
        case selfLink = "self_link"
        case externalIP = "external_ip"
        case internalIP = "internal_ip"
        case instructions

        var spec: (type: SettingType, description: String) {
            switch self {
            case .name: (.list(.string), "Names of the instances.")
            case .selfLink: (.list(.string), "Self links of the instances.")
            case .externalIP: (.list(.string), "External addresses of the instances (empty without public IPs).")
            case .internalIP: (.list(.string), "Internal addresses of the instances.")
            case .instructions: (.string, "How to reach the first instance with SSH.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.instructions]

    static func knownValue(of output: Output, entity: VirtualMachineGroup) -> Value? {
        switch output {
        case .name: .list(entity.hostNames.map(Value.string))
        case .instructions: .string(instructions(entity))
        case .selfLink, .externalIP, .internalIP: nil
        }
    }

    /// SSH commands for the first instance, directly and through IAP.
    static func instructions(_ group: VirtualMachineGroup) -> String {
        guard let first = group.hostNames.first else { return "No instances were created." }
        let command = "gcloud compute ssh \(first) --zone \(group.zone) --project \(group.instance.project)"
        return """
            SSH into the first instance:
              \(command)
            Without an external address, through IAP:
              \(command) --tunnel-through-iap

            """
    }

    static func emit(_ entity: VirtualMachineGroup, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            VirtualMachineResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(
        of output: Output, entity: VirtualMachineGroup, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        let instances = entity.hostNames.indices.map { VirtualMachineResources.instance(module, $0) }
        func list(_ attribute: String) -> OutputValue {
            .expression(
                "[" + instances.map { $0.attribute(attribute) }.joined(separator: ", ") + "]" + HCL.access(path))
        }
        return switch output {
        // From the resources, not the known names: whatever reads them waits for the instances.
        case .name: list("name")
        case .selfLink: list("self_link")
        case .internalIP: list("network_interface[0].network_ip")
        case .externalIP:
            entity.instance.accessConfigs.isEmpty
                ? .expression("tolist([])" + HCL.access(path)) : list("network_interface[0].access_config[0].nat_ip")
        case .instructions: .known
        }
    }
}
