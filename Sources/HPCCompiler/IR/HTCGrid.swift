/// An HTC-Grid task grid on AWS: task queues per priority, the state table, the payload store,
/// the Lambda control plane and the EKS cluster the agents run on.
@_spi(Tools) public struct HTCGrid: Hashable, Sendable {
    /// The htc-grid module's origin.
    @_spi(Tools) public var origin: Origin
    /// The AWS region.
    @_spi(Tools) public var region: String
    /// HTC-Grid's `project_name`: the suffix of every resource name.
    @_spi(Tools) public var projectName: String
    /// The VPC the grid runs in.
    @_spi(Tools) public var vpc: TerraformText
    /// Private subnets of the EKS cluster, the functions and Redis (two availability zones or more).
    @_spi(Tools) public var subnets: [TerraformText]
    /// The group functions and worker nodes join, which Redis admits.
    @_spi(Tools) public var securityGroup: TerraformText
    /// Where task payloads live.
    @_spi(Tools) public var storage: HTCPayloadStorage
    /// Task queues, priority 0 first.
    @_spi(Tools) public var priorities: Int
    /// Deliveries before a task message moves to its dead-letter queue.
    @_spi(Tools) public var maxReceiveCount: Int
    /// The DynamoDB state table's capacity.
    @_spi(Tools) public var stateTable: HTCStateTable
    /// The agent pods and their autoscaling bounds.
    @_spi(Tools) public var agents: HTCAgents
    /// EKS managed node groups the agents run on.
    @_spi(Tools) public var workerGroups: [HTCWorkerGroup]
    /// Kubernetes version of the EKS cluster.
    @_spi(Tools) public var kubernetesVersion: String
    /// Root volume of each worker node (encrypted gp3).
    @_spi(Tools) public var nodeVolumeGiB: Int
    /// IAM roles given access to the EKS cluster.
    @_spi(Tools) public var clusterAccess: [HTCClusterAccess]
    /// The control-plane functions' packages and limits.
    @_spi(Tools) public var controlPlane: HTCControlPlane
    /// The Redis payload store, used when `storage` includes Redis.
    @_spi(Tools) public var redis: HTCRedis
    /// S3 keeps earlier versions of payload objects.
    @_spi(Tools) public var payloadVersioning: Bool
    /// `PRIVATE` or `REGIONAL`.
    @_spi(Tools) public var apiEndpointType: HTCAPIEndpointType
    /// Days CloudWatch Logs keeps the functions' and the EKS control plane's logs.
    @_spi(Tools) public var logRetentionDays: Int
    /// Days before a deleted KMS key of the grid is gone.
    @_spi(Tools) public var kmsDeletionWindowDays: Int
    /// What the throughput plan starts from.
    @_spi(Tools) public var planning: HTCPlanning
    /// Prefix length of the VPC's private subnets, for HTC-Grid's `vpc_cidr_block_private`.
    @_spi(Tools) public var privateSubnetPrefix: Int
    /// Prefix length of the VPC's public subnets, for HTC-Grid's `vpc_cidr_block_public`.
    @_spi(Tools) public var publicSubnetPrefix: Int
    /// Names of the grid's resources.
    @_spi(Tools) public var names: HTCGridNames
}

/// Where task payloads live (HTC-Grid's `grid_storage_service`).
@_spi(Tools) public enum HTCPayloadStorage: String, CaseIterable, Hashable, Sendable {
    /// An S3 bucket.
    case s3 = "S3"
    /// ElastiCache Redis.
    case redis = "REDIS"
    /// Small payloads in Redis, large ones in S3.
    case s3AndRedis = "S3+REDIS"

    /// Whether an S3 bucket is needed.
    @_spi(Tools) public var usesS3: Bool { self != .redis }
    /// Whether Redis is needed.
    @_spi(Tools) public var usesRedis: Bool { self != .s3 }
}

/// Who reaches the control plane's REST API.
@_spi(Tools) public enum HTCAPIEndpointType: String, CaseIterable, Sendable {
    /// Only the VPC, through its `execute-api` endpoint.
    case `private` = "PRIVATE"
    /// Anyone in the region with IAM credentials.
    case regional = "REGIONAL"
}

