import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// An existing-slurm blueprint that tests extend: cluster `demo` with controller `ctl01`, a
/// `compute` node group of four nodes (2 × 8 cores, 64GB of which Slurm schedules 60000 MiB,
/// 2.6GHz × 16 FLOPs per cycle, feature `ib`) and a `gpu` node group of two nodes (32 cores,
/// 512GB, four A100s, no frequency), and two partitions, `batch` (the default) and `gpu`.
///
/// The lines of the default text (positions in the tests count from these):
/// ```
///  1  blueprint_name: site
///  2  vars:
///  3    deployment_name: site
///  4  deployment_groups:
///  5  - group: site
///  6    modules:
///  7    - id: cluster
///  8      source: modules/scheduler/existing-slurm
///  9      settings:
/// 10        cluster_name: demo
/// 11        controller:
/// 12          host: ctl01
/// 13        node_groups:
/// 14        - name: compute                   (name at column 15)
/// 15          hostnames: cn[01-04]            ← `computeHosts` (column 20)
/// 16          sockets: 2
/// 17          cores_per_socket: 8
/// 18          memory: 64GB                    (column 17)
/// 19          real_memory: 60000              (column 22)
/// 20          frequency: 2.6GHz               (column 20)
/// 21          flops_per_cycle: 16
/// 22          features: [ib]                  (column 19)
/// 23        - name: gpu                       (name at column 15)
/// 24          hostnames: gpu[1-2]             ← `gpuHosts` (column 20)
/// 25          cores_per_socket: 32
/// 26          memory: 512GB
/// 27          gpus: {count: 4, type: a100}
/// 28        partitions:
/// 29        - name: batch                     ┐ (`-` at column 7, name at column 15)
/// 30          node_groups: [compute]          │ `partitions` ('[' at column 22, compute at 23)
/// 31          default: true                   │ (column 18)
/// 32        - name: gpu                       │ (name at column 15)
/// 33          node_groups: [gpu]              │ (gpu at column 23)
/// 34          max_time: 1-00:00:00            ┘
/// 35        ...                               ← `cluster` (module settings, 6 spaces in)
/// ```
func existingSlurmBlueprint(
    computeHosts: String = "cn[01-04]", gpuHosts: String = "gpu[1-2]", partitions: String? = nil, cluster: String = ""
) -> String {
    let defaultPartitions = """
              - name: batch
                node_groups: [compute]
                default: true
              - name: gpu
                node_groups: [gpu]
                max_time: 1-00:00:00

        """
    return """
        blueprint_name: site
        vars:
          deployment_name: site
        deployment_groups:
        - group: site
          modules:
          - id: cluster
            source: modules/scheduler/existing-slurm
            settings:
              cluster_name: demo
              controller:
                host: ctl01
              node_groups:
              - name: compute
                hostnames: \(computeHosts)
                sockets: 2
                cores_per_socket: 8
                memory: 64GB
                real_memory: 60000
                frequency: 2.6GHz
                flops_per_cycle: 16
                features: [ib]
              - name: gpu
                hostnames: \(gpuHosts)
                cores_per_socket: 32
                memory: 512GB
                gpus: {count: 4, type: a100}
              partitions:
        \(partitions ?? defaultPartitions)\(cluster)
        """
}

/// The builder's text with each `old` (which must occur exactly once) replaced by its `new`, in order.
private func existingSlurmReplacing(
    _ replacements: (old: String, new: String)..., in text: String = existingSlurmBlueprint()
) -> String {
    replacements.reduce(text) { text, replacement in
        precondition(text.components(separatedBy: replacement.old).count == 2, "'\(replacement.old)' must occur once")
        return text.replacingOccurrences(of: replacement.old, with: replacement.new)
    }
}

