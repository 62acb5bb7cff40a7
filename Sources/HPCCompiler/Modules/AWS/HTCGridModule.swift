/// `modules/htc/htc-grid`: one module, whole.
enum HTCGridModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `AWSKey`'s.
    enum Key {
        static let projectName = SettingKey<String>("project_name")
        static let storageService = SettingKey<String>("grid_storage_service")
        static let priorities = SettingKey<Int>("priorities")
        static let minAgents = SettingKey<Int>("min_htc_agents")
        static let maxAgents = SettingKey<Int>("max_htc_agents")
        static let readCapacity = SettingKey<Int>("dynamodb_default_read_capacity")
        static let writeCapacity = SettingKey<Int>("dynamodb_default_write_capacity")
        static let stateTableDeletionProtection = SettingKey<Bool>("state_table_deletion_protection")
        static let workerGroups = SettingKey<Value>("eks_worker_groups")
        static let agentConfiguration = SettingKey<Value>("agent_configuration")
        static let inputRole = SettingKey<Value>("input_role")
        static let kubernetesVersion = SettingKey<String>("kubernetes_version")
        static let nodeVolumeSize = SettingKey<Int>("node_volume_size")
        static let controlPlaneCode = SettingKey<String>("control_plane_code")
        static let lambdaRuntime = SettingKey<String>("lambda_runtime")
        static let lambdaMemorySize = SettingKey<Int>("lambda_memory_size")
        static let lambdaTimeout = SettingKey<Int>("lambda_timeout")
        static let maxReceiveCount = SettingKey<Int>("max_receive_count")
        static let payloadVersioning = SettingKey<Bool>("payload_bucket_versioning")
        static let redisNodeType = SettingKey<String>("redis_node_type")
        static let redisEngineVersion = SettingKey<String>("redis_engine_version")
        static let redisNodes = SettingKey<Int>("redis_nodes")
        static let apiEndpointType = SettingKey<HTCAPIEndpointType>("api_endpoint_type")
        static let logRetention = SettingKey<Int>("log_retention_in_days")
        static let kmsDeletionWindow = SettingKey<Int>("kms_deletion_window")
        static let taskDuration = SettingKey<Double>("task_duration_seconds")
        static let targetTasksPerSecond = SettingKey<Double>("target_tasks_per_second")
    }

    static let schema = ModuleSchema(
        source: "modules/htc/htc-grid", cloud: .aws,
        summary:
            """
            An HTC-Grid task grid: SQS per priority, DynamoDB state table, S3/Redis payloads, Lambda control plane, \
            EKS agents
            """,
        description: """
            Creates the AWS side of an HTC-Grid: one KMS-encrypted SQS task queue per priority, each with a \
            dead-letter queue and redrive policy; the DynamoDB state table keyed by `task_id` with indexes on task \
            status (by heartbeat expiry) and on session; the payload store (an encrypted S3 bucket with public \
            access blocked, ElastiCache Redis with encryption in transit and at rest, or both); the control plane \
            Lambda functions submit_task, get_results, cancel_tasks, ttl_checker, scaling_metrics and node_drainer, \
            each with its own IAM role that reaches only what the function uses, the last two on one-minute \
            EventBridge schedules; an API Gateway REST API (IAM-authorised) in front of the first three; an EKS \
            cluster with one managed node group per `eks_worker_groups` entry; CloudWatch log groups with \
            retention. Writes `htc-grid/<id>/grid_config.json`, HTC-Grid's own variable file. The Lambda code is \
            HTC-Grid's: `control_plane_code` names where its built packages are (`<name>.zip` for each function).
            """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.region, AWSSettings.tags,
            SettingSpec(
                Key.projectName, .string,
                "Suffix of every resource name (HTC-Grid's `project_name`); null means `deployment_name`.",
                constraints: [
                    .pattern(
                        "[a-z0-9]([a-z0-9-]*[a-z0-9])?",
                        description:
                            "lowercase letters, digits and '-', not at either end (S3 and ElastiCache names carry it)")
                ]),
            SettingSpec(AWSKey.vpcID, .string, "The VPC of the grid (from a `use`d aws-vpc module).", required: true),
            SettingSpec(
                AWSKey.privateSubnets, .list(.string),
                """
                Subnets of the EKS cluster, the Lambda functions and Redis, in at least two availability zones (from a \
                `use`d aws-vpc module).
                """,
                required: true),
            SettingSpec(
                AWSKey.clusterSecurityGroup, .string,
                """
                A security group the Lambda functions and worker nodes join (the aws-vpc module's cluster group, which \
                Redis admits).
                """,
                required: true),
            SettingSpec(
                Key.storageService, .string, "Where task payloads live: `S3`, `REDIS` or `S3+REDIS`.",
                default: .string("S3")),
            SettingSpec(
                Key.priorities, .number, "Task priorities: one SQS queue (and dead-letter queue) each.",
                default: .int(3), constraints: [.integer]),
            SettingSpec(Key.minAgents, .number, "Agents that always run.", default: .int(1), constraints: [.integer]),
            SettingSpec(
                Key.maxAgents, .number, "The most agents the grid scales out to.", default: .int(100),
                constraints: [.integer]),
            SettingSpec(
                Key.readCapacity, .number, "Read capacity units of the state table and of each index.",
                default: .int(100), constraints: [.integer]),
            SettingSpec(
                Key.writeCapacity, .number, "Write capacity units of the state table and of each index.",
                default: .int(100), constraints: [.integer]),
            SettingSpec(
                Key.stateTableDeletionProtection, .bool,
                """
                Refuse to delete the DynamoDB state table: `terraform destroy` fails until this is turned off and \
                applied.
                """,
                default: .bool(true)),
            SettingSpec(
                Key.workerGroups, .list(HTCGridSettings.workerGroup),
                """
                EKS managed node groups the agents run on: `node_group_name`, `instance_types`, `capacity_type` (SPOT \
                or ON_DEMAND), \
                `min_size`, `max_size`, `desired_size`.
                """, required: true),
            SettingSpec(
                Key.agentConfiguration, HTCGridSettings.agentConfiguration,
                """
                The agent pod (`lambda`): `minCPU`/`maxCPU` (millicores requested and allowed), \
                `minMemory`/`maxMemory` (MiB), \
                `location` (S3 URI of the workload zip), `runtime`, `lambda_handler_file_name`, \
                `lambda_handler_function_name`.
                """, required: true),
            SettingSpec(
                Key.inputRole, .list(HTCGridSettings.inputRole),
                """
                IAM roles given access to the EKS cluster: `rolearn`, `username`, `groups` (`system:masters` grants \
                cluster admin).
                """,
                default: .list([])),
            SettingSpec(
                Key.kubernetesVersion, .string, "Kubernetes version of the EKS cluster.", default: .string("1.33"),
                constraints: [.pattern("1\\.[0-9]{2}", description: "a Kubernetes minor version such as `1.33`")]),
            SettingSpec(
                Key.nodeVolumeSize, .number,
                """
                Root volume of each worker node, in GiB (encrypted gp3, in the launch template that also makes the \
                nodes IMDSv2-only).
                """,
                default: .int(50), constraints: [.integer, .range(min: 20, max: 16384)]),
            SettingSpec(
                Key.controlPlaneCode, .string,
                """
                S3 URI of the folder holding HTC-Grid's built control-plane packages (`submit_task.zip`, \
                `get_results.zip`, ...).
                """,
                required: true,
                constraints: [
                    .pattern(
                        "s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/[^ ]*)?",
                        description: "an S3 URI such as `s3://bucket/htc-grid/`")
                ]),
            SettingSpec(
                Key.lambdaRuntime, .string, "Runtime of the control-plane functions.", default: .string("python3.11"),
                constraints: [
                    .pattern("python3\\.[0-9]{1,2}", description: "a Python Lambda runtime such as `python3.11`")
                ]),
            SettingSpec(
                Key.lambdaMemorySize, .number,
                "Memory of each control-plane function, in MB (Lambda allows 128 to 10240).", default: .int(1024),
                constraints: [.integer]),
            SettingSpec(
                Key.lambdaTimeout, .number,
                "Timeout of each control-plane function, in seconds (Lambda allows 1 to 900).", default: .int(300),
                constraints: [.integer]),
            SettingSpec(
                Key.maxReceiveCount, .number, "Deliveries of a task message before it moves to the dead-letter queue.",
                default: .int(4),
                constraints: [.integer, .range(min: 1, max: 1000)]),
            SettingSpec(
                Key.payloadVersioning, .bool, "Keep earlier versions of payload objects in the S3 bucket.",
                default: .bool(false)),
            SettingSpec(
                Key.redisNodeType, .string, "ElastiCache node type of the Redis payload store.",
                default: .string("cache.r7g.large"),
                constraints: [
                    .pattern(
                        "cache\\.[a-z0-9]+\\.[a-z0-9]+",
                        description: "an ElastiCache node type such as `cache.r7g.large`")
                ]),
            SettingSpec(
                Key.redisEngineVersion, .string, "Redis version of the payload store.", default: .string("7.1"),
                constraints: [
                    .pattern("[67]\\.[0-9]+", description: "a Redis version ElastiCache offers, such as `7.1`")
                ]),
            SettingSpec(
                Key.redisNodes, .number,
                "Redis nodes (a primary and replicas in other zones; two or more fail over automatically).",
                default: .int(2),
                constraints: [.integer, .range(min: 1, max: 6)]),
            SettingSpec(
                Key.apiEndpointType, .string, "`PRIVATE` (reachable only from the VPC) or `REGIONAL`.",
                default: .string(HTCAPIEndpointType.private.rawValue),
                constraints: [.oneOf(HTCAPIEndpointType.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.logRetention, .number,
                "Days CloudWatch Logs keeps the functions' and the EKS control plane's logs.", default: .int(30),
                constraints: [.oneOf(ParallelClusterLimits.logRetentionDays.map(String.init))]),
            SettingSpec(
                Key.kmsDeletionWindow, .number, "Days before a deleted KMS key of the grid is gone.", default: .int(7),
                constraints: [.integer, .range(min: 7, max: 30)]),
            SettingSpec(
                Key.taskDuration, .number, "Typical run time of one task, for the throughput plan `hpcc build` prints.",
                default: .int(1),
                constraints: [.range(min: 0.001, max: nil)]),
            SettingSpec(
                Key.targetTasksPerSecond, .number,
                "The throughput the grid must sustain; hpcc warns when the plan falls short.",
                constraints: [.range(min: 0.001, max: nil)]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false,
        guide: HTCGridGuide.text
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case apiURL = "api_url"
        case stateTableName = "state_table_name"
        case taskQueueURLs = "task_queue_urls"
        case payloadBucket = "payload_bucket"
        case redisEndpoint = "redis_endpoint"
        case eksClusterName = "eks_cluster_name"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .apiURL:
                (.string, "Invoke URL of the control plane's REST API (`<url>/submit`, `/result`, `/cancel`).")
            case .stateTableName: (.string, "Name of the DynamoDB state table.")
            case .taskQueueURLs: (.list(.string), "URLs of the task queues, highest priority first.")
            case .payloadBucket: (.string, "Name of the S3 payload bucket; null without S3.")
            case .redisEndpoint: (.string, "`<host>:<port>` of the Redis primary; null without Redis.")
            case .eksClusterName: (.string, "Name of the EKS cluster the agents run on.")
            }
        }
    }

    static let exposedByDefault: [Output] = [
        .apiURL, .stateTableName, .taskQueueURLs, .payloadBucket, .redisEndpoint, .eksClusterName,
    ]

    static func emit(_ entity: HTCGrid, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in
            AWSHTCGridResources.emit(entity, defaults: group.defaultTags, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: HTCGrid, module: ModuleID, path: [Accessor]) -> OutputValue {
        AWSHTCGridResources.value(of: output, grid: entity, path: path)
    }
}

/// Object shapes of the htc-grid module's settings, named as HTC-Grid names them.
enum HTCGridSettings {
    static let workerGroup = SettingType.object([
        .required("node_group_name", .string), .required("instance_types", .list(.string)),
        .optional(
            "capacity_type", .string, .string(HTCCapacityType.onDemand.rawValue),
            constraints: [.oneOf(HTCCapacityType.allCases.map(\.rawValue))]),
        .optional("min_size", .number, .int(0), constraints: [.integer]),
        .optional("max_size", .number, .int(1), constraints: [.integer]),
        .optional("desired_size", .number, .int(0), constraints: [.integer]),
    ])

    static let agentLambda = SettingType.object([
        .optional("minCPU", .number, .int(800), constraints: [.integer]),
        .optional("maxCPU", .number, .int(900), constraints: [.integer]),
        .optional("minMemory", .number, .int(1200), constraints: [.integer]),
        .optional("maxMemory", .number, .int(1900), constraints: [.integer]),
        .required(
            "location", .string,
            constraints: [
                .pattern(
                    "s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+",
                    description: "the S3 URI of a zip, such as `s3://bucket/lambda.zip`")
            ]),
        .optional("runtime", .string, .string("provided")),
        .optional("lambda_handler_file_name", .string, .string("")),
        .optional("lambda_handler_function_name", .string, .string("")),
    ])

    static let agentConfiguration = SettingType.object([.required("lambda", agentLambda)])

    static let inputRole = SettingType.object([
        .required(
            "rolearn", .string,
            constraints: [.pattern("arn:aws[a-z-]*:iam::[0-9]{12}:role/.+", description: "an IAM role ARN")]),
        .required("username", .string), .optional("groups", .list(.string), .list([])),
    ])
}

/// The limits of the AWS services an HTC grid is made of, as hpcc checks them.
enum HTCGridLimits {
    /// HTC-Grid's `grid_storage_service` values.
    static let storageServices = HTCPayloadStorage.allCases.map(\.rawValue)
    /// Memory a Lambda function may have.
    static let lambdaMemoryMB = 128...10240
    /// Seconds a Lambda function may run.
    static let lambdaTimeoutSeconds = 1...900
    /// The Kubernetes group that `input_role` maps to the cluster-admin access policy.
    static let adminGroup = "system:masters"
    /// HTC-Grid's default subnet prefix length, written to grid_config.json when the VPC is not an aws-vpc module of
    /// the blueprint.
    static let defaultSubnetPrefix = 24
    /// Services the grid calls from inside its VPC: queues, logs and metrics, image pulls, node
    /// credentials, the drainer's EKS and Auto Scaling calls. S3 and DynamoDB are reached through
    /// gateway endpoints.
    static let calledServices = [
        "autoscaling", "dynamodb", "ec2", "ecr.api", "ecr.dkr", "eks", "logs", "monitoring", "s3", "sqs", "sts",
    ]
}
