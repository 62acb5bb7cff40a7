import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// vm-instance's `network_interfaces` (every interface, nic0 first), `merge()` of a network
/// module's interface with literal members, and reservation-bound provisioning.
@Suite("vm-instance network interfaces")
struct VMInstanceNetworkTests {
    /// Two VPCs (when `networks`) and one vm-instance that uses neither; `vm` adds settings to it.
    private func blueprint(_ vm: String, networks: Bool = true) -> String {
        let vpcs = """
              - id: net
                source: modules/network/vpc
              - id: extra
                source: modules/network/vpc
                settings:
                  network_name: lab-extra

            """
        return """
            blueprint_name: vmnet
            vars:
              project_id: demo-project
              deployment_name: lab
              region: us-central1
              zone: us-central1-a
            deployment_groups:
            - group: primary
              modules:

            """ + (networks ? vpcs : "") + """
                  - id: vms
                    source: modules/compute/vm-instance
                    settings:
                      machine_type: n2-standard-4

                """ + vm
    }

    /// The Cluster Toolkit examples' shape: nic0 is the first VPC's interface with an external
    /// address merged in, then the second VPC's interfaces.
    private let examplesInterfaces = """
              network_interfaces: $(concat([merge(net.instance_additional_networks[0], {access_config = [{nat_ip = \
        null, public_ptr_domain_name = null, network_tier = null}]})], extra.instance_additional_networks))

        """

    /// The `network_interface` blocks of the first instance.
    private func interfaces(_ result: CompileResult) throws -> [[String: Any]] {
        let text = try #require(result.file("lab/primary/main.tf.json") ?? result.file("primary/main.tf.json"))
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let resources = try #require(json?["resource"] as? [String: [String: [String: Any]]])
        let instance = try #require(resources["google_compute_instance"]?["vms_0"], "\(result.diagnostics)")
        return try #require(instance["network_interface"] as? [[String: Any]])
    }

    @Test func listedInterfacesAreAllTheInterfacesWithTheMergedMembers() throws {
        let result = compile(blueprint(examplesInterfaces))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let blocks = try interfaces(result)
        #expect(blocks.count == 2)
        #expect(blocks[0]["subnetwork"] as? String == "${google_compute_subnetwork.net_lab-primary-subnet.name}")
        #expect(blocks[0]["network"] as? String == "${google_compute_network.net.name}")
        #expect((blocks[0]["access_config"] as? [[String: Any]])?.map(\.count) == [0])
        #expect(blocks[1]["subnetwork"] as? String == "${google_compute_subnetwork.extra_lab-primary-subnet.name}")
        #expect(blocks[1]["access_config"] == nil)
        #expect(blocks[1]["nic_type"] as? String == "GVNIC")
    }

    @Test func aWrittenFirstInterfaceReplacesTheDefaultOne() throws {
        let result = compile(
            blueprint(
                """
                      network_interfaces:
                      - subnetwork: projects/demo-project/regions/us-central1/subnetworks/shared
                        nic_type: GVNIC
                        queue_count: 4

                """, networks: false))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let blocks = try interfaces(result)
        #expect(blocks.count == 1)
        #expect(blocks[0]["subnetwork"] as? String == "projects/demo-project/regions/us-central1/subnetworks/shared")
        #expect(blocks[0]["queue_count"] as? Int == 4)
        #expect(blocks[0]["access_config"] == nil)
    }

    @Test func theDefaultInterfaceSettingsConflictWithListedInterfaces() {
        let both = compile(
            blueprint(
                examplesInterfaces + """
                          subnetwork_self_link: projects/demo-project/regions/us-central1/subnetworks/shared
                          disable_public_ips: true
                          bandwidth_tier: gvnic_enabled

                    """))
        #expect(positions(both.diagnostics) == ["21:29 HPC2007", "22:27 HPC2019", "23:23 HPC2019"])
    }

    @Test func fixedAddressesNeedOneInstance() {
        let result = compile(
            blueprint(
                """
                      instance_count: 2
                      network_interfaces:
                      - subnetwork: shared
                        network_ip: 10.0.0.5

                """, networks: false))
        #expect(positions(result.diagnostics) == ["16:7 HPC2007"], "\(result.diagnostics)")
    }

    @Test func reverseDNSNamesAreNotSupported() {
        let result = compile(
            blueprint(
                """
                      network_interfaces:
                      - subnetwork: shared
                        access_config: [{public_ptr_domain_name: host.example.com}]

                """, networks: false))
        #expect(positions(result.diagnostics) == ["15:9 HPC2019"], "\(result.diagnostics)")
    }

    @Test func mergeTakesAModuleOutputOnlyFirstAndOnlyLiteralMappingsAfterIt() {
        let outputLast = compile(
            blueprint(
                """
                      network_interfaces:
                      - '$(merge({nic_type = "GVNIC"}, net.instance_additional_networks[0]))'

                """))
        #expect(outputLast.diagnostics.map(\.message).contains("merge() takes mappings, not a module output"))
        #expect(
            outputLast.diagnostics.compactMap(\.help).contains(
                "a module output may be merge()'s first argument, with literal mappings after it"))
        let outputInside = compile(
            blueprint(
                """
                      network_interfaces:
                      - $(merge(net.instance_additional_networks[0], {network = net.network_name}))

                """))
        #expect(
            outputInside.diagnostics.map(\.message).contains(
                "merge() of a module output takes literal mappings after it, not a mapping"),
            "\(outputInside.diagnostics)")
    }

    @Test func aDeferredMergeReadsBackAsTheBlueprintWroteIt() {
        let reference = OutputReference(
            module: ModuleID("net"), output: "instance_additional_networks", path: [.index(0)],
            location: SourceLocation(file: "b.yaml", line: 1, column: 1),
            merged: ["nic_type": .string("GVNIC"), "queue_count": .int(2)])
        #expect(
            reference.text
                == #"merge(net.instance_additional_networks[0], {nic_type = "GVNIC", queue_count = 2})"#)
    }

    @Test func aDeferredMergeGoesToTerraformAsMerge() throws {
        let deployment = try #require(compile(blueprint(examplesInterfaces)).deployment)
        var references = TerraformReferences(index: DeploymentIndex(deployment), group: "primary")
        let plain = ModuleReference(module: "net", output: "network_name", path: [], known: nil)
        var merged = plain
        merged.merged = ["mtu": .int(8896)]
        #expect(references.expression(plain) == "google_compute_network.net.name")
        #expect(references.expression(merged) == #"merge(google_compute_network.net.name, {"mtu" = 8896})"#)
    }

    @Test func reservationBoundInstancesNeedTheirReservation() throws {
        let bound = compile(
            blueprint(
                examplesInterfaces + """
                          provisioning_model: RESERVATION_BOUND
                          reservation_name: gpus

                    """))
        let text = try #require(bound.file("lab/primary/main.tf.json") ?? bound.file("primary/main.tf.json"))
        #expect(
            text.contains(#""provisioning_model":"RESERVATION_BOUND""#)
                || text.contains(
                    #""provisioning_model": "RESERVATION_BOUND""#)
        )
        let unbound = compile(blueprint(examplesInterfaces + "      provisioning_model: RESERVATION_BOUND\n"))
        #expect(positions(unbound.diagnostics) == ["21:27 HPC2008"], "\(unbound.diagnostics)")
    }
}
