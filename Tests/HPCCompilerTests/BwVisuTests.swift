import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// The existing-slurm test cluster with a bwvisu module on its `gpu` partition. Lines 1-34 are
/// `existingSlurmBlueprint()`'s; the module follows:
/// ```
/// 35  - id: visu
/// 36    source: modules/remote-desktop/bwvisu
/// 37    use: [cluster]
/// 38    settings:
/// 39      partition: gpu                           (value at column 18)
/// 40      home_prefix: /shared/home                (column 20)
/// 41      gateway_nodes:
/// 42      - host: gw1                              (`-` at column 7, host at 15)
/// 43        internal_address: 10.0.0.1
/// 44        external_address: 192.0.2.1            (column 27)
/// 45      - host: gw2
/// 46        internal_address: 10.0.0.2
/// 47        external_address: 192.0.2.2            (column 27)
/// 48      command_nodes:
/// 49      - {host: login1, address: 10.0.0.10, user: bwvisu}   (user at column 50)
/// 50      keyholed_servers:
/// 51      - {address: 10.0.0.1, port: 8443}
/// 52      etcd_servers:
/// 53      - {address: 10.0.0.20}
/// 54      port_range: {min: 50000, max: 51999}     (`{` at column 19)
/// 55      max_forwarders_per_job: 100              (column 31)
/// 56      forwarding_hostname_suffix: -ib0         (column 35)
/// 57  (what `extra` appends)
/// ```
let bwVisuModule = """
      - id: visu
        source: modules/remote-desktop/bwvisu
        use: [cluster]
        settings:
          partition: gpu
          home_prefix: /shared/home
          gateway_nodes:
          - host: gw1
            internal_address: 10.0.0.1
            external_address: 192.0.2.1
          - host: gw2
            internal_address: 10.0.0.2
            external_address: 192.0.2.2
          command_nodes:
          - {host: login1, address: 10.0.0.10, user: bwvisu}
          keyholed_servers:
          - {address: 10.0.0.1, port: 8443}
          etcd_servers:
          - {address: 10.0.0.20}
          port_range: {min: 50000, max: 51999}
          max_forwarders_per_job: 100
          forwarding_hostname_suffix: -ib0

    """

/// The test blueprint with each `old` (once in the text) replaced by its `new`, and `extra` appended.
func bwVisuBlueprint(_ replacements: (old: String, new: String)..., extra: String = "") -> String {
    replacements.reduce(existingSlurmBlueprint(cluster: bwVisuModule)) { text, replacement in
        precondition(text.components(separatedBy: replacement.old).count == 2, "'\(replacement.old)' must occur once")
        return text.replacingOccurrences(of: replacement.old, with: replacement.new)
    } + extra
}

