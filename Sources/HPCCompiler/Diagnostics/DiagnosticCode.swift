/// Every diagnostic code hpcc can emit. Codes are stable: never renumber or reuse; a retired code
/// stays a comment.
/// 1xxx syntax, 2xxx schema, 3xxx semantic rules, 4xxx target-specific, 5xxx I/O.
public enum DiagnosticCode: String, Sendable, Hashable, Codable, CaseIterable {
    // 1xxx: syntax
    case yamlSyntax = "HPC1001"
    case duplicateKey = "HPC1002"
    case nonStringKey = "HPC1003"
    case aliasExpansion = "HPC1004"
    case emptyDocument = "HPC1005"
    case unsupportedYAML = "HPC1006"
    case expressionSyntax = "HPC1007"
    case inputTooLarge = "HPC1008"
    case valueTooLong = "HPC1009"
    case listTooLong = "HPC1010"
    case nestingTooDeep = "HPC1011"

    // 2xxx: schema
    case unknownKey = "HPC2001"
    case missingKey = "HPC2002"
    case wrongShape = "HPC2003"
    case unknownSetting = "HPC2004"
    case unknownSource = "HPC2005"
    case typeMismatch = "HPC2006"
    case constraintViolation = "HPC2007"
    case missingSetting = "HPC2008"
    case settingNoEffect = "HPC2009"
    case yaml11Scalar = "HPC2010"
    case invalidName = "HPC2011"
    case duplicateName = "HPC2012"
    case unsupportedModuleKind = "HPC2013"
    case keyNoEffect = "HPC2014"
    case unknownAttribute = "HPC2015"
    case unknownValidator = "HPC2016"
    case unknownDiagnosticCode = "HPC2017"
    case deprecatedSetting = "HPC2018"
    case settingNotSupported = "HPC2019"
    case toolkitRelease = "HPC2020"

    // 3xxx: semantic rules
    case unknownVariable = "HPC3001"
    case variableCycle = "HPC3002"
    case unknownModule = "HPC3003"
    case unknownOutput = "HPC3004"
    case laterGroupReference = "HPC3005"
    case variableReferencesModule = "HPC3006"
    case expressionNotAllowed = "HPC3007"
    case useWiresNothing = "HPC3008"
    case moduleNotUsed = "HPC3009"
    case moduleCycle = "HPC3010"
    case unknownMachineType = "HPC3011"
    case staticNodesInExclusivePartition = "HPC3012"
    case partitionWithoutNodesets = "HPC3013"
    case duplicateSlurmName = "HPC3014"
    case defaultPartitionCount = "HPC3015"
    case invalidNetworkRange = "HPC3016"
    case notKnownAtCompileTime = "HPC3017"
    case zoneNotInRegion = "HPC3018"
    case unusedVariable = "HPC3019"
    case validatorNeedsCloud = "HPC3020"
    case conflictingMounts = "HPC3021"
    // HPC3022 (a partition no controller uses) was never reported: HPC3009 covers it. Retired.
    case hostnameTooLong = "HPC3023"
    case acceleratorMismatch = "HPC3024"
    case unsupportedFunction = "HPC3025"
    case capacityOutOfRange = "HPC3026"
    case sharedByControllers = "HPC3027"
    case diskTypeUnsupported = "HPC3028"
    case storageSettingsMismatch = "HPC3029"
    case invalidStartupRunner = "HPC3030"
    case fsxThroughput = "HPC3031"
    case fsxStorageType = "HPC3032"
    case dataRepositoryAssociation = "HPC3033"
    case mixedClouds = "HPC3034"
    case accountingSubnets = "HPC3035"
    case accountingDatabaseName = "HPC3036"
    case accountingIdentifier = "HPC3037"
    case invalidHostList = "HPC3038"
    case overlappingHosts = "HPC3039"
    case unknownNodeGroup = "HPC3040"
    case nodeHardware = "HPC3041"
    case portRange = "HPC3042"
    case portCollision = "HPC3043"
    case gatewayAddress = "HPC3044"
    case unknownPartition = "HPC3045"
    case unsupportedCluster = "HPC3046"
    case statsHardware = "HPC3047"
    case statsAccounting = "HPC3048"
    case sshFromInternet = "HPC3049"
    case unconfirmedSlurmImage = "HPC3050"
    case kmsKeyLocation = "HPC3051"
    case restAPIKeys = "HPC3060"
    case restAPIService = "HPC3061"
    // Issue 20, job scripts and workbench identity (numbered apart from concurrent work).
    case invalidJobScript = "HPC3057"
    case workbenchIdentity = "HPC3058"
    case authKeyAccess = "HPC3059"
    case passwordInBlueprint = "HPC3055"
    case cloudSQLSettings = "HPC3056"
    // Issue 22: zone offerings of both clouds.
    case instanceTypeNotInZone = "HPC3065"
    case noDefaultPartition = "HPC3066"

