import Foundation
import Testing
@testable import HPCCompiler

/// The networks of GPU and H4D clusters (gpu-rdma-vpc, multivpc, vpc with a network profile) and
/// what the nodeset makes of them: one `network_interface` per `additional_networks` entry, flex
/// start, accelerator topology.
@Suite("RDMA networks and nodeset provisioning")
struct RDMANetworkTests {
    /// A cluster on `network` whose nodeset has `nodeset` settings, after the `extra` modules.
    private static func blueprint(extra: String, nodeset: String, machine: String = "h4d-highmem-192-lssd") -> String {
        """
        blueprint_name: rdma
        vars:
          project_id: demo-project
          deployment_name: dep
          region: us-central1
          zone: us-central1-b
        deployment_groups:
        - group: primary
          modules:
          - id: network
            source: modules/network/vpc
        \(extra)
          - id: nodeset
            source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
            use: [network]
            settings:
              machine_type: \(machine)
              node_count_dynamic_max: 2
              disk_type: hyperdisk-balanced
        \(nodeset)
          - id: partition
            source: community/modules/compute/schedmd-slurm-gcp-v6-partition
            use: [nodeset]
            settings:
              partition_name: batch
          - id: controller
            source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
            use: [network, partition]

        """
    }

    private static let roce = """
          - id: rdma
            source: modules/network/gpu-rdma-vpc
            settings:
              network_profile: projects/demo-project/global/networkProfiles/us-central1-b-vpc-roce
              subnetworks_template: {name_prefix: mrdma, count: 4, ip_range: 192.168.0.0/16}
        """

