import Foundation
import HPCCompiler
import Testing
import TestSupport

/// The real consumer of slurm.conf: Debian's slurmctld loads the compiled files and must report
/// exactly the partitions, node counts and node shapes of the IR. CI installs Slurm and sets
/// HPCC_REQUIRE_TOOLS=1, so there the check can never be skipped.
@Suite("slurmctld accepts the compiled slurm.conf", .serialized)
struct SlurmctldTests {
    static let available = Shell.has("slurmctld") && Shell.has("munged")
    static let required = ProcessInfo.processInfo.environment["HPCC_REQUIRE_TOOLS"] == "1"

    @Test("gcp-slurm loads with every partition and node", .enabled(if: available || required, "slurmctld and munged are not installed: run .ci/run, or apt-get install slurm-wlm munge"))
    func gcpSlurmLoads() throws {
        let result = try Repository.compile("gcp-slurm")
        let cluster = try #require(result.deployment?.clusters.first)
        let report = try load(result.files, folder: "slurm")
        #expect(report.partitions == Dictionary(uniqueKeysWithValues: cluster.partitions.map { partition in
            (partition.name, partition.nodesets.compactMap(cluster.nodeset).map(\.count).reduce(0, +))
        }))
        for nodeset in cluster.nodesets {
            for index in 0..<nodeset.count {
                let name = "\(cluster.name)-\(nodeset.name)-\(index)"
                let node = try #require(report.nodes[name], "slurmctld does not know node \(name)")
                #expect(node["CPUTot"] == String(nodeset.shape.cpus), "\(name) CPUs")
                #expect(node["RealMemory"] == String(nodeset.shape.realMemory), "\(name) RealMemory")
                #expect(node["Boards"] == String(nodeset.shape.boards), "\(name) Boards")
                #expect(node["Sockets"] == String(nodeset.shape.socketsPerBoard * nodeset.shape.boards), "\(name) Sockets")
                #expect(node["CoresPerSocket"] == String(nodeset.shape.coresPerSocket), "\(name) CoresPerSocket")
                #expect(node["ThreadsPerCore"] == String(nodeset.shape.threadsPerCore), "\(name) ThreadsPerCore")
                #expect(node["Gres"] == (nodeset.shape.gpus.map { "gpu:\($0.count)" } ?? "(null)"), "\(name) Gres")
            }
        }
        #expect(report.nodes.count == cluster.nodesets.map(\.count).reduce(0, +))
    }

    /// The check itself must be able to fail: a config slurmctld cannot load is reported as rejected.
    @Test("a broken slurm.conf is rejected", .enabled(if: available || required, "slurmctld and munged are not installed"))
    func brokenConfigIsRejected() throws {
        let result = try Repository.compile("gcp-slurm")
        var files = result.files
        let index = try #require(files.firstIndex { $0.path == "slurm/slurm.conf" })
        files[index] = OutputFile(path: files[index].path, text: files[index].text.replacingOccurrences(of: "PartitionName=gpu Nodes=gpunodeset", with: "PartitionName=gpu Nodes=nosuchnodeset"))
        #expect(throws: SlurmRejection.self) { try load(files, folder: "slurm") }
    }

    struct Report {
        var partitions: [String: Int] = [:]
        var nodes: [String: [String: String]] = [:]
    }

    struct SlurmRejection: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes the cluster's Slurm files to a temporary folder and loads them into slurmctld.
    private func load(_ files: [OutputFile], folder: String) throws -> Report {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-slurm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in files where file.path.hasPrefix(folder + "/") && file.path.hasSuffix(".conf") {
            try Data(file.contents).write(to: directory.appendingPathComponent(String(file.path.dropFirst(folder.count + 1))))
        }
        let outcome = try Shell.run("/bin/bash", [Repository.slurmCheck.path, directory.path])
        guard outcome.status == 0 else { throw SlurmRejection(description: "slurmctld-check exited \(outcome.status):\n\(outcome.stderr)") }
        var report = Report()
        let sections = outcome.stdout.components(separatedBy: "\n--\n")
        for line in sections[0].split(separator: "\n") {
            let parts = line.split(separator: "|")
            if parts.count == 2, let count = Int(parts[1]) { report.partitions[String(parts[0])] = count }
        }
        for line in sections.dropFirst().joined().split(separator: "\n") {
            var fields: [String: String] = [:]
            for token in line.split(separator: " ") {
                let pair = token.split(separator: "=", maxSplits: 1)
                if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
            }
            if let name = fields["NodeName"] { report.nodes[name] = fields }
        }
        return report
    }
}
