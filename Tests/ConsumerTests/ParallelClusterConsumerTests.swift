import ConsumerChecks
import Foundation
import Testing
import TestSupport

/// Every emitted ParallelCluster config (`parallelcluster/*.yaml`) is loaded by the
/// `aws-parallelcluster` package's schema and judged by its validators, offline; validators that
/// need AWS are named as skipped in the log line, never counted as passed.
@Suite("ParallelCluster accepts every compiled cluster config")
struct ParallelClusterConsumerTests {
    @Test(arguments: Repository.blueprintNames)
    func clusterConfigsValidate(_ name: String) throws {
        let result = try Repository.compile(name)
        let configs = result.files.filter { $0.path.hasPrefix("parallelcluster/") && $0.path.hasSuffix(".yaml") }
        guard !configs.isEmpty else {
            return ConsumerTools.record(name, "pcluster validate", "no ParallelCluster config in this blueprint")
        }
        guard ParallelClusterCheck.available || ConsumerTools.required else {
            return ConsumerTools.record(name, "pcluster validate", ConsumerTools.skipped("ParallelCluster config of \(name)", because: "aws-parallelcluster is not installed (.ci/run makes .venv-pcluster)"))
        }
        for config in configs {
            let cluster = String(config.path.dropFirst("parallelcluster/".count).dropLast(".yaml".count))
            let report = try ParallelClusterCheck.check(config.text, clusterName: cluster)
            #expect(report.accepted, "\(config.path):\n\(report.rejection)")
            ConsumerTools.record(name, "pcluster validate", "\(config.path) \(report.summary)")
        }
    }

    @Test("the committed positive control is accepted", .enabled(if: ParallelClusterCheck.available || ConsumerTools.required, "aws-parallelcluster is not installed"))
    func controlAccepted() throws {
        let text = try String(contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/pcluster-control/cluster.yaml"), encoding: .utf8)
        let report = try ParallelClusterCheck.check(text, clusterName: "control")
        #expect(report.accepted, "\(report.rejection)")
        #expect(report.validatorsRun > 100, "only \(report.validatorsRun) validators ran")
        // The key pair, the secret and the S3 buckets exist only in AWS: those validators must be
        // reported as skipped, not silently passed.
        let skipped = Set(report.skipped.map(\.validator))
        #expect(skipped.isSuperset(of: ["KeyPairValidator", "PasswordSecretArnValidator", "S3BucketUriValidator"]), "\(skipped)")
        ConsumerTools.record("pcluster-control", "pcluster validate", "Tests/Fixtures/pcluster-control/cluster.yaml \(report.summary)")
    }
}