/// The DynamoDB state table: provisioned capacity for the table and each of its two indexes.
@_spi(Tools) public struct HTCStateTable: Hashable, Sendable {
    /// Read capacity units.
    @_spi(Tools) public var readCapacity: Int
    /// Write capacity units.
    @_spi(Tools) public var writeCapacity: Int
    /// DynamoDB refuses to delete the table until this is turned off.
    @_spi(Tools) public var deletionProtection: Bool
}

/// The agent pods and their autoscaling bounds.
@_spi(Tools) public struct HTCAgents: Hashable, Sendable {
    /// Agents at least.
    @_spi(Tools) public var minimum: Int
    /// Agents at most.
    @_spi(Tools) public var maximum: Int
    /// Millicores each agent requests.
    @_spi(Tools) public var cpuRequestMilli: Int
    /// Millicores each agent may use.
    @_spi(Tools) public var cpuLimitMilli: Int
    /// MiB each agent requests.
    @_spi(Tools) public var memoryRequestMiB: Int
    /// MiB each agent may use.
    @_spi(Tools) public var memoryLimitMiB: Int
    /// S3 URI of the workload zip.
    @_spi(Tools) public var workloadLocation: String
    /// The workload's runtime (`provided` for a custom one).
    @_spi(Tools) public var runtime: String
    /// The handler's file in the workload zip.
    @_spi(Tools) public var handlerFile: String
    /// The handler's function name.
    @_spi(Tools) public var handlerFunction: String
}

/// An EKS managed node group the agents run on.
@_spi(Tools) public struct HTCWorkerGroup: Hashable, Sendable {
    /// The node group's name.
    @_spi(Tools) public var name: String
    /// EC2 instance types of its nodes.
    @_spi(Tools) public var instanceTypes: [String]
    /// `SPOT` or `ON_DEMAND`.
    @_spi(Tools) public var capacityType: HTCCapacityType
    /// Nodes at least.
    @_spi(Tools) public var minSize: Int
    /// Nodes at most.
    @_spi(Tools) public var maxSize: Int
    /// Nodes at the start.
    @_spi(Tools) public var desiredSize: Int
}

/// What an EKS managed node group's nodes run on.
@_spi(Tools) public enum HTCCapacityType: String, CaseIterable, Sendable {
    case onDemand = "ON_DEMAND"
    case spot = "SPOT"
}

/// An IAM role given access to the EKS cluster (HTC-Grid's `input_role`, an aws-auth entry there).
@_spi(Tools) public struct HTCClusterAccess: Hashable, Sendable {
    /// The IAM role.
    @_spi(Tools) public var roleARN: String
    /// The Kubernetes user the role maps to.
    @_spi(Tools) public var userName: String
    /// The Kubernetes groups it joins.
    @_spi(Tools) public var groups: [String]
}

/// Where HTC-Grid's control-plane packages are and how the functions run.
@_spi(Tools) public struct HTCControlPlane: Hashable, Sendable {
    /// The S3 bucket holding HTC-Grid's function packages.
    @_spi(Tools) public var codeBucket: String
    /// Key prefix, empty or ending in `/`.
    @_spi(Tools) public var codePrefix: String
    /// The functions' runtime (`python3.11`).
    @_spi(Tools) public var runtime: String
    /// Memory of each function.
    @_spi(Tools) public var memoryMB: Int
    /// Seconds an API function may run.
    @_spi(Tools) public var timeoutSeconds: Int
}

/// The ElastiCache Redis payload store (when `storage` uses Redis).
@_spi(Tools) public struct HTCRedis: Hashable, Sendable {
    /// The ElastiCache node type.
    @_spi(Tools) public var nodeType: String
    /// The Redis engine version.
    @_spi(Tools) public var engineVersion: String
    /// A primary and replicas; two or more fail over automatically across zones.
    @_spi(Tools) public var nodes: Int
}

/// The figures a throughput plan starts from.
@_spi(Tools) public struct HTCPlanning: Hashable, Sendable {
    /// Seconds one task takes on one agent.
    @_spi(Tools) public var taskSeconds: Double
    /// The throughput the grid should sustain; nil for none.
    @_spi(Tools) public var targetTasksPerSecond: Double?
}

/// The control-plane functions, in HTC-Grid's names and order.
@_spi(Tools) public enum HTCFunction: String, CaseIterable, Hashable, Sendable {
    /// Puts tasks on the queues (REST API).
    case submitTask = "submit_task"
    /// Reports the state of tasks (REST API).
    case getResults = "get_results"
    /// Cancels tasks (REST API).
    case cancelTasks = "cancel_tasks"
    /// Puts back tasks whose agent stopped reporting.
    case ttlChecker = "ttl_checker"
    /// Publishes the queue depth the agents scale by.
    case scalingMetrics = "scaling_metrics"
    /// Drains nodes EKS is about to remove.
    case nodeDrainer = "node_drainer"

