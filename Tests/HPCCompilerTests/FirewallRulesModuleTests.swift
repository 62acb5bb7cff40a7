import Foundation
import Testing
@testable import HPCCompiler

/// `modules/network/firewall-rules`: the rules it emits on a network of the blueprint or an
/// existing one, and every mistake in a rule reported at the field it is about.
@Suite("firewall-rules module")
struct FirewallRulesModuleTests {
    private static let vpc = "  - id: net\n    source: modules/network/vpc\n"

    private static func blueprint(_ firewall: String, network: String = vpc) -> String {
        """
        blueprint_name: fw
        vars:
          project_id: demo-project
          deployment_name: fw
        \(network.isEmpty ? "" : "  region: us-central1\n")deployment_groups:
        - group: primary
          modules:
        \(network)  - id: fw
            source: modules/network/firewall-rules
        \(firewall)
        """
    }

    private static let rules = """
            use: [net]
            settings:
              ingress_rules:
              - name: fw-allow-internal
                description: Traffic inside the subnetwork
                source_ranges: [$(net.subnetwork_address)]
                destination_ranges: [$(net.subnetwork_address)]
                allow:
                - protocol: tcp
                  ports: ["0-65535"]
                - protocol: icmp
              - name: fw-allow-slurm
                priority: 900
                source_tags: [login]
                target_tags: [compute]
                allow: [{protocol: tcp, ports: ["6817-6819", 22]}]
                log_config: {metadata: EXCLUDE_ALL_METADATA}
              egress_rules:
              - name: fw-deny-outside
                disabled: true
                destination_ranges: [0.0.0.0/0]
                target_tags: [compute]
                deny: [{protocol: all}]
        """

    private func firewalls(_ text: String) throws -> [String: [String: Any]] {
        let result = compile(text)
        let main = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics.map(\.message))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        return ((root["resource"] as? [String: Any])?["google_compute_firewall"] as? [String: [String: Any]]) ?? [:]
    }

    @Test func rulesLandOnTheUsedNetworkWithTheirDirections() throws {
        let rules = try firewalls(Self.blueprint(Self.rules))
        let inside = try #require(rules["fw_fw-allow-internal"])
        // `use` wires the vpc's network_name; without it the subnetwork's network is taken.
        #expect(inside["network"] as? String == "${google_compute_network.net.name}")
        #expect(inside["project"] as? String == "demo-project")
        #expect(inside["direction"] as? String == "INGRESS")
        #expect(
            inside["source_ranges"] as? [String] == ["${google_compute_subnetwork.net_fw-primary-subnet.ip_cidr_range}"]
        )
        #expect(inside["destination_ranges"] as? [String] == inside["source_ranges"] as? [String])
        #expect((inside["allow"] as? [[String: Any]])?.count == 2)
        let slurm = try #require(rules["fw_fw-allow-slurm"])
        #expect(slurm["priority"] as? Int == 900)
        #expect(slurm["source_tags"] as? [String] == ["login"])
        #expect((slurm["allow"] as? [[String: Any]])?.first?["ports"] as? [String] == ["6817-6819", "22"])
        #expect((slurm["log_config"] as? [[String: String]])?.first?["metadata"] == "EXCLUDE_ALL_METADATA")
        let egress = try #require(rules["fw_fw-deny-outside"])
        #expect(egress["direction"] as? String == "EGRESS")
        #expect(egress["disabled"] as? Bool == true)
        #expect(egress["destination_ranges"] as? [String] == ["0.0.0.0/0"])
        #expect(egress["source_ranges"] == nil)
        // hpcc's own vpc rules are untouched beside them.
        #expect(rules.keys.contains { $0.hasPrefix("net_") })
    }

    @Test func aSubnetworkOutsideTheBlueprintIsLookedUpForItsNetwork() throws {
        let text = Self.blueprint(
            """
                settings:
                  subnetwork_self_link: projects/host/regions/us-central1/subnetworks/shared
                  ingress_rules:
                  - {name: allow-iap, source_ranges: [35.235.240.0/20], allow: [{protocol: tcp, ports: ["22"]}]}
            """, network: "")
        let result = compile(text)
        let main = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics.map(\.message))")
        #expect(main.contains("\"self_link\": \"projects/host/regions/us-central1/subnetworks/shared\""))
        #expect(
            try firewalls(text)["fw_allow-iap"]?["network"] as? String == "${data.google_compute_subnetwork.fw.network}"
        )
    }

    @Test func everyMistakeInARuleIsReportedAtItsField() {
        let marked = MarkedBlueprint(
            Self.blueprint(
                """
                    use: [net]
                    settings:
                      ingress_rules:
                      - name: ‸Bad_Name
                        allow: [{protocol: tcp}]
                        source_ranges: [10.0.0.0/8]
                      - name: ‸no-source
                        allow: [{protocol: ‸tcpp}, {protocol: tcp, ports: ‸["70000"]}]
                      - name: ‸mixed
                        source_ranges: [‸10.0.0.300/8]
                        target_tags: [a]
                        target_service_accounts: [x@demo-project.iam.gserviceaccount.com]
                        priority: ‸70000
                        allow: [{protocol: icmp, ports: ‸["1"]}]
                      - name: ‸both
                        source_ranges: [10.0.0.0/8]
                        allow: [{protocol: tcp}]
                        deny: [{protocol: udp}]
                      egress_rules:
                      - name: ‸mixed
                        destination_ranges: [10.0.0.0/8]
                        deny: [{protocol: all}]
                      - name: out
                        destination_ranges: [10.0.0.0/8]
                        source_tags: ‸[a]
                        deny: [{protocol: all}]
                """))
        let result = compile(marked.text)
        let found = result.diagnostics.map {
            "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code.rawValue)"
        }
        let at = marked.markers.map { "\($0.line):\($0.column)" }
        #expect(
            found == [
                "\(at[0]) \(DiagnosticCode.invalidName.rawValue)",
                "\(at[1]) \(DiagnosticCode.constraintViolation.rawValue)",
                "\(at[2]) \(DiagnosticCode.constraintViolation.rawValue)",
                "\(at[3]) \(DiagnosticCode.constraintViolation.rawValue)",
                "\(at[4]) \(DiagnosticCode.constraintViolation.rawValue)",
                "\(at[5]) \(DiagnosticCode.invalidNetworkRange.rawValue)",
                "\(at[6]) \(DiagnosticCode.constraintViolation.rawValue)",
                "\(at[7]) \(DiagnosticCode.constraintViolation.rawValue)",
                "\(at[8]) \(DiagnosticCode.constraintViolation.rawValue)",
                "\(at[9]) \(DiagnosticCode.duplicateName.rawValue)",
                "\(at[10]) \(DiagnosticCode.constraintViolation.rawValue)",
            ], "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(result.files.isEmpty)
    }

    @Test func sshOpenToTheInternetIsAWarning() {
        let result = compile(
            Self.blueprint(
                """
                    use: [net]
                    settings:
                      ingress_rules:
                      - {name: ssh-anywhere, source_ranges: [0.0.0.0/0], allow: [{protocol: tcp, ports: ["22"]}]}
                """))
        #expect(result.diagnostics.map(\.code) == [.sshFromInternet])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(!result.files.isEmpty)
    }
}
