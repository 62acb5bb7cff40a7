/// The resources of an htc-grid module. This file: the grid's KMS key, the task queues with their
/// dead-letter queues, the state table and the payload store. The control plane is in
/// `AWSHTCGridControlPlane`, the EKS cluster in `AWSHTCGridCompute`.
enum AWSHTCGridResources {
    static func emit(
        _ grid: HTCGrid, defaults: [String: String], into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let refs = HTCGridAddresses(grid, references: &references)
        let tags = { (name: String) in AWSTagging.tags(grid.origin, name: name, defaults: defaults) }
        document.data(refs.partitionData, [:])
        document.resource(
            refs.kmsKey,
            [
                "description": .string(
                    """
                    HTC grid \(HCL.escapeTemplate(grid.projectName)): task queues, state table, payloads, EKS secrets
                    """),
                "enable_key_rotation": true, "deletion_window_in_days": .int(grid.kmsDeletionWindowDays),
                "tags": tags(grid.names.cluster),
            ])
        document.resource(
            refs.kmsAlias, ["name": .string(grid.names.kmsAlias), "target_key_id": refs.kmsKey.json("key_id")])
        emitQueues(grid, refs: refs, tags: tags, into: &document)
        emitStateTable(grid, refs: refs, tags: tags, into: &document)
        if grid.storage.usesS3 { emitBucket(grid, refs: refs, tags: tags, into: &document) }
        if grid.storage.usesRedis { emitRedis(grid, refs: refs, defaults: defaults, into: &document) }
        AWSHTCGridControlPlane.emit(grid, refs: refs, tags: tags, into: &document)
        AWSHTCGridCompute.emit(grid, refs: refs, tags: tags, into: &document)
    }

    /// One queue per priority, each with a dead-letter queue it redrives to; TLS only.
    private static func emitQueues(
        _ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument
    ) {
        for priority in 0..<grid.priorities {
            let (queue, deadLetters) = (refs.queue(priority), refs.deadLetterQueue(priority))
            document.resource(
                deadLetters,
                [
                    "name": .string(grid.names.deadLetterQueue(priority)), "message_retention_seconds": 1_209_600,
                    "kms_master_key_id": .string(refs.key), "kms_data_key_reuse_period_seconds": 300,
                    "tags": tags(grid.names.deadLetterQueue(priority)),
                ])
            document.resource(
                queue,
                [
                    "name": .string(grid.names.taskQueue(priority)), "message_retention_seconds": 1_209_600,
                    // An agent extends the visibility of the task it holds while it runs.
                    "visibility_timeout_seconds": 40,
                    "kms_master_key_id": .string(refs.key), "kms_data_key_reuse_period_seconds": 300,
                    "redrive_policy": .string(
                        """
                        {"deadLetterTargetArn":"\(deadLetters.interpolation("arn"))",\
                        "maxReceiveCount":\(grid.maxReceiveCount)}
                        """
                    ),
                    "tags": tags(grid.names.taskQueue(priority)),
                ])
            for target in [queue, deadLetters] {
                document.resource(
                    refs.queuePolicy(target),
                    [
                        "queue_url": target.json("id"),
                        "policy": IAMPolicy.document([
                            IAMPolicy.denyInsecureTransport("sqs:*", resources: [target.interpolation("arn")])
                        ]),
                    ])
            }
        }
    }

    /// Keyed by task id; `gsi_ttl_index` finds tasks of a status by heartbeat expiry (the TTL
    /// checker), `gsi_session_index` the tasks of a session by status (results, cancel).
    private static func emitStateTable(
        _ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument
    ) {
        let read = JSON.int(grid.stateTable.readCapacity), write = JSON.int(grid.stateTable.writeCapacity)
        func index(_ name: String, hash: String, range: String, projected: [String]) -> JSON {
            .object([
                "name": .string(name), "hash_key": .string(hash), "range_key": .string(range),
                "projection_type": "INCLUDE",
                "non_key_attributes": .strings(projected), "read_capacity": read, "write_capacity": write,
            ])
        }
        document.resource(
            refs.stateTable,
            [
                "name": .string(grid.names.stateTable), "billing_mode": "PROVISIONED", "read_capacity": read,
                "write_capacity": write,
                "hash_key": "task_id",
                "attribute": .array(
                    [
                        ("task_id", "S"), ("task_status", "S"), ("session_id", "S"),
                        ("heartbeat_expiration_timestamp", "N"),
                    ].map {
                        .object(["name": .string($0.0), "type": .string($0.1)])
                    }),
                "global_secondary_index": .array([
                    index(
                        "gsi_ttl_index", hash: "task_status", range: "heartbeat_expiration_timestamp",
                        projected: ["task_id", "task_owner", "task_priority"]),
                    index("gsi_session_index", hash: "session_id", range: "task_status", projected: ["task_id"]),
                ]),
                "server_side_encryption": .block(["enabled": true, "kms_key_arn": .string(refs.key)]),
                "point_in_time_recovery": .block(["enabled": true]),
                "deletion_protection_enabled": .bool(grid.stateTable.deletionProtection),
                "tags": tags(grid.names.stateTable),
            ])
    }

