/// The resources of an htc-grid module. This file: the grid's KMS key, the task queues with their
/// dead-letter queues, the state table and the payload store. The control plane is in
/// `AWSHTCGridControlPlane`, the EKS cluster in `AWSHTCGridCompute`.
enum AWSHTCGridResources {
    static func emit(_ grid: HTCGrid, defaults: [String: String], into document: inout TerraformDocument, references: inout TerraformReferences) {
        let refs = HTCGridAddresses(grid, references: &references)
        let tags = { (name: String) in AWSTagging.tags(grid.origin, name: name, defaults: defaults) }
        document.data("aws_partition", refs.id, [:])
        document.resource("aws_kms_key", refs.id, [
            "description": .string("HTC grid \(HCL.escapeTemplate(grid.projectName)): task queues, state table, payloads, EKS secrets"),
            "enable_key_rotation": true, "deletion_window_in_days": .int(grid.kmsDeletionWindowDays), "tags": tags(grid.names.cluster),
        ])
        document.resource("aws_kms_alias", refs.id, ["name": .string(grid.names.kmsAlias), "target_key_id": .string("${aws_kms_key.\(refs.id).key_id}")])
        emitQueues(grid, refs: refs, tags: tags, into: &document)
        emitStateTable(grid, refs: refs, tags: tags, into: &document)
        if grid.storage.usesS3 { emitBucket(grid, refs: refs, tags: tags, into: &document) }
        if grid.storage.usesRedis { emitRedis(grid, refs: refs, defaults: defaults, into: &document) }
        AWSHTCGridControlPlane.emit(grid, refs: refs, tags: tags, into: &document)
        AWSHTCGridCompute.emit(grid, refs: refs, tags: tags, into: &document)
    }

    /// One queue per priority, each with a dead-letter queue it redrives to; TLS only.
    private static func emitQueues(_ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument) {
        for priority in 0..<grid.priorities {
            let (queue, deadLetters) = (refs.queue(priority), refs.deadLetterQueue(priority))
            document.resource("aws_sqs_queue", deadLetters, [
                "name": .string(grid.names.deadLetterQueue(priority)), "message_retention_seconds": 1_209_600,
                "kms_master_key_id": .string(refs.key), "kms_data_key_reuse_period_seconds": 300, "tags": tags(grid.names.deadLetterQueue(priority)),
            ])
            document.resource("aws_sqs_queue", queue, [
                "name": .string(grid.names.taskQueue(priority)), "message_retention_seconds": 1_209_600,
                // An agent extends the visibility of the task it holds while it runs.
                "visibility_timeout_seconds": 40,
                "kms_master_key_id": .string(refs.key), "kms_data_key_reuse_period_seconds": 300,
                "redrive_policy": .string("{\"deadLetterTargetArn\":\"${aws_sqs_queue.\(deadLetters).arn}\",\"maxReceiveCount\":\(grid.maxReceiveCount)}"),
                "tags": tags(grid.names.taskQueue(priority)),
            ])
            for name in [queue, deadLetters] {
                document.resource("aws_sqs_queue_policy", name, [
                    "queue_url": .string("${aws_sqs_queue.\(name).id}"),
                    "policy": IAMPolicy.document([IAMPolicy.denyInsecureTransport("sqs:*", resources: ["${aws_sqs_queue.\(name).arn}"])]),
                ])
            }
        }
    }

    /// Keyed by task id; `gsi_ttl_index` finds tasks of a status by heartbeat expiry (the TTL
    /// checker), `gsi_session_index` the tasks of a session by status (results, cancel).
    private static func emitStateTable(_ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument) {
        let read = JSON.int(grid.stateTable.readCapacity), write = JSON.int(grid.stateTable.writeCapacity)
        func index(_ name: String, hash: String, range: String, projected: [String]) -> JSON {
            .object(["name": .string(name), "hash_key": .string(hash), "range_key": .string(range), "projection_type": "INCLUDE",
                     "non_key_attributes": .strings(projected), "read_capacity": read, "write_capacity": write])
        }
        document.resource("aws_dynamodb_table", refs.id, [
            "name": .string(grid.names.stateTable), "billing_mode": "PROVISIONED", "read_capacity": read, "write_capacity": write,
            "hash_key": "task_id",
            "attribute": .array([("task_id", "S"), ("task_status", "S"), ("session_id", "S"), ("heartbeat_expiration_timestamp", "N")].map {
                .object(["name": .string($0.0), "type": .string($0.1)])
            }),
            "global_secondary_index": .array([
                index("gsi_ttl_index", hash: "task_status", range: "heartbeat_expiration_timestamp", projected: ["task_id", "task_owner", "task_priority"]),
                index("gsi_session_index", hash: "session_id", range: "task_status", projected: ["task_id"]),
            ]),
            "server_side_encryption": .block(["enabled": true, "kms_key_arn": .string(refs.key)]),
            "point_in_time_recovery": .block(["enabled": true]),
            "deletion_protection_enabled": .bool(grid.stateTable.deletionProtection),
            "tags": tags(grid.names.stateTable),
        ])
    }

