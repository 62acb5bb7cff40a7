/// `community/modules/remote-desktop/chrome-remote-desktop`: vm-instance's instances (GPU
/// workstations by default) with hpcc's remote desktop setup after the blueprint's startup script.
/// The lowering is in `ChromeRemoteDesktopModule+Lowering.swift`.
enum ChromeRemoteDesktopModule: BuiltInModule {
    /// The module's own settings; the rest are vm-instance's, read by its lowering.
    enum Key {
        static let installDriver = SettingKey<Bool>("install_nvidia_driver")
        static let publicIPs = SettingKey<Bool>("enable_public_ips")
        static let spot = SettingKey<Bool>("spot")
        static let serviceAccount = SettingKey<Value>("service_account")
    }

    /// vm-instance's settings this module has too, with Cluster Toolkit's defaults for a desktop
    /// where they differ (a Debian image, an N1 machine with a T4 virtual workstation GPU).
    static let instanceSettings: [SettingSpec] = {
        let overrides: [String: Value] = [
            InstanceKey.image.name: .map(["project": .string("debian-cloud"), "name": .string(debianImage)]),
            InstanceKey.machineType.name: .string("n1-standard-8"),
            InstanceKey.diskType.name: .string(BootDiskType.balanced.rawValue),
            InstanceKey.guestAccelerator.name: .list([
                .map(["type": .string("nvidia-tesla-t4-vws"), "count": .int(1)])
            ]),
            VMInstanceModule.Key.threadsPerCore.name: .int(2),
            InstanceKey.onHostMaintenance.name: .string(OnHostMaintenance.terminate.rawValue),
        ]
        let names = [
            "instance_count", "name_prefix", "add_deployment_name_before_prefix", "instance_image", "disk_size_gb",
            "disk_type", "auto_delete_boot_disk", "machine_type", "metadata", "guest_accelerator", "threads_per_core",
            "on_host_maintenance", "bandwidth_tier", "tags", "enable_oslogin", "network_storage", "startup_script",
            "network_self_link", "network_interfaces",
        ]
        return names.compactMap { name in
            guard var spec = VMInstanceModule.schema.setting(name) else { return nil }
            if let value = overrides[name] { spec.defaultValue = value }
            return spec
        }
    }()

    /// The image Cluster Toolkit pins, for the GRID driver it installs.
    static let debianImage = "debian-12-bookworm-v20250610"

    static let schema = ModuleSchema(
        source: "community/modules/remote-desktop/chrome-remote-desktop", cloud: .gcp,
        summary: "Workstations with an Xfce desktop reached through Chrome Remote Desktop",
        description: """
            vm-instance's instances (named and booted the same way: `network_storage` mounted, then \
            `startup_script`), then hpcc's setup (`scripts/hpcc-remote-desktop.sh`) at every boot: with \
            `install_nvidia_driver` the NVIDIA GRID driver, VirtualGL and GDM (Debian 11 and 12, Ubuntu 22.04), \
            then Xfce and Chrome Remote Desktop as its session, and sleep and suspend turned off. Register an \
            instance with a Google account as the `instructions` output says.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.zone,
            CommonSettings.labels, CommonSettings.subnetwork,
            SettingSpec(
                Key.installDriver, .bool,
                "Install the NVIDIA GRID driver and VirtualGL for the GPU (needs a virtual workstation GPU).",
                required: true),
            SettingSpec(
                Key.publicIPs, .bool, "Give the instances an external address.", default: .bool(true)),
            SettingSpec(Key.spot, .bool, "Provision Spot instances.", default: .bool(false)),
            SettingSpec(
                Key.serviceAccount,
                .object([.optional("email", .string), .optional("scopes", .list(.string))]),
                "Service account of the instances (`email`, null for the project's default) and its `scopes`.",
                default: .map([
                    "email": .null, "scopes": .list([.string(CommonSettings.cloudPlatformScope)]),
                ])),
        ] + instanceSettings,
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case instanceName = "instance_name"
        case instructions

        var spec: (type: SettingType, description: String) {
            switch self {
            case .instanceName: (.string, "Name of the first instance; null without instances.")
            case .instructions: (.string, "How to register the first instance with Chrome Remote Desktop.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.instructions]

    static func knownValue(of output: Output, entity: VirtualMachineGroup) -> Value? {
        switch output {
        case .instanceName: entity.hostNames.first.map(Value.string) ?? .null
        case .instructions: .string(instructions(entity))
        }
    }

    /// vm-instance's SSH commands, then how to register the instance from there.
    static func instructions(_ group: VirtualMachineGroup) -> String {
        guard !group.hostNames.isEmpty else { return VMInstanceModule.instructions(group) }
        return VMInstanceModule.instructions(group) + """
            Once its startup finished, open https://remotedesktop.google.com/headless, choose Begin, Next and \
            Authorize, and run the command shown for Debian Linux on the instance (as the user whose desktop it \
            is); the desktop is then at https://remotedesktop.google.com/access.

            """
    }

    static func emit(_ entity: VirtualMachineGroup, module: ModuleID, into roots: inout TerraformRoots) {
        VMInstanceModule.emit(entity, module: module, into: &roots)
    }

    static func value(
        of output: Output, entity: VirtualMachineGroup, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        .known
    }
}