    private static func emitBucket(
        _ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument
    ) {
        AWSPrivateBucket.emit(
            refs.bucket, name: ("bucket", grid.names.payloadBucket), tags: tags(grid.names.payloadBucket),
            key: refs.key, versioning: grid.payloadVersioning, into: &document)
    }

    /// A Redis replication group over the private subnets, encrypted in transit and at rest,
    /// admitting the grid's security group.
    private static func emitRedis(
        _ grid: HTCGrid, refs: HTCGridAddresses, defaults: [String: String], into document: inout TerraformDocument
    ) {
        let group = refs.redisSecurityGroup
        let port = HTCGridAddresses.redisPort
        AWSSecurityGroups.group(
            group, name: "\(grid.names.redis)-redis", description: "HTC grid payload store: Redis from the grid",
            vpc: refs.vpc,
            origin: grid.origin, defaults: defaults, into: &document)
        AWSSecurityGroups.ingress(
            "\(group.name)_clients", group: group, from: refs.securityGroup, ports: port...port,
            description: "Redis from the grid's functions and agents", into: &document)
        document.resource(
            refs.redisSubnetGroup,
            [
                "name": .string(grid.names.redis), "description": "HTC grid payload store: the private subnets",
                "subnet_ids": .array(refs.subnets),
            ])
        let failover = grid.redis.nodes > 1
        document.resource(
            refs.redis,
            [
                "replication_group_id": .string(grid.names.redis), "description": .string("HTC grid payload store"),
                "engine": "redis", "engine_version": .string(grid.redis.engineVersion),
                "node_type": .string(grid.redis.nodeType), "num_cache_clusters": .int(grid.redis.nodes),
                "port": .int(port),
                "automatic_failover_enabled": .bool(failover), "multi_az_enabled": .bool(failover),
                "at_rest_encryption_enabled": true, "kms_key_id": .string(refs.key), "transit_encryption_enabled": true,
                "subnet_group_name": refs.redisSubnetGroup.json("name"),
                "security_group_ids": .array([group.json("id")]),
                "tags": AWSTagging.tags(grid.origin, name: grid.names.redis, defaults: defaults),
            ])
    }

