/// The rules of an HTC grid hpcc checks offline, each with its code and the position of the value
/// that breaks it (`eks_worker_groups[1].desired_size`).
enum HTCGridRules {
    private typealias Key = HTCGridModule.Key

    static func check(_ grid: HTCGrid, network: AWSNetwork?, settings: SettingReader, diagnostics: inout Diagnostics) {
        let errorsBefore = diagnostics.errorCount
        if let network { checkEndpoints(grid, network: network, settings: settings, diagnostics: &diagnostics) }
        checkScale(grid, settings: settings, diagnostics: &diagnostics)
        checkWorkerGroups(grid, settings: settings, diagnostics: &diagnostics)
        checkAgentResources(grid, settings: settings, diagnostics: &diagnostics)
        checkLambda(grid, settings: settings, diagnostics: &diagnostics)
        checkNames(grid, settings: settings, diagnostics: &diagnostics)
        if grid.subnets.count < 2 {
            diagnostics.report(
                .htcSubnets,
                """
                the HTC grid of module '\(settings.id)' has \(grid.subnets.count) subnet; EKS needs subnets in at \
                least two availability zones
                """,
                at: settings.location(AWSKey.privateSubnets),
                help: "give the aws-vpc module two availability_zones, or list two subnets of different zones")
        }
        guard diagnostics.errorCount == errorsBefore else { return }
        checkPlan(grid, settings: settings, diagnostics: &diagnostics)
    }

    /// Agents, priorities and table capacities.
    private static func checkScale(_ grid: HTCGrid, settings: SettingReader, diagnostics: inout Diagnostics) {
        let agents = grid.agents
        if agents.maximum < 1 {
            diagnostics.report(
                .htcAgentBounds,
                """
                max_htc_agents of module '\(settings.id)' is \(agents.maximum); the grid needs at least one agent to \
                run tasks
                """,
                at: settings.location(Key.maxAgents))
        } else if agents.minimum < 0 || agents.minimum > agents.maximum {
            diagnostics.report(
                .htcAgentBounds,
                "min_htc_agents (\(agents.minimum)) must be between 0 and max_htc_agents (\(agents.maximum))",
                at: settings.location(Key.minAgents))
        }
        if grid.priorities < 1 {
            diagnostics.report(
                .htcPriorities,
                """
                priorities of module '\(settings.id)' is \(grid.priorities); HTC-Grid needs at least one priority (one \
                task queue)
                """,
                at: settings.location(Key.priorities))
        }
        for (key, value) in [
            (Key.readCapacity, grid.stateTable.readCapacity), (Key.writeCapacity, grid.stateTable.writeCapacity),
        ] where value < 1 {
            diagnostics.report(
                .htcCapacity,
                "\(key.name) of module '\(settings.id)' is \(value); DynamoDB provisioned capacity is at least 1 unit",
                at: settings.location(key))
        }
    }

    private static func checkWorkerGroups(_ grid: HTCGrid, settings: SettingReader, diagnostics: inout Diagnostics) {
        func at(_ index: Int, _ key: String) -> SourceLocation {
            settings.location(Key.workerGroups, [.index(index), .key(key)])
        }
        if grid.workerGroups.isEmpty {
            diagnostics.report(
                .htcWorkerGroup, "module '\(settings.id)' has no EKS worker group for its agents to run on",
                at: settings.location(Key.workerGroups))
        }
        var seen: [String: Int] = [:]
        for (index, group) in grid.workerGroups.enumerated() {
            if group.maxSize < 1 {
                diagnostics.report(
                    .htcWorkerGroup,
                    """
                    worker group '\(group.name)' has max_size \(group.maxSize); EKS node groups start at least one \
                    node at most
                    """,
                    at: at(index, "max_size"))
            } else if group.minSize < 0 || group.minSize > group.maxSize {
                diagnostics.report(
                    .htcWorkerGroup,
                    """
                    worker group '\(group.name)' has min_size \(group.minSize), outside 0 to max_size \
                    (\(group.maxSize))
                    """,
                    at: at(index, "min_size"))
            } else if group.desiredSize < group.minSize || group.desiredSize > group.maxSize {
                diagnostics.report(
                    .htcWorkerGroup,
                    """
                    worker group '\(group.name)' has desired_size \(group.desiredSize), outside min_size \
                    (\(group.minSize)) to max_size (\(group.maxSize))
                    """,
                    at: at(index, "desired_size"))
            }
            if let first = seen[group.name] {
                diagnostics.report(
                    .htcWorkerGroup, "worker groups \(first + 1) and \(index + 1) are both named '\(group.name)'",
                    at: at(index, "node_group_name"))
            }
            seen[group.name] = seen[group.name] ?? index
            if group.instanceTypes.isEmpty {
                diagnostics.report(
                    .htcWorkerGroup, "worker group '\(group.name)' lists no instance type",
                    at: at(index, "instance_types"))
            }
            for (position, name) in group.instanceTypes.enumerated() {
                let at = settings.location(Key.workerGroups, [.index(index), .key("instance_types"), .index(position)])
                guard AWSInstanceCatalog.instanceType(name) != nil else {
                    let correction = Suggestion.correction(for: name, at: at, in: AWSInstanceCatalog.names)
                    diagnostics.report(
                        .unknownMachineType, "'\(name)' is not an EC2 instance type hpcc knows", at: at,
                        help: correction.help, fixes: correction.fixes)
                    continue
                }
                AWSZoneOfferingRules.check(
                    name, as: "worker group '\(group.name)'", in: grid.subnets, context: settings.context, at: at,
                    help: """
                        EKS starts the group's nodes in every subnet of the grid: choose availability_zones that all \
                        offer the type, or another type
                        """,
                    diagnostics: &diagnostics)
            }
        }
    }

