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