    /// Functions EventBridge runs every minute (the rest answer the REST API).
    @_spi(Tools) public var isScheduled: Bool { self == .ttlChecker || self == .scalingMetrics || self == .nodeDrainer }

    /// The handler in HTC-Grid's package of the function.
    @_spi(Tools) public var handler: String {
        switch self {
        case .submitTask: "submit_tasks.lambda_handler"
        case .nodeDrainer: "handler.lambda_handler"
        default: "\(rawValue).lambda_handler"
        }
    }

    /// Seconds a scheduled function may run (HTC-Grid's own figures: less than the minute between
    /// runs, except the drainer, which waits for pods to leave); nil for the API functions, which
    /// take `lambda_timeout`.
    @_spi(Tools) public var scheduledTimeoutSeconds: Int? {
        switch self {
        case .ttlChecker: 55
        case .scalingMetrics: 60
        case .nodeDrainer: 900
        default: nil
        }
    }
}

/// Names of a grid's AWS resources: HTC-Grid's, each suffixed with the project name.
@_spi(Tools) public struct HTCGridNames: Hashable, Sendable {
    /// The project name every name ends with.
    @_spi(Tools) public var project: String
    /// Globally unique: a stable digest of deployment, module and region keeps two deployments apart.
    @_spi(Tools) public var payloadBucket: String

    /// The SQS queue of a priority.
    @_spi(Tools) public func taskQueue(_ priority: Int) -> String { "htc-task-queue-\(project)__\(priority)" }
    /// Its dead-letter queue.
    @_spi(Tools) public func deadLetterQueue(_ priority: Int) -> String { "htc-task-queue-dlq-\(project)__\(priority)" }
    /// The DynamoDB state table.
    @_spi(Tools) public var stateTable: String { "htc-tasks-state-table-\(project)" }
    /// The EKS cluster.
    @_spi(Tools) public var cluster: String { "htc-\(project)" }
    /// The ElastiCache replication group.
    @_spi(Tools) public var redis: String { "htc-\(project)" }
    /// The API Gateway REST API.
    @_spi(Tools) public var api: String { "htc-\(project)" }
    /// The KMS key's alias.
    @_spi(Tools) public var kmsAlias: String { "alias/htc-\(project)" }
    /// A control-plane function.
    @_spi(Tools) public func function(_ function: HTCFunction) -> String { "\(function.rawValue)-\(project)" }
    /// An IAM role.
    @_spi(Tools) public func role(_ name: String) -> String { "htc-\(name)-\(project)" }
    /// The EventBridge rule that runs a scheduled function.
    @_spi(Tools) public func schedule(_ function: HTCFunction) -> String { "htc-\(function.rawValue)-\(project)" }
    /// A function's CloudWatch log group.
    @_spi(Tools) public func logGroup(_ function: HTCFunction) -> String { "/aws/lambda/\(self.function(function))" }
    /// The EKS control plane's CloudWatch log group.
    @_spi(Tools) public var clusterLogGroup: String { "/aws/eks/\(cluster)/cluster" }
}

extension HTCGridNames {
    /// Every name AWS bounds in length, with the service's limit: what `HPC4018` checks.
    @_spi(Tools) public func bounded(_ grid: HTCGrid) -> [(what: String, name: String, limit: Int)] {
        var names: [(String, String, Int)] = [
            ("SQS queue", deadLetterQueue(grid.priorities - 1), 80),
            ("DynamoDB table", stateTable, 255),
            ("EKS cluster", cluster, 100),
        ]
        names += HTCFunction.allCases.map { ("Lambda function", function($0), 64) }
        names += HTCFunction.allCases.map { ("IAM role", role($0.rawValue), 64) }
        names += HTCFunction.allCases.filter(\.isScheduled).map { ("EventBridge rule", schedule($0), 64) }
        names += [("IAM role", role("eks-cluster"), 64), ("IAM role", role("eks-nodes"), 64)]
        if grid.storage.usesS3 { names.append(("S3 bucket", payloadBucket, 63)) }
        if grid.storage.usesRedis { names.append(("ElastiCache replication group", redis, 40)) }
        return names
    }
}
