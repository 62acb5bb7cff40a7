import Testing
@_spi(Tools) @testable import HPCCompiler

/// ParallelClusterChanges.compare on small configs, with literal expectations (the package itself
/// judges the shipped blueprints' changes in ParallelClusterUpdatePolicyTests).
@Suite("ParallelCluster changes and their update policies")
struct ParallelClusterChangesTests {
    static let base = """
        Region: eu-west-1
        HeadNode:
          InstanceType: t3.medium
        Scheduling:
          Scheduler: slurm
          SlurmSettings:
            QueueUpdateStrategy: DRAIN
          SlurmQueues:
          - Name: cpu
            AllocationStrategy: lowest-price
            ComputeResources:
            - Name: c7a
              InstanceType: c7a.large
              MinCount: 0
              MaxCount: 8
          - Name: gpu
            ComputeResources:
            - Name: g5
              InstanceType: g5.xlarge
              MaxCount: 2
        SharedStorage:
        - MountDir: /scratch
          Name: scratch
          StorageType: FsxLustre
          FsxLustreSettings:
            StorageCapacity: 1200
        - MountDir: /data
          Name: data
          StorageType: Efs
          EfsSettings:
            FileSystemId: fs-0123456789abcdef0
        Tags:
        - Key: project
          Value: neuro
        """

    private func changes(_ edit: (String) -> String) -> [ParallelClusterChange] {
        ParallelClusterChanges.compare(file: "parallelcluster/cluster.yaml", old: Self.base, new: edit(Self.base))
    }

    private func summary(_ changes: [ParallelClusterChange]) -> [String] {
        changes.map { "\($0.path) \($0.before ?? "-") \($0.after ?? "-") \($0.policyName) \($0.policy.rawValue)" }
    }