let bwVisuCases: [RuleCase] = [
    // HPC3045: the visualization partition must be one of the cluster's.
    RuleCase(
        name: "a partition the cluster lacks", blueprint: bwVisuBlueprint(("partition: gpu", "partition: gpus")),
        expected: ["39:18 HPC3045"], help: "did you mean 'gpu'?", message: "cluster 'demo' has no partition 'gpus'"),
    // HPC3046: bwVisu needs an existing cluster.
    RuleCase(
        name: "a cluster named that no module defines",
        blueprint: bwVisuBlueprint(("    use: [cluster]\n", "")).replacingOccurrences(
            of: "partition: gpu\n", with: "partition: gpu\n      slurm_cluster_name: dmeo\n"),
        expected: ["39:27 HPC3046"], help: "did you mean 'demo'?",
        message: "no existing-slurm module of this blueprint describes cluster 'dmeo'"),
    // HPC3042: ranges of unprivileged ports, enough for every gateway and job.
    RuleCase(
        name: "a privileged range", blueprint: bwVisuBlueprint(("{min: 50000, max: 51999}", "{min: 80, max: 1000}")),
        expected: ["54:19 HPC3042"], help: "min and max within 1024-65535",
        message: "port_range 80-1000 is not a range of unprivileged ports"),
    RuleCase(
        name: "a reversed range", blueprint: bwVisuBlueprint(("{min: 50000, max: 51999}", "{min: 51999, max: 50000}")),
        expected: ["54:19 HPC3042"], message: "port_range 51999-50000"),
    RuleCase(
        name: "a range past 65535",
        blueprint: bwVisuBlueprint(("{min: 50000, max: 51999}", "{min: 60000, max: 70000}")),
        expected: ["54:19 HPC3042"], message: "port_range 60000-70000"),
    RuleCase(
        name: "one port for two gateways",
        blueprint: bwVisuBlueprint(("{min: 50000, max: 51999}", "{min: 50000, max: 50000}")),
        expected: ["54:19 HPC3042"], help: "widen the range", message: "port_range 50000 has 1 ports for 2 gateways"),
    RuleCase(
        name: "blocks smaller than a job's forwarders",
        blueprint: bwVisuBlueprint(("max_forwarders_per_job: 100", "max_forwarders_per_job: 1001")),
        expected: ["55:31 HPC3042"], help: "a job's ports are forwarded by one gateway",
        message: "max_forwarders_per_job is 1001, but a gateway's block of port_range 50000-51999 holds 1000 ports"),
    RuleCase(
        name: "a reserved entry that is not a port",
        blueprint: bwVisuBlueprint(
            (
                "max_forwarders_per_job: 100",
                """
                max_forwarders_per_job: 100\n      reserved_ports: [\"8080\", \"99999\"]
                """
            )),
        expected: ["56:32 HPC3042"], message: "reserved_ports entry '99999' is not a port or a range of ports"),
    RuleCase(
        name: "two bwVisu modules forwarding the same ports on one gateway",
        blueprint: bwVisuBlueprint(
            extra: bwVisuModule.replacingOccurrences(of: "id: visu", with: "id: visu2").replacingOccurrences(
                of: "max: 51999", with: "max: 50999")),
        expected: ["76:19 HPC3042"], help: "give the two bwVisu modules ranges that do not overlap",
        message: "gateway 'gw1' would forward ports 50000-50499 for 'visu2' and 50000-50999 for 'visu'"),
    // HPC3043: the range must be free on the gateways and the partition's nodes.
    RuleCase(
        name: "a reserved port inside the range",
        blueprint: bwVisuBlueprint(
            (
                "max_forwarders_per_job: 100",
                "max_forwarders_per_job: 100\n      reserved_ports: [\"5900-5999\", \"51000\"]"
            )),
        expected: ["54:19 HPC3043"], help: "the range must be free on the gateways and the partition's nodes",
        message: "port_range 50000-51999 holds port 51000, reserved by reserved_ports '51000'"),
    RuleCase(
        name: "a gateway's SSH port inside the range",
        blueprint: bwVisuBlueprint(
            ("external_address: 192.0.2.2", "external_address: 192.0.2.2\n        ssh_port: 50022")),
        expected: ["55:19 HPC3043"], message: "holds port 50022, SSH of gateway 'gw2'"),
    RuleCase(
        name: "keyholed on a gateway inside the range", blueprint: bwVisuBlueprint(("port: 8443", "port: 51443")),
        expected: ["54:19 HPC3043"], message: "holds port 51443, keyholed on '10.0.0.1'"),
    RuleCase(
        name: "slurmd's port inside the range",
        blueprint: bwVisuBlueprint(("controller:\n", "slurmd_port: 51818\n      controller:\n")),
        expected: ["55:19 HPC3043"], message: "holds port 51818, slurmd on the nodes of partition 'gpu'"),
    RuleCase(
        name: "a gateway that is the controller",
        blueprint: bwVisuBlueprint(
            ("host: gw1", "host: ctl01"), ("controller:\n", "slurmctld_port: 50817\n      controller:\n")),
        expected: ["55:19 HPC3043"], message: "holds port 50817, slurmctld on 'ctl01'"),
    // HPC3044: gateways users can reach, each once.
    RuleCase(
        name: "a gateway without an external address",
        blueprint: bwVisuBlueprint(("        external_address: 192.0.2.2\n", "")),
        expected: ["45:9 HPC3044"], help: "set external_address", message: "gateway 'gw2' has no external address"),
    RuleCase(
        name: "two gateways on one address",
        blueprint: bwVisuBlueprint(("internal_address: 10.0.0.2", "internal_address: 10.0.0.1")),
        expected: ["46:27 HPC3044"], message: "gateways 1 and 2 share '10.0.0.1'"),
    // HPC4001: values bwVisu's job templates cannot carry.
    RuleCase(
        name: "a blank in home_prefix",
        blueprint: bwVisuBlueprint(("home_prefix: /shared/home", "home_prefix: /shared home")),
        expected: ["40:20 HPC4001"], help: "allows only A-Z a-z 0-9 . / _ -",
        message: "home_prefix '/shared home' holds characters bwVisu cannot carry"),
    RuleCase(
        name: "a relative home_prefix",
        blueprint: bwVisuBlueprint(("home_prefix: /shared/home", "home_prefix: shared/home")),
        expected: ["40:20 HPC4001"], message: "home_prefix 'shared/home' is not an absolute path"),
    RuleCase(
        name: "a semicolon in the forwarding suffix",
        blueprint: bwVisuBlueprint(("suffix: -ib0", "suffix: -ib0;reboot")),
        expected: ["56:35 HPC4001"], message: "forwarding_hostname_suffix '-ib0;reboot'"),
    RuleCase(
        name: "a dollar in a command node's user", blueprint: bwVisuBlueprint(("user: bwvisu}", "user: $bwvisu}")),
        expected: ["49:50 HPC4001"], message: "command_nodes[0].user '$bwvisu' holds characters bwVisu cannot carry"),
]

