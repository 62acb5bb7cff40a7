import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// An HTC grid blueprint that tests extend: a two-zone aws-vpc `network` (with a public subnet, so
/// the grid reaches AWS without endpoints) and an htc-grid `grid` that uses it, with one worker
/// group of 25 × m6i.xlarge (4 default agents each, so 100 slots: exactly the default
/// max_htc_agents, and no throughput warning).
///
/// The lines of the default text (positions in the tests count from these):
/// ```
///  1  blueprint_name: htc
///  2  vars:
///  3    deployment_name: htc
///  4    region: eu-west-1
///  5    availability_zones: [eu-west-1a, eu-west-1b]
///  6  deployment_groups:
///  7  - group: grid
///  8    modules:
///  9    - id: network
/// 10      source: modules/network/aws-vpc
/// 11      settings: {enable_public_subnet: true}
/// 12    - id: grid
/// 13      source: modules/htc/htc-grid
/// 14      use: [network]
/// 15      settings:
/// 16        control_plane_code: s3://bucket/htc/
/// 17        eks_worker_groups:
/// 18        - node_group_name: workers          ┐
/// 19          instance_types: [m6i.xlarge]      │ `workerGroups`
/// 20          min_size: 1                       │
/// 21          max_size: 25                      │
/// 22          desired_size: 1                   ┘
/// 23        agent_configuration:
/// 24          lambda:
/// 25            location: s3://bucket/w.zip     ← `agent`
/// 26        ...                                 ← `grid` (module settings, 6 spaces in)
/// ```
func htcGridBlueprint(
    grid: String = "", workerGroups: String? = nil, agent: String? = nil, zones: String = "[eu-west-1a, eu-west-1b]"
) -> String {
    let defaultWorkerGroups = """
              - node_group_name: workers
                instance_types: [m6i.xlarge]
                min_size: 1
                max_size: 25
                desired_size: 1

        """
    let defaultAgent = "          location: s3://bucket/w.zip\n"
    return """
        blueprint_name: htc
        vars:
          deployment_name: htc
          region: eu-west-1
          availability_zones: \(zones)
        deployment_groups:
        - group: grid
          modules:
          - id: network
            source: modules/network/aws-vpc
            settings: {enable_public_subnet: true}
          - id: grid
            source: modules/htc/htc-grid
            use: [network]
            settings:
              control_plane_code: s3://bucket/htc/
              eks_worker_groups:
        \(workerGroups ?? defaultWorkerGroups)      agent_configuration:
                lambda:
        \(agent ?? defaultAgent)\(grid)
        """
}

/// The builder's text with `old` (which must occur exactly once) replaced.
private func htcGridReplacing(_ old: String, with new: String, in text: String = htcGridBlueprint()) -> String {
    precondition(text.components(separatedBy: old).count == 2, "'\(old)' must occur once")
    return text.replacingOccurrences(of: old, with: new)
}