    /// The htc-grid module's outputs over its resources.
    static func value(of output: HTCGridModule.Output, grid: HTCGrid, path: [Accessor]) -> OutputValue {
        let refs = HTCGridAddresses(grid)
        let base =
            switch output {
            case .apiURL: refs.apiStage.attribute("invoke_url")
            case .stateTableName: refs.stateTable.attribute("name")
            case .taskQueueURLs:
                "[" + (0..<grid.priorities).map { refs.queue($0).attribute("url") }.joined(separator: ", ") + "]"
            case .payloadBucket: grid.storage.usesS3 ? refs.bucket.attribute("bucket") : "null"
            case .redisEndpoint:
                grid.storage.usesRedis
                    ? "\"\(refs.redis.interpolation("primary_endpoint_address")):\(refs.redis.interpolation("port"))\""
                    : "null"
            case .eksClusterName: refs.eksCluster.attribute("name")
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

    /// `<type>.<module><suffix>`.
    private func address(_ type: String, _ suffix: String = "") -> TerraformAddress {
        TerraformAddress(type, id + suffix)
    }

    // The grid's key and partition.
    var partitionData: TerraformAddress { .data("aws_partition", id) }
    var kmsKey: TerraformAddress { address("aws_kms_key") }
    var kmsAlias: TerraformAddress { address("aws_kms_alias") }
    /// The key's ARN, interpolated.
    var key: String { kmsKey.interpolation("arn") }
    /// The AWS partition (`aws`), interpolated.
    var partition: String { partitionData.interpolation("partition") }

    // Queues, state table, payload store.
    func queue(_ priority: Int) -> TerraformAddress { address("aws_sqs_queue", "_tasks_\(priority)") }
    func deadLetterQueue(_ priority: Int) -> TerraformAddress { address("aws_sqs_queue", "_dead_letters_\(priority)") }
    /// The policy of `queue`, named as the queue.
    func queuePolicy(_ queue: TerraformAddress) -> TerraformAddress {
        TerraformAddress("aws_sqs_queue_policy", queue.name)
    }
    var stateTable: TerraformAddress { address("aws_dynamodb_table") }
    var bucket: TerraformAddress { address("aws_s3_bucket", "_payloads") }
    var redis: TerraformAddress { address("aws_elasticache_replication_group", "_redis") }
    var redisSubnetGroup: TerraformAddress { address("aws_elasticache_subnet_group", "_redis") }
    var redisSecurityGroup: TerraformAddress { address("aws_security_group", "_redis") }

    // The control plane.
    var errorLogGroup: TerraformAddress { address("aws_cloudwatch_log_group", "_errors") }
    var errorLogStream: TerraformAddress { address("aws_cloudwatch_log_stream", "_errors") }
    func function(_ function: HTCFunction) -> TerraformAddress {
        address("aws_lambda_function", "_\(function.rawValue)")
    }
    func functionLogGroup(_ function: HTCFunction) -> TerraformAddress {
        address("aws_cloudwatch_log_group", "_\(function.rawValue)")
    }
    func functionRole(_ function: HTCFunction) -> TerraformAddress { address("aws_iam_role", "_\(function.rawValue)") }
    func functionPolicy(_ function: HTCFunction) -> TerraformAddress {
        address("aws_iam_role_policy", "_\(function.rawValue)")
    }
    /// The EventBridge rule running a scheduled function, its target and its permission to invoke the function.
    func schedule(_ function: HTCFunction) -> TerraformAddress {
        address("aws_cloudwatch_event_rule", "_\(function.rawValue)")
    }
    func scheduleTarget(_ function: HTCFunction) -> TerraformAddress {
        address("aws_cloudwatch_event_target", "_\(function.rawValue)")
    }
    func schedulePermission(_ function: HTCFunction) -> TerraformAddress {
        address("aws_lambda_permission", "_\(function.rawValue)_schedule")
    }
    /// The API's permission to invoke a function.
    func apiPermission(_ function: HTCFunction) -> TerraformAddress {
        address("aws_lambda_permission", "_\(function.rawValue)_api")
    }
    var api: TerraformAddress { address("aws_api_gateway_rest_api") }
    var apiPolicy: TerraformAddress { address("aws_api_gateway_rest_api_policy") }
    /// The API resource, method and integration of the route at `path`.
    func routeResource(_ path: String) -> TerraformAddress { address("aws_api_gateway_resource", "_\(path)") }
    func routeMethod(_ path: String) -> TerraformAddress { address("aws_api_gateway_method", "_\(path)") }
    func routeIntegration(_ path: String) -> TerraformAddress { address("aws_api_gateway_integration", "_\(path)") }
    var apiDeployment: TerraformAddress { address("aws_api_gateway_deployment") }
    var apiStage: TerraformAddress { address("aws_api_gateway_stage") }

    // The EKS cluster the agents run on.
    var eksCluster: TerraformAddress { address("aws_eks_cluster") }
    var eksLogGroup: TerraformAddress { address("aws_cloudwatch_log_group", "_eks") }
    var clusterRole: TerraformAddress { address("aws_iam_role", "_eks_cluster") }
    var nodeRole: TerraformAddress { address("aws_iam_role", "_eks_nodes") }
    /// The attachment of the AWS-managed `policy` to `role`.
    func policyAttachment(_ role: TerraformAddress, _ policy: String) -> TerraformAddress {
        TerraformAddress("aws_iam_role_policy_attachment", "\(role.name)_\(policy)")
    }
    var agentsPolicy: TerraformAddress { address("aws_iam_role_policy", "_agents") }
    var nodeTemplate: TerraformAddress { address("aws_launch_template", "_eks_nodes") }
    func nodeGroup(_ group: HTCWorkerGroup) -> TerraformAddress {
        address("aws_eks_node_group", "_\(TerraformName.sanitize(group.name))")
    }
    func accessEntry(_ index: Int) -> TerraformAddress { address("aws_eks_access_entry", "_access_\(index)") }
    func accessPolicy(_ index: Int) -> TerraformAddress {
        address("aws_eks_access_policy_association", "_access_\(index)")
    }
}