    @Test("the generated table reads back as the schema's tree")
    func table() {
        let settings = ParallelClusterUpdatePolicies.children
        #expect(
            settings.values.map(\.count).reduce(0, +)
                == ParallelClusterUpdatePolicies.table.split(separator: "\n").count)
        let resource = settings["Scheduling.SlurmQueues[].ComputeResources[]"] ?? []
        #expect(resource.first { $0.name == "MaxCount" }?.policyName == "RESIZE_UPDATE_STRATEGY_ON_REMOVE")
        #expect(settings["Scheduling"]?.first { $0.name == "SlurmQueues" }?.updateKey == "Name")
        #expect(settings[""]?.first { $0.name == "Tags" }?.updateKey == "Key")
    }

    @Test("the same text has no changes")
    func unchanged() {
        #expect(changes { $0 }.isEmpty)
    }

    @Test("MaxCount: growing is supported, shrinking needs the fleet stopped unless TERMINATE")
    func maxCount() {
        #expect(
            summary(changes { $0.replacingOccurrences(of: "MaxCount: 8", with: "MaxCount: 16") }) == [
                "Scheduling.SlurmQueues[cpu].ComputeResources[c7a].MaxCount 8 16 RESIZE_UPDATE_STRATEGY_ON_REMOVE "
                    + "supported"
            ])
        #expect(
            summary(changes { $0.replacingOccurrences(of: "MaxCount: 8", with: "MaxCount: 4") }) == [
                "Scheduling.SlurmQueues[cpu].ComputeResources[c7a].MaxCount 8 4 RESIZE_UPDATE_STRATEGY_ON_REMOVE "
                    + "compute-fleet-stop"
            ])
        let terminate = changes {
            $0.replacingOccurrences(of: "MaxCount: 8", with: "MaxCount: 4").replacingOccurrences(
                of: "DRAIN", with: "TERMINATE")
        }
        // QueueUpdateStrategy itself is IGNORED: not shown.
        #expect(terminate.map(\.policy) == [.queueUpdateStrategy])
    }

    @Test("MinCount rises: supported only when MaxCount rises at least as much")
    func minCount() {
        #expect(
            changes { $0.replacingOccurrences(of: "MinCount: 0", with: "MinCount: 2") }.map(\.policy) == [
                .computeFleetStop
            ])
        let both = changes {
            $0.replacingOccurrences(of: "MinCount: 0", with: "MinCount: 2").replacingOccurrences(
                of: "MaxCount: 8", with: "MaxCount: 10")
        }
        #expect(both.map(\.policy) == [.supported, .supported])
    }

    @Test("queues are matched by name: reordering changes nothing, adding is supported, removing is not")
    func queues() {
        let gpuQueue =
            "  - Name: gpu\n    ComputeResources:\n    - Name: g5\n      InstanceType: g5.xlarge\n"
            + "      MaxCount: 2\n"
        let withoutGPU = Self.base.replacingOccurrences(of: gpuQueue, with: "")
        #expect(withoutGPU != Self.base)
        let reordered = withoutGPU.replacingOccurrences(of: "  - Name: cpu\n", with: gpuQueue + "  - Name: cpu\n")
        #expect(ParallelClusterChanges.compare(file: "c", old: Self.base, new: reordered).isEmpty)
        #expect(
            summary(ParallelClusterChanges.compare(file: "c", old: Self.base, new: withoutGPU)) == [
                "Scheduling.SlurmQueues[gpu] gpu - RESIZE_UPDATE_STRATEGY_ON_REMOVE compute-fleet-stop"
            ])
        #expect(
            summary(ParallelClusterChanges.compare(file: "c", old: withoutGPU, new: Self.base)) == [
                "Scheduling.SlurmQueues[gpu] - gpu RESIZE_UPDATE_STRATEGY_ON_REMOVE supported"
            ])
    }

    @Test("head node type, a queue setting under DRAIN, a tag")
    func policyClasses() {
        #expect(
            summary(
                changes {
                    $0.replacingOccurrences(of: "t3.medium", with: "t3.large")
                        .replacingOccurrences(of: "lowest-price", with: "capacity-optimized")
                        .replacingOccurrences(of: "Value: neuro", with: "Value: neuro2")
                }) == [
                    "HeadNode.InstanceType t3.medium t3.large UNSUPPORTED new-cluster",
                    "Scheduling.SlurmQueues[cpu].AllocationStrategy lowest-price capacity-optimized "
                        + "QUEUE_UPDATE_STRATEGY queue-update-strategy",
                    "Tags[project].Value neuro neuro2 SUPPORTED_UNLESS_ADC supported",
                ])
    }

    @Test("storage the cluster creates is lost with it; an existing one is not")
    func storageLoss() {
        let scratch = """
            - MountDir: /scratch
              Name: scratch
              StorageType: FsxLustre
              FsxLustreSettings:
                StorageCapacity: 1200

            """
        let withoutScratch = changes { $0.replacingOccurrences(of: scratch, with: "") }
        #expect(withoutScratch.map(\.path) == ["SharedStorage[scratch]"])
        #expect(withoutScratch.map(\.losesData) == [true], "FsxLustre's default DeletionPolicy is Delete")
        let retained = changes {
            $0.replacingOccurrences(
                of: "StorageCapacity: 1200", with: "StorageCapacity: 1200\n    DeletionPolicy: Retain")
        }
        #expect(
            summary(retained) == [
                "SharedStorage[scratch].FsxLustreSettings.DeletionPolicy - Retain SUPPORTED supported"
            ])
        // A new cluster (the head node type) deletes the file system the old one created.
        #expect(changes { $0.replacingOccurrences(of: "t3.medium", with: "t3.large") }.map(\.losesData) == [true])
        let withoutData = changes {
            $0.replacingOccurrences(of: "- MountDir: /data\n  Name: data\n", with: "- MountDir: /data\n  Name: other\n")
        }
        #expect(withoutData.map(\.path) == ["SharedStorage[other]", "SharedStorage[data]"])
        #expect(withoutData.map(\.losesData) == [false, false])
        #expect(withoutData.map(\.policy) == [.supported, .supported], "an existing EFS mounts on running nodes")
    }
}