let htcGridCases: [RuleCase] = [
    // HPC4012: agent bounds.
    RuleCase(
        name: "min_htc_agents above max_htc_agents",
        blueprint: htcGridBlueprint(grid: "      min_htc_agents: 5\n      max_htc_agents: 3\n"),
        expected: ["26:23 HPC4012"], message: "min_htc_agents (5) must be between 0 and max_htc_agents (3)"),
    RuleCase(
        name: "max_htc_agents 0", blueprint: htcGridBlueprint(grid: "      max_htc_agents: 0\n"),
        expected: ["26:23 HPC4012"], message: "max_htc_agents of module 'grid' is 0"),
    // HPC4013: worker groups.
    RuleCase(
        name: "desired_size above max_size", blueprint: htcGridReplacing("desired_size: 1", with: "desired_size: 30"),
        expected: ["22:23 HPC4013"], message: "desired_size 30, outside min_size (1) to max_size (25)"),
    RuleCase(
        name: "min_size above max_size", blueprint: htcGridReplacing("min_size: 1", with: "min_size: 30"),
        expected: ["20:19 HPC4013"], message: "min_size 30, outside 0 to max_size (25)"),
    RuleCase(
        name: "max_size 0", blueprint: htcGridReplacing("max_size: 25", with: "max_size: 0"),
        expected: ["21:19 HPC4013"], message: "max_size 0"),
    RuleCase(
        name: "two worker groups with one name",
        blueprint: htcGridBlueprint(
            workerGroups: """
                      - node_group_name: workers
                        instance_types: [m6i.xlarge]
                        max_size: 25
                      - node_group_name: workers
                        instance_types: [m6i.xlarge]

                """), expected: ["21:26 HPC4013"], message: "worker groups 1 and 2 are both named 'workers'"),
    RuleCase(
        name: "no worker group",
        blueprint: htcGridReplacing(
            "eks_worker_groups:\n", with: "eks_worker_groups: []\n", in: htcGridBlueprint(workerGroups: "")),
        expected: ["17:26 HPC4013"], message: "no EKS worker group"),
    // HPC4014: DynamoDB capacity.
    RuleCase(
        name: "read capacity -1 and write capacity 0",
        blueprint: htcGridBlueprint(
            grid: "      dynamodb_default_read_capacity: -1\n      dynamodb_default_write_capacity: 0\n"),
        expected: ["26:39 HPC4014", "27:40 HPC4014"], message: "dynamodb_default_read_capacity of module 'grid' is -1"),
    // HPC4015: storage service.
    RuleCase(
        name: "storage service in lower case",
        blueprint: htcGridBlueprint(grid: "      grid_storage_service: S3+redis\n"),
        expected: ["26:29 HPC4015"], help: "'S3+REDIS'", message: "grid_storage_service 'S3+redis'"),
    // HPC4016: priorities.
    RuleCase(
        name: "priorities 0", blueprint: htcGridBlueprint(grid: "      priorities: 0\n"), expected: ["26:19 HPC4016"],
        message: "priorities of module 'grid' is 0"),
    // HPC4017: Lambda limits.
    RuleCase(
        name: "lambda_memory_size 64", blueprint: htcGridBlueprint(grid: "      lambda_memory_size: 64\n"),
        expected: ["26:27 HPC4017"], message: "lambda_memory_size 64 MB"),
    RuleCase(
        name: "lambda_timeout 901", blueprint: htcGridBlueprint(grid: "      lambda_timeout: 901\n"),
        expected: ["26:23 HPC4017"], message: "lambda_timeout 901 s"),
    // HPC4018: AWS names. 'htc-' + 37 characters is 41, one over ElastiCache's 40 (and under every other limit).
    RuleCase(
        name: "ElastiCache name over 40 characters",
        blueprint: htcGridBlueprint(
            grid: "      grid_storage_service: REDIS\n      project_name: risk-analytics-overnight-batch-europe\n"),
        expected: ["27:21 HPC4018"], help: "shorten project_name by 1 character",
        message:
            """
            ElastiCache replication group name 'htc-risk-analytics-overnight-batch-europe' has 41 characters; AWS \
            allows 40
            """
    ),
    RuleCase(
        name: "node group name starting with '-'",
        blueprint: htcGridReplacing("node_group_name: workers", with: "node_group_name: -bad"),
        expected: ["18:26 HPC4018"], message: "worker group name '-bad'"),
    // HPC4019: agent resources.
    RuleCase(
        name: "minCPU above maxCPU",
        blueprint: htcGridBlueprint(
            agent: "          minCPU: 1000\n          maxCPU: 900\n          location: s3://bucket/w.zip\n"),
        expected: ["25:19 HPC4019"], help: "minCPU is the request, maxCPU the limit",
        message: "requests 1000m of CPU but is allowed only 900m"),
    RuleCase(
        name: "agent memory above the instance's",
        blueprint: htcGridReplacing(
            "m6i.xlarge", with: "t3.small",
            in: htcGridBlueprint(
                agent: "          minMemory: 20000\n          maxMemory: 20000\n          location: s3://bucket/w.zip\n"
            )),
        expected: ["19:26 HPC4019"], message: "does not fit on t3.small"),
    // Within the instance's 4 vCPUs, but not within what EKS leaves pods of them (3920m).
    RuleCase(
        name: "agent CPU above what the node offers pods",
        blueprint: htcGridBlueprint(
            agent: "          minCPU: 3950\n          maxCPU: 3990\n          location: s3://bucket/w.zip\n"),
        expected: ["19:26 HPC4019"], message: "which offers pods 3920m CPU"),
    // HPC4021: subnets. The subnets come from the `use` entry, so that is where the finding points.
    RuleCase(
        name: "one availability zone", blueprint: htcGridBlueprint(zones: "[eu-west-1a]"), expected: ["14:11 HPC4021"],
        message: "has 1 subnet"),
    // HPC3011: instance types.
    RuleCase(
        name: "unknown instance type", blueprint: htcGridReplacing("m6i.xlarge", with: "m6i.hugexl"),
        expected: ["19:26 HPC3011"], message: "'m6i.hugexl' is not an EC2 instance type"),
]