let existingSlurmCases: [RuleCase] = [
    // HPC3038: host lists, all at `hostnames` of `compute` (15:20).
    RuleCase(
        name: "unclosed bracket", blueprint: existingSlurmBlueprint(computeHosts: "cn[01-04"),
        expected: ["15:20 HPC3038"], help: "e.g. cn[001-200] or gpu[01-04,07],login1",
        message: "host list 'cn[01-04' of node group 'compute' is not a Slurm host list: '[' is never closed"),
    RuleCase(
        name: "backwards range", blueprint: existingSlurmBlueprint(computeHosts: "cn[10-01]"),
        expected: ["15:20 HPC3038"], message: "the range '10-01' runs backwards"),
    RuleCase(
        name: "empty brackets", blueprint: existingSlurmBlueprint(computeHosts: "cn[]"),
        expected: ["15:20 HPC3038"], message: "'[]' holds no number"),
    RuleCase(
        name: "letters in brackets", blueprint: existingSlurmBlueprint(computeHosts: "cn[a-b]"),
        expected: ["15:20 HPC3038"], message: "'a-b' in brackets is not a number or a range like 001-200"),
    RuleCase(
        name: "a space in a host name", blueprint: existingSlurmBlueprint(computeHosts: "cn 01"),
        expected: ["15:20 HPC3038"], message: "' ' cannot be in a host name"),
    RuleCase(
        name: "an empty entry", blueprint: existingSlurmBlueprint(computeHosts: "cn01,,cn02"),
        expected: ["15:20 HPC3038"], message: "it has an empty entry (two commas, or one at either end)"),
    RuleCase(
        name: "an empty host list", blueprint: existingSlurmBlueprint(computeHosts: "\"\""),
        expected: ["15:20 HPC3038"], message: "the host list is empty"),
    RuleCase(
        name: "ten million hosts", blueprint: existingSlurmBlueprint(computeHosts: "n[0000000-9999999]"),
        expected: ["15:20 HPC3038"], message: "it names 10000000 hosts; hpcc stops at 200000"),
    RuleCase(
        name: "two groups past the cluster's host limit together",
        blueprint: existingSlurmBlueprint(computeHosts: "cn[1-150000]", gpuHosts: "gpu[1-60000]"),
        expected: ["24:20 HPC3038"],
        message: "host list 'gpu[1-60000]' of node group 'gpu' takes cluster 'demo' past 200000 hosts, where hpcc stops"
    ),
    // HPC3039: a host named twice, within a group and across groups.
    RuleCase(
        name: "a host twice in one group", blueprint: existingSlurmBlueprint(computeHosts: "cn[01-04],cn03"),
        expected: ["15:20 HPC3039"], message: "host list 'cn[01-04],cn03' of node group 'compute' names cn03 twice"),
    RuleCase(
        name: "two hosts twice in one group", blueprint: existingSlurmBlueprint(computeHosts: "cn[01-04],cn[03-04]"),
        expected: ["15:20 HPC3039"], message: "names 2 hosts more than once, first cn03"),
    RuleCase(
        name: "a host in two groups", blueprint: existingSlurmBlueprint(gpuHosts: "gpu[1-2],cn04"),
        expected: ["24:20 HPC3039"], help: "a node is in one node group; put it in a partition of each instead",
        message: "node group 'gpu' names 1 host of node group 'compute', first cn04"),
    RuleCase(
        name: "two hosts in two groups", blueprint: existingSlurmBlueprint(gpuHosts: "cn[03-05]"),
        expected: ["24:20 HPC3039"], message: "node group 'gpu' names 2 hosts of node group 'compute', first cn03"),
    // HPC3040: partitions naming node groups the cluster does not have, at the name in the list.
    RuleCase(
        name: "a typo in a partition's node group",
        blueprint: existingSlurmReplacing(("node_groups: [compute]", "node_groups: [compute, gpus]")),
        expected: ["30:32 HPC3040"], help: "did you mean 'gpu'?",
        message: "partition 'batch' names node group 'gpus', which the cluster does not have"),
    RuleCase(
        name: "a partition naming a node group nothing resembles",
        blueprint: existingSlurmReplacing(("node_groups: [gpu]", "node_groups: [visualization]")),
        expected: ["33:23 HPC3040"], help: "node groups: compute, gpu",
        message: "partition 'gpu' names node group 'visualization'"),
    // HPC3013: a partition without node groups.
    RuleCase(
        name: "a partition with no node group",
        blueprint: existingSlurmReplacing(("node_groups: [compute]", "node_groups: []")),
        expected: ["30:22 HPC3013"], message: "partition 'batch' has no node group"),
    // HPC3014: names used twice. Renaming `gpu` leaves the partition `gpu` naming the group it lost.
    RuleCase(
        name: "two node groups with one name",
        blueprint: existingSlurmReplacing(("- name: gpu\n        hostnames", "- name: compute\n        hostnames")),
        expected: ["23:15 HPC3014", "33:23 HPC3040"], message: "two node groups are named 'compute'"),
    RuleCase(
        name: "two node groups with one name, partitions adjusted",
        blueprint: existingSlurmReplacing(
            ("- name: gpu\n        hostnames", "- name: compute\n        hostnames"),
            ("node_groups: [gpu]", "node_groups: [compute]")),
        expected: ["23:15 HPC3014"], message: "two node groups are named 'compute'"),
    RuleCase(
        name: "two partitions with one name",
        blueprint: existingSlurmReplacing(("- name: gpu\n        node_groups", "- name: batch\n        node_groups")),
        expected: ["32:15 HPC3014"], message: "partitions 1 and 2 of cluster 'demo' are both named 'batch'"),
    // HPC3015: at most one default partition (none among several is warning HPC3066).
    RuleCase(
        name: "two default partitions",
        blueprint: existingSlurmReplacing(("node_groups: [gpu]\n", "node_groups: [gpu]\n        default: true\n")),
        expected: ["34:18 HPC3015"], help: "set default: true on one partition only",
        message: "cluster 'demo' has 2 default partitions"),
    // HPC3041: hardware figures in HPCStats' units.
    RuleCase(
        name: "memory with a space", blueprint: existingSlurmReplacing(("memory: 64GB", "memory: 24 GB")),
        expected: ["18:17 HPC3041"], help: "e.g. 24GB, 512GB or 1TB (1024-based)",
        message: "memory '24 GB' of node group 'compute' is not a size in MB, GB or TB"),
    RuleCase(
        name: "memory in G", blueprint: existingSlurmReplacing(("memory: 64GB", "memory: 24G")),
        expected: ["18:17 HPC3041"], message: "memory '24G' of node group 'compute'"),
    RuleCase(
        name: "no memory", blueprint: existingSlurmReplacing(("memory: 64GB", "memory: 0GB")),
        expected: ["18:17 HPC3041"], message: "memory '0GB' of node group 'compute'"),
    RuleCase(
        name: "frequency with a space", blueprint: existingSlurmReplacing(("frequency: 2.6GHz", "frequency: 2.9 GHz")),
        expected: ["20:20 HPC3041"], help: "e.g. 2.93GHz or 2930MHz",
        message: "frequency '2.9 GHz' of node group 'compute' is not a clock in MHz or GHz"),
    RuleCase(
        name: "frequency in words", blueprint: existingSlurmReplacing(("frequency: 2.6GHz", "frequency: fast")),
        expected: ["20:20 HPC3041"], message: "frequency 'fast' of node group 'compute'"),
    RuleCase(
        name: "real_memory above memory",
        blueprint: existingSlurmReplacing(("real_memory: 60000", "real_memory: 70000")),
        expected: ["19:22 HPC3041"],
        message: "real_memory 70000 MiB of node group 'compute' is more than its memory (65536 MiB)"),
    // HPC4001: text slurm.conf cannot carry.
    RuleCase(
        name: "a feature with a space",
        blueprint: existingSlurmReplacing(("features: [ib]", "features: [ib, big mem]")),
        expected: ["22:19 HPC4001"],
        message: "feature 'big mem' of node group 'compute' cannot be written to slurm.conf"),
    RuleCase(
        name: "a feature with a comma", blueprint: existingSlurmReplacing(("features: [ib]", "features: [\"ib,opa\"]")),
        expected: ["22:19 HPC4001"], message: "feature 'ib,opa' of node group 'compute'"),
    RuleCase(
        name: "a slurm_conf value with '#'",
        blueprint: existingSlurmReplacing(
            ("max_time: 1-00:00:00\n", "max_time: 1-00:00:00\n        slurm_conf: {MaxNodes: \"1#2\"}\n")),
        expected: ["35:21 HPC4001"],
        message: "slurm_conf 'MaxNodes=1#2' of partition 'gpu' cannot be written to slurm.conf"),
    // HPC3060/HPC3061: the REST API (rest_api at line 35).
    RuleCase(
        name: "a JWKS with a private key",
        blueprint: existingSlurmBlueprint(
            cluster: """
                      rest_api:
                        allowed_clients: [10.20.0.4/32]
                        jwks: {keys: [{kty: RSA, kid: k1, n: abc, e: AQAB, d: secret}]}

                """),
        expected: ["37:63 HPC3060"], message: "key 1 of jwks holds private key material ('d')"),
    RuleCase(
        name: "slurmrestd as root, open to the internet, no keys",
        blueprint: existingSlurmBlueprint(
            cluster: """
                      rest_api:
                        allowed_clients: [0.0.0.0/0]
                        user: root

                """),
        expected: ["36:9 HPC3060", "36:27 HPC3061", "37:15 HPC3061"],
        message: "rest_api names no identity provider keys"),
]

