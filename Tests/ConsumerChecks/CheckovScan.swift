import Foundation
import TestSupport

/// checkov's policy checks over an emitted Terraform group, offline.
///
/// - AWS groups are scanned as Terraform plans: `terraform plan` runs against the mirrored AWS
///   plugin with made-up credentials and the provider's skip settings (an override file beside
///   the root), and `terraform show -json` gives the plan checkov reads. Values only known after
///   apply are unknown there, as they would be in a real pipeline. The plan calls no AWS API,
///   except that it opens the root's ephemeral values: the accounting password's random string
///   (Secrets Manager GetRandomPassword) comes from a moto server then, the one call a real plan
///   makes for it.
/// - Google groups are scanned as the JSON files themselves (no Google plugin can plan here), in a
///   copy without the top-level `terraform` block: checkov 3's terraform_json parser raises
///   "this method receives only dicts" on `required_version` and drops the whole file, which
///   then counts as one parsing error and zero checks. That block holds no resources.
///
/// checkov exits 0 when it cannot parse a file, so every report carries its parse-error count and
/// the callers require it to be zero, and require that checks actually ran.
public enum CheckovScan {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// One failed check on one resource.
    public struct Failure: Hashable, Comparable, CustomStringConvertible {
        public let checkID: String
        public let resource: String
        public let name: String

        public static func < (a: Failure, b: Failure) -> Bool { (a.checkID, a.resource) < (b.checkID, b.resource) }
        public var description: String { "\(checkID) \(resource): \(name)" }
    }

    public struct Report {
        public let framework: String
        public let passed: Int
        public let failures: [Failure]
        public let parseErrors: Int

        public var summary: String {
            "checkov \(framework): \(passed) passed, \(failures.count) failed, \(parseErrors) parse errors"
        }
    }

    /// `HPCC_CHECKOV`, else the `.venv-checkov` that `.ci/run` creates, else checkov on the PATH.
    public static var executable: String? {
        if let configured = ProcessInfo.processInfo.environment["HPCC_CHECKOV"] { return configured }
        let local = Repository.root.appendingPathComponent(".venv-checkov/bin/checkov").path
        return FileManager.default.isExecutableFile(atPath: local) ? local : Shell.which("checkov")
    }

    public static var available: Bool { executable != nil }

    /// The provider settings that let `terraform plan` run without AWS: no credential, account,
    /// metadata or region look-ups.
    static let offlineAWS = #"""
        {"provider": {"aws": {"skip_credentials_validation": true, "skip_requesting_account_id": true,
                              "skip_metadata_api_check": true, "skip_region_validation": true}}}
        """#

    /// Made-up keys, in the environment: written into the provider block they would be in the
    /// plan, and checkov would rightly report them (CKV_AWS_41).
    static let offlineCredentials = [
        "AWS_ACCESS_KEY_ID": "AKIAHPCCPLANONLY0000", "AWS_SECRET_ACCESS_KEY": "plan-only",
        "AWS_EC2_METADATA_DISABLED": "true",
    ]

    /// Scans the group folder `group` of a written deployment. The folder is changed (override
    /// file, `.terraform`, plan): pass a scratch copy.
    /// `secretsEndpoint`: where Secrets Manager answers (a moto server), for a root that opens an
    /// ephemeral value from it during plan.
    public static func scan(
        group: URL, aws: Bool, terraform: TerraformCLI, secretsEndpoint: String? = nil
    ) throws -> Report {
        let target = group.appendingPathComponent("checkov-input")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        if aws {
            var override =
                try JSONSerialization.jsonObject(with: Data(offlineAWS.utf8)) as! [String: [String: [String: Any]]]
            if let secretsEndpoint {
                override["provider"]!["aws"]!["endpoints"] = [["secretsmanager": secretsEndpoint]]
            }
            try JSONSerialization.data(withJSONObject: override, options: [.sortedKeys]).write(
                to: group.appendingPathComponent("zz_checkov_plan_override.tf.json"))
            try terraform.initialize(group)
            try terraform.run(
                ["plan", "-input=false", "-lock=false", "-out=checkov.plan"], in: group, environment: offlineCredentials
            )
            let plan = try terraform.run(["show", "-json", "checkov.plan"], in: group)
            try Data(plan.stdout.utf8).write(to: target.appendingPathComponent("plan.json"))
            return try run(["-f", target.appendingPathComponent("plan.json").path, "--framework", "terraform_plan"])
        }
        let root = group.appendingPathComponent("main.tf.json")
        guard var document = try JSONSerialization.jsonObject(with: Data(contentsOf: root)) as? [String: Any] else {
            throw Unavailable(description: "\(root.path) is not a JSON object")
        }
        document["terraform"] = nil
        try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys]).write(
            to: target.appendingPathComponent("main.tf.json"))
        return try run(["-d", target.path, "--framework", "terraform_json"])
    }

    /// Runs checkov offline (no guideline download, no platform mapping) and reads its JSON report.
    static func run(_ arguments: [String]) throws -> Report {
        guard let executable else {
            throw Unavailable(
                description:
                    """
                    checkov is not installed (looked at HPCC_CHECKOV, .venv-checkov and the PATH): run .ci/run, or \
                    python3 -m venv .venv-checkov && .venv-checkov/bin/pip install -r .ci/requirements-checkov.txt
                    """
            )
        }
        let outcome = try Shell.run(
            executable, arguments + ["--output", "json", "--skip-download"],
            environment: ["BC_SKIP_MAPPING": "TRUE"])
        // checkov exits 1 when a check fails; anything else, or no JSON, is a broken run.
        guard outcome.status == 0 || outcome.status == 1,
            let parsed = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
        else {
            throw Unavailable(
                description:
                    """
                    checkov \(arguments.joined(separator: " ")) exited \(outcome.status) without a JSON \
                    report:\n\(outcome.stderr.suffix(3000))\(outcome.stdout.prefix(2000))
                    """
            )
        }
        let reports = (parsed as? [[String: Any]]) ?? [(parsed as? [String: Any]) ?? [:]]
        var framework: [String] = [], passed = 0, parseErrors = 0
        var failures: [Failure] = []
        for report in reports {
            let summary = report["summary"] as? [String: Any] ?? [:]
            framework.append(report["check_type"] as? String ?? "?")
            passed += summary["passed"] as? Int ?? 0
            parseErrors += summary["parsing_errors"] as? Int ?? 0
            let failed = (report["results"] as? [String: Any])?["failed_checks"] as? [[String: Any]] ?? []
            failures += failed.map {
                Failure(
                    checkID: $0["check_id"] as? String ?? "?", resource: $0["resource"] as? String ?? "?",
                    name: $0["check_name"] as? String ?? "")
            }
        }
        return Report(
            framework: framework.joined(separator: "+"), passed: passed, failures: failures.sorted(),
            parseErrors: parseErrors)
    }
}