@Suite("HTC grid")
struct HTCGridTests {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func jsonObject(_ text: String?) throws -> [String: Any] {
        let text = try #require(text)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func grid(_ text: String = htcGridBlueprint()) throws -> HTCGrid {
        let result = compile(text)
        return try #require(result.deployment?.htcGrids.first, "\(result.diagnostics.map(\.message))")
    }

    // MARK: The valid blueprints

    @Test func theBuilderBlueprintCompilesCleanly() {
        let result = compile(htcGridBlueprint())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(result.file("htc-grid/grid/grid_config.json") != nil)
        #expect(result.file("grid/main.tf.json") != nil)
        #expect(result.deployment?.htcGrids.count == 1)
    }

    @Test func theShippedBlueprintCompilesCleanly() throws {
        let text = try String(
            contentsOf: Self.repositoryRoot.appendingPathComponent("blueprints/aws-htc-grid.yaml"), encoding: .utf8)
        let result = compile(text, file: "blueprints/aws-htc-grid.yaml")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(result.file("htc-grid/grid/grid_config.json") != nil)
        #expect(result.file("grid/main.tf.json") != nil)
        #expect(result.plans.count == 1)
    }

    // MARK: One failing blueprint per rule

    @Test(arguments: htcGridCases)
    func reportsTheRuleAtItsValue(_ testCase: RuleCase) {
        let result = compile(testCase.blueprint)
        #expect(
            positions(result.diagnostics) == testCase.expected,
            "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(result.diagnostics.allSatisfy { $0.severity == .error })
        #expect(result.files.isEmpty)
        #expect(result.deployment?.htcGrids.isEmpty ?? true, "a grid that breaks a rule is not lowered")
        if let message = testCase.message {
            #expect(
                result.diagnostics.first?.message.contains(message) == true,
                "\(result.diagnostics.first?.message ?? "-")")
        }
        if let help = testCase.help {
            #expect(result.diagnostics.first?.help?.contains(help) == true, "\(result.diagnostics.first?.help ?? "-")")
        }
    }

    @Test func theElastiCacheLimitIsExactlyFortyAndOnlyWithRedis() {
        // 36 characters: 'htc-' + 36 is 40, within the limit.
        let atLimit = compile(
            htcGridBlueprint(
                grid: "      grid_storage_service: REDIS\n      project_name: risk-analytics-overnight-batch-europ\n"))
        #expect(atLimit.diagnostics.isEmpty, "\(atLimit.diagnostics.map(\.message))")
        // 37 characters without Redis: no ElastiCache name, and every other name is within its limit.
        let withoutRedis = compile(
            htcGridBlueprint(grid: "      project_name: risk-analytics-overnight-batch-europe\n"))
        #expect(withoutRedis.diagnostics.isEmpty, "\(withoutRedis.diagnostics.map(\.message))")
    }

    // MARK: HPC4020: warnings from the throughput plan

    @Test func moreAgentsThanTheWorkerGroupsHoldWarns() throws {
        let result = compile(htcGridBlueprint(grid: "      max_htc_agents: 101\n"))
        #expect(positions(result.diagnostics) == ["26:23 HPC4020"])
        let warning = try #require(result.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("hold 100 agents"), "\(warning.message)")
        #expect(warning.message.contains("fewer than max_htc_agents (101)"), "\(warning.message)")
        #expect(warning.help == "raise a worker group's max_size or lower max_htc_agents")
        #expect(result.succeeded)
        #expect(result.file("htc-grid/grid/grid_config.json") != nil, "a warning, not a wall")
    }

    @Test func anUnreachableTargetWarnsWithTheWriteCapacityItNeeds() throws {
        // 1 s tasks write 3 times each: 10 WCU sustain 3.3 tasks/s; 50 tasks/s need 150 WCU.
        let result = compile(
            htcGridBlueprint(grid: "      dynamodb_default_write_capacity: 10\n      target_tasks_per_second: 50\n"))
        #expect(positions(result.diagnostics) == ["27:32 HPC4020"])
        #expect(positions(result.diagnostics, severity: .warning) == ["27:32 HPC4020"])
        let warning = try #require(result.diagnostics.first)
        #expect(warning.severity == .warning)
        #expect(
            warning.message.contains(
                "sustains about 3.3 tasks/s, short of target_tasks_per_second 50 (bound by DynamoDB write capacity)"),
            "\(warning.message)")
        #expect(warning.help == "raise dynamodb_default_write_capacity to at least 150 WCU")
        #expect(result.succeeded)
        #expect(result.file("grid/main.tf.json") != nil)
    }

    @Test func anUnreachableTargetBoundByAgentsNamesTheAgentsItNeeds() throws {
        // 100 agents at 2 s per task sustain 50 tasks/s; the table (1000 WCU ÷ 3) sustains 333.
        let result = compile(
            htcGridBlueprint(
                grid:
                    """
                          dynamodb_default_write_capacity: 1000\n      task_duration_seconds: 2\n      \
                    target_tasks_per_second: 80\n
                    """
            ))
        #expect(positions(result.diagnostics, severity: .warning) == ["28:32 HPC4020"])
        let warning = try #require(result.diagnostics.first)
        #expect(warning.message.contains("(bound by agents)"), "\(warning.message)")
        #expect(
            warning.help == "run at least 160 agents (max_htc_agents, and worker groups that hold them)",
            "\(warning.help ?? "-")")
    }

    @Test func aTargetBothBoundsMissNamesBothChanges() throws {
        // 100 agents at 1 s sustain 100 tasks/s and 300 WCU ÷ 3 another 100: 200 tasks/s need both raised.
        let result = compile(
            htcGridBlueprint(grid: "      dynamodb_default_write_capacity: 300\n      target_tasks_per_second: 200\n"))
        let warning = try #require(result.diagnostics.first)
        #expect(positions(result.diagnostics, severity: .warning) == ["27:32 HPC4020"])
        #expect(
            warning.help
                == """
                raise dynamodb_default_write_capacity to at least 600 WCU; and run at least 200 agents \
                (max_htc_agents, and worker groups that hold them)
                """,
            "\(warning.help ?? "-")")
    }

    // MARK: The throughput plan

    @Test func agentsPerNodeTakesTheEKSReserveOff() throws {
        let type = try #require(AWSInstanceCatalog.instanceType("m6i.xlarge"))
        #expect(type.vCPUs == 4 && type.memoryMiB == 16384)
        let agents = try grid().agents
        #expect(agents.cpuRequestMilli == 800 && agents.memoryRequestMiB == 1200)
        // CPU: 4000m − (60 + 10 + 2 × 5)m = 3920m, ÷ 800m = 4.9; memory: 16384 − (255 + 11 × 110 + 100) = 14819 MiB, ÷
        // 1200 = 12.3.
        #expect(HTCThroughputPlan.agentsPerNode(type, agents: agents) == 4)
        let plan = HTCThroughputPlan(try grid())
        #expect(plan.agentsPerGroup.map(\.perNode) == [4])
        #expect(plan.agentSlots == 100, "25 nodes × 4 agents")
    }

    @Test(arguments: [(2.0, 3), (12.0, 5), (1.0, 3), (5.0, 4)])
    func writesPerTaskCountsAHeartbeatEveryFiveSeconds(_ seconds: Double, _ writes: Int) throws {
        var grid = try grid()
        grid.planning.taskSeconds = seconds
        #expect(HTCThroughputPlan(grid).writesPerTask == writes)
    }

    @Test func theSustainedRateIsTheLowerOfTheAgentAndTableBounds() throws {
        // Default: 100 agents at 1 s sustain 100 tasks/s; 100 WCU ÷ 3 writes sustain 33.3.
        let byTable = HTCThroughputPlan(try grid())
        #expect(byTable.agentBound == 100)
        #expect(abs(byTable.stateTableBound - 100.0 / 3) < 1e-9)
        #expect(byTable.sustained == min(byTable.agentBound, byTable.stateTableBound))
        #expect(byTable.sustained == byTable.stateTableBound && byTable.boundByStateTable)

        // 1000 WCU ÷ 3 = 333.3 tasks/s; 100 agents at 2 s sustain 50.
        var fast = try grid()
        fast.stateTable.writeCapacity = 1000
        fast.planning.taskSeconds = 2
        let byAgents = HTCThroughputPlan(fast)
        #expect(byAgents.agentBound == 50)
        #expect(byAgents.sustained == min(byAgents.agentBound, byAgents.stateTableBound))
        #expect(byAgents.sustained == 50 && !byAgents.boundByStateTable)

        // Fewer slots than max_htc_agents: only the agents that fit run.
        var small = try grid()
        small.workerGroups[0].maxSize = 5
        let bySlots = HTCThroughputPlan(small)
        #expect(bySlots.runnableAgents == 20)
        #expect(bySlots.agentBound == 20)
        #expect(bySlots.sustained == 20)
    }

    // MARK: grid_config.json against HTC-Grid's variables

    /// The keys of HTC-Grid's `grid_config.json` (its Terraform variables), kept as data in
    /// Tests/Fixtures/htc-grid/grid-config-variables.json with their source.
    static let htcGridVariables: GridConfigReference = {
        let url = repositoryRoot.appendingPathComponent("Tests/Fixtures/htc-grid/grid-config-variables.json")
        guard let data = try? Data(contentsOf: url),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return GridConfigReference() }
        return GridConfigReference(
            keys: object["keys"] as? [String] ?? [],
            lists: Set(object["lists"] as? [String] ?? []),
            elementKeys: object["element_keys"] as? [String: [String]] ?? [:],
            nestedKeys: object["nested_keys"] as? [String: [String: [String]]] ?? [:]
        )
    }()

    /// The keys of HTC-Grid's `grid_config.json`.
    struct GridConfigReference: Equatable {
        /// Top-level keys, in the reference's order.
        var keys: [String] = []
        /// Keys written `name[]`: lists.
        var lists: Set<String> = []
        /// `name[]: {a, b}`: the keys of a list's elements.
        var elementKeys: [String: [String]] = [:]
        /// `name.inner: {a, b}`: an object `name` holding an object `inner` with those keys.
        var nestedKeys: [String: [String: [String]]] = [:]
    }

    private func isBool(_ value: Any?) -> Bool {
        guard let number = value as? NSNumber else { return false }
        return String(cString: number.objCType) == "c"
    }

    private func isInteger(_ value: Any?) -> Bool {
        guard let number = value as? NSNumber, !isBool(value) else { return false }
        return ["q", "l", "i", "s", "Q", "L", "I", "S"].contains(String(cString: number.objCType))
    }

    @Test func theReferenceKeysAreRead() {
        // A fixture that failed to load would make every comparison below vacuous.
        #expect(Self.htcGridVariables.keys.count == 13)
        #expect(Self.htcGridVariables.elementKeys["eks_worker_groups"]?.count == 6)
    }

    @Test func gridConfigHasExactlyHTCGridsVariablesAndTheirTypes() throws {
        let reference = Self.htcGridVariables
        let result = compile(htcGridBlueprint())
        let config = try jsonObject(result.file("htc-grid/grid/grid_config.json"))
        #expect(Set(config.keys) == Set(reference.keys))
        #expect(config.count == reference.keys.count)

        for key in ["region", "project_name", "grid_storage_service"] {
            #expect(config[key] is String, "\(key)")
        }
        for key in [
            "max_htc_agents", "min_htc_agents", "dynamodb_default_read_capacity", "dynamodb_default_write_capacity",
            "vpc_cidr_block_public", "vpc_cidr_block_private",
        ] {
            #expect(isInteger(config[key]), "\(key): \(String(describing: config[key]))")
        }
        #expect(isBool(config["enable_private_subnet"]))
        #expect(config["enable_private_subnet"] as? Bool == true)
        for key in reference.lists {
            #expect(config[key] is [Any], "\(key)")
        }
        #expect(config["input_role"] as? [Any] != nil)
        let groups = try #require(config["eks_worker_groups"] as? [[String: Any]])
        #expect(groups.count == 1)
        for (list, keys) in reference.elementKeys {
            for element in try #require(config[list] as? [[String: Any]]) {
                #expect(Set(element.keys) == Set(keys), "\(list)")
            }
        }
        let agentConfiguration = try #require(config["agent_configuration"] as? [String: Any])
        for (object, inner) in reference.nestedKeys {
            let value = try #require(config[object] as? [String: Any], "\(object)")
            #expect(Set(value.keys) == Set(inner.keys), "\(object)")
            for (name, keys) in inner {
                let nested = try #require(value[name] as? [String: Any], "\(object).\(name)")
                #expect(Set(nested.keys) == Set(keys), "\(object).\(name)")
            }
        }

        // The values of the builder's blueprint.
        #expect(config["region"] as? String == "eu-west-1")
        #expect(config["project_name"] as? String == "htc")
        #expect(config["grid_storage_service"] as? String == "S3")
        #expect(config["max_htc_agents"] as? Int == 100 && config["min_htc_agents"] as? Int == 1)
        #expect(groups.first?["node_group_name"] as? String == "workers")
        #expect(groups.first?["instance_types"] as? [String] == ["m6i.xlarge"])
        #expect(groups.first?["max_size"] as? Int == 25)
        let lambda = try #require(agentConfiguration["lambda"] as? [String: Any])
        #expect(lambda["location"] as? String == "s3://bucket/w.zip")
    }
}
