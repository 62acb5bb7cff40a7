/// What the nodeset's lowering derives from its settings besides the instance.
extension SlurmNodesetModule {
    /// The `nodeset` output: what a partition, or a script, reads of the nodeset.
    static func description(_ nodeset: Nodeset) -> Value {
        .map([
            "nodeset_name": .string(nodeset.name), "node_count_static": .int(nodeset.staticCount),
            "node_count_dynamic_max": .int(nodeset.dynamicMax), "machine_type": .string(nodeset.instance.machine.name),
            "zones": .list(nodeset.zones.map(Value.string)),
        ])
    }

    /// Lowercase letters and digits only, at most 14 characters.
    static func sanitizedName(_ raw: String) -> String {
        String(
            String.UnicodeScalarView(
                raw.lowercased().unicodeScalars.filter { NameRules.isLower($0) || NameRules.isDigit($0) }
            ).prefix(14))
    }

    /// `zone`, then the other `zones` once each; reports those that are no zone of the region.
    static func checkedZones(
        _ settings: SettingReader, nodeset name: String, region: String, zone: String, diagnostics: inout Diagnostics
    ) -> [String] {
        var zones = [zone]
        for extra in settings.read(defaulted: Key.zones, diagnostics: &diagnostics) where !zones.contains(extra) {
            zones.append(extra)
        }
        for candidate in zones {
            let at = candidate == zone ? settings.location(CommonKey.zone) : settings.location(Key.zones)
            if !Pattern.matches(candidate, CommonSettings.zonePattern) {
                diagnostics.report(
                    .constraintViolation,
                    "'\(candidate)' of nodeset '\(name)' is not a zone name such as `us-central1-a`", at: at)
            } else if !candidate.hasPrefix(region + "-") {
                diagnostics.report(
                    .zoneNotInRegion, "zone '\(candidate)' of nodeset '\(name)' is not in region '\(region)'", at: at)
            }
        }
        return zones
    }

    /// `node_conf` as NodeName keys; lists become comma-separated values.
    static func nodeConfiguration(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [String: String] {
        var result: [String: String] = [:]
        let entries = settings.read(defaulted: Key.nodeConf, diagnostics: &diagnostics).map ?? [:]
        for key in entries.keys.sorted() {
            let value = entries[key]!
            if key == "Sockets" {
                diagnostics.report(
                    .constraintViolation, "node_conf cannot set 'Sockets'; set 'SocketsPerBoard'",
                    at: settings.location(Key.nodeConf))
                continue
            }
            var text: String
            if let scalar = Conformance.scalarText(value) {
                text = scalar
            } else if let list = value.list?.compactMap(Conformance.scalarText) {
                text = list.joined(separator: ",")
            } else {
                diagnostics.report(
                    .typeMismatch, "node_conf value for '\(key)' must be a scalar or a list",
                    at: settings.location(Key.nodeConf))
                continue
            }
            guard
                SlurmText.check(
                    key: key, value: text, setting: Key.nodeConf, settings: settings, diagnostics: &diagnostics)
            else { continue }
            result[key] = text
        }
        return result
    }
}
