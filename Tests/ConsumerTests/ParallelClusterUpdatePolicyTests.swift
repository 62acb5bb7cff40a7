import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// hpcc's ParallelCluster change report judged by ParallelCluster: a setting of the shipped
/// aws-parallelcluster blueprint is edited, both blueprints are compiled, and the package's own update
/// validation (ConfigPatch and its policies' checks, offline) must find the same changed settings with
/// the same policy and the same class as ParallelClusterChanges.compare.
@Suite("ParallelCluster's update validation agrees with hpcc's change report")
struct ParallelClusterUpdatePolicyTests {
    /// One blueprint edit: what it replaces, and a setting it must change (so the edit cannot miss).
    struct Edit: CustomTestStringConvertible, Sendable {
        var name: String
        var replacements: [(String, String)]
        var changes: String
        var testDescription: String { name }
    }

    /// The debug queue as the blueprint writes it.
    static let debugQueue =
        "      - name: debug\n        compute_resources:\n        - name: m6i-large\n"
        + "          instance_type: m6i.large\n          max_count: 4\n"

    static let edits: [Edit] = [
        Edit(
            name: "head node instance type", replacements: [("instance_type: t3.medium", "instance_type: t3.large")],
            changes: "HeadNode.InstanceType"),
        Edit(
            name: "a queue's MaxCount grows", replacements: [("max_count: 32", "max_count: 48")],
            changes: "Scheduling.SlurmQueues[cpu].ComputeResources[c7a-16xlarge].MaxCount"),
        Edit(
            name: "a queue's MaxCount shrinks",
            replacements: [
                ("instance_type: m6i.large\n          max_count: 4", "instance_type: m6i.large\n          max_count: 2")
            ],
            changes: "Scheduling.SlurmQueues[debug].ComputeResources[m6i-large].MaxCount"),
        Edit(
            name: "MinCount rises",
            replacements: [("max_count: 32", "max_count: 32\n          min_count: 2")],
            changes: "Scheduling.SlurmQueues[cpu].ComputeResources[c7a-16xlarge].MinCount"),
        Edit(
            name: "a compute resource's instance type",
            replacements: [("instance_type: g5.xlarge", "instance_type: g5.2xlarge")],
            changes: "Scheduling.SlurmQueues[gpu].ComputeResources[g5-xlarge].InstanceType"),
        Edit(
            name: "a queue's allocation strategy",
            replacements: [("allocation_strategy: capacity-optimized", "allocation_strategy: lowest-price")],
            changes: "Scheduling.SlurmQueues[gpu].AllocationStrategy"),
        Edit(
            name: "a queue is added",
            replacements: [
                (
                    "      - name: gpu\n",
                    "      - name: mem\n        compute_resources:\n        - name: r7i-large\n"
                        + "          instance_type: r7i.large\n          max_count: 2\n      - name: gpu\n"
                )
            ],
            changes: "Scheduling.SlurmQueues[mem]"),
        Edit(
            name: "a queue is removed",
            replacements: [
                (debugQueue, "")
            ],
            changes: "Scheduling.SlurmQueues[debug]"),
        Edit(
            name: "a queue is removed with QueueUpdateStrategy TERMINATE",
            replacements: [
                (debugQueue, ""),
                ("      head_node:\n", "      queue_update_strategy: TERMINATE\n      head_node:\n"),
            ],
            changes: "Scheduling.SlurmQueues[debug]"),
        Edit(
            name: "a tag", replacements: [("cost-center: research-42", "cost-center: research-43")],
            changes: "Tags[cost-center].Value"),
        Edit(
            name: "ScaledownIdletime",
            replacements: [("      head_node:\n", "      scaledown_idletime: 20\n      head_node:\n")],
            changes: "Scheduling.SlurmSettings.ScaledownIdletime"),
        Edit(
            name: "the managed placement group is dropped",
            replacements: [("placement_group: true", "placement_group: false")],
            changes: "Scheduling.SlurmQueues[mpi].Networking.PlacementGroup.Enabled"),
        Edit(
            name: "the head node's IAM (Session Manager off)",
            replacements: [("t3.medium\n        session_manager: true", "t3.medium\n        session_manager: false")],
            changes: "HeadNode.Iam.AdditionalIamPolicies[arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore]"),
        Edit(
            name: "the cluster's FSx for Lustre capacity",
            replacements: [
                (
                    "storage_capacity: 1200\n      per_unit_storage_throughput: 250",
                    "storage_capacity: 2400\n      per_unit_storage_throughput: 250"
                )
            ],
            changes: "SharedStorage[scratch].FsxLustreSettings.StorageCapacity"),
        Edit(
            name: "an existing FSx for Lustre is unmounted",
            replacements: [
                ("use: [network, home, scratch, projects, accounting]", "use: [network, home, scratch, accounting]")
            ],
            changes: "SharedStorage[projects]"),
    ]

