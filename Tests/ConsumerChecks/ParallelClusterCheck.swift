import Foundation
import TestSupport

/// The real consumer of a ParallelCluster cluster config: the `aws-parallelcluster` package's
/// schema and validators, run offline by `Tests/Tools/pcluster-check.py` (EC2 look-ups answered
/// from `Tests/Fixtures/pcluster-control/ec2-facts.json`, every other AWS call refused and the
/// validators that needed it reported as skipped).
public enum ParallelClusterCheck {
    static let script = Repository.root.appendingPathComponent("Tests/Tools/pcluster-check.py")

    /// `HPCC_PCLUSTER_PYTHON`, else the `.venv-pcluster` that `.ci/run` creates.
    public static var python: String? { ConsumerTools.python("HPCC_PCLUSTER_PYTHON", venv: ".venv-pcluster") }

    /// Whether the package imports, so the check can run here.
    public static let available = ConsumerTools.imports("pcluster.schemas.cluster_schema", with: python)

    public struct Finding: CustomStringConvertible, Sendable {
        public let level: String
        public let validator: String
        public let message: String
        public var description: String { "\(level) \(validator): \(message)" }
    }

    /// One run of a validator that needed AWS (or the official AMI) and so did not judge the config.
    public struct Skipped: CustomStringConvertible, Sendable {
        public let validator: String
        public let needs: [String]
        public var description: String { "\(validator) (needs \(needs.joined(separator: ", ")))" }
    }

    /// What ParallelCluster said about one config.
    public struct Report: Sendable {
        public let tool: String
        public let schemaErrors: [String]
        public let findings: [Finding]
        public let skipped: [Skipped]
        public let skippedSteps: [String]
        public let validatorsRun: Int
        public let seconds: Double
        /// With a secrets endpoint: the accounting secret as the head node reads it.
        public var databasePassword: DatabasePassword?

        public var errors: [Finding] { findings.filter { $0.level == "ERROR" } }
        public var accepted: Bool { schemaErrors.isEmpty && errors.isEmpty }

        /// Schema errors and ERROR findings, one a line, in ParallelCluster's words.
        public var rejection: String {
            (schemaErrors.map { "schema: \($0)" } + errors.map(\.description)).joined(separator: "\n")
        }

        /// The log line's summary: outcome, counts, timing, and every skipped validator.
        public var summary: String {
            let levels = ["ERROR", "WARNING", "INFO"].map { level in
                "\(findings.filter { $0.level == level }.count) \(level)"
            }
            let runs = Dictionary(grouping: skipped, by: \.validator).map { name, runs in
                runs.count > 1 ? "\(name) ×\(runs.count)" : name
            }
            let skippedNames = (runs.sorted() + skippedSteps).joined(separator: "; ")
            return "\(accepted ? "accepted" : "REJECTED") by \(tool) in \(String(format: "%.1f", seconds)) s: "
                + """
                \(validatorsRun) validators, \(levels.joined(separator: ", ")); skipped (need AWS): \
                \(skippedNames.isEmpty ? "none" : skippedNames)
                """
        }
    }

    /// The Slurm accounting secret as ParallelCluster's head node uses it (its whole SecretString
    /// becomes slurmdbd's StoragePass); facts only, never the value.
    public struct DatabasePassword: Sendable, CustomStringConvertible {
        public let secret: String
        public let length: Int
        public let isJSON: Bool
        public let usableAsStoragePass: Bool
        public var description: String {
            """
            the head node reads \(secret) as a \(length)-character \(isJSON ? "JSON document" : "plain value"), \
            \(usableAsStoragePass ? "usable" : "NOT usable") as slurmdbd's StoragePass
            """
        }
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the check on a config's text.
    /// `secretsEndpoint`: a moto server holding the deployment's secrets (see pcluster-check.py).
    public static func check(
        _ text: String, clusterName: String = "hpcc-check", secretsEndpoint: String? = nil
    ) throws -> Report {
        guard let python, available else {
            throw Unavailable(
                description:
                    """
                    aws-parallelcluster is not importable (looked at HPCC_PCLUSTER_PYTHON and .venv-pcluster): run \
                    .ci/run, or python3 -m venv .venv-pcluster && .venv-pcluster/bin/pip install -r \
                    .ci/requirements-pcluster.txt
                    """
            )
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-pcluster-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("cluster.yaml")
        try Data(text.utf8).write(to: file)
        let outcome = try Shell.run(
            python,
            [script.path, file.path, "--cluster-name", clusterName]
                + (secretsEndpoint.map { ["--secrets-endpoint", $0] } ?? []),
            directory: folder)
        if outcome.status == 3 { throw Unavailable(description: outcome.stdout) }
        guard [0, 1].contains(outcome.status),
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        else {
            throw Unavailable(
                description: "pcluster-check.py exited \(outcome.status):\n\(outcome.stderr)\(outcome.stdout)")
        }
        let findings = (json["findings"] as? [[String: Any]] ?? []).map {
            Finding(
                level: $0["level"] as? String ?? "", validator: $0["validator"] as? String ?? "",
                message: $0["message"] as? String ?? "")
        }
        let skipped = (json["skipped"] as? [[String: Any]] ?? []).map {
            Skipped(validator: $0["validator"] as? String ?? "", needs: $0["needs"] as? [String] ?? [])
        }
        var report = Report(
            tool: json["tool"] as? String ?? "aws-parallelcluster",
            schemaErrors: json["schema_errors"] as? [String] ?? [],
            findings: findings, skipped: skipped, skippedSteps: json["skipped_steps"] as? [String] ?? [],
            validatorsRun: json["validators_run"] as? Int ?? 0, seconds: json["seconds"] as? Double ?? 0)
        if let password = json["database_password"] as? [String: Any] {
            if let error = password["error"] as? String {
                throw Unavailable(
                    description:
                        "pcluster-check.py could not read \(password["secret"] ?? "the accounting secret"): \(error)")
            }
            report.databasePassword = DatabasePassword(
                secret: password["secret"] as? String ?? "", length: password["length"] as? Int ?? 0,
                isJSON: password["is_json"] as? Bool ?? true,
                usableAsStoragePass: password["usable_as_storage_pass"] as? Bool ?? false)
        }
        guard report.accepted == (outcome.status == 0) else {
            throw Unavailable(
                description: "pcluster-check.py exit \(outcome.status) disagrees with its report:\n\(outcome.stdout)")
        }
        return report
    }
}