    // 4xxx: target-specific
    case unrepresentableValue = "HPC4001"
    // HPC4002 (a name Terraform reserves) had no place hpcc emits such a name. Retired.
    case parallelClusterName = "HPC4003"
    case parallelClusterResourceName = "HPC4004"
    case parallelClusterLimit = "HPC4005"
    case parallelClusterQueueLimit = "HPC4006"
    case computeResourceCounts = "HPC4007"
    case parallelClusterStorage = "HPC4008"
    case parallelClusterMountDir = "HPC4009"
    case parallelClusterSubnets = "HPC4010"
    case parallelClusterInstances = "HPC4011"
    case htcAgentBounds = "HPC4012"
    case htcWorkerGroup = "HPC4013"
    case htcCapacity = "HPC4014"
    case htcStorageService = "HPC4015"
    case htcPriorities = "HPC4016"
    case lambdaLimits = "HPC4017"
    case awsNameLength = "HPC4018"
    case htcAgentResources = "HPC4019"
    case htcThroughput = "HPC4020"
    case htcSubnets = "HPC4021"
    case htcEndpoints = "HPC4022"
    case fsxBackups = "HPC4023"
    case sessionManagerPath = "HPC4024"

    // 5xxx: I/O
    case readFailed = "HPC5001"
    case writeFailed = "HPC5002"
    case invalidOverride = "HPC5003"
    case notUTF8 = "HPC5004"
    case includedFileUnreadable = "HPC5005"
    case foreignFolder = "HPC5006"
    case staleDeployment = "HPC5007"

    // 9xxx: hpcc itself
    case internalError = "HPC9001"

    /// The severity a finding with this code has unless the reporter says otherwise.
    public var defaultSeverity: Severity {
        switch self {
        case .settingNoEffect, .yaml11Scalar, .keyNoEffect, .validatorNeedsCloud, .parallelClusterQueueLimit,
            .htcThroughput, .htcEndpoints, .sessionManagerPath,
            .sshFromInternet, .unconfirmedSlurmImage, .workbenchIdentity, .noDefaultPartition, .toolkitRelease:
            .warning
        default:
            .error
        }
    }

    /// Codes the blueprint's validators report: errors under `validation_level: ERROR` (the
    /// default), warnings under `WARNING`.
    static let validatorCodes: Set<DiagnosticCode> = [.useWiresNothing, .unusedVariable, .zoneNotInRegion]

    /// Whether `ignore:` may name the code: warnings can be silenced, errors cannot.
    public var canBeIgnored: Bool {
        defaultSeverity != .error || Self.validatorCodes.contains(self)
    }

