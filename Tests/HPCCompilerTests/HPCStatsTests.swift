import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The existing-slurm test cluster with the hardware HPCStats needs, accounting, and an hpcstats
/// module using it:
/// ```
/// 20          frequency: 2.6GHz
/// 21          cpu_model: Intel Xeon Gold 6142        (value at column 20)
/// 22          flops_per_cycle: 16
/// 23          features: [ib]
/// 24        - name: gpu                              (name at column 15)
/// 25          hostnames: gpu[1-2]
/// 26          cores_per_socket: 32
/// 27          memory: 512GB
/// 28          frequency: 2.25GHz
/// 29          flops_per_cycle: 16
/// 30          cpu_model: AMD EPYC 7742
/// 31          gpus: {count: 4, type: a100}
/// 32        partitions:                         (batch over compute, gpu over gpu)
/// 39        accounting:
/// 40          storage_host: db01
/// 41    - id: stats
/// 42      source: modules/monitoring/hpcstats
/// 43      use: [cluster]                        (cluster at column 11)
/// 44      settings:
/// 45        database: {host: stats-db}
/// 46        users:
/// 47          url: ldap://ldap.example.org
/// 48          base_dn: dc=example,dc=org
/// 49          bind_dn: cn=stats,dc=example,dc=org
/// 50          department_group_filter: (cn=dpt-*)
/// 51          department_group_pattern: dpt-(.+)   (column 35)
/// 52          groups: [hpc]                        (hpc at column 18)
/// 53  (what `extra` appends)
/// ```
let hpcStatsModule = """
      - id: stats
        source: modules/monitoring/hpcstats
        use: [cluster]
        settings:
          database: {host: stats-db}
          users:
            url: ldap://ldap.example.org
            base_dn: dc=example,dc=org
            bind_dn: cn=stats,dc=example,dc=org
            department_group_filter: (cn=dpt-*)
            department_group_pattern: dpt-(.+)
            groups: [hpc]

    """

func hpcStatsBlueprint(_ replacements: (old: String, new: String)..., extra: String = "") -> String {
    let base = existingSlurmBlueprint(cluster: "      accounting:\n        storage_host: db01\n" + hpcStatsModule)
        .replacingOccurrences(
            of: "frequency: 2.6GHz\n", with: "frequency: 2.6GHz\n        cpu_model: Intel Xeon Gold 6142\n"
        )
        .replacingOccurrences(
            of: "memory: 512GB\n",
            with:
                """
                memory: 512GB\n        frequency: 2.25GHz\n        flops_per_cycle: 16\n        cpu_model: AMD EPYC \
                7742\n
                """
        )
    return replacements.reduce(base) { text, replacement in
        precondition(text.components(separatedBy: replacement.old).count == 2, "'\(replacement.old)' must occur once")
        return text.replacingOccurrences(of: replacement.old, with: replacement.new)
    } + extra
}

/// The minimal Slurm-GCP blueprint (an n2-standard-2 nodeset, machine_type at 16:21) with an
/// hpcstats module from line 26 that names the cluster's accounting database.
func cloudStatsBlueprint(nodeset: String = "", extra: String = "") -> String {
    minimalBlueprint.replacingOccurrences(
        of: "node_count_dynamic_max: 2\n", with: "node_count_dynamic_max: 2\n" + nodeset)
        + hpcStatsModule.replacingOccurrences(of: "use: [cluster]", with: "use: [controller]")
        + "      accounting_databases:\n      - {cluster: mini, host: acct-db}\n" + extra
}