@Suite("Existing Slurm")
struct ExistingSlurmTests {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func cluster(_ result: CompileResult) throws -> OnPremCluster {
        try #require(
            result.deployment?.onPremClusters.first, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })"
        )
    }

    private func lines(_ text: String?) -> [String] {
        (text ?? "").components(separatedBy: "\n")
    }

    // MARK: The valid blueprint

    @Test func theBuilderBlueprintCompilesCleanly() throws {
        let result = compile(existingSlurmBlueprint())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(result.file("slurm/demo/slurm.conf") != nil)
        #expect(result.file("slurm/demo/gres.conf") != nil)
        #expect(result.file("slurm/demo/cgroup.conf") != nil)
        #expect(result.file("slurm/demo/slurmdbd.conf") == nil, "no accounting, no slurmdbd.conf")
        #expect(!result.files.contains { $0.path.hasSuffix("main.tf.json") }, "\(result.files.map(\.path))")

        let cluster = try cluster(result)
        #expect(cluster.name == "demo" && cluster.controllerHost == "ctl01")
        #expect(cluster.nodeGroups.map(\.hosts) == [["cn01", "cn02", "cn03", "cn04"], ["gpu1", "gpu2"]])
        #expect(cluster.nodeGroups.map(\.memoryMiB) == [65536, 524288])
        // A null real_memory leaves the OS 400 MiB + 30 MiB per GiB, as on the cloud: slurmd reports
        // less than the physical memory, and RealMemory above what it reports drains the node.
        #expect(cluster.nodeGroups.map(\.realMemoryMiB) == [60000, 524288 - 400 - 30 * 512])
        #expect(cluster.partitions.map(\.name) == ["batch", "gpu"])
        #expect(cluster.partitions.map(\.isDefault) == [true, false])
    }

    @Test func slurmConfDescribesEachNodeGroupAndPartition() {
        let result = compile(existingSlurmBlueprint())
        let conf = lines(result.file("slurm/demo/slurm.conf"))
        #expect(conf.contains("ClusterName=demo"))
        #expect(conf.contains("SlurmctldHost=ctl01"))
        #expect(conf.contains("GresTypes=gpu"))
        #expect(
            conf.contains(
                """
                NodeName=cn[01-04] CPUs=16 Sockets=2 CoresPerSocket=8 ThreadsPerCore=1 RealMemory=60000 Features=ib \
                State=UNKNOWN
                """
            ), "\(conf)")
        #expect(conf.contains("NodeSet=compute Nodes=cn[01-04]"))
        #expect(
            conf.contains(
                """
                NodeName=gpu[1-2] CPUs=32 Sockets=1 CoresPerSocket=32 ThreadsPerCore=1 RealMemory=508528 \
                Gres=gpu:a100:4 State=UNKNOWN
                """
            ), "\(conf)")
        #expect(conf.contains("NodeSet=gpu Nodes=gpu[1-2]"))
        // DefMemPerCPU: 60000 MiB ÷ 16 CPUs, 508528 MiB ÷ 32 CPUs.
        #expect(
            conf.contains("PartitionName=batch Nodes=compute State=UP MaxTime=UNLIMITED DefMemPerCPU=3750 Default=YES"),
            "\(conf)")
        #expect(conf.contains("PartitionName=gpu Nodes=gpu State=UP MaxTime=1-00:00:00 DefMemPerCPU=15891"), "\(conf)")
        #expect(conf.filter { $0.hasPrefix("PartitionName=") }.count == 2)
        #expect(conf.filter { $0.contains("Default=YES") }.count == 1)
        #expect(conf.contains("ProctrackType=proctrack/cgroup"))

        let gres = lines(result.file("slurm/demo/gres.conf"))
        #expect(gres.contains("NodeName=gpu[1-2] Name=gpu Type=a100 File=/dev/nvidia[0-3]"), "\(gres)")
        #expect(!gres.contains { $0.contains("cn[01-04]") }, "the compute nodes have no GPUs")
    }

    /// Login nodes: in `slurm_login` (with the address to connect to) and in the cluster's group,
    /// which carries its Slurm configuration; never compute nodes too.
    @Test func loginNodesAreInTheLoginAndClusterGroups() throws {
        let logins = "      login_nodes:\n      - {host: login1, address: 10.0.0.10}\n      - {host: login2}\n"
        let text = existingSlurmReplacing(("      node_groups:\n", logins + "      node_groups:\n"))
        let result = compile(text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let inventory = try #require(result.file(InventoryEmitter.path))
        #expect(
            inventory.contains(
                """
                    slurm_login:\n      hosts:\n        login1:\n          ansible_host: \"10.0.0.10\"\n        \
                login2:\n
                """
            ), "\(inventory)")
        #expect(
            inventory.contains(
                """
                    slurm_cluster_demo:\n      hosts:\n        ctl01:\n        login1:\n        login2:\n        \
                cn01:\n
                """
            ), "\(inventory)")
        #expect(!inventory.contains("VPC"), "an existing site has no VPC")
        let overlapping = compile(
            existingSlurmReplacing(
                (
                    "      node_groups:\n",
                    """
                          login_nodes:\n      - {host: cn02}\n      - {host: login9}\n      - {host: login9}\n      \
                    node_groups:\n
                    """
                )))
        #expect(
            positions(overlapping.diagnostics) == ["14:16 HPC3039", "16:16 HPC3014"],
            "\(overlapping.diagnostics.map(\.message))")
    }

    @Test func theInventoryListsEveryHost() throws {
        let inventory = try #require(compile(existingSlurmBlueprint()).file(InventoryEmitter.path))
        for host in ["ctl01", "cn01", "cn04", "gpu1", "gpu2"] {
            #expect(inventory.contains(host), "\(host)")
        }
    }

    @Test func partitionSlurmConfOverridesAndExtends() {
        let result = compile(
            existingSlurmReplacing(
                (
                    "max_time: 1-00:00:00\n",
                    """
                    max_time: 1-00:00:00\n        exclusive: true\n        slurm_conf: {MaxNodes: \"1\", maxtime: \
                    \"02:00:00\"}\n
                    """
                )))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(
            lines(result.file("slurm/demo/slurm.conf")).contains(
                """
                PartitionName=gpu Nodes=gpu State=UP MaxTime=02:00:00 DefMemPerCPU=15891 OverSubscribe=EXCLUSIVE \
                MaxNodes=1
                """
            ))
    }

    @Test func onePartitionNeedsNoDefaultFlag() {
        let result = compile(
            existingSlurmBlueprint(partitions: "      - name: all\n        node_groups: [compute, gpu]\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        // The smaller per-CPU share of the two groups.
        #expect(
            lines(result.file("slurm/demo/slurm.conf")).contains(
                "PartitionName=all Nodes=compute,gpu State=UP MaxTime=UNLIMITED DefMemPerCPU=3750"))
    }

    @Test func linuxprocTrackingWritesNoCgroupConf() {
        let result = compile(existingSlurmBlueprint(cluster: "      process_tracking: linuxproc\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.file("slurm/demo/cgroup.conf") == nil)
        let conf = lines(result.file("slurm/demo/slurm.conf"))
        #expect(conf.contains("ProctrackType=proctrack/linuxproc"))
        #expect(conf.contains("TaskPlugin=task/affinity"))
    }

    @Test func theShippedBlueprintsCompileCleanly() throws {
        for (path, cluster) in [
            ("blueprints/onprem-bwvisu.yaml", "bwvis"), ("blueprints/onprem-localhost.yaml", "localhost"),
        ] {
            let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
            let result = compile(text, file: path)
            #expect(
                result.diagnostics.isEmpty, "\(path): \(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })"
            )
            #expect(result.file("slurm/\(cluster)/slurm.conf") != nil, "\(path)")
            #expect(!result.files.contains { $0.path.hasSuffix("main.tf.json") }, "\(path)")
        }
    }

    // MARK: One failing blueprint per rule

    @Test(arguments: existingSlurmCases)
    func reportsTheRuleAtItsValue(_ testCase: RuleCase) {
        // A node group that breaks a rule still counts as named: its partitions get no HPC3040.
        let result = testCase.check()
        #expect(result.deployment?.onPremClusters.isEmpty ?? true, "a cluster that breaks a rule is not lowered")
    }

    /// `n[0-<Int.max>]`: the range's size would overflow Int; it is HPC3038, not a crash.
    @Test func aClusterWithoutPartitionsIsAnError() {
        let text = existingSlurmReplacing(
            (
                """
                      partitions:\n      - name: batch\n        node_groups: [compute]\n        default: true\n      - \
                name: gpu\n        node_groups: [gpu]\n        max_time: 1-00:00:00\n
                """,
                "      partitions: []\n"
            ))
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["28:19 HPC3013"], "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.first?.message == "cluster 'demo' has no partition")
    }

    @Test func aRangeUpToIntMaxIsTooLargeNotACrash() {
        let result = compile(existingSlurmBlueprint(computeHosts: "n[0-9223372036854775807]"))
        #expect(positions(result.diagnostics).first == "15:20 HPC3038")
    }

    // MARK: Host lists

    @Test func rangesKeepTheirPadding() {
        #expect(SlurmHostList.expand("cn[001-003]") == .success(["cn001", "cn002", "cn003"]))
        #expect(SlurmHostList.expand("a[8-11]") == .success(["a8", "a9", "a10", "a11"]))
        #expect(SlurmHostList.expand("a[08-11]") == .success(["a08", "a09", "a10", "a11"]))
    }

    @Test func listsMixRangesNumbersAndNames() {
        #expect(SlurmHostList.expand("gpu[01-02,07],login1") == .success(["gpu01", "gpu02", "gpu07", "login1"]))
        #expect(SlurmHostList.expand("localhost") == .success(["localhost"]))
        #expect(SlurmHostList.expand("node-1.site_a") == .success(["node-1.site_a"]))
    }

    @Test func severalBracketsMultiplyInOrder() {
        #expect(SlurmHostList.expand("r[1-2]n[01-02]") == .success(["r1n01", "r1n02", "r2n01", "r2n02"]))
        #expect(
            SlurmHostList.expand("r[1-2]n[01-02]-ib") == .success(["r1n01-ib", "r1n02-ib", "r2n01-ib", "r2n02-ib"]))
    }

    @Test(arguments: [
        ("cn[01-04", SlurmHostList.Failure.syntax("'[' is never closed")),
        ("cn[10-01]", .syntax("the range '10-01' runs backwards")),
        ("cn[]", .syntax("'[]' holds no number")),
        ("cn[1--2]", .syntax("'1--2' in brackets is not a number or a range like 001-200")),
        ("cn[1,]", .syntax("'' in brackets is not a number or a range like 001-200")),
        ("cn 01", .syntax("' ' cannot be in a host name")),
        ("cn01]", .syntax("']' cannot be in a host name")),
        ("cn01,,cn02", .syntax("it has an empty entry (two commas, or one at either end)")),
        ("cn01,", .syntax("it has an empty entry (two commas, or one at either end)")),
        ("", .syntax("the host list is empty")),
        ("n[0000000-9999999]", .tooLarge(10_000_000)),
        ("a[1-150000],b[1-150000]", .tooLarge(300_000)),
        ("n[1-1000][0-1000]", .tooLarge(1_001_000)),
    ])
    func malformedListsFail(_ list: String, _ failure: SlurmHostList.Failure) {
        #expect(SlurmHostList.expand(list) == .failure(failure))
    }

    @Test func theLimitIsTwoHundredThousandHosts() throws {
        let hosts = try SlurmHostList.expand("n[1-200][1-1000]").get()
        #expect(hosts.count == SlurmHostList.limit)
        #expect(hosts.first == "n11" && hosts.last == "n2001000")
        #expect(SlurmHostList.Failure.tooLarge(200_001).message == "it names 200001 hosts; hpcc stops at 200000")
        #expect(SlurmHostList.expand("n[1-10]", budget: 9) == .failure(.tooLarge(10)))
    }

    // MARK: Hardware units

    @Test(arguments: [("24GB", 24576), ("1TB", 1_048_576), ("512MB", 512), ("1.5GB", 1536), ("384GB", 393_216)])
    func memoryIsInMebibytes(_ text: String, _ mebibytes: Int) {
        #expect(HardwareUnits.mebibytes(text) == mebibytes)
    }

    @Test(arguments: ["24 GB", "24G", "0GB", "-1GB", "24gb", "GB", "0.1MB", "fast", "", "1e3GB", "+24GB", "1.2.3GB"])
    func malformedMemoryIsNil(_ text: String) {
        #expect(HardwareUnits.mebibytes(text) == nil)
    }

    @Test func clocksAreInHertz() throws {
        let gigahertz = try #require(HardwareUnits.hertz("2.93GHz"))
        let megahertz = try #require(HardwareUnits.hertz("2930MHz"))
        #expect(abs(gigahertz - 2.93e9) < 1)
        #expect(abs(megahertz - 2.93e9) < 1)
        #expect(HardwareUnits.hertz("2.9 GHz") == nil)
        #expect(HardwareUnits.hertz("fast") == nil)
        #expect(HardwareUnits.hertz("2.93") == nil)
        #expect(HardwareUnits.hertz("0GHz") == nil)
        #expect(HardwareUnits.hertz("2e0GHz") == nil)
    }

    // MARK: Peak performance

    @Test func bwvisuPeakIsTheSumOfItsNodeGroups() throws {
        let path = "blueprints/onprem-bwvisu.yaml"
        let text = try String(contentsOf: Self.repositoryRoot.appendingPathComponent(path), encoding: .utf8)
        let result = compile(text, file: path)
        let peak = PeakPerformance(try cluster(result))
        let groups = peak.byNodeGroup
        #expect(groups.map(\.group.name) == ["compute", "fat", "vis"])
        let flops = groups.map { $0.flops ?? 0 }
        // compute: 200 nodes × 2 × 6 cores × 4 FLOPs/cycle × 2.93GHz = 28.128 TFLOP/s.
        #expect(abs(flops[0] - 200 * 12 * 4 * 2.93e9) < 1e3)
        #expect(abs(flops[0] - 28.128e12) < 1e3)
        // fat: 4 × 48 cores × 4 × 2.2GHz; vis: 8 × 32 cores (not 64 threads) × 32 × 2.9GHz.
        #expect(abs(flops[1] - 4 * 48 * 4 * 2.2e9) < 1e3)
        #expect(abs(flops[2] - 8 * 32 * 32 * 2.9e9) < 1e3)
        #expect(abs(peak.total - flops.reduce(0, +)) < 1e-3)
        let summary = try #require(result.plans.first)
        #expect(result.plans.count == 1)
        #expect(summary.hasPrefix("cluster 'bwvis': peak"), "\(summary)")
        #expect(summary.hasPrefix("cluster 'bwvis': peak 53.57 TFLOP/s ("), "\(summary)")
        #expect(
            summary.contains(
                "compute 200 × 12 cores × 4 FLOPs/cycle × 2.93GHz = 140.64 GFLOP/s per node, 28.13 TFLOP/s"),
            "\(summary)")
        #expect(summary.contains("fat 4 × 48 cores × 4 FLOPs/cycle × 2.2GHz"), "\(summary)")
    }

    @Test func aGroupWithoutFrequencyIsLeftOutOfThePeak() throws {
        let result = compile(existingSlurmBlueprint())
        let peak = PeakPerformance(try cluster(result))
        // compute: 4 × 16 cores × 16 × 2.6GHz = 2.6624 TFLOP/s; gpu has no frequency.
        #expect(peak.byNodeGroup.map { $0.flops == nil } == [false, true])
        #expect(abs(peak.total - 4 * 16 * 16 * 2.6e9) < 1e3)
        #expect(
            result.plans == [
                """
                cluster 'demo': peak 2.66 TFLOP/s (compute 4 × 16 cores × 16 FLOPs/cycle × 2.6GHz = 665.6 GFLOP/s per \
                node, 2.66 TFLOP/s; gpu 2 nodes (no frequency or FLOPs per cycle))
                """
            ])
    }

    // MARK: Accounting

    @Test func accountingWritesSlurmdbdConfWithoutThePassword() throws {
        let result = compile(
            existingSlurmBlueprint(
                cluster:
                    """
                          accounting:\n        storage_host: db01\n        password_file: /etc/slurm/db-password.conf\n
                    """
            ))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(result.file("slurm/demo/slurmdbd.conf") != nil)
        let dbd = lines(result.file("slurm/demo/slurmdbd.conf"))
        #expect(dbd.contains("StorageType=accounting_storage/mysql"))
        #expect(dbd.contains("StorageHost=db01"))
        #expect(dbd.contains("StoragePort=3306"))
        #expect(dbd.contains("StorageLoc=slurm_acct_db"))
        #expect(dbd.contains("DbdHost=ctl01"), "a null dbd_host is the controller")
        #expect(dbd.contains("Include /etc/slurm/db-password.conf"))
        // The comment says where StoragePass goes; no setting carries it.
        #expect(!dbd.contains { !$0.hasPrefix("#") && $0.contains("StoragePass") }, "\(dbd)")

        let conf = lines(result.file("slurm/demo/slurm.conf"))
        #expect(conf.contains("AccountingStorageType=accounting_storage/slurmdbd"))
        #expect(conf.contains("AccountingStorageHost=ctl01"))
        #expect(conf.contains("AccountingStoragePort=6819"))
        #expect(conf.contains("JobAcctGatherType=jobacct_gather/cgroup"))
    }

    @Test func withoutAccountingNothingIsGathered() {
        let result = compile(existingSlurmBlueprint())
        let conf = lines(result.file("slurm/demo/slurm.conf"))
        #expect(conf.contains("JobAcctGatherType=jobacct_gather/none"))
        #expect(conf.contains("AccountingStorageType=accounting_storage/none"))
        #expect(!conf.contains { $0.hasPrefix("JobAcctGatherFrequency") })
        #expect(result.file("slurm/demo/slurmdbd.conf") == nil)
    }
}

