import Foundation
import TestSupport

/// Terraform run offline: providers come only from a local filesystem mirror, through a CLI
/// configuration written to a private folder; checkpoint calls are disabled.
public final class TerraformCLI: @unchecked Sendable {
    public struct Unavailable: Error, CustomStringConvertible {
        public let description: String
    }

    /// Folders searched for a provider mirror (`<host>/<namespace>/<type>/<version>/<os_arch>/`),
    /// after `HPCC_TERRAFORM_PLUGIN_MIRROR`.
    static let mirrorCandidates = [
        "/opt/tf-plugins",
        "/usr/share/terraform/plugins",
        "/usr/local/share/terraform/plugins",
        NSHomeDirectory() + "/.terraform.d/plugins",
        NSHomeDirectory() + "/.local/share/terraform/plugins",
    ]

    public let executable: String
    public let mirror: URL
    /// The AWS provider version in the mirror.
    public let awsVersion: String
    private let home: URL

    /// Terraform and a mirror holding hashicorp/aws, or why not.
    public static let shared: Result<TerraformCLI, Unavailable> = {
        do { return .success(try TerraformCLI()) } catch let error as Unavailable { return .failure(error) } catch {
            return .failure(Unavailable(description: "\(error)"))
        }
    }()

    private init() throws {
        guard let executable = Shell.which("terraform") else {
            throw Unavailable(description: "terraform is not on the PATH")
        }
        let environment = ProcessInfo.processInfo.environment
        let candidates = (environment["HPCC_TERRAFORM_PLUGIN_MIRROR"].map { [$0] } ?? []) + Self.mirrorCandidates
        let fileManager = FileManager.default
        var found: (URL, String)?
        for candidate in candidates {
            let aws = URL(fileURLWithPath: candidate).appendingPathComponent("registry.terraform.io/hashicorp/aws")
            let versions = ((try? fileManager.contentsOfDirectory(atPath: aws.path)) ?? []).filter {
                fileManager.fileExists(atPath: aws.appendingPathComponent("\($0)/linux_amd64").path)
            }
            if let version = versions.sorted(by: { $0.compare($1, options: .numeric) == .orderedAscending }).last {
                found = (URL(fileURLWithPath: candidate), version)
                break
            }
        }
        guard let (mirror, version) = found else {
            throw Unavailable(description: "no local mirror holding registry.terraform.io/hashicorp/aws (looked in \(candidates.joined(separator: ", "))); set HPCC_TERRAFORM_PLUGIN_MIRROR")
        }
        self.executable = executable
        self.mirror = mirror
        self.awsVersion = version
        home = fileManager.temporaryDirectory.appendingPathComponent("hpcc-terraform-\(ProcessInfo.processInfo.processIdentifier)")
        try fileManager.createDirectory(at: home.appendingPathComponent("plugin-cache"), withIntermediateDirectories: true)
        let configuration = """
        disable_checkpoint = true
        plugin_cache_dir   = "\(home.appendingPathComponent("plugin-cache").path)"
        provider_installation {
          filesystem_mirror {
            path    = "\(mirror.path)"
            include = ["registry.terraform.io/*/*"]
          }
          direct {
            exclude = ["*/*/*"]
          }
        }

        """
        try Data(configuration.utf8).write(to: home.appendingPathComponent("cli.tfrc"))
    }

    private var environment: [String: String] {
        ["TF_CLI_CONFIG_FILE": home.appendingPathComponent("cli.tfrc").path,
         "CHECKPOINT_DISABLE": "1",
         "TF_IN_AUTOMATION": "1",
         "TF_INPUT": "0",
         "TF_DATA_DIR": ".terraform"]
    }

    /// Runs terraform in `directory`; a non-zero exit throws with terraform's own output.
    @discardableResult
    func run(_ arguments: [String], in directory: URL, allowFailure: Bool = false) throws -> Shell.Outcome {
        let outcome = try Shell.run(executable, arguments + ["-no-color"], environment: environment, directory: directory)
        if outcome.status != 0, !allowFailure {
            throw Unavailable(description: "terraform \(arguments.joined(separator: " ")) failed in \(directory.path):\n\(outcome.stderr)\(outcome.stdout)")
        }
        return outcome
    }

    /// `terraform init -backend=false` against the mirror only.
    public func initialize(_ directory: URL) throws {
        try run(["init", "-backend=false", "-input=false"], in: directory)
    }

    /// `terraform validate -json`, as findings: every error and warning, with file and line.
    public func validate(_ directory: URL, displayPath: String) throws -> [ConsumerFinding] {
        let outcome = try run(["validate", "-json"], in: directory, allowFailure: true)
        guard let report = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] else {
            throw Unavailable(description: "terraform validate -json printed no JSON (exit \(outcome.status)):\n\(outcome.stderr)\(outcome.stdout)")
        }
        let diagnostics = report["diagnostics"] as? [[String: Any]] ?? []
        var findings = diagnostics.map { diagnostic -> ConsumerFinding in
            let range = diagnostic["range"] as? [String: Any]
            let file = range?["filename"] as? String ?? ""
            let line = (range?["start"] as? [String: Any])?["line"] as? Int ?? 0
            let severity = diagnostic["severity"] as? String ?? "error"
            let summary = diagnostic["summary"] as? String ?? ""
            let detail = diagnostic["detail"] as? String ?? ""
            let context = (diagnostic["snippet"] as? [String: Any])?["context"] as? String ?? ""
            return ConsumerFinding(file: "\(displayPath)/\(file)", line: line, path: context,
                                   message: "terraform \(severity): \(summary)\(detail.isEmpty ? "" : " — " + detail)")
        }
        if report["valid"] as? Bool != true, findings.isEmpty {
            findings.append(ConsumerFinding(file: displayPath, line: 0, path: "", message: "terraform validate reports the configuration invalid"))
        }
        return findings
    }

    /// The AWS provider's schema, from `terraform providers schema -json` of the mirrored plugin.
    public func awsSchema() throws -> ProviderSchema {
        let directory = home.appendingPathComponent("aws-schema")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let root = #"{"terraform":{"required_providers":{"aws":{"source":"hashicorp/aws","version":"\#(awsVersion)"}}}}"#
        try Data(root.utf8).write(to: directory.appendingPathComponent("main.tf.json"))
        try initialize(directory)
        let outcome = try run(["providers", "schema", "-json"], in: directory)
        let schemas = try ProviderSchema.load(Data(outcome.stdout.utf8), version: awsVersion)
        guard let aws = schemas.first(where: { $0.source == "registry.terraform.io/hashicorp/aws" }) else {
            throw Unavailable(description: "terraform providers schema -json did not describe hashicorp/aws")
        }
        return aws
    }
}
