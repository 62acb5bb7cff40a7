// Compiles a blueprint held in memory, the way a web front end or a provisioning service calls
// hpcc: no files read or written, diagnostics and outputs returned as values.
//
//   swift run compile-in-memory
@_spi(Tools) import HPCCompiler

let blueprint = """
    blueprint_name: lab
    vars:
      project_id: lab-project
      deployment_name: lab
      region: europe-west4
      zone: europe-west4-a
    deployment_groups:
    - group: primary
      modules:
      - id: network
        source: modules/network/vpc
      - id: cpu
        source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
        use: [network]
        settings:
          machine_type: $(vars.node_type)
          node_count_dynamic_max: 16
      - id: batch
        source: community/modules/compute/schedmd-slurm-gcp-v6-partition
        use: [cpu]
        settings:
          partition_name: batch
          is_default: true
      - id: controller
        source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
        use: [network, batch]
    """

let compiler = Compiler()
let source = SourceFile(name: "lab.yaml", text: blueprint)

// A request that names a machine type hpcc does not know: the service gets positioned findings.
let rejected = compiler.compile(source, variables: ["node_type=c2-standard-61"])
print("with node_type=c2-standard-61:")
print(TextRenderer().render(rejected.diagnostics, sources: rejected.sources), terminator: "")

// The same blueprint with a valid machine type: the deployment folder, in memory.
let result = compiler.compile(source, variables: ["node_type=c2-standard-30"])
guard result.succeeded, let deployment = result.deployment else {
    fatalError("the example blueprint should compile")
}
print("\nwith node_type=c2-standard-30: deployment '\(deployment.name)', \(result.files.count) files")
for file in result.files {
    print("  \(file.path) (\(file.contents.count) bytes)")
}
for cluster in deployment.clusters {
    for nodeset in cluster.nodesets {
        let shape = nodeset.shape
        print(
            """
            nodeset \(nodeset.name): \(nodeset.count) × \(nodeset.instance.machine.name), \(shape.cpus) CPUs, \
            \(shape.realMemory) MiB for Slurm
            """
        )
    }
}
if let conf = result.files.first(where: { $0.path == "slurm/slurm.conf" }) {
    print(conf.text.split(separator: "\n").filter { $0.hasPrefix("PartitionName=") }.joined(separator: "\n"))
}
