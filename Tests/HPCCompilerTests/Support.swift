import Foundation
@_spi(Tools) @testable import HPCCompiler

/// Where a test expects a diagnostic: the position of the `‸` marker in the blueprint text.
struct MarkedBlueprint {
    let text: String
    let markers: [SourceLocation]

    /// Strips every `‸` and records the line and column of the character that followed it.
    init(_ marked: String, file: String = "test.yaml") {
        var text = ""
        var markers: [SourceLocation] = []
        var line = 1, column = 1
        for scalar in marked.unicodeScalars {
            if scalar == "‸" {
                markers.append(SourceLocation(file: file, line: line, column: column))
                continue
            }
            text.unicodeScalars.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.text = text
        self.markers = markers
    }
}

/// Compiles blueprint text in memory.
func compile(_ text: String, file: String = "test.yaml", variables: [String] = []) -> CompileResult {
    Compiler().compile(SourceFile(name: file, text: text), variables: variables)
}

/// `file:line:column code` of each diagnostic, for compact assertions.
func positions(_ diagnostics: [Diagnostic], severity: Severity? = nil) -> [String] {
    diagnostics.filter { severity == nil || $0.severity == severity }.map {
        "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code.rawValue)"
    }
}

/// A minimal valid GCP Slurm blueprint that tests extend.
let minimalBlueprint = """
    blueprint_name: mini
    vars:
      project_id: demo-project
      deployment_name: mini
      region: us-central1
      zone: us-central1-a
    deployment_groups:
    - group: primary
      modules:
      - id: network
        source: modules/network/vpc
      - id: nodeset
        source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
        use: [network]
        settings:
          machine_type: n2-standard-2
          node_count_dynamic_max: 2
      - id: partition
        source: community/modules/compute/schedmd-slurm-gcp-v6-partition
        use: [nodeset]
        settings:
          partition_name: batch
      - id: controller
        source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
        use: [network, partition]

    """

extension CompileResult {
    /// The text of the output file at `path`.
    func file(_ path: String) -> String? {
        files.first { $0.path == path }?.text
    }
}