@Suite("bwVisu")
struct BwVisuTests {
    @Test func theTestBlueprintCompilesCleanly() {
        let result = compile(bwVisuBlueprint())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
    }

    @Test(arguments: bwVisuCases)
    func reportsTheRuleAtItsValue(_ testCase: RuleCase) {
        testCase.check(messageAnywhere: true)
    }

    /// Every key of the runner's config.json, with the types the runner reads.
    @Test func runnerConfigCarriesEveryReferenceField() throws {
        let result = compile(bwVisuBlueprint())
        let text = try #require(result.file("bwvisu/visu/config.json"))
        let config = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            Set(config.keys) == [
                "bwvisu-home-prefix", "gateway-nodes", "command-nodes", "keyholed-servers", "keyholed-port-range",
                "keyholed-max-forwarders-per-job", "etcd-servers", "debug", "forwarding-hostname-suffix",
            ])
        #expect(config["bwvisu-home-prefix"] as? String == "/shared/home")
        let gateways = try #require(config["gateway-nodes"] as? [[String: Any]])
        #expect(gateways.count == 2)
        #expect(
            gateways.allSatisfy { Set($0.keys) == ["internal-ip", "external-ip", "user", "port"] && $0["port"] is Int })
        #expect(gateways.map { $0["external-ip"] as? String } == ["192.0.2.1", "192.0.2.2"])
        let commands = try #require(config["command-nodes"] as? [[String: Any]])
        #expect(commands.map { Set($0.keys) } == [["ip", "user", "port"]])
        for key in ["keyholed-servers", "etcd-servers"] {
            let servers = try #require(config[key] as? [[String: Any]])
            #expect(servers.allSatisfy { Set($0.keys) == ["ip", "port"] && $0["port"] is Int }, "\(key)")
        }
        #expect((config["etcd-servers"] as? [[String: Any]])?.first?["port"] as? Int == 2379)
        let range = try #require(config["keyholed-port-range"] as? [String: Int])
        #expect(range == ["min": 50000, "max": 51999])
        #expect(config["keyholed-max-forwarders-per-job"] as? Int == 100)
        #expect((config["debug"] as? [String: String]) == ["keyholed-static-forwarding": "False"])
        #expect(config["forwarding-hostname-suffix"] as? String == "-ib0")
    }

    /// The gateways' blocks split the range without overlap or gap, and the inventory carries them.
    @Test func gatewaysSplitTheRange() throws {
        for gateways in 1...7 {
            let range = PortRange(50000, 50000 + 997)
            let blocks = try #require(range.split(into: gateways))
            #expect(blocks.count == gateways)
            #expect(blocks.first?.lower == range.lower && blocks.last?.upper == range.upper)
            for (one, next) in zip(blocks, blocks.dropFirst()) {
                #expect(next.lower == one.upper + 1)
                #expect(!one.overlaps(next))
            }
            #expect(blocks.map(\.count).max()! - blocks.map(\.count).min()! <= 1)
        }
        #expect(PortRange(50000, 50001).split(into: 3) == nil)
        let inventory = try #require(compile(bwVisuBlueprint()).file("ansible/inventory.yml"))
        #expect(inventory.contains("bwvisu_gateway_port_range: \"50000:50999\""))
        #expect(inventory.contains("bwvisu_gateway_port_range: \"51000:51999\""))
        #expect(inventory.contains("bwvisu_keyhole_port_range: \"50000:51999\""))
        #expect(inventory.contains("bwvisu_command_visu:"))
        // The command node submits jobs, so it gets the cluster's Slurm configuration.
        #expect(
            inventory.contains("    slurm_cluster_demo:\n      hosts:\n        ctl01:\n        cn01:\n"), "\(inventory)"
        )
        #expect(
            inventory.contains("        gpu2:\n        login1:\n      vars:\n        slurm_cluster_name: demo\n"),
            "\(inventory)")
        #expect(inventory.contains("- gpu1-ib0\n"))
    }
}
