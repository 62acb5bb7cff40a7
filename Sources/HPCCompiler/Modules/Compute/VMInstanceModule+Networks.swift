/// vm-instance's `network_interfaces`: when the blueprint lists the interfaces, they are all of
/// them, the first being nic0, and the settings that shape the one default interface
/// (`subnetwork_self_link`, `network_self_link`, `disable_public_ips`, a gVNIC `bandwidth_tier`)
/// must stay unset, as Cluster Toolkit's module requires or ignores them.
extension VMInstanceModule {
    /// The listed interfaces, nic0 first; nil when the blueprint lists none (the default interface
    /// on `subnetwork_self_link` applies), and an empty list when the entries had mistakes (reported).
    static func listedInterfaces(
        _ settings: SettingReader, count: Int, diagnostics: inout Diagnostics
    ) -> [NetworkInterface]? {
        // A written value Resolve rejected (reported) stands in as the default: no interfaces to
        // attach, and no missing subnetwork to report on top.
        if settings.module.standIns[Key.networkInterfaces.name] != nil { return [] }
        let value = settings.value(Key.networkInterfaces)
        if value.isNull || value.list?.isEmpty == true { return nil }
        let interfaces = AdditionalNetworks.interfaces(settings, key: Key.networkInterfaces, diagnostics: &diagnostics)
        let conflicting = [CommonKey.subnetwork, Key.network].filter { !settings.value($0).isNull }
        if !conflicting.isEmpty {
            let names = conflicting.map(\.name).joined(separator: " and ")
            let written = conflicting.first(where: settings.isExplicit)
            diagnostics.report(
                .constraintViolation, "vm-instance '\(settings.id)' sets both network_interfaces and \(names)",
                at: written.map(settings.location) ?? settings.location(Key.networkInterfaces),
                help: "network_interfaces lists every interface, the first being nic0; remove \(names) (or the "
                    + "network module in 'use' that sets \(conflicting.count > 1 ? "them" : "it"))")
        }
        if settings.isChosen(Key.disablePublicIPs) {
            diagnostics.report(
                .settingNotSupported,
                "disable_public_ips does nothing when network_interfaces lists the interfaces",
                at: settings.location(Key.disablePublicIPs),
                help: "give an interface an access_config for an external address, or none for internal only")
        }
        if settings.read(defaulted: Key.bandwidthTier, diagnostics: &diagnostics) == "gvnic_enabled" {
            diagnostics.report(
                .settingNotSupported,
                "bandwidth_tier: gvnic_enabled does not reach the interfaces network_interfaces lists",
                at: settings.location(Key.bandwidthTier), help: "set nic_type: GVNIC on the interfaces instead")
        }
        if count > 1, interfaces.contains(where: { $0.networkIP != nil }) {
            diagnostics.report(
                .constraintViolation,
                "an interface of vm-instance '\(settings.id)' has a fixed network_ip, but it makes \(count) "
                    + "instances, which cannot share one address",
                at: settings.location(Key.networkInterfaces),
                help: "set network_ip to null, or make one vm-instance module per address")
        }
        return interfaces
    }
}
