import Testing
import TestSupport

@_spi(Tools) @testable import HPCCompiler

/// The current machine families get the Slurm shapes their documented hardware has: H4D's 192
/// cores on two sockets without SMT, C4 and C4D split into sockets as Cluster Toolkit splits them,
/// A4's eight B200 GPUs typed. (slurmctld loads the same slurm.conf in SlurmConsumerTests.)
@Suite struct CurrentFamilyShapeTests {
    struct Expected: Equatable, CustomStringConvertible {
        var cpus, sockets, coresPerSocket, threadsPerCore, realMemory: Int
        var gres: String?
        var features: [String]
        var description: String {
            "\(cpus) CPUs, \(sockets)x\(coresPerSocket)x\(threadsPerCore), \(realMemory) MiB, \(gres ?? "-"), "
                + "\(features)"
        }
    }

    @Test func nodesetsOfTheCurrentFamiliesBlueprint() throws {
        let deployment = try #require(try Repository.compile("gcp-slurm-current-families").deployment)
        let cluster = try #require(deployment.clusters.first)
        var shapes: [String: Expected] = [:]
        for nodeset in cluster.nodesets {
            let shape = nodeset.shape
            shapes[nodeset.name] = Expected(
                cpus: shape.cpus, sockets: shape.socketsPerBoard * shape.boards, coresPerSocket: shape.coresPerSocket,
                threadsPerCore: shape.threadsPerCore, realMemory: shape.realMemory,
                gres: shape.gpus.map { "gpu:\($0.gresType):\($0.count)" }, features: shape.features)
        }
        // Memory: the type's GiB x 1024 less 400 MiB and 30 MiB per GiB (NodeShape.realMemory).
        func real(_ gib: Int) -> Int { gib * 1024 - 400 - 30 * gib }
        // Nodesets run one thread per core unless the blueprint turns SMT on (Cluster Toolkit's default).
        #expect(
            shapes == [
                // h4d-highmem-192-lssd: 192 cores, SMT disabled, 1,488 GiB, two sockets.
                "h4dnodeset": Expected(
                    cpus: 192, sockets: 2, coresPerSocket: 96, threadsPerCore: 1, realMemory: real(1488), gres: nil,
                    features: ["h4d", "x86_64"]),
                // c4-standard-96: 96 vCPUs = 48 cores, 360 GiB; more than 48 vCPUs: two sockets.
                "c4nodeset": Expected(
                    cpus: 48, sockets: 2, coresPerSocket: 24, threadsPerCore: 1, realMemory: real(360), gres: nil,
                    features: ["c4", "x86_64"]),
                // c4d-standard-384: 384 vCPUs = 192 cores, 1,488 GiB; more than 192 vCPUs: two sockets.
                "c4dnodeset": Expected(
                    cpus: 192, sockets: 2, coresPerSocket: 96, threadsPerCore: 1, realMemory: real(1488), gres: nil,
                    features: ["c4d", "x86_64"]),
                // n4-standard-80: 80 vCPUs = 40 cores, 320 GiB, one socket.
                "n4nodeset": Expected(
                    cpus: 40, sockets: 1, coresPerSocket: 40, threadsPerCore: 1, realMemory: real(320), gres: nil,
                    features: ["n4", "x86_64"]),
                // a4-highgpu-8g: 224 vCPUs = 112 cores, 3,968 GiB, 8 NVIDIA B200.
                "a4nodeset": Expected(
                    cpus: 112, sockets: 1, coresPerSocket: 112, threadsPerCore: 1, realMemory: real(3968),
                    gres: "gpu:b200:8", features: ["a4", "x86_64"]),
            ])
    }
}
