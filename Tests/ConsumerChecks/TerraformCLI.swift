import Foundation
import TestSupport

/// Terraform run offline: providers come only from local filesystem mirrors, through a CLI
/// configuration written to a private folder; checkpoint calls are disabled.
///
/// hashicorp/aws is the real plugin from the machine's mirror. hashicorp/google cannot be
/// downloaded here, so a schema-only stand-in (Tests/Tools/schema-provider) serves the committed
/// Google schema extract: `terraform validate` then runs all of Terraform core's checks (syntax,
/// expressions, functions, references, types, required and unknown arguments) on Google roots,
/// while the provider's own value validation is not available offline.
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
    /// The mirror holding hashicorp/aws.
    public let mirror: URL
    /// The AWS provider version in the mirror.
    public let awsVersion: String
    /// The Google provider version the stand-in serves the schema of.
    public let googleVersion: String
    private let home: URL

    /// Terraform with both providers installable, or why not.
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
            throw Unavailable(
                description:
                    """
                    no local mirror holding registry.terraform.io/hashicorp/aws (looked in \
                    \(candidates.joined(separator: ", "))); set HPCC_TERRAFORM_PLUGIN_MIRROR
                    """
            )
        }
        self.executable = executable
        self.mirror = mirror
        self.awsVersion = version
        home = fileManager.temporaryDirectory.appendingPathComponent(
            "hpcc-terraform-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        let standIns = home.appendingPathComponent("stand-in-mirror")
        try fileManager.createDirectory(at: standIns, withIntermediateDirectories: true)
        googleVersion = try Self.installGoogleStandIn(into: standIns, cache: home.appendingPathComponent("stubs"))
        let configuration = """
            disable_checkpoint = true
            provider_installation {
              filesystem_mirror {
                path    = "\(standIns.path)"
                include = ["registry.terraform.io/hashicorp/google"]
              }
              filesystem_mirror {
                path    = "\(mirror.path)"
                include = ["registry.terraform.io/hashicorp/aws"]
              }
              direct {
                exclude = ["*/*/*"]
              }
            }

            """
        try Data(configuration.utf8).write(to: home.appendingPathComponent("cli.tfrc"))
    }

    /// Installs the schema-only Google provider; returns the provider version it serves.
    private static func installGoogleStandIn(into mirror: URL, cache: URL) throws -> String {
        let tools = Repository.root.appendingPathComponent("Tests/Tools/schema-provider")
        let environment = ProcessInfo.processInfo.environment
        let venv = Repository.root.appendingPathComponent(".venv/bin/python").path
        let python =
            environment["HPCC_SCHEMA_PROVIDER_PYTHON"]
            ?? (FileManager.default.isExecutableFile(atPath: venv) ? venv : Shell.which("python3") ?? "python3")
        let outcome = try Shell.run(
            "/bin/bash",
            [tools.appendingPathComponent("install.sh").path, mirror.path, ProviderSchemas.googleExtract.path, python],
            environment: ["SCHEMA_PROVIDER_CACHE": cache.path])
        guard outcome.status == 0, let executable = outcome.stdout.split(separator: "\n").last else {
            throw Unavailable(
                description:
                    """
                    the schema-only Google provider did not install with \(python) (it needs grpcio, grpcio-tools, \
                    cryptography and msgpack: run .ci/run, or .venv/bin/pip install grpcio grpcio-tools \
                    cryptography msgpack):\n\(outcome.stderr)
                    """
            )
        }
        return String(executable.split(separator: "_v").last ?? "")
    }

    private var environment: [String: String] {
        [
            "TF_CLI_CONFIG_FILE": home.appendingPathComponent("cli.tfrc").path,
            "CHECKPOINT_DISABLE": "1",
            "TF_IN_AUTOMATION": "1",
            "TF_INPUT": "0",
        ]
    }

    /// The environment under which another program runs terraform offline with these providers.
    public var environmentForTools: [String: String] { environment }

    /// Runs terraform in `directory`; a non-zero exit throws with terraform's own output.
    @discardableResult
    func run(
        _ arguments: [String], in directory: URL, allowFailure: Bool = false, environment extra: [String: String] = [:]
    ) throws -> Shell.Outcome {
        let outcome = try Shell.run(
            executable, arguments + ["-no-color"], environment: environment.merging(extra) { _, new in new },
            directory: directory)
        if outcome.status != 0, !allowFailure {
            throw Unavailable(
                description:
                    """
                    terraform \(arguments.joined(separator: " ")) failed in \
                    \(directory.path):\n\(outcome.stderr)\(outcome.stdout)
                    """
            )
        }
        return outcome
    }

    /// `terraform init -backend=false` against the mirror only.
    public func initialize(_ directory: URL) throws {
        try run(["init", "-backend=false", "-input=false"], in: directory)
    }

    /// `terraform init` then `terraform validate -json` in a group folder.
    public func validate(group directory: URL, displayPath: String) throws -> [ConsumerFinding] {
        try initialize(directory)
        return try validate(directory, displayPath: displayPath)
    }

    /// `terraform validate -json`, as findings: every error and warning, with file and line.
    public func validate(_ directory: URL, displayPath: String) throws -> [ConsumerFinding] {
        let outcome = try run(["validate", "-json"], in: directory, allowFailure: true)
        guard let report = try? JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] else {
            throw Unavailable(
                description:
                    """
                    terraform validate -json printed no JSON (exit \
                    \(outcome.status)):\n\(outcome.stderr)\(outcome.stdout)
                    """
            )
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
            return ConsumerFinding(
                file: "\(displayPath)/\(file)", line: line, path: context,
                message: "terraform \(severity): \(summary)\(detail.isEmpty ? "" : " — " + detail)")
        }
        if report["valid"] as? Bool != true, findings.isEmpty {
            findings.append(
                ConsumerFinding(
                    file: displayPath, line: 0, path: "",
                    message: "terraform validate reports the configuration invalid"))
        }
        return findings
    }

    /// The AWS provider's schema, from `terraform providers schema -json` of the mirrored plugin.
    public func awsSchema() throws -> ProviderSchema {
        let directory = home.appendingPathComponent("aws-schema")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let root =
            #"{"terraform":{"required_providers":{"aws":{"source":"hashicorp/aws","version":"\#(awsVersion)"}}}}"#
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
