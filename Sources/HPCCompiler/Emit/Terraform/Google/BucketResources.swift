/// The `google_storage_bucket` of a cloud-storage-bucket module.
enum BucketResources {
    /// The bucket of the cloud-storage-bucket module `module`.
    static func bucket(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_storage_bucket", module.rawValue)
    }

    /// The Anywhere Cache of the cloud-storage-bucket module `module` in `zone`.
    static func anywhereCache(_ module: ModuleID, zone: String) -> TerraformAddress {
        TerraformAddress("google_storage_anywhere_cache", "\(module.rawValue)_\(zone)")
    }

    static func emit(_ bucket: BucketInstance, origin: Origin, into document: inout TerraformDocument) {
        document.resource(
            Self.bucket(origin.module),
            [
                "name": .string(bucket.name),
                "project": .string(bucket.project),
                "location": .string(bucket.location),
                "storage_class": .string(bucket.storageClass.rawValue),
                "force_destroy": .bool(bucket.forceDestroy),
                "uniform_bucket_level_access": .bool(bucket.uniformAccess),
                "public_access_prevention": bucket.publicAccessPrevention.map { .string($0.rawValue) } ?? .null,
                "labels": .stringMap(origin.labels),
                "hierarchical_namespace": .when(bucket.hierarchicalNamespace, .block(["enabled": true])),
                "versioning": .when(bucket.versioning, .block(["enabled": true])),
                "soft_delete_policy": bucket.softDeleteSeconds.map { .block(["retention_duration_seconds": .int($0)]) }
                    ?? .null,
                "lifecycle_rule": bucket.lifecycleRules.isEmpty ? .null : .array(bucket.lifecycleRules.map(rule)),
                "custom_placement_config": .when(
                    !bucket.placementZones.isEmpty, .block(["data_locations": .strings(bucket.placementZones)])),
            ])
        for zone in bucket.anywhereCache?.zones ?? [] {
            guard let cache = bucket.anywhereCache else { break }
            document.resource(
                anywhereCache(origin.module, zone: zone),
                [
                    "bucket": Self.bucket(origin.module).json("name"),
                    "zone": .string(zone),
                    "ttl": .string(cache.ttl),
                    "admission_policy": .string(cache.admissionPolicy),
                    "timeouts": ["create": .string(cache.createTimeout)],
                ])
        }
    }

    private static func rule(_ rule: BucketLifecycleRule) -> JSON {
        .object([
            "action": .block([
                "type": .string(rule.action.rawValue), "storage_class": rule.storageClass.map(JSON.string) ?? .null,
            ]),
            "condition": .block(rule.condition.mapValues(TerraformValues.json)),
        ])
    }
}