    /// One line saying what the code means.
    public var summary: String {
        switch self {
        case .yamlSyntax: "the text is not valid YAML"
        case .duplicateKey: "a mapping names the same key twice"
        case .nonStringKey: "a mapping key is not a non-empty string"
        case .aliasExpansion: "anchors and aliases expand the document past the size limit"
        case .emptyDocument: "the blueprint file holds no document"
        case .unsupportedYAML: "a YAML feature blueprints do not allow (custom tags, bad merge keys)"
        case .expressionSyntax: "a $(...) expression cannot be parsed"
        case .inputTooLarge: "the blueprint file is larger than hpcc reads (4 MiB)"
        case .valueTooLong: "one value is longer than hpcc reads (512 KiB)"
        case .listTooLong: "a list or mapping holds more items than hpcc reads (100,000)"
        case .nestingTooDeep: "lists, mappings, expressions or variables nest deeper than hpcc reads (64 levels)"
        case .unknownKey: "a key the blueprint language does not define"
        case .missingKey: "a required blueprint key is missing"
        case .wrongShape: "a blueprint key holds the wrong kind of value (a list where a mapping belongs, ...)"
        case .unknownSetting: "a setting the module does not have"
        case .unknownSource: "a module source that is neither built in nor a local path"
        case .typeMismatch: "a value of the wrong type for its setting"
        case .constraintViolation: "a value outside what its setting allows (enum, range, pattern, multiple)"
        case .missingSetting: "a required module setting is not set and no variable or used module provides it"
        case .settingNoEffect:
            "a setting that is moot in hpcc: hpcc reaches the same end another way, which the warning names"
        case .yaml11Scalar: "a plain scalar that YAML 1.1 and YAML 1.2 read differently"
        case .invalidName: "a name that breaks its naming rule (blueprint, group, module id, variable)"
        case .duplicateName: "two groups or modules share a name"
        case .unsupportedModuleKind: "a module kind that does not fit it, or a packer module sharing its group"
        case .keyNoEffect: "a blueprint key hpcc accepts for compatibility but that changes nothing"
        case .unknownAttribute: "an object setting holds an attribute its type does not have"
        case .unknownValidator: "a validator name hpcc does not know"
        case .unknownDiagnosticCode: "an `ignore` entry that is not a diagnostic code, or names an error"
        case .deprecatedSetting: "a setting Cluster Toolkit removed; the help names its replacement"
        case .settingNotSupported: "a setting asks for something hpcc does not build yet; the deployment would lack it"
        case .toolkitRelease: "a Cluster Toolkit module pinned to a release from its repository, compiled as hpcc's own"
        case .unknownVariable: "a reference to a deployment variable that does not exist"
        case .variableCycle: "deployment variables reference each other in a cycle"
        case .unknownModule: "a reference to a module id that does not exist"
        case .unknownOutput: "a reference to an output the module does not have"
        case .laterGroupReference: "a module references a module of a later deployment group"
        case .variableReferencesModule: "a deployment variable references a module output"
        case .expressionNotAllowed: "an expression where the blueprint language allows only literals"
        case .useWiresNothing: "a `use` entry whose outputs feed no input of the using module"
        case .moduleNotUsed: "a module that only makes sense when another module uses it is not used"
        case .moduleCycle: "modules reference each other in a cycle"
        case .unknownMachineType: "a machine type that is not in hpcc's machine catalog"
        case .instanceTypeNotInZone: "a machine or instance type (or GPU) placed in a zone that does not offer it"
        case .noDefaultPartition: "a cluster with several partitions has no default one: jobs must name a partition"
        case .staticNodesInExclusivePartition: "an exclusive partition holds static nodes"
        case .partitionWithoutNodesets: "a partition has no nodeset"
        case .duplicateSlurmName: "two partitions, nodesets, node groups or login groups of one cluster share a name"
        case .defaultPartitionCount: "a cluster with several partitions does not have exactly one default partition"
        case .invalidNetworkRange: "an address range is not a valid CIDR or overlaps another"
        case .notKnownAtCompileTime: "a value hpcc must know at compile time comes from Terraform at apply time"
        case .zoneNotInRegion: "a zone that does not belong to the region"
        case .unusedVariable: "a deployment variable no setting uses"
        case .validatorNeedsCloud: "a validator that needs cloud APIs; hpcc runs offline and skips it"
        case .conflictingMounts: "two filesystems mount at the same path on one cluster"
        case .hostnameTooLong: "a generated host name is longer than 63 characters"
        case .acceleratorMismatch: "GPUs that do not fit the machine type"
        case .unsupportedFunction: "an expression calls a function hpcc does not evaluate"
        case .capacityOutOfRange: "a filesystem capacity the service does not offer for the chosen tier"
        case .sharedByControllers: "a partition or login group used by more than one controller"
        case .diskTypeUnsupported: "a disk type the machine family does not support"
        case .storageSettingsMismatch:
            """
            settings of imported storage that do not fit its fs_type (a missing or extra server, a malformed export, \
            filesystem or bucket name)
            """
        case .invalidStartupRunner:
            "a startup-script runner with an unknown type, no or two contents, a bad destination or args"
        case .invalidJobScript:
            "a prolog, epilog, task prolog or task epilog script with a bad or repeated file name or unusable content"
        case .workbenchIdentity:
            "a workbench whose JupyterLab user would not be the owner's OS Login account on a shared home"
        case .authKeyAccess:
            "cluster nodes whose scopes do not let them read the authentication key from Secret Manager"
        case .fsxThroughput:
            """
            an FSx for Lustre per-unit storage throughput that is missing, not allowed, or not offered for the \
            deployment and storage type
            """
        case .fsxStorageType: "an FSx for Lustre storage type or Lustre version the deployment type does not offer"
        case .dataRepositoryAssociation:
            """
            an FSx data repository association the file system cannot have (SCRATCH_1 or Lustre 2.10, a repeated path, \
            an event outside NEW, CHANGED, DELETED, a path that is not s3://)
            """
        case .mixedClouds:
            """
            GCP and AWS modules in one deployment group, AWS modules of two regions in one group, or a GCP module \
            mounting an AWS filesystem
            """
        case .accountingSubnets:
            """
            an accounting database with fewer than two subnets: RDS needs a subnet group in at least two availability \
            zones
            """
        case .accountingDatabaseName: "an accounting database user name RDS for MariaDB keeps for itself"
        case .accountingIdentifier:
            """
            an RDS instance identifier derived from deployment_name and the module id that RDS refuses (longer than 63 \
            characters)
            """
        case .invalidHostList:
            "a host list that is not Slurm's notation (`cn[001-200]`), or names more hosts than any cluster has"
        case .overlappingHosts: "a host named twice by one node group's host list, or by two node groups"
        case .unknownNodeGroup: "a partition naming a node group the cluster does not have"
        case .nodeHardware:
            "a node group's memory or frequency not in HPCStats' units (MB/GB/TB, MHz/GHz), or real_memory above memory"
        case .portRange:
            """
            a port range outside 1024-65535, reversed, too small for its gateways, or overlapping another bwVisu range \
            on the same host
            """
        case .portCollision:
            """
            a keyhole port range that holds the port of a service on a gateway or compute node (SSH, Slurm, keyholed, \
            etcd, reserved_ports)
            """
        case .gatewayAddress: "a bwVisu gateway without an external address, or two gateways sharing a host or address"
        case .unknownPartition: "a partition the used cluster does not have"
        case .unsupportedCluster:
            "a module used with a cluster of a kind it cannot describe, or a cluster named that no module defines"
        case .statsHardware:
            """
            a node group HPCStats cannot describe: no CPU frequency or FLOPs per cycle, or a machine family whose CPU \
            platform varies
            """
        case .statsAccounting:
            "a cluster HPCStats cannot import jobs from: no Slurm accounting database, or a second hpcstats module"
        case .sshFromInternet:
            """
            SSH (TCP 22) admitted from the whole internet, or a public range wider than a /8: allowed, since the \
            blueprint asks, but warned
            """
        case .unconfirmedSlurmImage:
            """
            a Slurm node, login node or controller image from outside schedmd-slurm-public that instance_image_custom \
            does not confirm has Slurm installed
            """
        case .kmsKeyLocation: "a Cloud KMS key in another region than the disk, bucket or share it should encrypt"
        case .restAPIKeys:
            """
            the REST API's identity provider keys: neither or both of jwks_url and jwks, or a JWKS that is not public \
            RSA keys with kid, n and e (a private member such as d would be written to the output)
            """
        case .restAPIService:
            """
            a REST API no client may reach or the internet may, a slurmrestd that would run as root or SlurmUser, or \
            one a ParallelCluster head node cannot run as asked
            """
        case .passwordInBlueprint:
            "a database password written into the blueprint, where it would reach hpcc's output and the Terraform state"
        case .cloudSQLSettings:
            """
            Cloud SQL settings that do not fit together (a data cache without Enterprise Plus, authorized networks \
            with Private Service Connect)
            """
        case .unrepresentableValue: "a value holds characters the output format cannot carry"
        case .parallelClusterName:
            "a ParallelCluster cluster name that breaks its pattern or length (60 characters, 40 with Slurm accounting)"
        case .parallelClusterResourceName:
            """
            a ParallelCluster queue or compute resource name that is malformed, longer than 25 characters, `default`, \
            or repeated
            """
        case .parallelClusterLimit: "more compute resources in one queue than ParallelCluster allows (50)"
        case .parallelClusterQueueLimit:
            """
            more queues or compute resources than one ParallelCluster cluster allows (50 each): a warning, since \
            several clusters can carry them
            """
        case .computeResourceCounts:
            """
            compute resource counts ParallelCluster refuses (MinCount above MaxCount, Capacity Blocks without MinCount \
            = MaxCount > 0)
            """
        case .parallelClusterStorage:
            """
            shared storage ParallelCluster cannot mount or create as described (type, count, settings it cannot carry, \
            ownership)
            """
        case .parallelClusterMountDir:
            "a ParallelCluster mount directory that is reserved, repeated or nested in another"
        case .parallelClusterSubnets:
            """
            a queue spread over several subnets with something that needs one (EFA, a placement group, FSx created by \
            ParallelCluster)
            """
        case .parallelClusterInstances:
            """
            a compute resource or head node instance choice ParallelCluster refuses (none or both of instance_type and \
            instance_types, too little head node memory)
            """
        case .htcAgentBounds:
            "HTC grid agent bounds that cannot hold (min_htc_agents above max_htc_agents, or no agent at all)"
        case .htcWorkerGroup:
            """
            an EKS worker group whose sizes break min_size ≤ desired_size ≤ max_size, that can never start a node, or \
            whose name repeats
            """
        case .htcCapacity: "a DynamoDB capacity of the HTC grid's state table that is not positive"
        case .htcStorageService: "an HTC grid payload store other than S3, REDIS or S3+REDIS"
        case .htcPriorities: "an HTC grid with no task priority (no task queue)"
        case .lambdaLimits: "a Lambda memory size or timeout outside what AWS Lambda allows (128-10240 MB, 1-900 s)"
        case .awsNameLength:
            "a resource name that, with its prefix and suffix, breaks the AWS service's length or character rules"
        case .htcAgentResources:
            "HTC agent CPU or memory requests above their limits, or too large for a worker group's instance types"
        case .htcThroughput:
            """
            an HTC grid whose worker groups cannot hold max_htc_agents, or that cannot sustain \
            target_tasks_per_second: a warning with the bottleneck
            """
        case .htcSubnets: "an HTC grid with fewer than two subnets: EKS needs two availability zones"
        case .htcEndpoints:
            """
            an HTC grid in a VPC without internet path that lacks an endpoint of a service the grid calls: a warning, \
            since a proxy or peered network may carry it
            """
        case .fsxBackups:
            """
            FSx for Lustre backups asked for where FSx has none (a SCRATCH type, or a file system linked to S3), or \
            a backup start time without backups
            """
        case .sessionManagerPath:
            """
            a ParallelCluster head node set up for Session Manager in a VPC of the blueprint that has neither the \
            Systems Manager endpoints nor an internet path: a warning
            """
        case .readFailed: "the blueprint cannot be read"
        case .writeFailed: "the deployment folder cannot be written"
        case .invalidOverride: "a --vars argument is not NAME=VALUE"
        case .notUTF8: "the blueprint is not UTF-8 text"
        case .foreignFolder:
            "the output folder exists and hpcc did not write it (no manifest): replaced only with --force"
        case .staleDeployment:
            "a file of the deployment folder differs from what the blueprint compiles to (build --check)"
        case .internalError: "hpcc found a mistake of its own (a module output with no value): nothing is written"
        case .includedFileUnreadable: "a file the blueprint names (a runner's source) cannot be read as UTF-8 text"
        }
    }
}
