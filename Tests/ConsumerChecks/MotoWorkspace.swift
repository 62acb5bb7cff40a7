import Foundation
import TestSupport

/// A group folder Terraform runs in against moto: a root, the files beside it, and the override
/// that points the AWS provider at moto. The state stays in the folder when another root
/// replaces the first (`MotoPlan` plans a second build against the state the first one made).
final class MotoWorkspace {
    let group: String
    let folder: URL
    let terraform: TerraformCLI
    let server: MotoServer
    /// The root's resources moto emulates (`type.name`), and those left out with the reason.
    private(set) var supported: [String] = []
    private(set) var excluded: [(address: String, reason: String)] = []
    private(set) var document: [String: Any] = [:]
    /// The files the current root brought, so the next root's write removes them.
    private var written: [String] = []

    init(group: String, terraform: TerraformCLI, server: MotoServer) throws {
        self.group = group
        self.terraform = terraform
        self.server = server
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    /// Removes the folder (state, providers and all).
    func remove() { try? FileManager.default.removeItem(at: folder) }

    /// The region the root's AWS provider names, moto's default otherwise.
    var region: String {
        let provider = (document["provider"] as? [String: Any])?["aws"]
        let block = (provider as? [String: Any]) ?? ((provider as? [[String: Any]])?.first ?? [:])
        return block["region"] as? String ?? "us-east-1"
    }

    /// Puts `root` and `files` in the folder in place of the previous root's files (override
    /// files included), keeping the state and the installed providers.
    func write(_ root: String, files: [(path: String, text: String)] = []) throws {
        guard let parsed = try JSONSerialization.jsonObject(with: Data(root.utf8)) as? [String: Any] else {
            throw MotoApply.Failure(description: "\(group)/main.tf.json is not a JSON object")
        }
        for path in written { try? FileManager.default.removeItem(at: folder.appendingPathComponent(path)) }
        document = parsed
        (supported, excluded) = Self.partition(parsed)
        let all = files + [("main.tf.json", root), ("zz_moto_override.tf.json", override)]
        for file in all {
            try add(file.0, file.1)
        }
        written = all.map(\.0)
    }

    /// Adds one more file (another override) that the next `write` removes.
    func add(_ path: String, _ text: String) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        if !written.contains(path) { written.append(path) }
    }

    /// `terraform init` against the local mirror.
    func initialize() throws { try terraform.initialize(folder) }

    /// Runs terraform in the folder; a failure throws with terraform's message.
    @discardableResult
    func run(_ arguments: [String]) throws -> Shell.Outcome {
        let outcome = try terraform.run(arguments, in: folder, allowFailure: true)
        guard outcome.status == 0 else {
            throw MotoApply.Failure(
                description: "\(group): terraform \(arguments[0]) against moto failed:\n\(outcome.stderr)")
        }
        return outcome
    }

    /// Runs terraform in the folder and returns its outcome whatever the exit status.
    func attempt(_ arguments: [String]) throws -> Shell.Outcome {
        try terraform.run(arguments, in: folder, allowFailure: true)
    }

    /// Applies every resource moto emulates (`-target`s keep the excluded ones out) after seeding
    /// the Lambda packages, and checks that the state holds exactly those; returns the file of
    /// `terraform show -json`'s state.
    func applySupported() throws -> URL {
        try seedCodePackages()
        try run(["apply", "-auto-approve", "-input=false"] + supported.map { "-target=\($0)" })
        let state = folder.appendingPathComponent("state.json")
        try Data(run(["show", "-json"]).stdout.utf8).write(to: state)
        let inState = try MotoApply.stateAddresses(state)
        let leaked = inState.filter { address in excluded.contains { $0.address == address } }
        guard leaked.isEmpty else {
            throw MotoApply.Failure(
                description: "\(group): excluded resources were applied as dependencies of targeted ones: \(leaked)")
        }
        guard Set(inState) == Set(supported) else {
            throw MotoApply.Failure(description: "\(group): terraform state holds \(inState), expected \(supported)")
        }
        return state
    }

    /// Puts a small package at every S3 object the root's Lambda functions take their code from.
    func seedCodePackages() throws {
        let packages = MotoApply.codePackages(document)
        guard !packages.isEmpty else { return }
        let data = try JSONSerialization.data(withJSONObject: packages.map { [$0.bucket, $0.key] })
        _ = try server.readback(["seed", region, String(decoding: data, as: UTF8.self)])
    }

    /// The root's resources split into those moto emulates and those it cannot (`MotoApply.unsupported`).
    static func partition(_ document: [String: Any]) -> (supported: [String], excluded: [(String, String)]) {
        var supported: [String] = [], excluded: [(String, String)] = []
        for (type, instances) in document["resource"] as? [String: Any] ?? [:] {
            for name in (instances as? [String: Any] ?? [:]).keys {
                if let reason = MotoApply.unsupported[type] {
                    excluded.append(("\(type).\(name)", reason))
                } else {
                    supported.append("\(type).\(name)")
                }
            }
        }
        return (supported.sorted(), excluded.sorted { $0.0 < $1.0 })
    }

    private var override: String { MotoApply.override(endpoint: server.endpoint) }
}