    private static func emitBucket(_ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument) {
        let bucket = refs.bucket
        document.resource("aws_s3_bucket", bucket, ["bucket": .string(grid.names.payloadBucket), "tags": tags(grid.names.payloadBucket)])
        document.resource("aws_s3_bucket_public_access_block", bucket, [
            "bucket": .string("${aws_s3_bucket.\(bucket).id}"),
            "block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true,
        ])
        document.resource("aws_s3_bucket_ownership_controls", bucket, [
            "bucket": .string("${aws_s3_bucket.\(bucket).id}"), "rule": .block(["object_ownership": "BucketOwnerEnforced"]),
        ])
        document.resource("aws_s3_bucket_server_side_encryption_configuration", bucket, [
            "bucket": .string("${aws_s3_bucket.\(bucket).id}"),
            "rule": .block(["apply_server_side_encryption_by_default": .block(["sse_algorithm": "aws:kms", "kms_master_key_id": .string(refs.key)]),
                            "bucket_key_enabled": true]),
        ])
        if grid.payloadVersioning {
            document.resource("aws_s3_bucket_versioning", bucket, [
                "bucket": .string("${aws_s3_bucket.\(bucket).id}"), "versioning_configuration": .block(["status": "Enabled"]),
            ])
        }
        document.resource("aws_s3_bucket_policy", bucket, [
            "bucket": .string("${aws_s3_bucket.\(bucket).id}"),
            "policy": IAMPolicy.document([IAMPolicy.denyInsecureTransport("s3:*", resources: ["${aws_s3_bucket.\(bucket).arn}", "${aws_s3_bucket.\(bucket).arn}/*"])]),
            // The public access block must be in place before a policy is judged public or not.
            "depends_on": .strings(["aws_s3_bucket_public_access_block.\(bucket)"]),
        ])
    }

    /// A Redis replication group over the private subnets, encrypted in transit and at rest,
    /// admitting the grid's security group.
    private static func emitRedis(_ grid: HTCGrid, refs: HTCGridAddresses, defaults: [String: String], into document: inout TerraformDocument) {
        let redis = refs.redis
        let port = HTCGridAddresses.redisPort
        AWSSecurityGroups.group(redis, name: "\(grid.names.redis)-redis", description: "HTC grid payload store: Redis from the grid", vpc: refs.vpc,
                                origin: grid.origin, defaults: defaults, into: &document)
        AWSSecurityGroups.ingress("\(redis)_clients", group: redis, from: refs.securityGroup, ports: port...port,
                                  description: "Redis from the grid's functions and agents", into: &document)
        document.resource("aws_elasticache_subnet_group", redis, [
            "name": .string(grid.names.redis), "description": "HTC grid payload store: the private subnets",
            "subnet_ids": .array(refs.subnets),
        ])
        let failover = grid.redis.nodes > 1
        document.resource("aws_elasticache_replication_group", redis, [
            "replication_group_id": .string(grid.names.redis), "description": .string("HTC grid payload store"),
            "engine": "redis", "engine_version": .string(grid.redis.engineVersion), "node_type": .string(grid.redis.nodeType), "num_cache_clusters": .int(grid.redis.nodes), "port": .int(port),
            "automatic_failover_enabled": .bool(failover), "multi_az_enabled": .bool(failover),
            "at_rest_encryption_enabled": true, "kms_key_id": .string(refs.key), "transit_encryption_enabled": true,
            "subnet_group_name": .string("${aws_elasticache_subnet_group.\(redis).name}"),
            "security_group_ids": .strings(["${aws_security_group.\(redis).id}"]),
            "tags": AWSTagging.tags(grid.origin, name: grid.names.redis, defaults: defaults),
        ])
    }

    /// The htc-grid module's outputs over its resources.
    static func value(of output: HTCGridModule.Output, grid: HTCGrid, path: [Accessor]) -> OutputValue {
        let refs = HTCGridAddresses(grid)
        let redis = "aws_elasticache_replication_group.\(refs.redis)"
        let base = switch output {
        case .apiURL: "aws_api_gateway_stage.\(refs.id).invoke_url"
        case .stateTableName: "aws_dynamodb_table.\(refs.id).name"
        case .taskQueueURLs: "[" + (0..<grid.priorities).map { "aws_sqs_queue.\(refs.queue($0)).url" }.joined(separator: ", ") + "]"
        case .payloadBucket: grid.storage.usesS3 ? "aws_s3_bucket.\(refs.bucket).bucket" : "null"
        case .redisEndpoint: grid.storage.usesRedis ? "\"${\(redis).primary_endpoint_address}:${\(redis).port}\"" : "null"
        case .eksClusterName: "aws_eks_cluster.\(refs.id).name"
        }
        return .expression(base + HCL.access(path))
    }
}

/// Terraform addresses of a grid's resources, derived from the module id, and the values it
/// takes from other modules (the VPC, subnets and security group) as Terraform JSON.
struct HTCGridAddresses {
    static let redisPort = 6379
    let id: String
    var vpc: JSON = .null
    var subnets: [JSON] = []
    var securityGroup: JSON = .null

    init(_ grid: HTCGrid) {
        id = grid.origin.module.rawValue
    }

    init(_ grid: HTCGrid, references: inout TerraformReferences) {
        self.init(grid)
        vpc = references.json(grid.vpc)
        subnets = grid.subnets.map { references.json($0) }
        securityGroup = references.json(grid.securityGroup)
    }

    var key: String { "${aws_kms_key.\(id).arn}" }
    var partition: String { "${data.aws_partition.\(id).partition}" }
    var bucket: String { "\(id)_payloads" }
    var redis: String { "\(id)_redis" }
    func queue(_ priority: Int) -> String { "\(id)_tasks_\(priority)" }
    func deadLetterQueue(_ priority: Int) -> String { "\(id)_dead_letters_\(priority)" }
    func function(_ function: HTCFunction) -> String { "\(id)_\(function.rawValue)" }
}
