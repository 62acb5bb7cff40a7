import Foundation
import TestSupport

/// `terraform apply` of an AWS root against moto, then a read-back of every created resource
/// with boto3, then `terraform destroy` and a read-back that they are gone.
///
/// The root is copied unchanged; a Terraform override file (`zz_moto_override.tf.json`, merged
/// into the provider block by Terraform's override rules) points every AWS endpoint the modules
/// use at moto, with moto's fake credentials and the checks that would otherwise call AWS turned
/// off. Resource types moto cannot emulate are listed in `unsupported` and left out of the apply
/// by `-target`ing every other resource; each exclusion is re-probed against moto (a probe that
/// succeeds fails the test, so a stale exclusion cannot stay). Deletion protection hpcc turns on
/// (the accounting database's `deletion_protection`, and `lifecycle.prevent_destroy` of every
/// resource holding data) is lifted before the destroy the way an operator would: a second
/// override file turns it off, an apply records that, then `terraform destroy` runs.
public enum MotoApply {
    /// Resource types moto cannot emulate, and why. What moto 5.2.5 lacks for FSx for Lustre,
    /// CloudFormation key pairs, ElastiCache replication groups and REST API policies is added by
    /// `Tests/Tools/moto-server.py`; EKS access entries are an API moto does not have at all, and
    /// EFS backup policies one it only reads (DescribeBackupPolicy, for file systems CloudFormation
    /// made with a BackupPolicy) but cannot set.
    public static let unsupported: [String: String] = [
        "aws_efs_backup_policy": "moto has no EFS PutBackupPolicy",
        "aws_eks_access_entry": "moto has no EKS CreateAccessEntry",
        "aws_eks_access_policy_association": "moto has no EKS AssociateAccessPolicy",
    ]

    /// The services whose endpoints are pointed at moto.
    static let services = [
        "apigateway", "cloudformation", "cloudwatch", "dynamodb", "ec2", "efs", "eks", "elasticache", "events", "fsx",
        "iam", "kms",
        "lambda", "logs", "rds", "route53", "s3", "secretsmanager", "sqs", "ssm", "sts",
    ]

    /// Resource types whose deletion protection blocks `terraform destroy`, and the attribute that turns it on.
    static let deletionProtection = [
        "aws_db_instance": "deletion_protection", "aws_dynamodb_table": "deletion_protection_enabled",
    ]

    public struct Report {
        /// `type.name` of every resource applied, read back and destroyed.
        public let applied: [String]
        /// `type.name` of every resource left out, with the reason.
        public let excluded: [(address: String, reason: String)]
        public let seconds: Double
        /// The root's string outputs after apply (`terraform output -json`), by name.
        public let outputs: [String: String]
        /// Every secret version's value, judged without being shown: how ParallelCluster's head
        /// node reads it (the whole SecretString).
        public var secrets: [SecretValue] = []
    }

    /// What a secret's value is, not the value.
    public struct SecretValue: Equatable, CustomStringConvertible {
        public let address: String
        public let length: Int
        public let isJSON: Bool
        public let lettersAndDigits: Bool
        /// Found in `terraform show -json` or terraform.tfstate.
        public let inState: Bool

        public var description: String {
            """
            \(address): \(length) characters, \(isJSON ? "JSON" : "not JSON"), \
            \(lettersAndDigits ? "letters and digits only" : "other characters too"), \
            \(inState ? "IN THE STATE" : "not in the state")
            """
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String

        public init(description: String) { self.description = description }
    }