    static func config(_ text: String) throws -> String {
        let result = Compiler().compile(
            SourceFile(name: "blueprints/aws-parallelcluster.yaml", text: text), variables: [])
        let errors = result.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors.map(\.message))")
        return try #require(result.files.first { $0.path == "parallelcluster/cluster.yaml" }?.text)
    }

    @Test(arguments: edits)
    func agrees(_ edit: Edit) throws {
        guard ParallelClusterCheck.available || ConsumerTools.required else {
            return ConsumerTools.record(
                "aws-parallelcluster", "pcluster update policies",
                ConsumerTools.skipped(
                    "ParallelCluster update policy of '\(edit.name)'",
                    because: "aws-parallelcluster is not installed (.ci/run makes .venv-pcluster)"))
        }
        let blueprint = try String(
            contentsOf: Repository.root.appendingPathComponent("blueprints/aws-parallelcluster.yaml"), encoding: .utf8)
        var edited = blueprint
        for (old, new) in edit.replacements {
            #expect(edited.components(separatedBy: old).count == 2, "'\(old)' occurs once in the blueprint")
            edited = edited.replacingOccurrences(of: old, with: new)
        }
        let old = try Self.config(blueprint)
        let new = try Self.config(edited)
        let ours = ParallelClusterChanges.compare(file: "parallelcluster/cluster.yaml", old: old, new: new)
        let theirs = try ParallelClusterUpdateCheck.changes(old: old, new: new, clusterName: "proj-neuro")
            .filter { $0.policyClass != nil }
        #expect(theirs.contains { $0.path == edit.changes }, "ParallelCluster: \(theirs)")
        let mine = ours.map { "\($0.path) \($0.policyName) \($0.policy.rawValue)" }
        let package = theirs.map { "\($0.path) \($0.policy) \($0.policyClass ?? "-")" }
        #expect(mine == package)
        ConsumerTools.record(
            "aws-parallelcluster", "pcluster update policies",
            "\(edit.name): "
                + theirs.map { "\($0.path) \($0.policy) → \($0.policyClass ?? "-")" }.joined(separator: "; "))
    }

    /// The spread the issue asks for: at least 8 settings and 3 classes. Counted on hpcc's report, which
    /// `agrees` holds equal to the package's for every edit (so this needs no package and runs everywhere).
    @Test("the edits cover at least 8 settings and 3 policy classes")
    func spread() throws {
        let blueprint = try String(
            contentsOf: Repository.root.appendingPathComponent("blueprints/aws-parallelcluster.yaml"), encoding: .utf8)
        let old = try Self.config(blueprint)
        var classes = Set<ParallelClusterChange.Policy>()
        var settings = Set<String>()
        for edit in Self.edits {
            var edited = blueprint
            for (from, to) in edit.replacements { edited = edited.replacingOccurrences(of: from, with: to) }
            let ours = ParallelClusterChanges.compare(file: "cluster.yaml", old: old, new: try Self.config(edited))
            for change in ours where change.path == edit.changes {
                settings.insert(change.path)
                classes.insert(change.policy)
            }
        }
        #expect(settings.count >= 8, "\(settings)")
        #expect(classes.count >= 3, "\(classes)")
        print("pcluster update policies | \(settings.count) settings, classes \(classes.map(\.rawValue).sorted())")
    }
}
