/// How a cloud-storage-bucket module names its bucket and reads its lifecycle rules.
extension CloudStorageBucketModule {
    /// `<name_prefix>-<deployment_name>-<suffix>`, each part optional, checked against Cloud Storage's
    /// rules; a diagnostic points at the part that breaks them.
    static func bucketName(
        _ settings: SettingReader, project: String, deployment: String, diagnostics: inout Diagnostics
    ) -> String? {
        var parts: [(text: String, location: SourceLocation)] = []
        if let prefix = settings.read(Key.namePrefix, diagnostics: &diagnostics), !prefix.isEmpty {
            parts.append((prefix, settings.location(Key.namePrefix)))
        }
        if settings.read(defaulted: Key.useDeploymentName, diagnostics: &diagnostics) {
            parts.append((deployment, settings.location(CommonKey.deploymentName)))
        }
        if settings.read(defaulted: Key.randomSuffix, diagnostics: &diagnostics) {
            // Random in Cluster Toolkit; here a digest, so every build names the bucket alike.
            parts.append(
                (
                    String(Digest.sha256("\(project)/\(deployment)/\(settings.id.rawValue)").prefix(8)),
                    settings.location(Key.randomSuffix)
                ))
        }
        guard !parts.isEmpty else {
            diagnostics.report(
                .constraintViolation, "module '\(settings.id)' gives its bucket no name",
                at: settings.location(Key.useDeploymentName),
                help: "set name_prefix, random_suffix or use_deployment_name_in_bucket_name")
            return nil
        }
        let name = parts.map(\.text).joined(separator: "-")
        guard let problem = BucketName.problem(name) else { return name }
        let culprit = parts.first { BucketName.problem($0.text + "-x")?.hasPrefix("'") == true } ?? parts[0]
        diagnostics.report(
            .invalidName, "bucket name '\(name)' of module '\(settings.id)' is not valid: \(problem)",
            at: culprit.location,
            help:
                """
                bucket names take 3-63 lowercase letters, digits, '-', '_' or '.', start and end with a letter or \
                digit, and never start with 'goog'
                """
        )
        return nil
    }

    /// The rules whose action and storage class agree; the others are reported and left out.
    static func lifecycleRules(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [BucketLifecycleRule] {
        // Cluster Toolkit writes these conditions as comma-separated strings; the provider takes lists.
        let listFields: Set = ["matches_storage_class", "matches_prefix", "matches_suffix"]
        return (settings.read(defaulted: Key.lifecycleRules, diagnostics: &diagnostics).list ?? []).compactMap {
            entry in
            guard let fields = entry.map?["action"]?.map, let type = fields["type"]?.string else { return nil }
            guard let action = BucketLifecycleAction(rawValue: type) else {
                diagnostics.report(
                    .constraintViolation,
                    "lifecycle action '\(type)' is not one of "
                        + BucketLifecycleAction.allCases.map(\.rawValue).joined(separator: ", "),
                    at: settings.location(Key.lifecycleRules))
                return nil
            }
            let storageClass = fields["storage_class"]?.string
            if (action == .setStorageClass) != (storageClass != nil) {
                diagnostics.report(
                    .constraintViolation,
                    "a lifecycle action gives storage_class exactly when its type is SetStorageClass",
                    at: settings.location(Key.lifecycleRules))
                return nil
            }
            var condition: [String: Value] = [:]
            for (key, value) in entry.map?["condition"]?.map ?? [:] where !value.isNull {
                condition[key] =
                    listFields.contains(key)
                    ? .list((value.string ?? "").split(separator: ",").map { .string(String($0)) }) : value
            }
            return BucketLifecycleRule(action: action, storageClass: storageClass, condition: condition)
        }
    }
}

/// How a cloud-storage-bucket module reads where its data lives and the caches in front of it.
extension CloudStorageBucketModule {
    /// The placement zones, checked as Cluster Toolkit's module checks them: only for `RAPID` and
    /// `REGIONAL` buckets, each within the region; a `RAPID` bucket needs its zone.
    static func placementZones(_ settings: SettingReader, region: String, diagnostics: inout Diagnostics) -> [String] {
        let zones = settings.read(Key.placementZones, diagnostics: &diagnostics) ?? []
        let storageClass = settings.read(defaulted: Key.storageClass, diagnostics: &diagnostics)
        if zones.isEmpty {
            if storageClass == .rapid {
                diagnostics.report(
                    .missingSetting, "a RAPID (zonal) bucket needs placement_zones naming its zone",
                    at: settings.location(Key.storageClass))
            }
            return []
        }
        if storageClass != .rapid, storageClass != .regional {
            diagnostics.report(
                .constraintViolation,
                "placement_zones needs storage_class RAPID or REGIONAL, not \(storageClass.rawValue)",
                at: settings.location(Key.placementZones))
        }
        for zone in zones where !zone.hasPrefix(region) {
            diagnostics.report(
                .constraintViolation, "placement zone '\(zone)' is not in the bucket's region '\(region)'",
                at: settings.location(Key.placementZones))
        }
        return zones
    }

    /// The Anywhere Cache, checked as Cluster Toolkit's module checks it: distinct zones of the
    /// bucket's region, a time to live of 1 to 7 days.
    static func anywhereCache(
        _ settings: SettingReader, region: String, diagnostics: inout Diagnostics
    ) -> AnywhereCache? {
        guard let fields = settings.read(Key.anywhereCache, diagnostics: &diagnostics)?.map else { return nil }
        let location = settings.location(Key.anywhereCache)
        let errors = diagnostics.errorCount
        let zones = (fields["zones"]?.list ?? []).compactMap(\.string)
        if zones.isEmpty {
            diagnostics.report(.constraintViolation, "anywhere_cache needs at least one zone", at: location)
        }
        if Set(zones).count != zones.count {
            diagnostics.report(.constraintViolation, "anywhere_cache names a zone more than once", at: location)
        }
        // A zone also names the cache's Terraform resource, so it must be a zone's plain name.
        for zone in zones where !(zone.hasPrefix(region) && Pattern.matches(zone, "[a-z]+-[a-z]+[0-9]+-[a-z]")) {
            diagnostics.report(
                .constraintViolation, "Anywhere Cache zone '\(zone)' is not a zone of the bucket's region '\(region)'",
                at: location)
        }
        let ttl = fields["ttl"]?.string ?? "86400s"
        if let seconds = Int(ttl.dropLast()), !(86_400...604_800).contains(seconds) {
            diagnostics.report(
                .constraintViolation, "anywhere_cache ttl must be 86400s to 604800s (1 to 7 days), not '\(ttl)'",
                at: location)
        }
        guard diagnostics.errorCount == errors else { return nil }
        return AnywhereCache(
            zones: zones, ttl: ttl, admissionPolicy: fields["admission_policy"]?.string ?? "admit-on-first-miss",
            createTimeout: settings.read(defaulted: Key.anywhereCacheTimeout, diagnostics: &diagnostics))
    }
}
