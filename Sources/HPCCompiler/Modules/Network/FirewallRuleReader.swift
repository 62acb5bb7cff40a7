/// Reads one firewall rule a blueprint writes (an entry of a vpc module's `firewall_rules`, or of
/// a firewall-rules module's `ingress_rules` / `egress_rules`) and checks it as Compute Engine
/// would, each finding at the field it is about.
struct FirewallRuleReader {
    let settings: SettingReader
    /// The list setting the rule is an entry of.
    let key: SettingKey<Value>
    /// Its index there.
    let index: Int

    /// What a rule name or a network tag looks like.
    static let namePattern = NameRules.computeEngineName
    /// Protocols Compute Engine takes by name (any IP protocol number 0-255 is taken too).
    static let protocols: Set<String> = ["tcp", "udp", "icmp", "esp", "ah", "sctp", "ipip", "all"]
    /// Protocols whose rules may list ports.
    static let portProtocols: Set<String> = ["tcp", "udp", "sctp", "6", "17", "132"]
    /// Logging metadata values.
    static let logMetadata = ["INCLUDE_ALL_METADATA", "EXCLUDE_ALL_METADATA"]

    /// Where `field` of the entry (or the entry itself) was written.
    func location(_ path: Accessor...) -> SourceLocation {
        settings.location(key, [.index(index)] + path)
    }

    /// The rule of `entry`, going `direction`, with its address ranges in the fields named;
    /// nil when it has no name to build a rule with (reported).
    func rule(
        _ entry: Value, direction: FirewallDirection, sourceRanges: String?, destinationRanges: String?,
        diagnostics: inout Diagnostics
    ) -> FirewallRule? {
        guard let fields = entry.map else { return nil }
        guard let name = fields["name"]?.string else {
            diagnostics.report(
                .notKnownAtCompileTime, "the name of a firewall rule must be known at compile time",
                at: location(.key("name")))
            return nil
        }
        if !Pattern.matches(name, Self.namePattern) {
            diagnostics.report(
                .invalidName, "firewall rule name '\(name)' is not a Compute Engine name", at: location(.key("name")),
                help: "a lowercase letter, then up to 62 lowercase letters, digits or '-', not ending in '-'")
        }
        var rule = FirewallRule(
            name: name, description: fields["description"]?.string, direction: direction, priority: nil)
        if let priority = fields["priority"], !priority.isNull {
            if let number = priority.int, (0...65535).contains(number) {
                rule.priority = number
            } else {
                diagnostics.report(
                    .constraintViolation, "priority of firewall rule '\(name)' must be a whole number from 0 to 65535",
                    at: location(.key("priority")))
            }
        }
        rule.disabled = fields["disabled"]?.bool ?? false
        rule.sourceRanges = sourceRanges.map { ranges($0, fields, diagnostics: &diagnostics) } ?? []
        rule.destinationRanges = destinationRanges.map { ranges($0, fields, diagnostics: &diagnostics) } ?? []
        rule.sourceTags = tags("source_tags", fields, diagnostics: &diagnostics)
        rule.targetTags = tags("target_tags", fields, diagnostics: &diagnostics)
        rule.sourceServiceAccounts = accounts("source_service_accounts", fields, diagnostics: &diagnostics)
        rule.targetServiceAccounts = accounts("target_service_accounts", fields, diagnostics: &diagnostics)
        rule.allow = permissions("allow", fields, diagnostics: &diagnostics)
        rule.deny = permissions("deny", fields, diagnostics: &diagnostics)
        if let metadata = fields["log_config"]?.map?["metadata"]?.string {
            if Self.logMetadata.contains(metadata) {
                rule.logMetadata = metadata
            } else {
                diagnostics.report(
                    .constraintViolation, "log_config.metadata of firewall rule '\(name)' is '\(metadata)'",
                    at: location(.key("log_config"), .key("metadata")),
                    help: "use " + Self.logMetadata.joined(separator: " or "))
            }
        }
        check(rule, diagnostics: &diagnostics)
        return rule
    }

    /// What Compute Engine refuses of a rule as a whole, and SSH opened to the internet (a warning).
    private func check(_ rule: FirewallRule, diagnostics: inout Diagnostics) {
        let at = location(.key("name"))
        if rule.allow.isEmpty == rule.deny.isEmpty {
            diagnostics.report(
                .constraintViolation,
                """
                firewall rule '\(rule.name)' needs either 'allow' or 'deny' entries, not \
                \(rule.allow.isEmpty ? "neither" : "both")
                """,
                at: at)
        }
        let tagged = !rule.sourceTags.isEmpty || !rule.targetTags.isEmpty
        if tagged, !rule.sourceServiceAccounts.isEmpty || !rule.targetServiceAccounts.isEmpty {
            diagnostics.report(
                .constraintViolation, "firewall rule '\(rule.name)' mixes network tags and service accounts", at: at,
                help: "select sources and targets either by tags or by service accounts")
        }
        switch rule.direction {
        case .ingress:
            if rule.sourceRanges.isEmpty, rule.sourceTags.isEmpty, rule.sourceServiceAccounts.isEmpty {
                diagnostics.report(
                    .constraintViolation, "ingress rule '\(rule.name)' names no source", at: at,
                    help: "give source ranges, source tags or source service accounts")
            }
            if rule.allow.contains(where: \.admitsSSH) {
                for range in rule.sourceRanges.compactMap({ $0.known.flatMap(CIDR.init) }) {
                    SSHExposure.check(range, what: "firewall rule '\(rule.name)'", at: at, diagnostics: &diagnostics)
                }
            }
        case .egress:
            if !rule.sourceTags.isEmpty {
                diagnostics.report(
                    .constraintViolation, "egress rule '\(rule.name)' cannot select sources by tag",
                    at: location(.key("source_tags")),
                    help: "use target_tags to choose the instances whose traffic leaves")
            }
        }
    }

