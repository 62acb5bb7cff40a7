import Foundation

/// `schedmd-slurm-gcp-v6-login` → `LoginGroup` (joined to a cluster by the controller).
enum LoginLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LoginGroup? {
        let context = settings.context
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let prefix = settings.string("name_prefix", diagnostics: &diagnostics),
              let zone = settings.string("zone", diagnostics: &diagnostics),
              let instance = InstanceLowering.properties(settings, origin: origin, publicIPSetting: "enable_login_public_ips", spot: false, diagnostics: &diagnostics)
        else { return nil }
        let name = groupName(prefix)
        guard !name.isEmpty else {
            diagnostics.report(.invalidName, "login group name '\(prefix)' keeps no lowercase letter, digit or '-'", at: settings.location("name_prefix"))
            return nil
        }
        let staticIPs = settings.strings("static_ips", diagnostics: &diagnostics)
        let group = LoginGroup(
            origin: origin, name: name,
            count: staticIPs.isEmpty ? (settings.int("num_instances", diagnostics: &diagnostics) ?? 1) : staticIPs.count,
            zone: zone, instance: instance, staticIPs: staticIPs,
            startupScript: settings.text("startup_script") ?? TerraformText("# no-op"), startupTimeout: 300
        )
        context.knownOutputs[settings.id] = ["login_nodes": .list([.map([
            "name_prefix": .string(group.name), "num_instances": .int(group.count), "machine_type": .string(group.instance.machine.name),
        ])])]
        return group
    }

    /// Lowercased, '_' becomes '-', other characters outside [-a-z0-9] dropped.
    static func groupName(_ raw: String) -> String {
        String(String.UnicodeScalarView(raw.lowercased().replacingOccurrences(of: "_", with: "-").unicodeScalars.filter {
            NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-"
        }))
    }
}
