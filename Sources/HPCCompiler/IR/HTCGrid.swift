/// An HTC-Grid task grid on AWS: task queues per priority, the state table, the payload store,
/// the Lambda control plane and the EKS cluster the agents run on.
public struct HTCGrid: Hashable, Sendable {
    public var origin: Origin
    public var region: String
    /// HTC-Grid's `project_name`: the suffix of every resource name.
    public var projectName: String
    public var vpc: TerraformText
    /// Private subnets of the EKS cluster, the functions and Redis (two availability zones or more).
    public var subnets: [TerraformText]
    /// The group functions and worker nodes join, which Redis admits.
    public var securityGroup: TerraformText
    public var storage: HTCPayloadStorage
    /// Task queues, priority 0 first.
    public var priorities: Int
    /// Deliveries before a task message moves to its dead-letter queue.
    public var maxReceiveCount: Int
    public var stateTable: HTCStateTable
    public var agents: HTCAgents
    public var workerGroups: [HTCWorkerGroup]
    public var kubernetesVersion: String
    public var nodeVolumeGiB: Int
    public var clusterAccess: [HTCClusterAccess]
    public var controlPlane: HTCControlPlane
    public var redis: HTCRedis
    /// S3 keeps earlier versions of payload objects.
    public var payloadVersioning: Bool
    /// `PRIVATE` or `REGIONAL`.
    public var apiEndpointType: String
    public var logRetentionDays: Int
    public var kmsDeletionWindowDays: Int
    public var planning: HTCPlanning
    /// Prefix lengths of the VPC's private and public subnets, for HTC-Grid's
    /// `vpc_cidr_block_private` and `vpc_cidr_block_public`.
    public var privateSubnetPrefix: Int
    public var publicSubnetPrefix: Int
    /// Names of the grid's resources.
    public var names: HTCGridNames
}

/// Where task payloads live (HTC-Grid's `grid_storage_service`).
public enum HTCPayloadStorage: String, Hashable, Sendable {
    case s3 = "S3"
    case redis = "REDIS"
    case s3AndRedis = "S3+REDIS"

    public var usesS3: Bool { self != .redis }
    public var usesRedis: Bool { self != .s3 }
}

/// The DynamoDB state table: provisioned capacity for the table and each of its two indexes.
public struct HTCStateTable: Hashable, Sendable {
    public var readCapacity: Int
    public var writeCapacity: Int
    /// DynamoDB refuses to delete the table until this is turned off.
    public var deletionProtection: Bool
}

/// The agent pods and their autoscaling bounds.
public struct HTCAgents: Hashable, Sendable {
    public var minimum: Int
    public var maximum: Int
    /// Millicores requested and allowed.
    public var cpuRequestMilli: Int
    public var cpuLimitMilli: Int
    /// MiB requested and allowed.
    public var memoryRequestMiB: Int
    public var memoryLimitMiB: Int
    /// S3 URI of the workload zip.
    public var workloadLocation: String
    public var runtime: String
    public var handlerFile: String
    public var handlerFunction: String
}

/// An EKS managed node group the agents run on.
public struct HTCWorkerGroup: Hashable, Sendable {
    public var name: String
    public var instanceTypes: [String]
    /// `SPOT` or `ON_DEMAND`.
    public var capacityType: String
    public var minSize: Int
    public var maxSize: Int
    public var desiredSize: Int
}

/// An IAM role given access to the EKS cluster (HTC-Grid's `input_role`, an aws-auth entry there).
public struct HTCClusterAccess: Hashable, Sendable {
    public var roleARN: String
    public var userName: String
    public var groups: [String]
}

/// Where HTC-Grid's control-plane packages are and how the functions run.
public struct HTCControlPlane: Hashable, Sendable {
    public var codeBucket: String
    /// Key prefix, empty or ending in `/`.
    public var codePrefix: String
    public var runtime: String
    public var memoryMB: Int
    public var timeoutSeconds: Int
}

/// The ElastiCache Redis payload store (when `storage` uses Redis).
public struct HTCRedis: Hashable, Sendable {
    public var nodeType: String
    public var engineVersion: String
    /// A primary and replicas; two or more fail over automatically across zones.
    public var nodes: Int
}

/// The figures a throughput plan starts from.
public struct HTCPlanning: Hashable, Sendable {
    public var taskSeconds: Double
    public var targetTasksPerSecond: Double?
}

/// The control-plane functions, in HTC-Grid's names and order.
public enum HTCFunction: String, CaseIterable, Hashable, Sendable {
    case submitTask = "submit_task"
    case getResults = "get_results"
    case cancelTasks = "cancel_tasks"
    case ttlChecker = "ttl_checker"
    case scalingMetrics = "scaling_metrics"
    case nodeDrainer = "node_drainer"

    /// Functions EventBridge runs every minute (the rest answer the REST API).
    public var isScheduled: Bool { self == .ttlChecker || self == .scalingMetrics || self == .nodeDrainer }

    /// The handler in HTC-Grid's package of the function.
    public var handler: String {
        switch self {
        case .submitTask: "submit_tasks.lambda_handler"
        case .nodeDrainer: "handler.lambda_handler"
        default: "\(rawValue).lambda_handler"
        }
    }

    /// Seconds a scheduled function may run (HTC-Grid's own figures: less than the minute between
    /// runs, except the drainer, which waits for pods to leave); nil for the API functions, which
    /// take `lambda_timeout`.
    public var scheduledTimeoutSeconds: Int? {
        switch self {
        case .ttlChecker: 55
        case .scalingMetrics: 60
        case .nodeDrainer: 900
        default: nil
        }
    }
}

/// Names of a grid's AWS resources: HTC-Grid's, each suffixed with the project name.
public struct HTCGridNames: Hashable, Sendable {
    public var project: String
    /// Globally unique: a stable digest of deployment, module and region keeps two deployments apart.
    public var payloadBucket: String

    public func taskQueue(_ priority: Int) -> String { "htc-task-queue-\(project)__\(priority)" }
    public func deadLetterQueue(_ priority: Int) -> String { "htc-task-queue-dlq-\(project)__\(priority)" }
    public var stateTable: String { "htc-tasks-state-table-\(project)" }
    public var cluster: String { "htc-\(project)" }
    public var redis: String { "htc-\(project)" }
    public var api: String { "htc-\(project)" }
    public var kmsAlias: String { "alias/htc-\(project)" }
    public func function(_ function: HTCFunction) -> String { "\(function.rawValue)-\(project)" }
    public func role(_ name: String) -> String { "htc-\(name)-\(project)" }
    public func schedule(_ function: HTCFunction) -> String { "htc-\(function.rawValue)-\(project)" }
    public func logGroup(_ function: HTCFunction) -> String { "/aws/lambda/\(self.function(function))" }
    public var clusterLogGroup: String { "/aws/eks/\(cluster)/cluster" }
}

extension HTCGridNames {
    /// Every name AWS bounds in length, with the service's limit: what `HPC4018` checks.
    public func bounded(_ grid: HTCGrid) -> [(what: String, name: String, limit: Int)] {
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
