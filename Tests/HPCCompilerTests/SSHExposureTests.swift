import Testing
@_spi(Tools) @testable import HPCCompiler

/// SSH from the internet is emitted only when the blueprint asks, and then warned about
/// (HPC3049) at the range's position; a ParallelCluster head node never falls back to
/// ParallelCluster's own 0.0.0.0/0.
@Suite("SSH exposure")
struct SSHExposureTests {
    static func vpc(_ settings: String) -> String {
        mini("    source: modules/network/vpc\n", "    source: modules/network/vpc\n    settings:\n\(settings)")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let blueprint: String
        var testDescription: String { name }
    }

    static let warned: [Case] = [
        Case(
            name: "allowed_ssh_ip_ranges 0.0.0.0/0",
            blueprint: vpc("      allowed_ssh_ip_ranges: [10.0.0.0/8, ‸0.0.0.0/0]\n")),
        Case(
            name: "the two halves of the internet",
            blueprint: vpc("      allowed_ssh_ip_ranges: [0.0.0.0/1, 128.0.0.0/1]\n")),
        Case(
            name: "a firewall rule with a port range holding 22",
            blueprint: vpc(
                """
                      firewall_rules:
                      - name: admin
                        ranges: [0.0.0.0/0]
                        allow: [{protocol: tcp, ports: ["20-30"]}]

                """)),
        Case(
            name: "a firewall rule for every protocol",
            blueprint: vpc(
                """
                      firewall_rules:
                      - name: open
                        ranges: [0.0.0.0/0]
                        allow: [{protocol: all}]

                """)),
        Case(
            name: "a ParallelCluster head node",
            blueprint: pclusterBlueprint(cluster: "      head_node: {allowed_ssh_cidr: 0.0.0.0/0}\n")),
    ]

    @Test(arguments: warned)
    func warnedButEmitted(_ testCase: Case) {
        let marked = MarkedBlueprint(testCase.blueprint)
        let result = compile(marked.text)
        #expect(
            !result.diagnostics.isEmpty
                && result.diagnostics.allSatisfy { $0.code == .sshFromInternet && $0.severity == .warning },
            "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
        #expect(!result.files.isEmpty, "a warning does not stop the build")
        if let marker = marked.markers.first {
            #expect(result.diagnostics.first?.location?.line == marker.line)
        }
    }

    @Test func theHalvesAreTwoWarnings() {
        let result = compile(Self.vpc("      allowed_ssh_ip_ranges: [0.0.0.0/1, 128.0.0.0/1]\n"))
        #expect(result.diagnostics.map(\.code) == [.sshFromInternet, .sshFromInternet])
    }

    static let quiet: [Case] = [
        Case(
            name: "private and narrow public ranges",
            blueprint: vpc(
                """
                      allowed_ssh_ip_ranges: [10.0.0.0/8, 172.16.0.0/12, 100.64.0.0/10, 203.0.113.0/24]\n
                """)),
        Case(
            name: "HTTPS from anywhere",
            blueprint: vpc(
                """
                      firewall_rules:
                      - name: web
                        ranges: [0.0.0.0/0]
                        allow: [{protocol: tcp, ports: ["443", "8000-8080"]}]

                """)),
        Case(
            name: "SSH from anywhere, denied",
            blueprint: vpc(
                """
                      firewall_rules:
                      - name: no-ssh
                        ranges: [0.0.0.0/0]
                        deny: [{protocol: tcp, ports: ["22"]}]

                """)),
        Case(
            name: "ignored by code",
            blueprint: "ignore: [HPC3049]\n" + vpc("      allowed_ssh_ip_ranges: [0.0.0.0/0]\n")),
        Case(name: "ParallelCluster head node from the VPC", blueprint: pclusterBlueprint()),
    ]

    @Test(arguments: quiet)
    func noWarning(_ testCase: Case) {
        let result = compile(testCase.blueprint)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
    }

    @Test func headNodeWithoutAnSSHSourceIsAnError() {
        let blueprint = MarkedBlueprint(
            """
            blueprint_name: pc
            vars: {deployment_name: pc, region: eu-west-1}
            deployment_groups:
            - group: cluster
              modules:
              - id: ‸cluster
                source: modules/scheduler/parallelcluster
                settings:
                  private_subnet_ids: [subnet-0123456789abcdef0]
                  queues:
                  - name: compute
                    compute_resources:
                    - {name: small, instance_type: c7a.large, max_count: 4}

            """)
        let result = compile(blueprint.text)
        #expect(
            positions(result.diagnostics) == blueprint.markers.map { "\($0.line):\($0.column) HPC2008" },
            "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.first?.message.contains("0.0.0.0/0") == true)
        #expect(result.files.isEmpty)
        let fixed = compile(
            blueprint.text.replacingOccurrences(
                of: "    settings:\n", with: "    settings:\n      head_node: {allowed_ssh_cidr: 10.1.0.0/16}\n"))
        #expect(fixed.diagnostics.isEmpty, "\(fixed.diagnostics.map(\.message))")
        #expect(fixed.file("parallelcluster/cluster.yaml")?.contains("AllowedIps: \"10.1.0.0/16\"") == true)
    }
}