let hpcStatsCases: [RuleCase] = [
    // HPC3047: hardware HPCStats requires.
    RuleCase(
        name: "a node group without a clock", blueprint: hpcStatsBlueprint(("        frequency: 2.25GHz\n", "")),
        expected: ["24:15 HPC3047"], help: "or in a node_hardware entry",
        message: "HPCStats needs the frequency of node group 'gpu' of cluster 'demo'"),
    RuleCase(
        name: "a node group without model, clock and FLOPs",
        blueprint: existingSlurmBlueprint(cluster: "      accounting:\n        storage_host: db01\n" + hpcStatsModule)
            .replacingOccurrences(of: "frequency: 2.6GHz\n", with: "frequency: 2.6GHz\n        cpu_model: X\n"),
        expected: ["24:15 HPC3047"], message: "the cpu_model, frequency, flops_per_cycle of node group 'gpu'"),
    RuleCase(
        name: "a cloud family on several platforms", blueprint: cloudStatsBlueprint(),
        expected: ["16:21 HPC3047"], help: "set min_cpu_platform: Intel Ice Lake on the nodeset",
        message:
            """
            HPCStats needs the CPU of nodeset 'nodeset' (n2-standard-2), and n2 runs on Intel Cascade Lake, Intel Ice \
            Lake
            """
    ),
    RuleCase(
        name: "node_hardware for a nodeset the cluster lacks",
        blueprint: cloudStatsBlueprint(
            nodeset: "      min_cpu_platform: Intel Ice Lake\n",
            extra:
                """
                      node_hardware:\n      - {cluster: mini, nodeset: nodset, cpu_model: X, frequency: 2GHz, \
                flops_per_cycle: 32}\n
                """
        ),
        expected: ["42:34 HPC3047"], help: "did you mean 'nodeset'?",
        message: "node_hardware names 'nodset', which is not a node group or nodeset of cluster 'mini'"),
    RuleCase(
        name: "node_hardware with a clock in words",
        blueprint: cloudStatsBlueprint(
            extra:
                """
                      node_hardware:\n      - {cluster: mini, nodeset: nodeset, cpu_model: X, frequency: fast, \
                flops_per_cycle: 32}\n
                """
        ),
        expected: ["16:21 HPC3047", "41:68 HPC3047"], message: "frequency 'fast' is not a clock in MHz or GHz"),
    // HPC3048: jobs come from Slurm accounting; one HPCStats per deployment.
    RuleCase(
        name: "a cluster without accounting",
        blueprint: hpcStatsBlueprint(("      accounting:\n        storage_host: db01\n", "")),
        expected: ["41:11 HPC3048"],
        help: "give the cluster accounting, or add an accounting_databases entry for 'demo'",
        message: "HPCStats imports jobs from Slurm accounting, and cluster 'demo' has none hpcc knows"),
    RuleCase(
        name: "a cloud cluster without an accounting database",
        blueprint: cloudStatsBlueprint(nodeset: "      min_cpu_platform: Intel Ice Lake\n").replacingOccurrences(
            of: "      accounting_databases:\n      - {cluster: mini, host: acct-db}\n", with: ""),
        expected: ["29:11 HPC3048"], message: "cluster 'mini' has none hpcc knows"),
    RuleCase(
        name: "a second hpcstats module",
        blueprint: hpcStatsBlueprint(extra: hpcStatsModule.replacingOccurrences(of: "id: stats", with: "id: stats2")),
        expected: ["53:9 HPC3048"], help: "let one hpcstats module use every cluster",
        message: "module 'stats' already configures HPCStats"),
    // HPC3046: clusters HPCStats can describe, and entries that would change nothing.
    RuleCase(
        name: "a cluster named that no module defines",
        blueprint: hpcStatsBlueprint(
            ("use: [cluster]\n    settings:\n", "settings:\n      slurm_cluster_name: [dmeo]\n")),
        expected: ["44:28 HPC3046"], help: "did you mean 'demo'?",
        message: "no module of this blueprint defines cluster 'dmeo'"),
    RuleCase(
        name: "accounting for a cluster hpcstats does not describe",
        blueprint: hpcStatsBlueprint(extra: "      accounting_databases:\n      - {cluster: other, host: acct-db}\n"),
        expected: ["54:19 HPC3046"],
        message: "accounting_databases names cluster 'other', which hpcstats does not describe"),
    // HPC4001: text HPCStats' ConfigParser would misread.
    RuleCase(
        name: "an interpolation in a pattern", blueprint: hpcStatsBlueprint(("dpt-(.+)", "\"%(dpt)s\"")),
        expected: ["51:35 HPC4001"], help: "'%('", message: "'%(dpt)s' cannot be written to HPCStats' configuration"),
    RuleCase(
        name: "a comma in a group", blueprint: hpcStatsBlueprint(("groups: [hpc]", "groups: [\"hpc,gpu\"]")),
        expected: ["52:18 HPC4001"], help: "no ',' in a list item"),
    RuleCase(
        name: "an inline comment in a CPU model",
        blueprint: hpcStatsBlueprint(("Intel Xeon Gold 6142", "Xeon ; rev 2")),
        expected: ["21:20 HPC4001"], message: "'Xeon ; rev 2' cannot be written"),
]

@Suite("HPCStats")
struct HPCStatsTests {
    private func described(_ result: CompileResult) -> String {
        "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })"
    }

    @Test func theTestBlueprintsCompileCleanly() {
        for text in [hpcStatsBlueprint(), cloudStatsBlueprint(nodeset: "      min_cpu_platform: Intel Ice Lake\n")] {
            let result = compile(text)
            #expect(result.diagnostics.isEmpty, "\(described(result))")
        }
    }

    @Test(arguments: hpcStatsCases)
    func reportsTheRuleAtItsValue(_ testCase: RuleCase) {
        testCase.check(messageAnywhere: true)
    }

