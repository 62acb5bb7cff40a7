/// The `additional_networks` setting of a nodeset (and of any instance module) → `NetworkInterface`s.
/// Entries are written as maps, or come whole from a network module's list output
/// (`instance_additional_networks`, `subnetwork_interfaces`, `additional_networks`), also spliced
/// into a list by `concat()`; such an output must be known at compile time, since every entry
/// becomes one `network_interface` block. Its network and subnetwork stay references to the
/// output, so Terraform creates the network before the instances that attach to it.
enum AdditionalNetworks {
    /// The fields of one entry, as Cluster Toolkit's modules type them.
    static let entryType = SettingType.object([
        .optional("network", .string), .required("subnetwork", .string), .optional("subnetwork_project", .string),
        .optional("network_ip", .string), .optional("nic_type", .string), .optional("stack_type", .string),
        .optional("queue_count", .number),
        .optional(
            "access_config",
            .list(
                .object([
                    .optional("nat_ip", .string), .optional("network_tier", .string),
                    .optional("public_ptr_domain_name", .string),
                ]))),
        .optional(
            "ipv6_access_config",
            .list(.object([.optional("network_tier", .string), .optional("public_ptr_domain_name", .string)]))),
        .optional(
            "alias_ip_range",
            .list(.object([.required("ip_cidr_range", .string), .optional("subnetwork_range_name", .string)]))),
    ])

    /// The keys an entry may have.
    static let fields = [
        "network", "subnetwork", "subnetwork_project", "network_ip", "nic_type", "stack_type", "queue_count",
        "access_config", "ipv6_access_config", "alias_ip_range",
    ]

    /// The fields that name a network or subnetwork: references when they come from a module output.
    static let resourceFields: Set<String> = ["network", "subnetwork"]

    /// The interfaces `key` asks for, in order; entries with mistakes are reported and left out.
    static func interfaces(
        _ settings: SettingReader, key: SettingKey<Value>, diagnostics: inout Diagnostics
    ) -> [NetworkInterface] {
        let value = settings.value(key)
        if settings.readsUnlowered(value) { return [] }
        var entries: [Entry] = []
        switch value {
        case .null: return []
        case .output:
            entries = spliced(value, settings: settings, key: key, diagnostics: &diagnostics)
        case let .list(elements):
            for (index, element) in elements.enumerated() {
                if case let .map(fields) = element {
                    entries.append(Entry(fields: fields, source: nil, path: [.index(index)]))
                } else {
                    entries += spliced(element, settings: settings, key: key, diagnostics: &diagnostics)
                }
            }
        default:
            diagnostics.report(
                .typeMismatch, "'\(key.name)' must be a list of network interfaces", at: settings.location(key))
        }
        return entries.compactMap { interface($0, settings: settings, key: key, diagnostics: &diagnostics) }
    }

    /// One entry and where it came from: written in the setting, or element of a module output.
    struct Entry {
        /// The entry's fields.
        let fields: [String: Value]
        /// The output it is an element of, with the element's path; nil for a written entry.
        let source: OutputReference?
        /// The entry's path within the setting (written) or the output (from a module).
        let path: [Accessor]
    }

    /// The entries of a module output: a list of interfaces, or one interface (`output[0]`).
    private static func spliced(
        _ value: Value, settings: SettingReader, key: SettingKey<Value>, diagnostics: inout Diagnostics
    ) -> [Entry] {
        guard case let .output(reference) = value,
            let known = settings.context.known(reference)
        else {
            diagnostics.report(
                .notKnownAtCompileTime,
                "each entry of '\(key.name)' must be an interface or a network module's list of interfaces",
                at: settings.location(key),
                help: "hpcc writes one network_interface block per entry, so it must know how many there are")
            return []
        }
        if let fields = known.map { return [Entry(fields: fields, source: reference, path: reference.path)] }
        return (known.list ?? []).enumerated().compactMap { index, element in
            element.map.map { Entry(fields: $0, source: reference, path: reference.path + [.index(index)]) }
        }
    }

