/// What each part of an HTC grid may do: every function's policy names the queues, table,
/// indexes, bucket and log groups it uses and nothing else. Only what AWS cannot scope
/// (network interfaces of a VPC function, metric data, instance descriptions) is on `*`, and
/// then with a condition where AWS offers one.
enum HTCGridPermissions {
    typealias Statement = IAMPolicy.Statement

    static func function(_ function: HTCFunction, grid: HTCGrid, refs: HTCGridAddresses) -> [Statement] {
        var statements = [
            Statement(
                actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                resources: [refs.functionLogGroup(function).interpolation("arn") + ":*"]),
            // A function in a VPC reaches it through network interfaces Lambda creates in the role's name.
            Statement(
                actions: [
                    "ec2:CreateNetworkInterface", "ec2:DescribeNetworkInterfaces", "ec2:DeleteNetworkInterface",
                    "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses",
                ], resources: ["*"]),
        ]
        let table = [refs.stateTable.interpolation("arn")],
            indexes = [refs.stateTable.interpolation("arn") + "/index/*"]
        let queues = (0..<grid.priorities).map { refs.queue($0).interpolation("arn") }
        let deadLetters = (0..<grid.priorities).map { refs.deadLetterQueue($0).interpolation("arn") }
        let errors = Statement(
            actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
            resources: [refs.errorLogGroup.interpolation("arn") + ":*"])
        let key = Statement(actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [refs.key])
        switch function {
        case .submitTask:
            statements +=
                [
                    Statement(actions: ["sqs:SendMessage", "sqs:GetQueueUrl"], resources: queues),
                    Statement(
                        actions: ["dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"],
                        resources: table),
                    errors, key,
                ] + payloads(grid, refs: refs, actions: ["s3:GetObject", "s3:PutObject"])
        case .getResults:
            statements +=
                [
                    Statement(
                        actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"],
                        resources: table + indexes),
                    errors, key,
                ] + payloads(grid, refs: refs, actions: ["s3:GetObject"])
        case .cancelTasks:
            statements += [
                Statement(
                    actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"], resources: table + indexes),
                errors, key,
            ]
        case .ttlChecker:
            statements += [
                Statement(
                    actions: ["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:GetItem"], resources: table + indexes),
                Statement(
                    actions: ["sqs:SendMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl"], resources: queues),
                Statement(actions: ["sqs:SendMessage", "sqs:GetQueueUrl"], resources: deadLetters), errors, key,
            ]
        case .scalingMetrics:
            statements += [
                Statement(actions: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl"], resources: queues),
                Statement(actions: ["dynamodb:Query", "dynamodb:DescribeTable"], resources: table + indexes),
                Statement(
                    actions: ["cloudwatch:PutMetricData"], resources: ["*"],
                    condition: .object([
                        "StringEquals": .object(["cloudwatch:namespace": .string(HTCGridEnvironment.metricsNamespace)])
                    ])),
                key,
            ]
        case .nodeDrainer:
            statements += [
                Statement(actions: ["eks:DescribeCluster"], resources: [refs.eksCluster.interpolation("arn")]),
                Statement(
                    actions: ["ec2:DescribeInstances", "autoscaling:DescribeAutoScalingInstances"], resources: ["*"]),
                Statement(
                    actions: ["autoscaling:CompleteLifecycleAction"], resources: ["*"],
                    condition: .object([
                        "StringEquals": .object(["aws:ResourceTag/eks:cluster-name": .string(grid.names.cluster)])
                    ])),
            ]
        }
        return statements
    }

    /// The agents (on the worker nodes): take tasks from the queues, keep their state, move payloads, fetch the
    /// workload.
    static func agents(_ grid: HTCGrid, refs: HTCGridAddresses) -> [Statement] {
        let queues = (0..<grid.priorities).map { refs.queue($0).interpolation("arn") }
        let workload = S3URI.split(grid.agents.workloadLocation)
        return [
            Statement(
                actions: [
                    "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:SendMessage",
                    "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
                ],
                resources: queues),
            Statement(
                actions: ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:PutItem", "dynamodb:Query"],
                resources: [refs.stateTable.interpolation("arn"), refs.stateTable.interpolation("arn") + "/index/*"]),
            Statement(
                actions: ["s3:GetObject"],
                resources: [
                    """
                    arn:\(refs.partition):s3:::\(HCL.escapeTemplate(workload.bucket))/\
                    \(HCL.escapeTemplate(workload.key))
                    """
                ]),
            Statement(
                actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
                resources: [refs.errorLogGroup.interpolation("arn") + ":*"]),
            Statement(actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [refs.key]),
        ] + payloads(grid, refs: refs, actions: ["s3:GetObject", "s3:PutObject"])
    }

    /// Object access in the payload bucket, when the grid has one.
    private static func payloads(_ grid: HTCGrid, refs: HTCGridAddresses, actions: [String]) -> [Statement] {
        grid.storage.usesS3 ? [Statement(actions: actions, resources: [refs.bucket.interpolation("arn") + "/*"])] : []
    }
}

/// The environment HTC-Grid's functions read, by HTC-Grid's variable names.
enum HTCGridEnvironment {
    static let metricsNamespace = "CloudGrid/HTC/Scaling/"

    static func variables(_ function: HTCFunction, grid: HTCGrid, refs: HTCGridAddresses) -> [String: JSON] {
        switch function {
        case .nodeDrainer:
            return ["CLUSTER_NAME": .string(grid.names.cluster)]
        case .scalingMetrics:
            return [
                "STATE_TABLE_CONFIG": .string(grid.names.stateTable),
                "STATE_TABLE_NAME": .string(grid.names.stateTable),
                "TASKS_QUEUE_NAME": .string(grid.names.taskQueue(0)), "NAMESPACE": .string(metricsNamespace),
                "DIMENSION_NAME": "cluster_name",
                "DIMENSION_VALUE": .string(grid.names.cluster), "PERIOD": "1", "METRICS_NAME": "pending_tasks_ddb",
                "REGION": .string(grid.region),
            ]
        default:
            var variables: [String: JSON] = [
                "REGION": .string(grid.region),
                "STATE_TABLE_NAME": .string(grid.names.stateTable), "STATE_TABLE_SERVICE": "DynamoDB",
                "STATE_TABLE_CONFIG": "{'retries':{'max_attempts':10, 'mode':'adaptive'}}",
                "TASK_QUEUE_SERVICE": "SQS", "TASK_QUEUE_CONFIG": .string("{'priorities':\(grid.priorities)}"),
                "TASKS_QUEUE_NAME": .string(grid.names.taskQueue(0)),
                "TASKS_QUEUE_DLQ_NAME": .string(grid.names.deadLetterQueue(0)),
                "GRID_STORAGE_SERVICE": .string(grid.storage.rawValue), "TASK_INPUT_PASSED_VIA_EXTERNAL_STORAGE": "1",
                "ERROR_LOG_GROUP": .string(AWSHTCGridControlPlane.errorLogGroup(grid)),
                "ERROR_LOGGING_STREAM": .string(AWSHTCGridControlPlane.errorStream),
                "METRICS_ARE_ENABLED": "0",
            ]
            if grid.storage.usesS3 { variables["S3_BUCKET"] = refs.bucket.json("id") }
            if grid.storage.usesRedis { variables["REDIS_URL"] = refs.redis.json("primary_endpoint_address") }
            return variables
        }
    }
}