    /// The agent's requests must not exceed its limits, and must fit on every instance type it may land on.
    private static func checkAgentResources(_ grid: HTCGrid, settings: SettingReader, diagnostics: inout Diagnostics) {
        let agents = grid.agents
        func at(_ key: String) -> SourceLocation {
            settings.location(Key.agentConfiguration, [.key("lambda"), .key(key)])
        }
        for (request, limit, what, unit, key) in [
            (agents.cpuRequestMilli, agents.cpuLimitMilli, "CPU", "m", "minCPU"),
            (agents.memoryRequestMiB, agents.memoryLimitMiB, "memory", " MiB", "minMemory"),
        ] {
            if request < 1 {
                diagnostics.report(
                    .htcAgentResources, "the agent requests \(request)\(unit) of \(what); it must request some",
                    at: at(key))
            } else if request > limit {
                diagnostics.report(
                    .htcAgentResources,
                    "the agent requests \(request)\(unit) of \(what) but is allowed only \(limit)\(unit)", at: at(key),
                    help: "\(key) is the request, max\(key.dropFirst(3)) the limit; the request cannot exceed the limit"
                )
            }
        }
        for (index, group) in grid.workerGroups.enumerated() {
            for (position, name) in group.instanceTypes.enumerated() {
                guard let type = AWSInstanceCatalog.instanceType(name) else { continue }
                let free = HTCThroughputPlan.allocatable(type)
                guard agents.cpuRequestMilli > free.cpuMilli || agents.memoryRequestMiB > free.memoryMiB else {
                    continue
                }
                diagnostics.report(
                    .htcAgentResources,
                    """
                    an agent (\(agents.cpuRequestMilli)m CPU, \(agents.memoryRequestMiB) MiB) does not fit on \(name) \
                    of worker group '\(group.name)', which offers pods \(free.cpuMilli)m CPU and \(free.memoryMiB) MiB \
                    after the EKS reserve
                    """,
                    at: settings.location(Key.workerGroups, [.index(index), .key("instance_types"), .index(position)]),
                    help: "choose a larger instance type or lower agent_configuration.lambda.minCPU / minMemory")
            }
        }
    }

    private static func checkLambda(_ grid: HTCGrid, settings: SettingReader, diagnostics: inout Diagnostics) {
        let plane = grid.controlPlane
        if !HTCGridLimits.lambdaMemoryMB.contains(plane.memoryMB) {
            diagnostics.report(
                .lambdaLimits,
                """
                lambda_memory_size \(plane.memoryMB) MB is outside what Lambda allows \
                (\(HTCGridLimits.lambdaMemoryMB.lowerBound) to \(HTCGridLimits.lambdaMemoryMB.upperBound) MB)
                """,
                at: settings.location(Key.lambdaMemorySize))
        }
        if !HTCGridLimits.lambdaTimeoutSeconds.contains(plane.timeoutSeconds) {
            diagnostics.report(
                .lambdaLimits,
                """
                lambda_timeout \(plane.timeoutSeconds) s is outside what Lambda allows \
                (\(HTCGridLimits.lambdaTimeoutSeconds.lowerBound) to \(HTCGridLimits.lambdaTimeoutSeconds.upperBound) \
                s)
                """,
                at: settings.location(Key.lambdaTimeout))
        }
    }