    /// The interface of one entry; nil (reported) when it is not one.
    private static func interface(
        _ entry: Entry, settings: SettingReader, key: SettingKey<Value>, diagnostics: inout Diagnostics
    ) -> NetworkInterface? {
        let at = entry.source == nil ? settings.location(key, entry.path) : settings.location(key)
        let fields = entry.fields.filter { !$0.value.isNull }
        for name in fields.keys.sorted() where !Self.fields.contains(name) {
            diagnostics.report(
                .unknownAttribute, "unknown key '\(name)' in an entry of '\(key.name)'", at: at,
                help: Suggestion.help(for: name, in: Self.fields))
        }
        func text(_ name: String) -> TerraformText? {
            guard let value = fields[name] else { return nil }
            // Members a blueprint's merge() wrote over the output's are its own, not the output's.
            if let source = entry.source, resourceFields.contains(name), source.merged[name] == nil {
                let reference = ModuleReference(
                    module: source.module, output: source.output, path: entry.path + [.key(name)], known: value)
                return TerraformText(parts: [.reference(reference)])
            }
            let text = settings.text(from: value)
            return text.known == "" ? nil : text
        }
        func literal(_ name: String, allowed: [String]) -> String? {
            guard let value = fields[name] else { return nil }
            guard let text = value.string, allowed.isEmpty || allowed.contains(text) else {
                diagnostics.report(
                    .constraintViolation,
                    "'\(name)' of an entry of '\(key.name)' is \(ValueText.hcl(value))"
                        + (allowed.isEmpty
                            ? ", not a string known at compile time"
                            : ", not one of "
                                + allowed.joined(separator: ", ")),
                    at: at)
                return nil
            }
            return text.isEmpty ? nil : text
        }
        guard let subnetwork = text("subnetwork") else {
            diagnostics.report(.missingSetting, "an entry of '\(key.name)' names no subnetwork", at: at)
            return nil
        }
        for name in ["access_config", "ipv6_access_config"] {
            let configs = fields[name]?.list ?? []
            if configs.contains(where: { !($0.map?["public_ptr_domain_name"]?.isNull ?? true) }) {
                diagnostics.report(
                    .settingNotSupported,
                    "'public_ptr_domain_name' in '\(name)' of an entry of '\(key.name)' asks for a reverse DNS "
                        + "name, which hpcc does not support yet",
                    at: at, help: "set it to null or leave it out")
            }
        }
        var queueCount: Int?
        if let queues = fields["queue_count"] {
            queueCount = queues.int
            if queueCount == nil || queueCount! < 1 {
                diagnostics.report(
                    .constraintViolation, "'queue_count' of an entry of '\(key.name)' must be a positive number",
                    at: at)
            }
        }
        return NetworkInterface(
            network: text("network"), subnetwork: subnetwork, subnetworkProject: text("subnetwork_project"),
            networkIP: literal("network_ip", allowed: []), nicType: literal("nic_type", allowed: InterfaceNICType.all),
            stackType: literal("stack_type", allowed: InterfaceStackType.all), queueCount: queueCount,
            accessConfigs: (fields["access_config"]?.list ?? []).map {
                AccessConfig(natIP: $0.map?["nat_ip"]?.string, networkTier: $0.map?["network_tier"]?.string)
            },
            ipv6AccessTiers: (fields["ipv6_access_config"]?.list ?? []).map {
                $0.map?["network_tier"]?.string ?? "PREMIUM"
            },
            aliasRanges: (fields["alias_ip_range"]?.list ?? []).compactMap { range in
                range.map?["ip_cidr_range"]?.string.map {
                    AliasIPRange(cidr: $0, subnetworkRangeName: range.map?["subnetwork_range_name"]?.string)
                }
            })
    }
}
