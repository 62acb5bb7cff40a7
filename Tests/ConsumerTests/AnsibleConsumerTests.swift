import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// Every emitted inventory parses under `ansible-inventory --list` with nothing unparsed and no
/// warning, and holds exactly the hosts and groups of the IR.
@Suite("ansible-inventory accepts every compiled inventory")
struct AnsibleConsumerTests {
    @Test(arguments: Repository.checkedBlueprints)
    func inventoryParses(_ name: String) throws {
        let result = try Repository.compile(name)
        let deployment = try #require(result.deployment)
        guard let inventory = result.files.first(where: { $0.path == InventoryEmitter.path }) else {
            return ConsumerTools.record(name, "ansible-inventory", "no inventory in this blueprint")
        }
        guard AnsibleInventoryCheck.executable != nil || ConsumerTools.required else {
            return ConsumerTools.record(
                name, "ansible-inventory",
                ConsumerTools.skipped(
                    "ansible-inventory for \(name)", because: AnsibleInventoryCheck.Unavailable().description))
        }
        let report = try AnsibleInventoryCheck.list(inventory.text)
        var hosts = Set<String>()
        var groups: Set<String> = [
            "all", "ungrouped", "slurm_controller", "slurm_login", "slurm_compute", "workbench", "bwvisu_gateway",
            "bwvisu_command",
        ]
        for cluster in deployment.clusters {
            hosts.formUnion(cluster.controllerHosts.map(\.name))
            hosts.formUnion(cluster.loginGroups.flatMap { $0.hostNames(cluster: cluster.name) })
            hosts.formUnion(cluster.nodesets.flatMap { $0.staticHostNames(cluster: cluster.name) })
            groups.insert(InventoryEmitter.groupName("slurm_cluster", cluster.name))
            groups.formUnion(cluster.partitions.map { InventoryEmitter.groupName("slurm_partition", $0.name) })
        }
        for cluster in deployment.onPremClusters {
            hosts.insert(cluster.controllerHost)
            hosts.formUnion(cluster.nodeGroups.flatMap(\.hosts))
            groups.insert(InventoryEmitter.groupName("slurm_cluster", cluster.name))
            groups.formUnion(cluster.partitions.map { InventoryEmitter.groupName("slurm_partition", $0.name) })
        }
        hosts.formUnion(deployment.workbenches.map(\.name))
        for visu in deployment.bwVisus {
            hosts.formUnion(visu.gateways.map(\.host) + visu.commandNodes.compactMap(\.host))
            groups.formUnion([
                InventoryEmitter.groupName("bwvisu_gateway", visu.id),
                InventoryEmitter.groupName("bwvisu_command", visu.id),
            ])
        }
        #expect(report.hosts == hosts)
        #expect(report.groups == groups)
        // Each gateway forwards its own block, as iptables takes it, within the group's range.
        for visu in deployment.bwVisus {
            for gateway in visu.gateways {
                let variables = report.variables[gateway.host] ?? [:]
                #expect(
                    variables["bwvisu_gateway_port_range"] == gateway.ports.iptables, "\(gateway.host): \(variables)")
                #expect(
                    variables["bwvisu_keyhole_port_range"] == visu.portRange.iptables, "\(gateway.host): \(variables)")
                #expect(variables["ansible_host"] == gateway.internalAddress)
            }
        }
        ConsumerTools.record(
            name, "ansible-inventory",
            "\(inventory.path) accepted: \(report.hosts.count) hosts, \(report.groups.count) groups as in the IR")
    }
}