    /// Names composed from the project name, and the worker groups' own names.
    private static func checkNames(_ grid: HTCGrid, settings: SettingReader, diagnostics: inout Diagnostics) {
        let at =
            settings.isExplicit(Key.projectName)
            ? settings.location(Key.projectName) : settings.location(CommonKey.deploymentName)
        // The tightest bound first: one finding says how short the project name must be.
        let over = grid.names.bounded(grid).filter { $0.name.count > $0.limit }
        if let worst = over.max(by: { $0.name.count - $0.limit < $1.name.count - $1.limit }) {
            let others = Set(over.map(\.what)).subtracting([worst.what]).sorted()
            diagnostics.report(
                .awsNameLength,
                "\(worst.what) name '\(worst.name)' has \(worst.name.count) characters; AWS allows \(worst.limit)"
                    + (others.isEmpty ? "" : " (also too long: \(others.joined(separator: ", ")) names)"), at: at,
                help:
                    """
                    shorten project_name by \(worst.name.count - worst.limit) \
                    character\(worst.name.count - worst.limit == 1 ? "" : "s")
                    """
                        + (settings.isExplicit(Key.projectName)
                            ? "" : " (set project_name; it defaults to deployment_name)"))
        }
        if grid.storage.usesRedis, grid.names.redis.contains("--") {
            diagnostics.report(
                .awsNameLength,
                "ElastiCache replication group name '\(grid.names.redis)' holds '--', which ElastiCache refuses", at: at
            )
        }
        for (index, group) in grid.workerGroups.enumerated() where !isNodeGroupName(group.name) {
            diagnostics.report(
                .awsNameLength,
                """
                worker group name '\(group.name)' must be 1 to 63 letters, digits, '-' or '_', starting with a letter \
                or digit
                """,
                at: settings.location(Key.workerGroups, [.index(index), .key("node_group_name")]))
        }
    }

    /// A VPC without internet path reaches AWS only through its endpoints: each service the grid
    /// calls needs one (and a PRIVATE API needs `execute-api`).
    private static func checkEndpoints(
        _ grid: HTCGrid, network: AWSNetwork, settings: SettingReader, diagnostics: inout Diagnostics
    ) {
        guard network.publicSubnet == nil else { return }
        let needed = HTCGridLimits.calledServices + (grid.apiEndpointType == .private ? ["execute-api"] : [])
        let missing = needed.filter {
            !network.gatewayEndpoints.contains($0) && !network.interfaceEndpoints.contains($0)
        }
        guard !missing.isEmpty else { return }
        diagnostics.report(
            .htcEndpoints,
            "the grid's VPC (module '\(network.origin.module)') has no internet path and no endpoint for "
                + missing.joined(separator: ", ")
                + "; the grid's functions and nodes cannot reach "
                + (missing.count == 1 ? "that service" : "those services"),
            at: settings.location(AWSKey.vpcID),
            help:
                """
                add them to interface_endpoints (s3 and dynamodb to gateway_endpoints) of module \
                '\(network.origin.module)', or give it enable_public_subnet
                """
        )
    }

    static func isNodeGroupName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, (1...63).contains(name.count),
            NameRules.isLetter(first) || NameRules.isDigit(first)
        else { return false }
        return name.unicodeScalars.allSatisfy { NameRules.isWord($0) || $0 == "-" }
    }

    /// Warnings from the throughput plan: agents the worker groups cannot hold, a target the grid cannot reach.
    private static func checkPlan(_ grid: HTCGrid, settings: SettingReader, diagnostics: inout Diagnostics) {
        let plan = HTCThroughputPlan(grid)
        if plan.agentSlots < grid.agents.maximum {
            diagnostics.report(
                .htcThroughput,
                """
                worker groups at max_size hold \(plan.agentSlots) agents of \(grid.agents.cpuRequestMilli)m CPU / \
                \(grid.agents.memoryRequestMiB) MiB, fewer than max_htc_agents (\(grid.agents.maximum)); the rest \
                would stay pending
                """,
                at: settings.location(Key.maxAgents), help: "raise a worker group's max_size or lower max_htc_agents")
        }
        guard let target = grid.planning.targetTasksPerSecond, plan.sustained < target else { return }
        // Everything that falls short, so one change list reaches the target.
        var changes: [String] = []
        if plan.stateTableBound < target {
            changes.append(
                """
                raise dynamodb_default_write_capacity to at least \
                \(Int((target * Double(plan.writesPerTask)).rounded(.up))) WCU
                """
            )
        }
        if plan.agentBound < target {
            changes.append(
                """
                run at least \(Int((target * grid.planning.taskSeconds).rounded(.up))) agents (max_htc_agents, and \
                worker groups that hold them)
                """
            )
        }
        let help = changes.joined(separator: "; and ")
        diagnostics.report(
            .htcThroughput,
            """
            the grid sustains about \(HTCThroughputPlan.rate(plan.sustained)) tasks/s, short of \
            target_tasks_per_second \(HTCThroughputPlan.rate(target)) (bound by \
            \(plan.boundByStateTable ? "DynamoDB write capacity" : "agents"))
            """,
            at: settings.location(Key.targetTasksPerSecond), help: help)
    }
}