    @Test func existingClusterArchitecture() throws {
        let result = compile(hpcStatsBlueprint())
        let text = try #require(result.file("hpcstats/demo/architecture.conf"), "\(described(result))")
        #expect(
            text.contains(
                """
                [demo]
                partitions = batch,gpu

                [demo/batch]
                nodegroups = compute
                job_partitions = batch

                [demo/batch/compute]
                names = cn[01-04]
                sockets = 2
                corespersocket = 8
                floatinstructions = 16
                frequency = 2.6GHz
                memory = 64GB
                model = Intel Xeon Gold 6142
                """))
        #expect(
            text.contains(
                """
                [demo/gpu/gpu]\nnames = gpu[1-2]\nsockets = 1\ncorespersocket = 32\nfloatinstructions = 16\nfrequency \
                = 2.25GHz\nmemory = 512GB\n
                """
            ))
        let main = try #require(result.file("hpcstats/hpcstats.conf"))
        #expect(
            main.contains(
                """
                [demo/slurm]\nhost = db01\nport = 3306\nname = slurm_acct_db\nprefix = demo\nuser = hpcstats\npassword \
                = {file:/etc/hpcstats/slurmdb.password}\n
                """
            ))
        #expect(main.contains("[demo/archfile]\nfile = /etc/hpcstats/demo/architecture.conf\n"))
        #expect(result.files.contains { $0.path == "hpcstats/install.sh" && $0.executable })
    }

    /// A node group in two Slurm partitions belongs to the first HPCStats partition; the second
    /// Slurm partition's jobs count there too, and a partition owning nothing is left out.
    @Test func overlappingPartitionsMapToOwners() {
        let compute = HPCStatsNodeGroup(
            name: "compute", nodeSet: "cn[1-4]", nodeCount: 4, sockets: 1, coresPerSocket: 1, memoryMiB: 1024,
            model: "x")
        let gpu = HPCStatsNodeGroup(
            name: "gpu", nodeSet: "g1", nodeCount: 1, sockets: 1, coresPerSocket: 1, memoryMiB: 1024, model: "x")
        let partitions = HPCStatsModule.partitions(
            slurm: [("batch", ["compute"]), ("all", ["compute", "gpu"]), ("debug", ["compute"])],
            groups: ["compute": compute, "gpu": gpu])
        #expect(partitions.map(\.name) == ["batch", "all"])
        #expect(partitions[0].nodeGroups.map(\.name) == ["compute"])
        #expect(partitions[0].jobPartitions == ["batch", "all", "debug"])
        #expect(partitions[1].nodeGroups.map(\.name) == ["gpu"])
        #expect(partitions[1].jobPartitions == ["all"])
    }

    @Test func cloudClusterArchitecture() throws {
        let result = compile(cloudStatsBlueprint(nodeset: "      min_cpu_platform: Intel Ice Lake\n"))
        let text = try #require(result.file("hpcstats/mini/architecture.conf"), "\(described(result))")
        #expect(
            text.contains(
                """
                [mini/batch/nodeset]
                names = mini-nodeset-[0-1]
                sockets = 1
                corespersocket = 1
                floatinstructions = 32
                frequency = 2.6GHz
                memory = 8GB
                model = Intel Xeon Platinum 8373C (Ice Lake)
                """))
        let overridden = compile(
            cloudStatsBlueprint(
                extra:
                    """
                          node_hardware:\n      - {cluster: mini, nodeset: nodeset, cpu_model: Xeon 6268CL, frequency: \
                    2800MHz, flops_per_cycle: 32}\n
                    """
            ))
        #expect(
            overridden.file("hpcstats/mini/architecture.conf")?.contains(
                "frequency = 2.8GHz\nmemory = 8GB\nmodel = Xeon 6268CL\n") == true, "\(described(overridden))")
    }

    @Test func unitsAsHPCStatsParsesThem() {
        #expect(ArchitectureFile.memory(24576) == "24GB")
        #expect(ArchitectureFile.memory(1536 * 1024) == "1536GB")
        #expect(ArchitectureFile.memory(1024 * 1024) == "1TB")
        #expect(ArchitectureFile.memory(1843) == "1843MB")
        #expect(ArchitectureFile.frequency(2.93e9) == "2.93GHz")
        #expect(ArchitectureFile.frequency(2.933e9) == "2933MHz")
        #expect(ArchitectureFile.frequency(3e9) == "3GHz")
        #expect(ArchitectureFile.frequency(2.45e9) == "2.45GHz")
    }

    @Test func iniTextRules() {
        #expect(INIText.isRepresentable("dc=example,dc=org"))
        #expect(INIText.isRepresentable("(&(objectClass=posixGroup)(cn=dpt-*))"))
        #expect(INIText.isRepresentable("a#b"))
        #expect(!INIText.isRepresentable(" leading"))
        #expect(!INIText.isRepresentable("two\nlines"))
        #expect(!INIText.isRepresentable("100%(x)s"))
        #expect(!INIText.isRepresentable("value ;comment"))
        #expect(!INIText.isRepresentable("a,b", listItem: true))
        #expect(!INIText.isRepresentable(""))
    }
}

extension HPCStatsTests {
    /// `hpcc build` shows a cloud cluster's peak once HPCStats describes it: 2 nodes × 1 core
    /// (n2-standard-2 is one core with two threads) × 32 FLOPs/cycle × 2.6GHz (Ice Lake).
    @Test func cloudClusterPeakIsPrinted() {
        let result = compile(cloudStatsBlueprint(nodeset: "      min_cpu_platform: Intel Ice Lake\n"))
        #expect(
            result.plans == [
                """
                cluster 'mini': peak 166.4 GFLOP/s (nodeset 2 × 1 cores × 32 FLOPs/cycle × 2.6GHz = 83.2 GFLOP/s per \
                node, 166.4 GFLOP/s)
                """
            ])
    }
}
