/// What an HTC grid's settings imply for throughput: how many agents its worker groups can hold,
/// what those agents sustain at the blueprint's task duration, and what the state table's write
/// capacity sustains. The model (the htc-grid module's README explains it):
/// - an agent runs one task at a time: agents ÷ task duration tasks per second;
/// - a node holds as many agents as its allocatable CPU and memory admit (`allocatable`: the
///   node's reserve as the EKS AMI takes it) — of a group's instance types, the one holding
///   fewest counts;
/// - each task writes its state-table item `3 + ⌊duration ÷ 5 s⌋` times (submit, claim, finish,
///   and a heartbeat every 5 s), and the status index takes each of those writes too, with the
///   same provisioned capacity: write capacity ÷ writes per task tasks per second (items ≤ 1 KB);
/// - SQS standard queues take nearly unlimited calls per second, so they never bound the plan.
struct HTCThroughputPlan: Sendable {
    /// Seconds between an agent's heartbeats on its task (HTC-Grid's `task_ttl_refresh_interval_sec`).
    static let heartbeatSeconds = 5.0
    /// State-table writes every task makes besides heartbeats.
    static let writesPerTaskBase = 3

    /// The grid planned.
    let grid: HTCGrid
    /// Agents each worker group holds at max_size (nil when an instance type is unknown).
    let agentsPerGroup: [(group: HTCWorkerGroup, perNode: Int, atMaxSize: Int)]

    /// The plan of `grid`.
    init(_ grid: HTCGrid) {
        self.grid = grid
        agentsPerGroup = grid.workerGroups.map { group in
            let perNode =
                group.instanceTypes.compactMap(AWSInstanceCatalog.instanceType).map {
                    Self.agentsPerNode($0, agents: grid.agents)
                }.min() ?? 0
            return (group, perNode, perNode * group.maxSize)
        }
    }

    /// Agents the worker groups hold at their max_size.
    var agentSlots: Int { agentsPerGroup.reduce(0) { $0 + $1.atMaxSize } }
    /// Agents that can run at once.
    var runnableAgents: Int { min(grid.agents.maximum, agentSlots) }
    /// State-table writes one task costs: its state changes and a heartbeat per period it runs.
    var writesPerTask: Int { Self.writesPerTaskBase + Int(grid.planning.taskSeconds / Self.heartbeatSeconds) }
    /// Tasks per second the agents sustain.
    var agentBound: Double { Double(runnableAgents) / grid.planning.taskSeconds }
    /// Tasks per second the state table's write capacity sustains.
    var stateTableBound: Double { Double(grid.stateTable.writeCapacity) / Double(writesPerTask) }
    /// Tasks per second the grid sustains: the lower of the agents' and the state table's bound.
    var sustained: Double { min(agentBound, stateTableBound) }
    /// Whether the state table, not the agents, limits throughput.
    var boundByStateTable: Bool { stateTableBound < agentBound }

    /// Agents `type` holds with the EKS reserve taken off.
    static func agentsPerNode(_ type: AWSInstanceType, agents: HTCAgents) -> Int {
        let (cpu, memory) = allocatable(type)
        let byCPU = cpu / max(agents.cpuRequestMilli, 1)
        let byMemory = memory / max(agents.memoryRequestMiB, 1)
        return max(0, min(byCPU, byMemory))
    }

    /// Millicores and MiB a node of `type` offers pods: the EKS AMI's CPU reserve; for memory its
    /// 255 MiB + 11 MiB per pod the node may run, and the 100 MiB eviction threshold. The pod
    /// limit follows the node's network interfaces, which hpcc's catalog does not hold; it is taken
    /// as general-purpose types have it: 29 up to 2 vCPUs, 58 up to 8, 110 above.
    static func allocatable(_ type: AWSInstanceType) -> (cpuMilli: Int, memoryMiB: Int) {
        let cores = Double(type.vCPUs)
        let reservedMilli = 60 + (cores >= 2 ? 10 : 0) + min(max(cores - 2, 0), 2) * 5 + max(cores - 4, 0) * 2.5
        let pods = type.vCPUs <= 2 ? 29 : type.vCPUs <= 8 ? 58 : 110
        return (Int(cores * 1000 - reservedMilli), type.memoryMiB - (255 + 11 * pods + 100))
    }

    /// One line for `hpcc build`.
    var summary: String {
        let agents = grid.agents
        let groups = agentsPerGroup.map { "\($0.group.name) \($0.group.maxSize) × \($0.perNode)" }.joined(
            separator: " + ")
        let duration = ValueText.number(grid.planning.taskSeconds)
        var line =
            """
            htc grid '\(grid.origin.module)': max \(agents.maximum) agents × \(agents.cpuRequestMilli)m CPU / \
            \(agents.memoryRequestMiB) MiB
            """
                + """
                 (worker groups at max size hold \(agentSlots): \(groups)); at \(duration) s per task the agents \
                sustain \(Self.rate(agentBound)) tasks/s
                """
                + """
                ; the state table's \(grid.stateTable.writeCapacity) WCU ÷ \(writesPerTask) writes per task sustain \
                \(Self.rate(stateTableBound)) tasks/s
                """
            + "; plan: \(Self.rate(sustained)) tasks/s, bound by "
            + (boundByStateTable ? "DynamoDB write capacity" : "agents")
        if let target = grid.planning.targetTasksPerSecond { line += " (target \(Self.rate(target)))" }
        return line
    }

    /// A rate with at most one decimal.
    static func rate(_ value: Double) -> String {
        ValueText.number((value * 10).rounded(.down) / 10)
    }
}
