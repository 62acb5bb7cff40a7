import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// Every cluster's slurm.conf is loaded by a real slurmctld, which must report exactly the
/// partitions, node counts and node shapes of the IR.
@Suite("slurmctld accepts every compiled slurm.conf", .serialized)
struct SlurmConsumerTests {
    static let runnable = SlurmctldCheck.available || ConsumerTools.required

    @Test(arguments: Repository.checkedBlueprints)
    func clustersLoad(_ name: String) throws {
        let result = try Repository.compile(name)
        let deployment = try #require(result.deployment)
        if deployment.clusters.isEmpty && deployment.onPremClusters.isEmpty {
            return ConsumerTools.record(name, "slurmctld", "no Slurm cluster in this blueprint")
        }
        guard Self.runnable else {
            return ConsumerTools.record(
                name, "slurmctld",
                ConsumerTools.skipped(
                    "slurmctld for \(name)",
                    because: "slurmctld and munged are not installed (run .ci/run, or apt-get install slurm-wlm munge)")
            )
        }
        for cluster in deployment.clusters {
            let folder = SlurmPaths.folder(of: cluster, in: deployment)
            let report = try SlurmctldCheck.load(result.files, folder: folder)
            let expected = Dictionary(
                uniqueKeysWithValues: cluster.partitions.map { partition in
                    (partition.name, partition.nodesets.compactMap(cluster.nodeset).map(\.count).reduce(0, +))
                })
            #expect(report.partitions == expected, "partitions of \(cluster.name)")
            for nodeset in cluster.nodesets {
                for index in 0..<nodeset.count {
                    let node = "\(cluster.name)-\(nodeset.name)-\(index)"
                    let fields = try #require(report.nodes[node], "slurmctld does not know node \(node)")
                    // The blueprint's node_conf replaces hpcc's values of the same keys on the node line.
                    func value(_ key: String, _ own: Int) -> Int {
                        nodeset.extraConfiguration.first { $0.key.lowercased() == key.lowercased() }
                            .flatMap { Int($0.value) } ?? own
                    }
                    let shape = nodeset.shape
                    let boards = value("Boards", shape.boards)
                    #expect(fields["CPUTot"] == String(value("CPUs", shape.cpus)), "\(node) CPUs")
                    #expect(fields["RealMemory"] == String(value("RealMemory", shape.realMemory)), "\(node) RealMemory")
                    #expect(fields["Boards"] == String(boards), "\(node) Boards")
                    #expect(
                        fields["Sockets"] == String(value("SocketsPerBoard", shape.socketsPerBoard) * boards),
                        "\(node) Sockets")
                    #expect(
                        fields["CoresPerSocket"] == String(value("CoresPerSocket", shape.coresPerSocket)),
                        "\(node) CoresPerSocket")
                    #expect(
                        fields["ThreadsPerCore"] == String(value("ThreadsPerCore", shape.threadsPerCore)),
                        "\(node) ThreadsPerCore")
                    #expect(
                        fields["Gres"] == (nodeset.shape.gpus.map { "gpu:\($0.gresType):\($0.count)" } ?? "(null)"),
                        "\(node) Gres")
                    #expect(
                        fields["AvailableFeatures"] == nodeset.shape.features.joined(separator: ","),
                        "\(node) Features")
                }
            }
            let nodeCount = cluster.nodesets.map(\.count).reduce(0, +)
            #expect(report.nodes.count == nodeCount, "node count of \(cluster.name)")
            let notes = report.notes.isEmpty ? "" : " (\(report.notes.joined(separator: "; ")))"
            ConsumerTools.record(
                name, "slurmctld",
                """
                \(folder)/slurm.conf accepted: \(report.partitions.count) partitions, \(report.nodes.count) nodes as \
                in the IR\(notes)
                """
            )
        }
        for cluster in deployment.onPremClusters {
            try checkOnPremises(cluster, files: result.files, blueprint: name)
        }
    }

    /// An existing cluster: every host of every node group, with its shape, in the partitions the IR gives it.
    private func checkOnPremises(_ cluster: OnPremCluster, files: [OutputFile], blueprint: String) throws {
        let folder = OnPremSlurmEmitter.folder(cluster)
        let report = try SlurmctldCheck.load(files, folder: folder)
        let expected = Dictionary(
            uniqueKeysWithValues: cluster.partitions.map { partition in
                (partition.name, partition.nodeGroups.compactMap(cluster.nodeGroup).map(\.hosts.count).reduce(0, +))
            })
        #expect(report.partitions == expected, "partitions of \(cluster.name)")
        for group in cluster.nodeGroups {
            for node in group.hosts {
                let fields = try #require(report.nodes[node], "slurmctld does not know node \(node)")
                #expect(fields["CPUTot"] == String(group.cpus), "\(node) CPUs")
                #expect(fields["RealMemory"] == String(group.realMemoryMiB), "\(node) RealMemory")
                #expect(fields["Sockets"] == String(group.sockets), "\(node) Sockets")
                #expect(fields["CoresPerSocket"] == String(group.coresPerSocket), "\(node) CoresPerSocket")
                #expect(fields["ThreadsPerCore"] == String(group.threadsPerCore), "\(node) ThreadsPerCore")
                let gres =
                    group.gpus.map { $0.type.isEmpty ? "gpu:\($0.count)" : "gpu:\($0.type):\($0.count)" } ?? "(null)"
                #expect(fields["Gres"] == gres, "\(node) Gres")
                #expect(
                    fields["AvailableFeatures"]
                        == (group.features.isEmpty ? "(null)" : group.features.joined(separator: ",")),
                    "\(node) Features")
            }
        }
        #expect(
            report.nodes.count == cluster.nodeGroups.map(\.hosts.count).reduce(0, +), "node count of \(cluster.name)")
        ConsumerTools.record(
            blueprint, "slurmctld",
            """
            \(folder)/slurm.conf accepted: \(report.partitions.count) partitions, \(report.nodes.count) nodes as in \
            the IR (existing cluster; node names given NodeAddr=127.0.0.1 here)
            """
        )
    }
}
