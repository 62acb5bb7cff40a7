/// `modules/file-system/cloud-storage-bucket` → a `SharedFilesystem` backed by a bucket, mounted with gcsfuse.
enum CloudStorageBucketLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let region = settings.string("region", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let localMount = settings.string("local_mount", diagnostics: &diagnostics),
              let name = bucketName(settings, project: project, deployment: deployment, diagnostics: &diagnostics)
        else { return nil }
        let hierarchical = settings.bool("enable_hierarchical_namespace", diagnostics: &diagnostics) ?? false
        let uniform = settings.bool("uniform_bucket_level_access", diagnostics: &diagnostics) ?? true
        let versioning = settings.bool("enable_versioning", diagnostics: &diagnostics) ?? false
        if hierarchical, !uniform {
            diagnostics.report(.constraintViolation, "a bucket with a hierarchical namespace needs uniform_bucket_level_access", at: settings.location("uniform_bucket_level_access"))
        }
        if hierarchical, versioning {
            diagnostics.report(.constraintViolation, "a bucket with a hierarchical namespace cannot keep object versions", at: settings.location("enable_versioning"))
        }
        let softDelete = settings.int("soft_delete_retention_duration", diagnostics: &diagnostics)
        if let softDelete, softDelete != 0, !(604_800...7_776_000).contains(softDelete) {
            diagnostics.report(.constraintViolation, "soft_delete_retention_duration must be 0 or 604800-7776000 seconds (7 to 90 days), not \(softDelete)",
                               at: settings.location("soft_delete_retention_duration"))
        }
        let bucket = BucketInstance(
            project: project, name: name, location: region.uppercased(),
            storageClass: settings.string("storage_class", diagnostics: &diagnostics) ?? "REGIONAL",
            forceDestroy: settings.bool("force_destroy", diagnostics: &diagnostics) ?? false,
            hierarchicalNamespace: hierarchical, uniformAccess: uniform,
            publicAccessPrevention: settings.string("public_access_prevention", diagnostics: &diagnostics),
            versioning: versioning, softDeleteSeconds: softDelete,
            lifecycleRules: lifecycleRules(settings, diagnostics: &diagnostics)
        )
        return SharedFilesystemLowering.register(
            settings, backing: .cloudStorage(bucket), server: TerraformText(""), remotePath: name, localMount: localMount, type: .gcsfuse,
            outputs: ["gcs_bucket_path": .string("gs://\(name)"), "gcs_bucket_name": .string(name)],
            into: context, diagnostics: &diagnostics
        )
    }

    /// `<name_prefix>-<deployment_name>-<suffix>`, each part optional, checked against Cloud Storage's
    /// rules; a diagnostic points at the part that breaks them.
    static func bucketName(_ settings: SettingReader, project: String, deployment: String, diagnostics: inout Diagnostics) -> String? {
        var parts: [(text: String, setting: String)] = []
        if let prefix = settings.string("name_prefix", diagnostics: &diagnostics), !prefix.isEmpty {
            parts.append((prefix, "name_prefix"))
        }
        if settings.bool("use_deployment_name_in_bucket_name", diagnostics: &diagnostics) ?? true {
            parts.append((deployment, "deployment_name"))
        }
        if settings.bool("random_suffix", diagnostics: &diagnostics) ?? false {
            // Random in Cluster Toolkit; here a digest, so every build names the bucket alike.
            parts.append((String(Digest.sha256("\(project)/\(deployment)/\(settings.id.rawValue)").prefix(8)), "random_suffix"))
        }
        guard !parts.isEmpty else {
            diagnostics.report(.constraintViolation, "module '\(settings.id)' gives its bucket no name", at: settings.location("use_deployment_name_in_bucket_name"),
                               help: "set name_prefix, random_suffix or use_deployment_name_in_bucket_name")
            return nil
        }
        let name = parts.map(\.text).joined(separator: "-")
        guard let problem = BucketName.problem(name) else { return name }
        let culprit = parts.first { BucketName.problem($0.text + "-x")?.hasPrefix("'") == true } ?? parts[0]
        diagnostics.report(.invalidName, "bucket name '\(name)' of module '\(settings.id)' is not valid: \(problem)", at: settings.location(culprit.setting),
                           help: "bucket names take 3-63 lowercase letters, digits, '-', '_' or '.', start and end with a letter or digit, and never start with 'goog'")
        return nil
    }

    private static func lifecycleRules(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [BucketLifecycleRule] {
        let listFields: Set = ["matches_storage_class", "matches_prefix", "matches_suffix"]
        return (settings.literal("lifecycle_rules", diagnostics: &diagnostics)?.list ?? []).compactMap { entry in
            guard let action = entry.map?["action"]?.map, let type = action["type"]?.string else { return nil }
            let known = ["Delete", "SetStorageClass", "AbortIncompleteMultipartUpload"]
            if !known.contains(type) {
                diagnostics.report(.constraintViolation, "lifecycle action '\(type)' is not one of " + known.joined(separator: ", "), at: settings.location("lifecycle_rules"))
                return nil
            }
            let storageClass = action["storage_class"]?.string
            if (type == "SetStorageClass") != (storageClass != nil) {
                diagnostics.report(.constraintViolation, "a lifecycle action gives storage_class exactly when its type is SetStorageClass", at: settings.location("lifecycle_rules"))
                return nil
            }
            var condition: [String: Value] = [:]
            for (key, value) in entry.map?["condition"]?.map ?? [:] where !value.isNull {
                condition[key] = listFields.contains(key) ? .list((value.string ?? "").split(separator: ",").map { .string(String($0)) }) : value
            }
            return BucketLifecycleRule(action: type, storageClass: storageClass, condition: condition)
        }
    }
}
