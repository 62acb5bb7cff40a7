import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// A controller takes its partitions, nodesets and login groups through `use`, or, as the
/// Toolkit's examples write it, through a setting that reads the member's whole output
/// (`login_nodes: $(login.login_nodes)`). Both build the same cluster; what cannot be linked is
/// an error where it was written, never a member that silently vanishes.
@Suite struct ClusterMemberLinkTests {
    /// The minimal blueprint with a login group `login` that the controller takes through `use`.
    static let withLoginUsed = miniPlus(
        """
          - id: login
            source: community/modules/scheduler/schedmd-slurm-gcp-v6-login
            use: [network]
            settings: {name_prefix: debug}

        """
    ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, login]")

    /// The minimal blueprint with a login group `login` (unless `login` is false) and the controller's
    /// members written as `settings` lines instead of `use`.
    static func written(_ settings: String, use: String = "[network]", login: Bool = true) -> String {
        let group = """
              - id: login
                source: community/modules/scheduler/schedmd-slurm-gcp-v6-login
                use: [network]
                settings: {name_prefix: debug}

            """
        let controller = """
              - id: controller
                source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
                use: \(use)
                settings:

            """
        let lines = settings.split(separator: "\n").map { "      \($0)\n" }.joined()
        return minimalBlueprint.components(separatedBy: "  - id: controller\n")[0] + (login ? group : "")
            + controller + lines
    }

    static func terraform(_ result: CompileResult) -> String? { result.file("primary/main.tf.json") }

    @Test func loginNodesReadingTheLoginOutputAttachesTheGroupAsUseDoes() throws {
        let used = compile(Self.withLoginUsed)
        #expect(used.diagnostics.filter { $0.severity == .error }.isEmpty)
        for form in ["login_nodes: $(login.login_nodes)", "login_nodes: [$(login.login_nodes)]"] {
            let result = compile(Self.written("partitions: $(partition.partitions)\n" + form))
            #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
            let cluster = try #require(result.deployment?.clusters.first)
            #expect(cluster.loginGroups.map(\.name) == ["debug"], "\(form)")
            #expect(cluster.partitions.map(\.name) == ["batch"])
            #expect(cluster == used.deployment?.clusters.first)
            #expect(Self.terraform(result) == Self.terraform(used))
        }
    }

    @Test func partitionsAndNodesetsReadingWholeOutputsLinkAsUseDoes() throws {
        let plain = compile(minimalBlueprint)
        let forms = [
            "partitions: $(partition.partitions)\nnodeset: $(partition.nodeset)",
            "partitions: [$(partition.partitions)]",
        ]
        for form in forms {
            let result = compile(Self.written(form, login: false))
            #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(form): \(result.diagnostics)")
            #expect(result.deployment?.clusters.first == plain.deployment?.clusters.first, "\(form)")
            #expect(Self.terraform(result) == Self.terraform(plain))
        }
        // A partition's nodeset written as the nodeset module's whole output, not in a list.
        let partition = compile(
            mini("    use: [nodeset]\n    settings:\n", "    settings:\n      nodeset: $(nodeset.nodeset)\n"))
        #expect(partition.diagnostics.filter { $0.severity == .error }.isEmpty, "\(partition.diagnostics)")
        #expect(partition.deployment?.clusters.first == plain.deployment?.clusters.first)
    }

    /// The members written as settings, with a second partition `other` of the same nodeset.
    static func withOther(_ settings: String) -> String {
        written(settings, login: false).replacingOccurrences(
            of: "  - id: controller\n",
            with: """
                  - id: ‸other
                    source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                    use: [nodeset]
                    settings: {partition_name: other}
                  - id: controller

                """)
    }

    @Test(arguments: [
        InvalidCase(
            name: "login_nodes reads a partition's output",
            blueprint: written("login_nodes: $(‸partition.partitions)", use: "[network, partition]")
                .replacingOccurrences(of: "  - id: login\n", with: "  - id: ‸login\n"),
            codes: [.moduleNotUsed, .typeMismatch]),
        InvalidCase(
            name: "login_nodes reads part of the login output",
            blueprint: written("partitions: $(partition.partitions)\nlogin_nodes: $(‸login.login_nodes[0])"),
            codes: [.typeMismatch]),
        InvalidCase(
            name: "login_nodes holds a literal login group",
            blueprint: written("partitions: $(partition.partitions)\nlogin_nodes:\n- ‸{name_prefix: x}", login: false),
            codes: [.notKnownAtCompileTime]),
        InvalidCase(
            name: "the same login group linked twice",
            blueprint: written(
                "partitions: $(partition.partitions)\nlogin_nodes: [$(login.login_nodes), $(‸login.login_nodes)]"),
            codes: [.duplicateName]),
        InvalidCase(
            name: "a partition whose nodesets alone the controller reads",
            blueprint: withOther("partitions: $(partition.partitions)\nnodeset: $(other.nodeset)"),
            codes: [.moduleNotUsed]),
        InvalidCase(
            name: "a partition no cluster takes, beside an independent mistake of the same controller",
            blueprint: withOther(
                "partitions: $(partition.partitions)\nnodeset: $(other.nodeset)\nlogin_nodes: [‸{a: 1}]"),
            codes: [.moduleNotUsed, .notKnownAtCompileTime]),
        InvalidCase(
            name: "a login group that a nodeset uses, which wires nothing",
            blueprint: mini(
                "  - id: nodeset\n",
                """
                  - id: login
                    source: community/modules/scheduler/schedmd-slurm-gcp-v6-login
                    use: [network]
                  - id: nodeset

                """
            ).replacingOccurrences(
                of: "    use: [network]\n    settings:\n      machine",
                with: "    use: [network, ‸login]\n    settings:\n      machine"),
            codes: [.useWiresNothing]),
    ])
    func unlinkableMembersAreErrorsWhereWritten(_ testCase: InvalidCase) {
        expectCodesAtMarkers(testCase)
    }
}