    /// The resources of type `type` in the primary root.
    private func resources(_ result: CompileResult, _ type: String) throws -> [String: [String: Any]] {
        let main = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics.map(\.message))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        return ((root["resource"] as? [String: Any])?[type] as? [String: [String: Any]]) ?? [:]
    }

    /// The nodeset's instance template.
    private func template(_ result: CompileResult) throws -> [String: Any] {
        try #require(try resources(result, "google_compute_instance_template")["nodeset"])
    }

    private func interfaces(_ result: CompileResult) throws -> [[String: String]] {
        let blocks = try #require(try template(result)["network_interface"] as? [[String: Any]])
        return blocks.map { $0.compactMapValues { $0 as? String } }
    }

    @Test func rdmaSubnetworkInterfacesBecomeOneMRDMANICEach() throws {
        let result = compile(
            Self.blueprint(
                extra: Self.roce, nodeset: "      additional_networks: $(rdma.subnetwork_interfaces)",
                machine: "a3-ultragpu-8g"))
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let network = try #require(try resources(result, "google_compute_network")["rdma"])
        #expect(
            network["network_profile"] as? String
                == "projects/demo-project/global/networkProfiles/us-central1-b-vpc-roce")
        #expect(network["routing_mode"] as? String == "REGIONAL")
        let subnets = try resources(result, "google_compute_subnetwork")
        #expect(subnets["rdma_mrdma-0"]?["ip_cidr_range"] as? String == "192.168.0.0/18")
        #expect(subnets["rdma_mrdma-3"]?["ip_cidr_range"] as? String == "192.168.192.0/18")
        #expect(try resources(result, "google_compute_firewall").keys.allSatisfy { !$0.hasPrefix("rdma") })
        #expect(try resources(result, "google_compute_router").keys.allSatisfy { !$0.hasPrefix("rdma") })
        let nics = try interfaces(result)
        #expect(nics.count == 5)
        #expect(nics[1] == ["nic_type": "MRDMA", "subnetwork": "${google_compute_subnetwork.rdma_mrdma-0.self_link}"])
        #expect(nics[4]["subnetwork"] == "${google_compute_subnetwork.rdma_mrdma-3.self_link}")
    }

    @Test func vpcWithProfileOffersItsSubnetworkWithItsNICType() throws {
        let falcon = """
              - id: falcon
                source: modules/network/vpc
                settings:
                  network_name: dep-falcon
                  network_profile: projects/demo-project/global/networkProfiles/us-central1-b-vpc-falcon
                  enable_cloud_router: false
                  enable_cloud_nat: false
                  nic_type: IRDMA
            """
        let result = compile(
            Self.blueprint(extra: falcon, nodeset: "      additional_networks: $(falcon.instance_additional_networks)"))
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let nics = try interfaces(result)
        #expect(nics.count == 2)
        #expect(
            nics[1] == [
                "network": "${google_compute_network.falcon.name}", "nic_type": "IRDMA", "stack_type": "IPV4_ONLY",
                "subnetwork": "${google_compute_subnetwork.falcon_dep-primary-subnet.name}",
                "subnetwork_project": "demo-project",
            ])
        #expect(
            try resources(result, "google_compute_network")["falcon"]?["network_profile"] as? String
                == "projects/demo-project/global/networkProfiles/us-central1-b-vpc-falcon")
    }

    @Test func roceProfileOnAVPCWithFirewallRulesIsRefused() {
        let text = """
              - id: roce
                source: modules/network/vpc
                settings:
                  network_profile: projects/demo-project/global/networkProfiles/us-central1-b-vpc-roce
            """
        let result = compile(
            Self.blueprint(extra: text, nodeset: "      additional_networks: $(roce.instance_additional_networks)"))
        #expect(positions(result.diagnostics, severity: .error) == ["15:24 HPC2007"])
    }

    @Test func metalProfileTakesNoTemplateAndOffersEightIPv6Interfaces() {
        let template = """
              - id: metal
                source: modules/network/gpu-rdma-vpc
                settings:
                  network_profile: projects/demo-project/global/networkProfiles/us-central1-b-vpc-roce-metal
            """
        let refused = compile(
            Self.blueprint(extra: template, nodeset: "      additional_networks: $(metal.subnetwork_interfaces)"))
        #expect(
            refused.diagnostics.contains { $0.code == .constraintViolation && $0.message.contains("vpc-roce-metal") })
        let result = compile(
            Self.blueprint(
                extra: template + "\n      subnetworks_template: null",
                nodeset: "      additional_networks: $(metal.subnetwork_interfaces_gke)"))
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let nics = (try? interfaces(result)) ?? []
        #expect(nics.count == 9)
        #expect(
            nics.last == [
                "network": "${google_compute_network.metal.name}", "nic_type": "MRDMA", "stack_type": "IPV6_ONLY",
                "subnetwork": "${format(\"default-subnet-1-%s\", google_compute_network.metal.name)}",
                "subnetwork_project": "demo-project",
            ])
    }

    @Test func multivpcNetworksReachTheNodesetThroughUse() throws {
        let gpunets = """
              - id: gpunets
                source: modules/network/multivpc
                settings:
                  network_name_prefix: dep-gpunet
                  global_ip_address_range: 10.0.0.0/9
                  network_count: 2
                  subnetwork_cidr_suffix: 20
            """
        let text = Self.blueprint(extra: gpunets, nodeset: "", machine: "a3-highgpu-8g").replacingOccurrences(
            of: "use: [network]\n    settings:\n      machine_type: a3",
            with: "use: [network, gpunets]\n    settings:\n      machine_type: a3")
        let result = compile(text)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let subnets = try resources(result, "google_compute_subnetwork")
        #expect(subnets["gpunets_0_dep-gpunet-0-subnet"]?["ip_cidr_range"] as? String == "10.0.0.0/20")
        #expect(subnets["gpunets_1_dep-gpunet-1-subnet"]?["ip_cidr_range"] as? String == "10.0.16.0/20")
        #expect(try resources(result, "google_compute_network")["gpunets_1"]?["name"] as? String == "dep-gpunet-1")
        #expect(try resources(result, "google_compute_router")["gpunets_1_us-central1"] != nil)
        let nics = try interfaces(result)
        #expect(nics.count == 3)
        #expect(
            nics[2] == [
                "network": "${google_compute_network.gpunets_1.name}", "nic_type": "GVNIC", "stack_type": "IPV4_ONLY",
                "subnetwork": "${google_compute_subnetwork.gpunets_1_dep-gpunet-1-subnet.name}",
                "subnetwork_project": "demo-project",
            ])
    }

    @Test func writtenEntriesAndSplicedOutputsMixAndBadNICTypesAreRefused() throws {
        let entries = """
                  additional_networks:
                    $(concat(
                      [{network=null, subnetwork=network.subnetwork_self_link, nic_type="GVNIC", queue_count=4}],
                      rdma.subnetwork_interfaces))
            """
        let result = compile(Self.blueprint(extra: Self.roce, nodeset: entries, machine: "a3-ultragpu-8g"))
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let blocks = try #require(try template(result)["network_interface"] as? [[String: Any]])
        #expect(blocks.count == 6)
        #expect(blocks[1]["queue_count"] as? Int == 4)
        #expect(
            blocks[1]["subnetwork"] as? String == "${google_compute_subnetwork.network_dep-primary-subnet.self_link}")
        let bad = compile(
            Self.blueprint(
                extra: "", nodeset: "      additional_networks: [{subnetwork: s, nic_type: RDMA}]"))
        #expect(
            bad.diagnostics.contains {
                $0.code == .constraintViolation && $0.message.contains("'RDMA'") || $0.message.contains("\"RDMA\"")
            })
    }

    /// Cluster Toolkit's `enabled` defaults to true once `dws_flex` is given.
    @Test func flexStartNodesAreFlexStartInTheTemplate() throws {
        let result = compile(Self.blueprint(extra: "", nodeset: "      dws_flex: {max_run_duration: 3600}"))
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let body = try template(result)
        let scheduling = try #require((body["scheduling"] as? [[String: Any]])?.first)
        #expect(scheduling["provisioning_model"] as? String == "FLEX_START")
        #expect(scheduling["instance_termination_action"] as? String == "DELETE")
        #expect(scheduling["automatic_restart"] as? Bool == false)
        #expect((scheduling["max_run_duration"] as? [[String: Int]]) == [["seconds": 3600]])
        #expect((body["reservation_affinity"] as? [[String: String]]) == [["type": "NO_RESERVATION"]])
    }

    @Test func flexStartRefusesReservationsAndJobDurations() {
        let both = compile(
            Self.blueprint(
                extra: "",
                nodeset: "      reservation_name: res\n      dws_flex: {enabled: true, use_job_duration: true}"))
        #expect(
            both.diagnostics.filter { $0.severity == .error }.map(\.code) == [
                .constraintViolation, .settingNotSupported,
            ])
        let off = compile(
            Self.blueprint(extra: "", nodeset: "      reservation_name: res\n      dws_flex: {enabled: false}"))
        #expect(off.diagnostics.filter { $0.severity == .error }.isEmpty)
    }

    @Test func acceleratorTopologyShapesThePlacementPolicy() throws {
        let result = compile(
            Self.blueprint(extra: "", nodeset: "      accelerator_topology: 1x72", machine: "a4x-highgpu-4g"))
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics.map(\.message))")
        let policy = try #require(try resources(result, "google_compute_resource_policy")["nodeset"])
        #expect(
            (policy["group_placement_policy"] as? [[String: String]]) == [
                ["collocation": "COLLOCATED", "gpu_topology": "1x72"]
            ])
        let unplaced = compile(
            Self.blueprint(
                extra: "", nodeset: "      enable_placement: false\n      accelerator_topology: 1x72",
                machine: "a4x-highgpu-4g"))
        #expect(positions(unplaced.diagnostics, severity: .error) == ["21:29 HPC2007"])
    }
}
