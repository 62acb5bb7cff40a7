/// `schedmd-slurm-gcp-v6-nodeset` → `Nodeset` (joined to a cluster by the controller).
enum NodesetLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> Nodeset? {
        let context = settings.context
        let origin = settings.origin(diagnostics: &diagnostics)
        guard let rawName = settings.string("name", diagnostics: &diagnostics),
              let region = settings.string("region", diagnostics: &diagnostics),
              let zone = settings.string("zone", diagnostics: &diagnostics),
              let staticCount = settings.int("node_count_static", diagnostics: &diagnostics),
              let dynamicMax = settings.int("node_count_dynamic_max", diagnostics: &diagnostics),
              let instance = InstanceLowering.properties(settings, origin: origin, publicIPSetting: "enable_public_ips",
                                                         spot: settings.bool("enable_spot_vm", diagnostics: &diagnostics) ?? false,
                                                         diagnostics: &diagnostics)
        else { return nil }
        let name = sanitizedName(rawName)
        if name.isEmpty {
            diagnostics.report(.invalidName, "nodeset name '\(rawName)' keeps no lowercase letter or digit", at: settings.location("name"),
                               help: "set 'name' to lowercase letters and digits")
            return nil
        }
        if staticCount + dynamicMax == 0 {
            diagnostics.report(.constraintViolation, "nodeset '\(name)' has no nodes: node_count_static and node_count_dynamic_max are both 0",
                               at: settings.location("node_count_dynamic_max"))
        }
        var zones = [zone]
        for extra in settings.strings("zones", diagnostics: &diagnostics) where !zones.contains(extra) { zones.append(extra) }
        for candidate in zones {
            let at = settings.location(candidate == zone ? "zone" : "zones")
            if !Pattern.matches(candidate, CommonSettings.zonePattern) {
                diagnostics.report(.constraintViolation, "'\(candidate)' of nodeset '\(name)' is not a zone name such as `us-central1-a`", at: at)
            } else if !candidate.hasPrefix(region + "-") {
                diagnostics.report(.zoneNotInRegion, "zone '\(candidate)' of nodeset '\(name)' is not in region '\(region)'", at: at)
            }
        }
        var placement = settings.bool("enable_placement", diagnostics: &diagnostics) ?? true
        if placement, !instance.machine.supportsCompactPlacement {
            if settings.isChosen("enable_placement") {
                diagnostics.report(.settingNoEffect, "compact placement is not available for \(instance.machine.name); nodes are placed normally",
                                   at: settings.location("enable_placement"))
            }
            placement = false
        }
        if instance.scheduling.spot, instance.scheduling.preemptible {
            diagnostics.report(.constraintViolation, "a nodeset is either Spot (enable_spot_vm) or preemptible, not both", at: settings.location("enable_spot_vm"))
        }
        let reservation = settings.string("reservation_name", diagnostics: &diagnostics).flatMap { $0.isEmpty ? nil : $0 }
        if reservation != nil, zones.count > 1 {
            diagnostics.report(.constraintViolation, "a nodeset that consumes a reservation cannot list extra zones", at: settings.location("zones"))
        }
        let nodeset = Nodeset(
            origin: origin, name: name, staticCount: staticCount, dynamicMax: dynamicMax, instance: instance,
            shape: NodeShape.shape(instance), zones: zones, reservation: reservation, placement: placement,
            extraConfiguration: nodeConfiguration(settings, diagnostics: &diagnostics),
            startupScript: settings.text("startup_script") ?? TerraformText("# no-op"),
            mounts: settings.mounts("network_storage", diagnostics: &diagnostics)
        )
        context.knownOutputs[settings.id] = ["nodeset": description(nodeset)]
        return nodeset
    }

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
        String(String.UnicodeScalarView(raw.lowercased().unicodeScalars.filter { NameRules.isLower($0) || NameRules.isDigit($0) }).prefix(14))
    }

    /// `node_conf` as NodeName keys; lists become comma-separated values.
    private static func nodeConfiguration(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [String: String] {
        var result: [String: String] = [:]
        let entries = settings.literal("node_conf", diagnostics: &diagnostics)?.map ?? [:]
        for key in entries.keys.sorted() {
            let value = entries[key]!
            if key == "Sockets" {
                diagnostics.report(.constraintViolation, "node_conf cannot set 'Sockets'; set 'SocketsPerBoard'", at: settings.location("node_conf"))
                continue
            }
            var text: String
            if let scalar = Conformance.scalarText(value) {
                text = scalar
            } else if let list = value.list?.compactMap(Conformance.scalarText) {
                text = list.joined(separator: ",")
            } else {
                diagnostics.report(.typeMismatch, "node_conf value for '\(key)' must be a scalar or a list", at: settings.location("node_conf"))
                continue
            }
            guard SlurmText.check(key: key, value: text, setting: "node_conf", settings: settings, diagnostics: &diagnostics) else { continue }
            result[key] = text
        }
        return result
    }
}