    private func ranges(_ field: String, _ fields: [String: Value], diagnostics: inout Diagnostics) -> [TerraformText] {
        (fields[field]?.list ?? []).enumerated().map { offset, element in
            let text = settings.text(from: element)
            if let range = text.known, !Self.isRange(range) {
                diagnostics.report(
                    .invalidNetworkRange, "'\(range)' is not an IPv4 or IPv6 address range",
                    at: location(.key(field), .index(offset)))
            }
            return text
        }
    }

    private func tags(_ field: String, _ fields: [String: Value], diagnostics: inout Diagnostics) -> [String] {
        (fields[field]?.list ?? []).enumerated().compactMap { offset, element in
            guard let tag = element.string else {
                diagnostics.report(
                    .notKnownAtCompileTime, "network tags of a firewall rule must be known at compile time",
                    at: location(.key(field), .index(offset)))
                return nil
            }
            if !Pattern.matches(tag, Self.namePattern) {
                diagnostics.report(
                    .invalidName, "'\(tag)' is not a network tag", at: location(.key(field), .index(offset)),
                    help: "a lowercase letter, then up to 62 lowercase letters, digits or '-'")
            }
            return tag
        }
    }

    private func accounts(_ field: String, _ fields: [String: Value], diagnostics: inout Diagnostics) -> [TerraformText]
    {
        let elements = fields[field]?.list ?? []
        if elements.count > 10 {
            diagnostics.report(
                .constraintViolation,
                """
                a firewall rule takes at most 10 \(field.replacingOccurrences(of: "_", with: " ")), not \
                \(elements.count)
                """,
                at: location(.key(field)))
        }
        return elements.map(settings.text(from:))
    }

    private func permissions(
        _ field: String, _ fields: [String: Value], diagnostics: inout Diagnostics
    ) -> [FirewallPermission] {
        (fields[field]?.list ?? []).enumerated().compactMap { offset, item in
            guard let entry = item.map, let name = entry["protocol"].flatMap(Conformance.scalarText) else { return nil }
            let lowered = name.lowercased()
            if !Self.protocols.contains(lowered), !(Int(name).map { (0...255).contains($0) } ?? false) {
                diagnostics.report(
                    .constraintViolation, "'\(name)' is not a protocol a firewall rule takes",
                    at: location(.key(field), .index(offset), .key("protocol")),
                    help: "use tcp, udp, icmp, esp, ah, sctp, ipip, all, or an IP protocol number")
            }
            let ports = (entry["ports"]?.list ?? []).compactMap(Conformance.scalarText)
            if !ports.isEmpty, !Self.portProtocols.contains(lowered) {
                diagnostics.report(
                    .constraintViolation, "protocol '\(name)' has no ports; only tcp, udp and sctp rules list them",
                    at: location(.key(field), .index(offset), .key("ports")))
            }
            for port in ports where !Self.isPortRange(port) {
                diagnostics.report(
                    .constraintViolation, "'\(port)' is not a port or port range (such as 22 or 6817-6819)",
                    at: location(.key(field), .index(offset), .key("ports")))
            }
            return FirewallPermission(protocolName: name, ports: ports)
        }
    }

    /// `N` or `N-M` within 0-65535, N ≤ M.
    static func isPortRange(_ text: String) -> Bool {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...2).contains(bounds.count), bounds.allSatisfy({ $0.map { (0...65535).contains($0) } ?? false }) else {
            return false
        }
        return bounds.count == 1 || bounds[0]! <= bounds[1]!
    }

    /// An IPv4 or IPv6 address, with or without a prefix length.
    static func isRange(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count) else { return false }
        let address = parts[0]
        if address.contains(":") {
            let prefixOK = parts.count == 1 || Int(parts[1]).map { (0...128).contains($0) } ?? false
            return prefixOK && address.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." } && address.count >= 2
        }
        let octets = address.split(separator: ".", omittingEmptySubsequences: false)
        let prefixOK = parts.count == 1 || Int(parts[1]).map { (0...32).contains($0) } ?? false
        return prefixOK && octets.count == 4
            && octets.allSatisfy { octet in Int(octet).map { (0...255).contains($0) && String($0) == octet } ?? false }
    }
}