    /// The override file's content for `server`.
    static func override(endpoint: String) -> String {
        let endpoints = Dictionary(uniqueKeysWithValues: services.map { ($0, endpoint) })
        let provider: [String: Any] = [
            "access_key": MotoServer.credentials.accessKey,
            "secret_key": MotoServer.credentials.secretKey,
            "skip_credentials_validation": true,
            "skip_requesting_account_id": true,
            "skip_metadata_api_check": true,
            "s3_use_path_style": true,
            "endpoints": [endpoints],
        ]
        let data = try! JSONSerialization.data(
            withJSONObject: ["provider": ["aws": provider]], options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// The override file that lifts deletion protection from every protected resource in `applied`
    /// (the service's attribute unless `attributes` is false, and `lifecycle.prevent_destroy` where
    /// the root sets it), and those resources' addresses; nil when none is protected. A plan lifts
    /// only `prevent_destroy`: lifting the attribute too would plan an update of its own.
    static func liftDeletionProtection(
        _ applied: [String], document: [String: Any] = [:], attributes: Bool = true
    ) -> (override: String, protected: [String])? {
        var resources: [String: [String: Any]] = [:]
        var protected: [String] = []
        let declared = document["resource"] as? [String: [String: [String: Any]]] ?? [:]
        for address in applied {
            let parts = address.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { continue }
            var lifted: [String: Any] = [:]
            if attributes, let attribute = deletionProtection[parts[0]] { lifted[attribute] = false }
            let lifecycle = declared[parts[0]]?[parts[1]]?["lifecycle"] as? [String: Any]
            if lifecycle?["prevent_destroy"] as? Bool == true { lifted["lifecycle"] = ["prevent_destroy": false] }
            guard !lifted.isEmpty else { continue }
            resources[parts[0], default: [:]][parts[1]] = lifted
            protected.append(address)
        }
        guard !resources.isEmpty else { return nil }
        let data = try! JSONSerialization.data(
            withJSONObject: ["resource": resources], options: [.prettyPrinted, .sortedKeys])
        return (String(decoding: data, as: UTF8.self), protected)
    }

    /// Applies `root` (the text of a `main.tf.json`, with `files` beside it in its group folder)
    /// against `server`, reads everything back, destroys it and checks that it is gone.
    /// `whileApplied` sees the report (outputs and judged secrets) after the read-back and before
    /// the destroy, while everything exists in moto.
    public static func run(
        _ root: String, group: String, files: [(path: String, text: String)] = [],
        terraform: TerraformCLI, server: MotoServer, whileApplied: ((Report) throws -> Void)? = nil
    ) throws -> Report {
        let started = Date()
        let workspace = try MotoWorkspace(group: group, terraform: terraform, server: server)
        defer { workspace.remove() }
        try workspace.write(root, files: files)
        let document = workspace.document, applied = workspace.supported, excluded = workspace.excluded
        let folder = workspace.folder, region = workspace.region
        try workspace.initialize()
        let state = try workspace.applySupported()
        let targets = applied.map { "-target=\($0)" }

        let outputJSON = try terraform.run(["output", "-json"], in: folder).stdout
        let outputs =
            ((try? JSONSerialization.jsonObject(with: Data(outputJSON.utf8))) as? [String: [String: Any]] ?? [:])
            .compactMapValues { $0["value"] as? String }
        let rawState = folder.appendingPathComponent("terraform.tfstate")
        guard FileManager.default.fileExists(atPath: rawState.path) else {
            throw Failure(description: "\(group): no terraform.tfstate after apply")
        }
        let present = try server.readback(["present", region, state.path, rawState.path])
        guard present.ok else {
            throw Failure(
                description:
                    """
                    \(group): not every created resource is in moto, or a secret is JSON or in the \
                    state:\n\(present.text)
                    """
            )
        }
        let secrets = (present.report["secrets"] as? [[String: Any]] ?? []).map {
            SecretValue(
                address: $0["address"] as? String ?? "", length: $0["length"] as? Int ?? 0,
                isJSON: $0["is_json"] as? Bool ?? true,
                lettersAndDigits: $0["letters_and_digits"] as? Bool ?? false, inState: $0["in_state"] as? Bool ?? true)
        }

        let report = Report(
            applied: applied, excluded: excluded, seconds: Date().timeIntervalSince(started), outputs: outputs,
            secrets: secrets)
        try whileApplied?(report)
        if let lift = liftDeletionProtection(applied, document: document) {
            // Only the protected resources: a full re-apply would also "correct" drift moto reports
            // on unrelated resources (all-protocol security group rules) with calls moto refuses.
            try workspace.add("zz_moto_unprotect_override.tf.json", lift.override)
            try workspace.run(["apply", "-auto-approve", "-input=false"] + lift.protected.map { "-target=\($0)" })
        }
        try workspace.run(["destroy", "-auto-approve", "-input=false"] + targets)
        let absent = try server.readback(["absent", region, state.path])
        guard absent.ok else {
            throw Failure(description: "\(group): resources left in moto after terraform destroy:\n\(absent.text)")
        }
        return Report(
            applied: applied, excluded: excluded, seconds: Date().timeIntervalSince(started), outputs: report.outputs,
            secrets: report.secrets)
    }

    /// The S3 objects the root's Lambda functions take their code from: inputs of the deployment
    /// (an operator uploads them before applying), so the test puts a small package at each.
    static func codePackages(_ document: [String: Any]) -> [(bucket: String, key: String)] {
        let functions =
            (document["resource"] as? [String: Any])?["aws_lambda_function"] as? [String: [String: Any]] ?? [:]
        return functions.keys.sorted().compactMap { name in
            guard let bucket = functions[name]?["s3_bucket"] as? String,
                let key = functions[name]?["s3_key"] as? String,
                !bucket.contains("${"), !key.contains("${")
            else { return nil }
            return (bucket, key)
        }
    }

    /// `type.name` of every managed resource in a `terraform show -json` state.
    static func stateAddresses(_ state: URL) throws -> [String] {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: state)) as? [String: Any]
        let root = (json?["values"] as? [String: Any])?["root_module"] as? [String: Any]
        return (root?["resources"] as? [[String: Any]] ?? []).filter { $0["mode"] as? String == "managed" }
            .compactMap { $0["address"] as? String }.sorted()
    }

    /// Runs the probes of `moto-readback.py probe`: type → (still unsupported, evidence).
    public static func probeExclusions(
        server: MotoServer, region: String = "eu-west-1"
    ) throws -> [String: (stillUnsupported: Bool, evidence: String)] {
        let (_, report, _) = try server.readback(["probe", region])
        var result: [String: (Bool, String)] = [:]
        for (type, entry) in report {
            let entry = entry as? [String: Any] ?? [:]
            result[type] = (entry["still_unsupported"] as? Bool ?? false, entry["evidence"] as? String ?? "")
        }
        return result
    }
}
