import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// Several partitions and none the default is valid Slurm (every job must then name its
/// partition, as the Cluster Toolkit's af3-slurm example's job scripts do): a warning, HPC3066,
/// where two defaults stay an error (HPC3015).
@Suite struct DefaultPartitionTests {
    @Test func noDefaultAmongSeveralIsAWarning() {
        let marked = MarkedBlueprint(
            minimalBlueprint
                .replacingOccurrences(
                    of: "- id: controller",
                    with: """
                        - id: other
                            source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                            use: [nodeset]
                            settings:
                              partition_name: other
                          - id: ‸controller
                        """
                ).replacingOccurrences(of: "use: [network, partition]", with: "use: [network, partition, other]"))
        let result = compile(marked.text)
        #expect(result.succeeded)
        #expect(result.diagnostics.map(\.code) == [.noDefaultPartition])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.location?.line == marked.markers.first?.line)
        #expect(
            result.diagnostics.first?.help
                == "set is_default: true on the partition jobs should go to when they name none")
        #expect(result.file("slurm/slurm.conf")?.contains("Default=YES") == false)
    }
}
