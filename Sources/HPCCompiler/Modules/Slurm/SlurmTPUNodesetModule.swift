/// `community/modules/compute/schedmd-slurm-gcp-v6-nodeset-tpu`: a Slurm nodeset of Cloud TPU VMs.
enum SlurmTPUNodesetModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `InstanceKey`'s.
    enum Key {
        static let name = SlurmNodesetModule.Key.name
        static let staticCount = SlurmNodesetModule.Key.staticCount
        static let dynamicMax = SlurmNodesetModule.Key.dynamicMax
        static let nodeType = SettingKey<String>("node_type")
        static let tfVersion = SettingKey<String>("tf_version")
        static let preserve = SettingKey<Bool>("preserve_tpu")
        static let reserved = SettingKey<Bool>("reserved")
        static let publicIPs = SettingKey<Bool>("enable_public_ips")
    }

    static let schema = ModuleSchema(
        source: "community/modules/compute/schedmd-slurm-gcp-v6-nodeset-tpu", cloud: .gcp,
        summary: "Slurm nodeset of Cloud TPU VMs, one single-host TPU per node",
        description: """
            A group of Slurm nodes that are Cloud TPU VMs. The controller's resume program creates each \
            node's TPU VM with `gcloud compute tpus tpu-vm create` and its suspend program deletes it (or \
            stops it, with preserve_tpu); slurm.conf describes each node by its TPU host's vCPUs and memory.
            """,
        settings: [
            SettingSpec(
                Key.name, .string,
                "Nodeset name; defaults to the module id. Only lowercase letters and digits are kept, at most 14.",
                required: true, defaultsToModuleID: true),
            CommonSettings.project, CommonSettings.zone, CommonSettings.subnetwork,
            SettingSpec(
                Key.staticCount, .number, "TPU nodes that always run (never suspended).", default: .int(0),
                constraints: [.integer, .range(min: 0, max: 10000)]),
            SettingSpec(
                Key.dynamicMax, .number, "TPU nodes Slurm creates on demand and deletes when idle.",
                default: .int(0), constraints: [.integer, .range(min: 0, max: 10000)]),
            SettingSpec(
                Key.nodeType, .string,
                "The single-host TPU accelerator type of every node: " + TPUHosts.known.joined(separator: ", ") + ".",
                required: true),
            SettingSpec(
                Key.tfVersion, .string, "TensorFlow version of the TPU runtime (`tpu-vm-tf-<version>`).",
                default: .string("2.14.0"),
                constraints: [.pattern("[0-9]+(\\.[0-9]+)*", description: "a version such as `2.14.0`")]),
            SettingSpec(
                InstanceKey.preemptible, .bool, "Create the TPU VMs preemptible (Cloud TPU may stop them at any time).",
                default: .bool(false)),
            SettingSpec(
                Key.preserve, .bool, "Stop a powered-down node's TPU VM instead of deleting it.", default: .bool(false)
            ),
            SettingSpec(Key.reserved, .bool, "Take the TPUs from the project's reservation.", default: .bool(false)),
            SettingSpec(Key.publicIPs, .bool, "Give the TPU VMs external addresses.", default: .bool(false)),
            SettingSpec(
                InstanceKey.serviceAccountEmail, .string,
                "Service account of the TPU VMs; null means the project's default compute service account.",
                default: nil),
            SettingSpec(
                InstanceKey.serviceAccountScopes, .list(.string), "Access scopes of the service account.",
                default: .list([.string(CommonSettings.cloudPlatformScope)])),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                "Filesystems mounted on this nodeset's nodes only.", default: .list([])),
        ]
            + CommonSettings.unsupported([
                (
                    "accelerator_config", .map(.string),
                    .map(["topology": .string(""), "version": .string("")]),
                    "TPU slices given by topology (multi-host slices); set node_type"
                ),
                ("data_disks", .list(.string), .list([]), "data disks on TPU VMs"),
                (
                    "docker_image", .string, nil,
                    "running slurmd in a container; hpcc's boot script runs slurmd on the TPU VM itself"
                ),
            ])
            + CommonSettings.deprecated([
                ("service_account", "use service_account_email and service_account_scopes"),
                ("disable_public_ips", "use enable_public_ips"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: true,
        unusedHelp: "add it to the 'use' list of a partition"
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case nodesetTPU = "nodeset_tpu"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .nodesetTPU: (.map(.any), "The TPU nodeset, for a partition's `nodeset_tpu` input.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Nodeset? {
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let rawName = settings.read(Key.name, diagnostics: &diagnostics),
            let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let zone = settings.read(CommonKey.zone, diagnostics: &diagnostics),
            let subnetwork = settings.subnetworkAttachment(CommonKey.subnetwork, diagnostics: &diagnostics),
            let staticCount = settings.read(Key.staticCount, diagnostics: &diagnostics),
            let dynamicMax = settings.read(Key.dynamicMax, diagnostics: &diagnostics),
            let nodeType = settings.read(Key.nodeType, diagnostics: &diagnostics)
        else { return nil }
        let name = SlurmNodesetModule.sanitizedName(rawName)
        guard !name.isEmpty else {
            diagnostics.report(
                .invalidName, "nodeset name '\(rawName)' keeps no lowercase letter or digit",
                at: settings.location(Key.name), help: "set 'name' to lowercase letters and digits")
            return nil
        }
        guard let shape = TPUHosts.shape(of: nodeType), let host = TPUHosts.host(of: nodeType) else {
            diagnostics.report(
                .constraintViolation,
                "TPU type '\(nodeType)' of nodeset '\(name)' is not a single-host TPU type hpcc knows",
                at: settings.location(Key.nodeType),
                help: "use one of " + TPUHosts.known.joined(separator: ", ") + "; each node is one TPU VM")
            return nil
        }
        if staticCount + dynamicMax == 0 {
            diagnostics.report(
                .constraintViolation,
                "nodeset '\(name)' has no nodes: node_count_static and node_count_dynamic_max are both 0",
                at: settings.location(Key.dynamicMax))
        }
        if staticCount > 0 {
            diagnostics.report(
                .settingNotSupported, "static TPU nodes are not supported by hpcc yet",
                at: settings.location(Key.staticCount), help: "set node_count_dynamic_max instead")
        }
        if !Pattern.matches(zone, CommonSettings.zonePattern) {
            diagnostics.report(
                .constraintViolation, "'\(zone)' of nodeset '\(name)' is not a zone name such as `us-central1-a`",
                at: settings.location(CommonKey.zone))
        }
        let slice = TPUSlice(
            acceleratorType: nodeType,
            runtimeVersion: "tpu-vm-tf-" + settings.read(defaulted: Key.tfVersion, diagnostics: &diagnostics),
            preemptible: settings.read(defaulted: InstanceKey.preemptible, diagnostics: &diagnostics),
            reserved: settings.read(defaulted: Key.reserved, diagnostics: &diagnostics),
            preserve: settings.read(defaulted: Key.preserve, diagnostics: &diagnostics),
            publicIP: settings.read(defaulted: Key.publicIPs, diagnostics: &diagnostics))
        let instance = hostInstance(
            settings, origin: origin, project: project, slice: slice, host: host, subnetwork: subnetwork,
            diagnostics: &diagnostics)
        return Nodeset(
            origin: origin, name: name, staticCount: staticCount, dynamicMax: dynamicMax, instance: instance,
            shape: shape, zones: [zone], reservation: nil, placement: false, extraConfiguration: [:],
            startupScript: TerraformText(""),
            mounts: settings.mounts(CommonKey.networkStorage, diagnostics: &diagnostics), kind: .tpu(slice))
    }

    /// The TPU VM as the cluster's shared code sees a node's instance: its project, network,
    /// service account and the host's size. It is never emitted as a Compute Engine instance.
    static func hostInstance(
        _ settings: SettingReader, origin: Origin, project: String, slice: TPUSlice,
        host: (vCPUs: Int, memoryGB: Int), subnetwork: SubnetworkAttachment, diagnostics: inout Diagnostics
    ) -> InstanceProperties {
        let machine = MachineType(
            name: "tpu-\(slice.acceleratorType)", vCPUs: host.vCPUs, memoryMiB: host.memoryGB * 1_000_000_000 >> 20,
            gpu: nil, localSSDGiB: nil)
        return InstanceProperties(
            project: project, machine: machine, image: BootImage(project: "cloud-tpu", name: slice.runtimeVersion),
            bootDisk: Disk(
                name: nil, deviceName: nil, type: "pd-balanced", sizeGB: nil, autoDelete: true, boot: true,
                labels: origin.labels),
            additionalDisks: [], subnetwork: subnetwork, accessConfigs: [], nicType: nil, tier1Egress: false,
            canIPForward: false, osLogin: true, confidential: false, shielded: nil, attachedGPU: nil, metadata: [:],
            minCPUPlatform: nil,
            scheduling: Scheduling(
                preemptible: slice.preemptible, spot: false, spotTerminationAction: nil, onHostMaintenance: .terminate),
            serviceAccount: ServiceAccount(
                email: settings.text(InstanceKey.serviceAccountEmail),
                scopes: settings.read(defaulted: InstanceKey.serviceAccountScopes, diagnostics: &diagnostics)),
            tags: [], labels: origin.labels, threadsPerCore: nil, visibleCoreCount: nil, nestedVirtualization: nil,
            turboMode: nil, automaticUpdates: true)
    }

    static func knownValue(of output: Output, entity: Nodeset) -> Value? {
        switch output {
        case .nodesetTPU: SlurmNodesetModule.description(entity)
        }
    }

    static func emit(_ entity: Nodeset, module: ModuleID, into roots: inout TerraformRoots) {
        // Emitted with its cluster by the controller that claims it (`SlurmControllerModule`).
    }

    static func value(of output: Output, entity: Nodeset, module: ModuleID, path: [Accessor]) -> OutputValue {
        .known
    }
}
