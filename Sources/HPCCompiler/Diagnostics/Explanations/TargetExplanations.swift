// Explanations of the 4xxx (target-specific) codes.

extension DiagnosticCode {
    static let targetExplanations: [DiagnosticCode: RuleExplanation] = [
        .unrepresentableValue: RuleExplanation(
            """
            A value holds characters the format it is written to cannot carry: a newline, '#' or whitespace in \
            slurm.conf, a character outside bwVisu's `A-Z a-z 0-9 . / _ -`, text Python's ConfigParser would misread \
            in HPCStats' INI files. hpcc refuses rather than rewriting the value, so nothing can add a line or a key \
            to a generated file.
            """,
            example: "settings:\n  partition_conf: {MaxTime: \"1 day\"}",
            fix: "Use a value the format can hold (the message says what is not allowed)."),
        .parallelClusterName: RuleExplanation(
            """
            A ParallelCluster cluster name must start with a letter, hold letters, digits and '-', and be at most 60 \
            characters, or 40 when Slurm accounting is on (it prefixes the accounting tables).
            """,
            example: "settings:\n  cluster_name: 1st_cluster",
            fix: "Use a name that starts with a letter and is short enough."),
        .parallelClusterResourceName: RuleExplanation(
            """
            Queue and compute resource names must be lowercase letters, digits and '-', start with a letter, be at \
            most 25 characters, not be `default`, and be unique where ParallelCluster requires.
            """,
            example: "queues:\n- name: Batch_Queue",
            fix: "Use a short lowercase name."),
        .parallelClusterLimit: RuleExplanation(
            """
            ParallelCluster allows at most 50 compute resources in one queue; its validators refuse a larger queue and \
            the cluster cannot be created.
            """,
            example: "queues:\n- name: batch\n  compute_resources: [...]   # 51 entries",
            fix: "Spread the compute resources over several queues."),
        .parallelClusterQueueLimit: RuleExplanation(
            """
            ParallelCluster allows at most 50 queues and 50 compute resources in one cluster. This is a warning with a \
            hint: the work can be split over several clusters.
            """,
            example: "queues: [...]   # 51 queues",
            fix: "Split the queues over several clusters, or merge queues."),
        .computeResourceCounts: RuleExplanation(
            """
            Compute resource counts ParallelCluster refuses: `min_count` above `max_count`, or a Capacity Block \
            reservation without `min_count` equal to a positive `max_count`.
            """,
            example: "compute_resources:\n- name: c\n  instance_type: c6i.large\n  min_count: 10\n  max_count: 4",
            fix: "Keep min_count at or below max_count."),
        .parallelClusterStorage: RuleExplanation(
            """
            Shared storage ParallelCluster cannot mount or create as described: a type it does not take, too many of \
            one type, settings it cannot carry, an inline filesystem instead of a module, or a filesystem marked as \
            managed by ParallelCluster that no parallelcluster module uses.
            """,
            example:
                """
                settings:\n  network_storage: [{server_ip: 10.0.0.5, remote_mount: /export, local_mount: /data, \
                fs_type: nfs}]
                """,
            fix: "Use efs or fsx-lustre modules for ParallelCluster's shared storage."),
        .parallelClusterMountDir: RuleExplanation(
            """
            A ParallelCluster mount directory that is reserved (`/`, `/home` is allowed, `/opt/parallelcluster`, \
            `/opt/slurm`, ...), used twice, or nested inside another mount.
            """,
            example: "local_mount: /opt/slurm",
            fix: "Mount elsewhere."),
        .parallelClusterSubnets: RuleExplanation(
            """
            A queue spread over several subnets (availability zones) with something that needs one: EFA, a placement \
            group, or an FSx file system ParallelCluster creates.
            """,
            example: "queues:\n- name: mpi\n  multi_az: true\n  placement_group: true",
            fix: "Keep such queues in one subnet."),
        .parallelClusterInstances: RuleExplanation(
            """
            A compute resource or head node instance choice ParallelCluster refuses: none or both of `instance_type` \
            and `instance_types`, instance types of different architectures, or a head node with too little memory.
            """,
            example: "compute_resources:\n- name: c\n  instance_type: c6i.large\n  instance_types: [c6i.xlarge]",
            fix: "Give exactly one of the two, of one architecture."),
        .htcAgentBounds: RuleExplanation(
            """
            HTC grid agents scale between `min_htc_agents` and `max_htc_agents`: the minimum cannot exceed the \
            maximum, and a grid with no agent at all would never run a task.
            """,
            example: "settings:\n  min_htc_agents: 10\n  max_htc_agents: 5",
            fix: "Keep 0 ≤ min ≤ max and max ≥ 1."),
        .htcWorkerGroup: RuleExplanation(
            """
            An EKS worker group must keep min_size ≤ desired_size ≤ max_size, be able to start a node (max_size > 0), \
            and have a unique name.
            """,
            example: "eks_worker_groups:\n- name: workers\n  min_size: 2\n  desired_size: 1\n  max_size: 4",
            fix: "Order the sizes, and name each group once."),
        .htcCapacity: RuleExplanation(
            """
            The HTC grid's state table (and its indexes) is provisioned with this DynamoDB read and write capacity, \
            which must be positive.
            """,
            example: "settings:\n  dynamodb_default_write_capacity: 0",
            fix: "Give a positive capacity."),
        .htcStorageService: RuleExplanation(
            "HTC-Grid keeps task payloads in S3, in Redis, or in both (`S3`, `REDIS`, `S3+REDIS`).",
            example: "settings:\n  grid_storage_service: EFS",
            fix: "Choose one of the three."),
        .htcPriorities: RuleExplanation(
            "An HTC grid needs at least one task priority, since each priority is a task queue.",
            example: "settings:\n  task_priorities: 0",
            fix: "Give one or more priorities."),
        .lambdaLimits: RuleExplanation(
            """
            AWS Lambda allows 128-10240 MB of memory and a timeout of 1-900 s per function; the HTC grid's \
            control-plane functions are created with these values.
            """,
            example: "settings:\n  lambda_memory: 64",
            fix: "Use values within Lambda's limits."),
        .awsNameLength: RuleExplanation(
            """
            A resource name hpcc derives (with the deployment's prefix and a suffix) would break the AWS service's \
            length or character rules (for example 40 characters for an ElastiCache replication group, 64 for an IAM \
            role, 80 for an SQS queue).
            """,
            example: "vars:\n  deployment_name: a-very-long-deployment-name-for-the-htc-grid",
            fix: "Shorten the deployment name or the module id."),
        .htcAgentResources: RuleExplanation(
            """
            An HTC agent's CPU or memory request above its limit, or an agent larger than what a node of any worker \
            group can hold after the EKS reserve.
            """,
            example: "agent:\n  cpu_request_milli: 4000\n  cpu_limit_milli: 2000",
            fix: "Keep requests at or below limits, and agents smaller than the nodes."),
        .htcThroughput: RuleExplanation(
            """
            A warning from the throughput plan: the worker groups cannot hold `max_htc_agents`, or the grid cannot \
            sustain `target_tasks_per_second`; the help names the bottleneck (agents, task duration, state table \
            capacity) and what to change.
            """,
            example: "settings:\n  target_tasks_per_second: 10000\n  max_htc_agents: 10",
            fix: "Change what the help names, or lower the target; `ignore` the code if the plan is intended."),
        .htcSubnets: RuleExplanation(
            """
            EKS needs subnets in at least two availability zones for its control plane, so an HTC grid given fewer \
            cannot create its cluster.
            """,
            example: "settings:\n  private_subnet_ids: [subnet-0a]",
            fix: "Give subnets in two zones."),
        .htcEndpoints: RuleExplanation(
            """
            The grid runs in a VPC without an internet path and lacks a VPC endpoint of a service it calls (SQS, \
            DynamoDB, S3, ECR, ...). A warning, since a proxy or a peered network may carry the traffic.
            """,
            example:
                """
                - id: vpc\n  source: modules/network/aws-vpc\n  settings:\n    internet_access: false\n    \
                interface_endpoints: [logs]
                """,
            fix: "Add the endpoints the help lists, or `ignore` the code if traffic has another path."),
        .fsxBackups: RuleExplanation(
            """
            FSx for Lustre takes automatic daily backups only of persistent file systems (PERSISTENT_1, PERSISTENT_2) \
            that are not linked to S3: a SCRATCH file system, or one with data repository associations, cannot have \
            them, and a backup start time means nothing without them. Where FSx offers backups hpcc keeps them 7 \
            days unless the blueprint says otherwise.
            """,
            example: "settings:\n  deployment_type: SCRATCH_2\n  automatic_backup_retention_days: 7",
            fix:
                """
                Use PERSISTENT_2 without associations for backups, or set automatic_backup_retention_days: 0 and keep \
                the data in S3.
                """),
        .sessionManagerPath: RuleExplanation(
            """
            Session Manager reaches a node through the Systems Manager agent on it, which calls the ssm and \
            ssmmessages services over HTTPS. The head node's aws-vpc network has no internet path and no endpoints \
            for them, so the agent cannot register and `aws ssm start-session` finds no target. A warning, since a \
            proxy may carry the traffic.
            """,
            example:
                """
                - id: cluster\n  source: modules/scheduler/parallelcluster\n  use: [network]\n  settings:\n    \
                head_node:\n      session_manager: true
                """,
            fix: "Set `enable_session_manager: true` on the aws-vpc module, or `ignore` the code if a proxy carries it."
        ),
    ]
}
