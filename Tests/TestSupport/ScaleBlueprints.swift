/// Blueprints of a given size for the benchmark and the scaling test: `n` Slurm nodesets, each
/// with its own partition (GCP), or `n` ParallelCluster queues of one compute resource each (AWS);
/// both with a network and a shared home filesystem every compute module `use`s.
public enum ScaleBlueprints {
    public enum Kind: String, CaseIterable, Sendable {
        case gcp, aws
    }

    public static func blueprint(_ kind: Kind, size n: Int) -> String {
        switch kind {
        case .gcp: gcp(n)
        case .aws: aws(n)
        }
    }

    public static func gcp(_ n: Int) -> String {
        var text = """
            blueprint_name: bench-gcp
            vars:
              project_id: bench-project
              deployment_name: bench\(n)
              region: us-central1
              zone: us-central1-a
            deployment_groups:
            - group: primary
              modules:
              - id: network
                source: modules/network/vpc
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings: {local_mount: /home}

            """
        for index in 0..<n {
            text += """
                  - id: nodeset\(index)
                    source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
                    use: [network, homefs]
                    settings: {machine_type: c2-standard-60, node_count_dynamic_max: 10}
                  - id: partition\(index)
                    source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                    use: [nodeset\(index)]
                    settings: {partition_name: p\(index)\(index == 0 ? ", is_default: true" : "")}

                """
        }
        text += """
              - id: controller
                source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
                use: [network, homefs, \((0..<n).map { "partition\($0)" }.joined(separator: ", "))]

            """
        return text
    }

    public static func aws(_ n: Int) -> String {
        var text = """
            blueprint_name: bench-aws
            ignore: [HPC4006]     # more than 50 queues: ParallelCluster's limit, a warning in hpcc
            vars:
              deployment_name: bench\(n)
              region: eu-west-1
              availability_zones: [eu-west-1a, eu-west-1b]
            deployment_groups:
            - group: cluster
              modules:
              - id: network
                source: modules/network/aws-vpc
              - id: home
                source: modules/file-system/efs
                use: [network]
                settings: {local_mount: /home}
              - id: cluster
                source: modules/scheduler/parallelcluster
                use: [network, home]
                settings:
                  head_node: {instance_type: c7a.48xlarge}    # ParallelCluster sizes the head node by node count
                  queues:

            """
        for index in 0..<n {
            text += """
                      - name: q\(index)
                        compute_resources:
                        - {name: c7a-large, instance_type: c7a.large, max_count: 1}

                """
        }
        return text
    }
}
