// Compiles a blueprint given as a string and lists what it would write, without touching disk:
// the files with their sizes, or the findings when the blueprint has errors.
//
//   swift run --package-path examples/library-package list-files
import HPCCompiler

let blueprint = """
    blueprint_name: tiny
    vars: {project_id: tiny-project, deployment_name: tiny, region: europe-west1, zone: europe-west1-b}
    deployment_groups:
    - group: primary
      modules:
      - id: network
        source: modules/network/vpc
      - id: nodes
        source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
        use: [network]
        settings: {machine_type: c2-standard-16, node_count_dynamic_max: 4}
      - id: batch
        source: community/modules/compute/schedmd-slurm-gcp-v6-partition
        use: [nodes]
        settings: {partition_name: batch}
      - id: controller
        source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
        use: [network, batch]
    """

let result = Compiler().compile(SourceFile(name: "tiny.yaml", text: blueprint))
guard result.succeeded else {
    print(TextRenderer().render(result.diagnostics, sources: result.sources), terminator: "")
    fatalError("the example blueprint does not compile")
}
for file in result.files {
    print("\(file.path) \(file.contents.count) bytes\(file.executable ? " (executable)" : "")")
}
if let summary = result.summary {
    print(summary.text, terminator: "")
}
