/// The firewall rules of a vpc module: the user's first, then SSH from allowed ranges, internal
/// traffic, and Identity-Aware Proxy.
enum VPCFirewall {
    static func rules(_ settings: SettingReader, network: String, range: String, diagnostics: inout Diagnostics) -> [FirewallRule] {
        let logging = settings.string("firewall_log_config", diagnostics: &diagnostics) ?? "DISABLE_LOGGING"
        let logMetadata = logging == "DISABLE_LOGGING" ? nil : logging
        var rules = userRules(settings, diagnostics: &diagnostics)
        func rule(_ suffix: String, _ description: String, ranges: [String], allow: [FirewallPermission]) -> FirewallRule {
            FirewallRule(name: "\(network)-fw-\(suffix)", description: description, direction: "INGRESS", priority: nil, ranges: ranges,
                         sourceTags: [], targetTags: [], sourceServiceAccounts: [], targetServiceAccounts: [], allow: allow, deny: [],
                         logMetadata: logMetadata)
        }
        let sshRanges = settings.strings("allowed_ssh_ip_ranges", diagnostics: &diagnostics)
        for text in sshRanges {
            guard let range = CIDR(text) else {
                diagnostics.report(.invalidNetworkRange, "allowed SSH range '\(text)' is not an IPv4 CIDR block", at: settings.location("allowed_ssh_ip_ranges"))
                continue
            }
            SSHExposure.check(range, what: "allowed_ssh_ip_ranges", at: settings.location("allowed_ssh_ip_ranges"), diagnostics: &diagnostics)
        }
        if !sshRanges.isEmpty {
            rules.append(rule("allow-ssh-ingress", "allow SSH from the listed ranges", ranges: sshRanges,
                              allow: [FirewallPermission(protocolName: "tcp", ports: ["22"])]))
        }
        if settings.bool("enable_internal_traffic", diagnostics: &diagnostics) ?? true {
            rules.append(rule("allow-internal-traffic", "allow traffic between nodes of this VPC", ranges: [range], allow: [
                FirewallPermission(protocolName: "tcp", ports: ["0-65535"]),
                FirewallPermission(protocolName: "udp", ports: ["0-65535"]),
                FirewallPermission(protocolName: "icmp", ports: []),
            ]))
        }
        var ports: [String] = []
        if settings.bool("enable_iap_rdp_ingress", diagnostics: &diagnostics) == true { ports.append("3389") }
        if settings.bool("enable_iap_ssh_ingress", diagnostics: &diagnostics) ?? true { ports.append("22") }
        if settings.bool("enable_iap_winrm_ingress", diagnostics: &diagnostics) == true { ports.append("5986") }
        for port in settings.strings("extra_iap_ports", diagnostics: &diagnostics) where !ports.contains(port) { ports.append(port) }
        if settings.bool("enable_iap", diagnostics: &diagnostics) ?? true, !ports.isEmpty {
            rules.append(rule("allow-iap-ingress", "allow TCP access via Identity-Aware Proxy", ranges: [VPCLowering.iapRange],
                              allow: [FirewallPermission(protocolName: "tcp", ports: ports)]))
        }
        return rules
    }

    private static func userRules(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [FirewallRule] {
        let entries = settings.literal("firewall_rules", diagnostics: &diagnostics)?.list ?? []
        return entries.compactMap { entry -> FirewallRule? in
            guard let fields = entry.map, let name = fields["name"]?.string else { return nil }
            func strings(_ key: String) -> [String] { fields[key]?.list?.compactMap(\.string) ?? [] }
            func permissions(_ key: String) -> [FirewallPermission] {
                (fields[key]?.list ?? []).compactMap { item in
                    guard let proto = item.map?["protocol"]?.string else { return nil }
                    return FirewallPermission(protocolName: proto, ports: item.map?["ports"]?.list?.compactMap(\.string) ?? [])
                }
            }
            let direction = fields["direction"]?.string ?? "INGRESS"
            if direction != "INGRESS" && direction != "EGRESS" {
                diagnostics.report(.constraintViolation, "firewall rule '\(name)' has direction '\(direction)'; use INGRESS or EGRESS", at: settings.location("firewall_rules"))
            }
            let rule = FirewallRule(
                name: name, description: fields["description"]?.string, direction: direction, priority: fields["priority"]?.int,
                ranges: strings("ranges"), sourceTags: strings("source_tags"), targetTags: strings("target_tags"),
                sourceServiceAccounts: strings("source_service_accounts"), targetServiceAccounts: strings("target_service_accounts"),
                allow: permissions("allow"), deny: permissions("deny"), logMetadata: fields["log_config"]?.map?["metadata"]?.string
            )
            if rule.direction == "INGRESS", rule.allow.contains(where: \.admitsSSH) {
                for range in rule.ranges.compactMap(CIDR.init) {
                    SSHExposure.check(range, what: "firewall rule '\(name)'", at: settings.location("firewall_rules"), diagnostics: &diagnostics)
                }
            }
            if rule.allow.isEmpty == rule.deny.isEmpty {
                diagnostics.report(.constraintViolation, "firewall rule '\(name)' needs either 'allow' or 'deny' entries", at: settings.location("firewall_rules"))
            }
            return rule
        }
    }
}
