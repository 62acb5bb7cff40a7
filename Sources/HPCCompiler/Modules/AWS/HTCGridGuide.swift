/// The htc-grid module's planning note, on its reference page.
enum HTCGridGuide {
    static let text = """
        ## Planning for a throughput

        `hpcc build` prints one line per grid with the figures below, worked out from the blueprint; \
        `hpcc validate` warns (HPC4020) when the worker groups cannot hold `max_htc_agents`, or when the \
        plan falls short of `target_tasks_per_second`, naming the bottleneck and the value that would do. \
        HTC-Grid is for 250 to 10,000+ tasks per second; below 250, AWS Batch is the simpler tool, and \
        for tightly coupled MPI work ParallelCluster is.

        **Agents.** An agent runs one task at a time, so the agents sustain at most \
        `max_htc_agents ÷ task_duration_seconds` tasks per second — 100 agents and 2-second tasks give 50. \
        Only agents that have a node to run on count: a node holds as many agents as its allocatable CPU and \
        memory admit for the agent's requests (`minCPU` millicores, `minMemory` MiB). hpcc takes the node's \
        reserve as the EKS AMI does — CPU: 6 % of the first core, 1 % of the second, 0.5 % of the next two, \
        0.25 % of each further core; memory: 255 MiB plus 11 MiB for each pod the node may run, and a \
        100 MiB eviction threshold. The pod limit follows the node's network interfaces, which hpcc's \
        catalog does not hold, so it is taken as general-purpose types have it: 29 up to 2 vCPUs, 58 up to \
        8, 110 above. An agent that no node of a group's instance types can hold is an error (HPC4019). \
        hpcc counts, for each worker group, the instance type that holds the fewest \
        agents (the group may launch any of its types). An m6i.xlarge (4 vCPU, 16 GiB) holds 4 agents of \
        800m / 1200 MiB, so a group of at most 10 such nodes holds 40. `min_htc_agents` is what keeps \
        running when the queues are empty: each idle agent holds its share of a node.

        **State table.** Every task writes its DynamoDB item `3 + ⌊task_duration_seconds ÷ 5⌋` times: at \
        submission, when an agent claims it, when it finishes, and a heartbeat every 5 seconds while it \
        runs. The status index (`gsi_ttl_index`) takes each of those writes as well, and HTC-Grid gives \
        the table and each index the same provisioned capacity, so `dynamodb_default_write_capacity ÷ \
        writes per task` is the task rate the table sustains (items up to 1 KB; a larger item costs one \
        unit per KB). 300 WCU and 2-second tasks give 100 tasks per second. Reads (`get_results`, \
        the TTL checker) use `dynamodb_default_read_capacity` and rarely bound the plan.

        **Queues.** SQS standard queues take a nearly unlimited number of calls per second, so the \
        priority queues never bound the plan; `priorities` only decides how many levels of precedence \
        clients can ask for. A task that fails `max_receive_count` times moves to its priority's \
        dead-letter queue.

        **The plan** is the smaller of the two rates. To raise it: more agents (and worker-group \
        `max_size` to hold them) when agents bound it; more write capacity when the table does; \
        shorter tasks help both, up to a heartbeat interval.
        """
}
