/// The firewall rules of a vpc module: the user's first, then SSH from allowed ranges, internal
/// traffic, and Identity-Aware Proxy.
extension VPCModule {
    /// Where Identity-Aware Proxy's TCP forwarding connects from.
    static let iapRange = "35.235.240.0/20"

    /// An entry of `firewall_rules`.
    static let firewallRule = SettingType.object([
        .required("name", .string),
        .optional("description", .string),
        .optional("direction", .string, .string(FirewallDirection.ingress.rawValue)),
        .optional("priority", .number),
        .optional("ranges", .list(.string), .list([])),
        .optional("source_tags", .list(.string)),
        .optional("source_service_accounts", .list(.string)),
        .optional("target_tags", .list(.string)),
        .optional("target_service_accounts", .list(.string)),
        .optional(
            "allow", .list(.object([.required("protocol", .string), .optional("ports", .list(.string))])), .list([])),
        .optional(
            "deny", .list(.object([.required("protocol", .string), .optional("ports", .list(.string))])), .list([])),
        .optional("log_config", .object([.required("metadata", .string)])),
    ])

    /// The user's rules, then hpcc's: SSH from `allowed_ssh_ip_ranges`, internal traffic within `range`, and IAP.
    static func firewallRules(
        _ settings: SettingReader, network: String, range: String, diagnostics: inout Diagnostics
    ) -> [FirewallRule] {
        // multivpc declares neither `firewall_log_config` nor `enable_iap`: no logging, IAP by port.
        let declares = { (name: String) in settings.schema.setting(name) != nil }
        let logging =
            declares(Key.firewallLogConfig.name)
            ? settings.read(defaulted: Key.firewallLogConfig, diagnostics: &diagnostics) : "DISABLE_LOGGING"
        let logMetadata = logging == "DISABLE_LOGGING" ? nil : logging
        var rules = userRules(settings, diagnostics: &diagnostics)
        func rule(
            _ suffix: String, _ description: String, ranges: [String], allow: [FirewallPermission]
        ) -> FirewallRule {
            FirewallRule(
                name: "\(network)-fw-\(suffix)", description: description, direction: .ingress, priority: nil,
                sourceRanges: ranges.map(TerraformText.init), allow: allow, logMetadata: logMetadata)
        }
        let sshRanges = settings.read(defaulted: Key.allowedSSHRanges, diagnostics: &diagnostics)
        for text in sshRanges {
            guard let range = CIDR(text) else {
                diagnostics.report(
                    .invalidNetworkRange, "allowed SSH range '\(text)' is not an IPv4 CIDR block",
                    at: settings.location(Key.allowedSSHRanges))
                continue
            }
            SSHExposure.check(
                range, what: Key.allowedSSHRanges.name, at: settings.location(Key.allowedSSHRanges),
                diagnostics: &diagnostics)
        }
        if !sshRanges.isEmpty {
            rules.append(
                rule(
                    "allow-ssh-ingress", "allow SSH from the listed ranges", ranges: sshRanges,
                    allow: [FirewallPermission(protocolName: "tcp", ports: ["22"])]))
        }
        if settings.read(defaulted: Key.internalTraffic, diagnostics: &diagnostics) {
            rules.append(
                rule(
                    "allow-internal-traffic", "allow traffic between nodes of this VPC", ranges: [range],
                    allow: [
                        FirewallPermission(protocolName: "tcp", ports: ["0-65535"]),
                        FirewallPermission(protocolName: "udp", ports: ["0-65535"]),
                        FirewallPermission(protocolName: "icmp", ports: []),
                    ]))
        }
        var ports: [String] = []
        if settings.read(defaulted: Key.iapRDP, diagnostics: &diagnostics) { ports.append("3389") }
        if settings.read(defaulted: Key.iapSSH, diagnostics: &diagnostics) { ports.append("22") }
        if settings.read(defaulted: Key.iapWinRM, diagnostics: &diagnostics) { ports.append("5986") }
        for port in settings.read(defaulted: Key.extraIAPPorts, diagnostics: &diagnostics) where !ports.contains(port) {
            ports.append(port)
        }
        if !declares(Key.enableIAP.name) || settings.read(defaulted: Key.enableIAP, diagnostics: &diagnostics),
            !ports.isEmpty
        {
            rules.append(
                rule(
                    "allow-iap-ingress", "allow TCP access via Identity-Aware Proxy", ranges: [iapRange],
                    allow: [FirewallPermission(protocolName: "tcp", ports: ports)]))
        }
        return rules
    }

    /// The rules `firewall_rules` lists, each checked as Compute Engine would (`FirewallRuleReader`);
    /// `ranges` are sources of an ingress rule and destinations of an egress one.
    private static func userRules(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [FirewallRule] {
        let entries = settings.value(Key.firewallRules).list ?? []
        return entries.enumerated().compactMap { index, entry -> FirewallRule? in
            let reader = FirewallRuleReader(settings: settings, key: Key.firewallRules, index: index)
            let directionText = entry.map?["direction"]?.string ?? FirewallDirection.ingress.rawValue
            guard let direction = FirewallDirection(rawValue: directionText) else {
                diagnostics.report(
                    .constraintViolation, "firewall rule direction '\(directionText)' is neither INGRESS nor EGRESS",
                    at: reader.location(.key("direction")))
                return nil
            }
            return reader.rule(
                entry, direction: direction, sourceRanges: direction == .ingress ? "ranges" : nil,
                destinationRanges: direction == .egress ? "ranges" : nil, diagnostics: &diagnostics)
        }
    }
}
