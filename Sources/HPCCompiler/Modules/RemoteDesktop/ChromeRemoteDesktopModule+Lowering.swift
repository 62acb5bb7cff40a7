/// One use of chrome-remote-desktop → vm-instance's `VirtualMachineGroup`, with the remote desktop
/// setup and the settings this module spells its own way.
extension ChromeRemoteDesktopModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> VirtualMachineGroup? {
        // The email may come from a service account module; the scopes must be known.
        let account = settings.value(Key.serviceAccount).map ?? [:]
        let scopes = account["scopes"].flatMap { $0.isNull ? nil : $0 }.map { scopes in
            scopes.list?.compactMap(\.string) ?? []
        }
        if let listed = account["scopes"]?.list, scopes?.count != listed.count {
            diagnostics.report(
                .notKnownAtCompileTime,
                "service_account.scopes of module '\(settings.id)' must be known at compile time",
                at: settings.location(Key.serviceAccount, [.key("scopes")]))
        }
        let gridDriver = settings.read(Key.installDriver, diagnostics: &diagnostics) ?? false
        let choices = VMInstanceModule.Choices(
            publicIP: settings.read(defaulted: Key.publicIPs, diagnostics: &diagnostics),
            spot: settings.read(defaulted: Key.spot, diagnostics: &diagnostics),
            automaticRestart: nil,
            serviceAccount: ServiceAccount(
                email: account["email"].flatMap { $0.isNull ? nil : settings.text(from: $0) },
                scopes: scopes ?? [CommonSettings.cloudPlatformScope]),
            minCPUPlatform: nil, automaticUpdates: true, localSSDs: (0, "NVME"), persistentDisks: [:],
            placement: nil, reservation: nil,
            startupScript: settings.text(VMInstanceModule.Key.startupScript),
            setup: .remoteDesktop(gridDriver: gridDriver))
        guard let group = VMInstanceModule.lower(settings, choices: choices, diagnostics: &diagnostics) else {
            return nil
        }
        // A GPU asked for but refused is reported already; the driver finding is for none asked for.
        let asked = settings.value(InstanceKey.guestAccelerator).list?.first?.map?["count"]?.int ?? 0 > 0
        if gridDriver, group.instance.machine.gpu == nil, !asked {
            diagnostics.report(
                .acceleratorMismatch,
                "install_nvidia_driver of module '\(settings.id)' asks for the NVIDIA driver, but "
                    + "\(group.instance.machine.name) has no GPU",
                at: settings.location(Key.installDriver),
                help: "attach one with guest_accelerator, or set install_nvidia_driver: false")
        }
        return group
    }
}
