import Testing
@_spi(Tools) @testable import HPCCompiler

/// A Slurm node, login node or controller image from outside `schedmd-slurm-public` is warned
/// about (HPC3050) at `instance_image` until `instance_image_custom: true` confirms it has Slurm
/// installed as the slurm-gcp images do.
@Suite("Custom Slurm images")
struct SlurmImageTests {
    static let customImage = "instance_image: ‸{project: my-project, family: my-hpc-image}"

    /// The minimal blueprint whose nodeset boots `customImage`, with `extra` settings after it.
    static func nodeset(_ extra: String = "") -> MarkedBlueprint {
        MarkedBlueprint(
            mini(
                "      machine_type: n2-standard-2\n",
                "      machine_type: n2-standard-2\n      \(customImage)\n\(extra)"))
    }

    @Test func anUnconfirmedImageIsWarnedAtInstanceImage() throws {
        let marked = Self.nodeset()
        let result = compile(marked.text)
        let marker = try #require(marked.markers.first)
        #expect(
            positions(result.diagnostics) == ["\(marker.line):\(marker.column) HPC3050"],
            "\(result.diagnostics.map(\.message))")
        let finding = try #require(result.diagnostics.first)
        #expect(finding.code == .unconfirmedSlurmImage)
        #expect(finding.severity == .warning)
        #expect(finding.location == marker)
        #expect(
            finding.message
                == """
                instance_image comes from project 'my-project', not schedmd-slurm-public: the image must have \
                Slurm, MUNGE and the slurm-gcp layout installed
                """
        )
        #expect(finding.help == "set instance_image_custom: true to confirm")
        #expect(!result.files.isEmpty, "a warning does not stop the build")
    }

    @Test func instanceImageCustomConfirmsTheImage() {
        let result = compile(Self.nodeset("      instance_image_custom: true\n").text)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        #expect(!result.files.isEmpty)
    }

    @Test func slurmGCPImagesNeedNoConfirmation() {
        let result = compile(
            mini(
                "      machine_type: n2-standard-2\n",
                """
                      machine_type: n2-standard-2\n      instance_image: {project: schedmd-slurm-public, family: \
                slurm-gcp-6-12-debian-12}\n
                """
            ))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
    }

    @Test func theControllerAndLoginNodesAreCheckedToo() throws {
        let marked = MarkedBlueprint(
            miniPlus(
                """
                  - id: login
                    source: community/modules/scheduler/schedmd-slurm-gcp-v6-login
                    use: [network]
                    settings:
                      \(Self.customImage)

                """
            ).replacingOccurrences(
                of: "    use: [network, partition]\n",
                with: "    use: [network, partition, login]\n    settings:\n      \(Self.customImage)\n"))
        let result = compile(marked.text)
        #expect(
            positions(result.diagnostics) == marked.markers.map { "\($0.line):\($0.column) HPC3050" },
            "\(result.diagnostics.map(\.message))")
        #expect(marked.markers.count == 2)
    }

    /// An image from a variable is one finding at the variable, however many modules boot it.
    @Test func anImageFromAVariableIsOneFindingAtTheVariable() throws {
        let marked = MarkedBlueprint(
            mini(
                "  zone: us-central1-a\n", "  zone: us-central1-a\n  image: ‸{project: my-project, name: my-image-1}\n"
            )
            .replacingOccurrences(
                of: "      machine_type: n2-standard-2\n",
                with: "      machine_type: n2-standard-2\n      instance_image: $(vars.image)\n"
            )
            .replacingOccurrences(
                of: "    use: [network, partition]\n",
                with: "    use: [network, partition]\n    settings:\n      instance_image: $(vars.image)\n"))
        let result = compile(marked.text)
        let marker = try #require(marked.markers.first)
        #expect(
            positions(result.diagnostics) == ["\(marker.line):\(marker.column) HPC3050"],
            "\(result.diagnostics.map(\.message))")
    }
}
