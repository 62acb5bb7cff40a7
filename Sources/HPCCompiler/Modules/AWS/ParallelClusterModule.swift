/// `modules/scheduler/parallelcluster`: one module, whole.
enum ParallelClusterModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `AWSKey`'s.
    enum Key {
        static let clusterName = SettingKey<String>("cluster_name")
        static let os = SettingKey<PClusterOS>("os")
        static let customAMI = SettingKey<String>("custom_ami")
        static let vpcCIDR = SettingKey<String>("vpc_cidr")
        static let slurmDatabase = SettingKey<Value>("slurm_database")
        static let headNode = SettingKey<Value>("head_node")
        static let queues = SettingKey<Value>("queues")
        static let scaledownIdletime = SettingKey<Int>("scaledown_idletime")
        static let queueUpdateStrategy = SettingKey<PClusterQueueUpdateStrategy>("queue_update_strategy")
        static let memoryBasedScheduling = SettingKey<Bool>("enable_memory_based_scheduling")
        static let ec2Hostnames = SettingKey<Bool>("use_ec2_hostnames")
        static let logRetention = SettingKey<Int>("log_retention_in_days")
        static let detailedMonitoring = SettingKey<Bool>("detailed_monitoring")
        static let restAPI = SettingKey<Value>("rest_api")
    }

    static let schema = ModuleSchema(
        source: "modules/scheduler/parallelcluster", cloud: .aws,
        summary: "AWS ParallelCluster 3 cluster config, with a per-deployment ED25519 key pair",
        description: """
            Writes `parallelcluster/<id>.yaml`, a ParallelCluster 3 cluster config: head node, Slurm queues \
            and compute resources, the filesystems of its `network_storage` (EFS and FSx for Lustre, by id, or \
            created by ParallelCluster when their module says `managed_by: parallelcluster`), the Slurm \
            accounting database of a `use`d slurm-accounting module, tags, IMDSv2 and CloudWatch logs. Ids the \
            deployment creates are written as placeholders (`subnet-hpcc…`), so the file is a valid config on \
            its own; the group's Terraform output `cluster_config_<id>` holds the same text with the real ids \
            after apply. Creates an ED25519 key pair through a CloudFormation stack (`AWS::EC2::KeyPair`): the \
            private key stays in Parameter Store, out of hpcc's output and Terraform state. With `rest_api`, also \
            `parallelcluster/<id>-slurmrestd.sh`, the head node's REST API script, and the bucket and security \
            group it needs.
            """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.region, AWSSettings.tags,
            SettingSpec(
                Key.clusterName, .string,
                "Name of the cluster (`pcluster create-cluster --cluster-name`); null means `deployment_name`.",
                constraints: [
                    .pattern(
                        ParallelClusterLimits.clusterNamePattern, description: "a letter, then letters, digits and '-'")
                ]),
            SettingSpec(
                Key.os, .string, "Operating system of every node.", default: .string(PClusterOS.alinux2023.rawValue),
                constraints: [.oneOf(PClusterOS.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.customAMI, .string,
                "An AMI built for ParallelCluster on `os`; null uses the official ParallelCluster AMI.",
                constraints: [
                    .pattern("ami-([0-9a-z]{8}|[0-9a-z]{17})", description: "an AMI id such as `ami-0123456789abcdef0`")
                ]),
            SettingSpec(
                AWSKey.privateSubnets, .list(.string),
                """
                Subnets of the cluster (from a `use`d aws-vpc module): the head node and single-subnet queues use the \
                first, `multi_az` queues all.
                """,
                required: true),
            SettingSpec(
                AWSKey.vpcID, .string,
                "VPC of the cluster (from a `use`d aws-vpc module); `rest_api` puts its security group there."),
            SettingSpec(
                Key.vpcCIDR, .string,
                """
                Address space of the VPC (from a `use`d aws-vpc module): the head node admits SSH from it unless \
                `head_node.allowed_ssh_cidr` says otherwise.
                """
            ),
            SettingSpec(
                AWSKey.clusterSecurityGroup, .string,
                """
                A security group every node joins besides ParallelCluster's own (the aws-vpc module's cluster group, \
                which the filesystems admit).
                """
            ),
            SettingSpec(
                CommonKey.networkStorage, .list(CommonSettings.mountContract),
                """
                Filesystems to mount (from `use`d efs and fsx-lustre modules); each must be an EFS or FSx for Lustre \
                module.
                """,
                default: .list([])),
            SettingSpec(
                Key.slurmDatabase, ParallelClusterSettings.database,
                """
                Slurm accounting database (from a `use`d slurm-accounting module): `uri` (host:port), `user_name`, \
                `password_secret_arn` (Secrets Manager), `database_name`.
                """
            ),
            SettingSpec(
                Key.headNode, ParallelClusterSettings.headNode,
                """
                Head node: `instance_type`, `root_volume_size` (GiB), `allowed_ssh_cidr` (the CIDR admitted to SSH; \
                null means `vpc_cidr`, and an error when that is unset too, since ParallelCluster would open SSH to \
                0.0.0.0/0; a public range wider than a /8 is a warning, HPC3049), `session_manager` (give its role \
                AmazonSSMManagedInstanceCore through `HeadNode.Iam.AdditionalIamPolicies`, so `aws ssm start-session` \
                reaches it; in a VPC of the blueprint without internet path that needs the aws-vpc module's \
                `enable_session_manager` endpoints, HPC4024).
                """,
                default: .map([:])),
            SettingSpec(
                Key.queues, .list(ParallelClusterSettings.queue),
                """
                Slurm queues: `name`, `capacity_type` (ONDEMAND, SPOT, CAPACITY_BLOCK), `allocation_strategy`, \
                `placement_group`, `multi_az` (spread over every \
                private subnet), and `compute_resources`: `name`, `instance_type` or `instance_types`, `min_count`, \
                `max_count`, `efa`, `disable_hyperthreading`.
                """, required: true),
            SettingSpec(
                Key.scaledownIdletime, .number, "Minutes an idle dynamic node waits before it is terminated.",
                default: .int(10), constraints: [.integer, .range(min: -1, max: nil)]),
            SettingSpec(
                Key.queueUpdateStrategy, .string, "What a cluster update does to running compute nodes.",
                default: .string(PClusterQueueUpdateStrategy.drain.rawValue),
                constraints: [.oneOf(PClusterQueueUpdateStrategy.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.memoryBasedScheduling, .bool, "Slurm schedules memory as a consumable resource.",
                default: .bool(true)),
            SettingSpec(
                Key.ec2Hostnames, .bool,
                """
                Nodes keep their EC2 host names and ParallelCluster's Route 53 zone is off (a private VPC has no Route \
                53 endpoint).
                """,
                default: .bool(true)),
            SettingSpec(
                Key.logRetention, .number,
                "Days CloudWatch Logs keeps the cluster's logs (system, Slurm, job); null turns CloudWatch logs off.",
                default: .int(30),
                constraints: [.oneOf(ParallelClusterLimits.logRetentionDays.map(String.init))]),
            SettingSpec(Key.detailedMonitoring, .bool, "One-minute EC2 metrics.", default: .bool(false)),
            SettingSpec(
                Key.restAPI, RestAPISettings.settingType(defaultPort: ParallelClusterLimits.restAPIPort),
                RestAPISettings.description(
                    port: ParallelClusterLimits.restAPIPort,
                    listen: "null: the head node's host name; `0.0.0.0`: every address; `127.0.0.1`: the head node only"
                ) + " " + ParallelClusterSettings.restAPIDescription),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case clusterName = "cluster_name"
        case clusterConfig = "cluster_config"
        case keyPairName = "key_pair_name"
        case privateKeyParameter = "private_key_parameter"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .clusterName: (.string, "Name of the cluster.")
            case .clusterConfig:
                (
                    .string,
                    """
                    The cluster config with the deployment's ids: pass it to `pcluster create-cluster \
                    --cluster-configuration`.
                    """
                )
            case .keyPairName: (.string, "The EC2 key pair of the head node.")
            case .privateKeyParameter:
                (
                    .string,
                    "Parameter Store name of the private key (`aws ssm get-parameter --with-decryption --name ...`)."
                )
            }
        }
    }

    static let exposedByDefault: [Output] = [.clusterName, .clusterConfig, .keyPairName, .privateKeyParameter]

    static func emit(_ entity: ParallelCluster, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in
            AWSParallelClusterResources.emit(
                entity, defaults: group.defaultTags, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: ParallelCluster, module: ModuleID, path: [Accessor]) -> OutputValue {
        AWSParallelClusterResources.value(of: output, cluster: entity, module: module, path: path)
    }
}

/// Object shapes of the parallelcluster module's settings.
enum ParallelClusterSettings {
    static let restAPIDescription = """
        On ParallelCluster the two `AuthAlt*` lines go into `Scheduling.SlurmSettings.CustomSlurmSettings` (its deny \
        list leaves them to the user; ParallelCluster builds Slurm with JWT and slurmrestd but configures neither), \
        the JWKS defaults to `/opt/slurm/etc/jwks.json`, and hpcc creates a private S3 bucket holding the head \
        node's `parallelcluster/<id>-slurmrestd.sh`, which ParallelCluster runs as `OnNodeStart` (the keys, before \
        slurmctld starts), `OnNodeConfigured` and `OnNodeUpdated` (slurmdbd's `AuthAlt*` lines, slurmrestd), and a \
        security group on the head node admitting `allowed_clients` to the port (needs `vpc_id`).
        """

    static let database = SettingType.object([
        .required("uri", .string), .required("user_name", .string), .required("password_secret_arn", .string),
        .optional("database_name", .string),
    ])

    static let headNode = SettingType.object([
        .optional("instance_type", .string, .string("t3.medium")),
        .optional("root_volume_size", .number, .int(50), constraints: [.integer, .range(min: 1, max: nil)]),
        .optional("allowed_ssh_cidr", .string),
        .optional("session_manager", .bool, .bool(false)),
    ])

    static let computeResource = SettingType.object([
        .required("name", .string), .optional("instance_type", .string), .optional("instance_types", .list(.string)),
        .optional("min_count", .number, .int(0), constraints: [.integer, .range(min: 0, max: nil)]),
        .optional("max_count", .number, .int(10), constraints: [.integer, .range(min: 1, max: nil)]),
        .optional("efa", .bool, .bool(false)), .optional("disable_hyperthreading", .bool, .bool(false)),
    ])

    static let queue = SettingType.object([
        .required("name", .string),
        .optional(
            "capacity_type", .string, .string(PClusterCapacityType.onDemand.rawValue),
            constraints: [.oneOf(PClusterCapacityType.allCases.map(\.rawValue))]),
        .optional(
            "allocation_strategy", .string, constraints: [.oneOf(PClusterAllocationStrategy.allCases.map(\.rawValue))]),
        .optional("placement_group", .bool, .bool(false)), .optional("multi_az", .bool, .bool(false)),
        .required("compute_resources", .list(computeResource)),
    ])
}

/// ParallelCluster 3.16's limits and vocabularies (its `pcluster/constants.py` and validators).
enum ParallelClusterLimits {
    /// The REST API's default port: ParallelCluster's slurm.conf gives slurmctld 6820-6829.
    static let restAPIPort = 6830
    /// Ports the Slurm daemons of a ParallelCluster head node hold: slurmd 6818, slurmdbd 6819,
    /// slurmctld 6820-6829 (its cookbook's slurm.conf).
    static let slurmPorts = 6817...6829
    /// The Slurm release ParallelCluster 3.16.1 builds (its release notes).
    static let slurmVersion = "25.11"
    /// The install prefix of ParallelCluster's Slurm on every node.
    static let slurmPrefix = "/opt/slurm"
    /// A cluster name: a letter, then letters, digits and '-'.
    static let clusterNamePattern = "[a-zA-Z][a-zA-Z0-9-]*"
    /// Characters in a cluster name, at most.
    static let clusterNameMaximum = 60
    /// With Slurm accounting ParallelCluster derives database names from the cluster name.
    static let clusterNameMaximumWithAccounting = 40
    /// The retention periods CloudWatch Logs offers, in days.
    static let logRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653]
    /// The Lustre version of the FSx file systems ParallelCluster creates.
    static let lustreVersion = "2.15"
    /// Queue and compute resource names.
    static let resourceNamePattern = "[a-z][a-z0-9-]*"
    /// Characters in a queue or compute resource name, at most.
    static let resourceNameMaximum = 25
    /// Queues per cluster, at most.
    static let queuesMaximum = 50
    /// Compute resources per queue, at most.
    static let computeResourcesPerQueueMaximum = 50
    /// Compute resources per cluster, at most.
    static let computeResourcesPerClusterMaximum = 50
    /// Filesystems ParallelCluster creates with the cluster, per type.
    static let newStorageMaximum = ["Efs": 1, "FsxLustre": 1]
    /// Existing filesystems a cluster mounts, per type.
    static let existingStorageMaximum = ["Efs": 20, "FsxLustre": 20]
    /// Mount directories ParallelCluster keeps for itself.
    static let reservedMountDirs = [
        "/bin", "/boot", "/dev", "/etc", "/lib", "/lib64", "/media", "/mnt", "/opt", "/opt/intel",
        "/opt/parallelcluster",
        "/opt/parallelcluster/shared", "/opt/parallelcluster/shared_login_nodes", "/opt/slurm", "/proc", "/root",
        "/run",
        "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var",
    ]
}
