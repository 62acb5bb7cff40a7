/// A private S3 bucket, one shape for every AWS module that keeps objects (the HTC grid's
/// payloads, a ParallelCluster head node's scripts): all public access blocked, the owner owns
/// every object, encrypted by default with KMS, optionally versioned, and reachable over TLS only.
/// Each configuration resource is named as the bucket.
enum AWSPrivateBucket {
    /// `bucket` with `name` (its `bucket` or `bucket_prefix` argument), tags, and its configuration;
    /// `key` is the KMS key ARN that encrypts objects, nil for the account's AWS-managed `aws/s3` key.
    /// `forceDestroy` lets `terraform destroy` delete a bucket that still holds objects (every version
    /// of them): for a bucket holding only what the same Terraform root puts there.
    static func emit(
        _ bucket: TerraformAddress, name: (argument: String, value: String), tags: JSON, key: String?,
        versioning: Bool, forceDestroy: Bool = false, into document: inout TerraformDocument
    ) {
        func configuration(_ type: String) -> TerraformAddress { TerraformAddress(type, bucket.name) }
        let publicAccess = configuration("aws_s3_bucket_public_access_block")
        var arguments: [String: JSON] = [name.argument: .string(name.value), "tags": tags]
        if forceDestroy { arguments["force_destroy"] = true }
        document.resource(bucket, arguments)
        document.resource(
            publicAccess,
            [
                "bucket": bucket.json("id"),
                "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true,
                "restrict_public_buckets": true,
            ])
        document.resource(
            configuration("aws_s3_bucket_ownership_controls"),
            [
                "bucket": bucket.json("id"), "rule": .block(["object_ownership": "BucketOwnerEnforced"]),
            ])
        var encryption: [String: JSON] = ["sse_algorithm": "aws:kms"]
        if let key { encryption["kms_master_key_id"] = .string(key) }
        document.resource(
            configuration("aws_s3_bucket_server_side_encryption_configuration"),
            [
                "bucket": bucket.json("id"),
                "rule": .block([
                    "apply_server_side_encryption_by_default": .block(encryption), "bucket_key_enabled": true,
                ]),
            ])
        if versioning {
            document.resource(
                configuration("aws_s3_bucket_versioning"),
                [
                    "bucket": bucket.json("id"), "versioning_configuration": .block(["status": "Enabled"]),
                ])
        }
        document.resource(
            configuration("aws_s3_bucket_policy"),
            [
                "bucket": bucket.json("id"),
                "policy": IAMPolicy.document([
                    IAMPolicy.denyInsecureTransport(
                        "s3:*", resources: [bucket.interpolation("arn"), bucket.interpolation("arn") + "/*"])
                ]),
                // The public access block must be in place before a policy is judged public or not.
                "depends_on": .addresses([publicAccess]),
            ])
    }
}