/// Job scripts on an existing cluster (issue 20).
@Suite struct ExistingSlurmJobScriptTests {
    @Test func scriptsAreWrittenBesideSlurmConfAndNamedInIt() throws {
        let result = compile(
            existingSlurmBlueprint(
                cluster: """
                          job_script_directory: /etc/slurm/jobs
                          epilog_scripts:
                          - filename: 10-clean
                            content: "#!/bin/sh\\n"
                          task_prolog_scripts:
                          - filename: bad/name
                            content: "#!/bin/sh\\n"

                    """))
        #expect(positions(result.diagnostics) == ["40:19 HPC3057"], "\(result.diagnostics)")
        let fixed = compile(
            existingSlurmBlueprint(
                cluster: """
                          job_script_directory: /etc/slurm/jobs
                          epilog_scripts:
                          - filename: 10-clean
                            content: "#!/bin/sh\\n"

                    """))
        #expect(fixed.diagnostics.isEmpty, "\(fixed.diagnostics)")
        let conf = try #require(fixed.file("slurm/demo/slurm.conf"))
        #expect(conf.contains("Epilog=/etc/slurm/jobs/epilog\n") && !conf.contains("Prolog="))
        #expect(fixed.file("slurm/demo/job-scripts/epilog.d/10-clean") == "#!/bin/sh\n")
        #expect(fixed.files.first { $0.path == "slurm/demo/job-scripts/epilog" }?.executable == true)
    }
}

/// On an existing cluster too, several partitions without a default is warning HPC3066, not an error.
@Suite struct ExistingSlurmDefaultPartitionTests {
    @Test func noDefaultPartitionIsAWarning() {
        let result = compile(existingSlurmReplacing(("        default: true\n", "")))
        #expect(result.succeeded)
        #expect(positions(result.diagnostics) == ["29:7 HPC3066"])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(
            result.diagnostics.first?.message
                == "cluster 'demo' has 2 partitions and none is the default: jobs that name no partition are refused")
    }
}
