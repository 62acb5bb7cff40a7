import Foundation
import TestSupport

/// `terraform apply` of a Google group with the schema-only stand-in, which fills what only the
/// cloud knows (instance addresses, Filestore and Lustre addresses, self links, object digests)
/// by deterministic rules, so every expression renders as against Google. An environment with
/// `SCHEMA_PROVIDER_HOOK` shows each applied change to that program (see
/// Tests/Tools/schema-provider/provider.py), e.g. the Google twin's control plane.
extension TerraformCLI {
    /// One applied group, from `terraform show -json` and `terraform output -json`.
    public struct AppliedGroup {
        /// Every resource and data source by address (`type.name`, `data.type.name`, with `[index]`
        /// and `module.` prefixes as Terraform writes them): its attribute values.
        public let resources: [String: [String: Any]]
        /// Output values by name.
        public let outputs: [String: Any]
    }

    /// `terraform init`, `apply -auto-approve` (with `variables` as a var file, for a group reading
    /// another group's outputs) and the read-back, in `deployment/group`. Applying again after a
    /// change is an update. `environment` is added to terraform's (PATH, SCHEMA_PROVIDER_HOOK, ...).
    public func apply(
        deployment: URL, group: String, variables: [String: Any] = [:], environment: [String: String] = [:]
    ) throws -> AppliedGroup {
        let directory = deployment.appendingPathComponent(group)
        try run(["init", "-input=false"], in: directory, environment: environment)
        try withVariableFile(variables) { file in
            try run(["apply", "-auto-approve", "-input=false"] + file, in: directory, environment: environment)
        }
        return try applied(deployment: deployment, group: group, environment: environment)
    }

    /// The state of an applied group.
    public func applied(deployment: URL, group: String, environment: [String: String] = [:]) throws -> AppliedGroup {
        let directory = deployment.appendingPathComponent(group)
        let show = try json(run(["show", "-json"], in: directory, environment: environment).stdout, "show -json")
        var resources: [String: [String: Any]] = [:]
        func collect(_ module: [String: Any]) {
            for resource in module["resources"] as? [[String: Any]] ?? [] {
                if let address = resource["address"] as? String {
                    resources[address] = resource["values"] as? [String: Any] ?? [:]
                }
            }
            (module["child_modules"] as? [[String: Any]] ?? []).forEach(collect)
        }
        collect((show["values"] as? [String: Any])?["root_module"] as? [String: Any] ?? [:])
        let outputs = try json(
            run(["output", "-json"], in: directory, environment: environment).stdout, "output -json")
        return AppliedGroup(
            resources: resources, outputs: outputs.compactMapValues { ($0 as? [String: Any])?["value"] })
    }

    /// `terraform destroy -auto-approve` in `deployment/group` (same variables as the apply).
    public func destroy(
        deployment: URL, group: String, variables: [String: Any] = [:], environment: [String: String] = [:]
    ) throws {
        let directory = deployment.appendingPathComponent(group)
        try withVariableFile(variables) { file in
            try run(["destroy", "-auto-approve", "-input=false"] + file, in: directory, environment: environment)
        }
    }

    /// Runs body with `-var-file=` arguments for `variables` (none when empty), in a file outside the
    /// deployment that is removed afterwards.
    private func withVariableFile(_ variables: [String: Any], _ body: ([String]) throws -> Void) throws {
        guard !variables.isEmpty else { return try body([]) }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-variables-\(UUID().uuidString.prefix(8)).tfvars.json")
        try JSONSerialization.data(withJSONObject: variables, options: [.sortedKeys]).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        try body(["-var-file=\(file.path)"])
    }

    private func json(_ text: String, _ command: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw Unavailable(description: "terraform \(command) printed no JSON object:\n\(text.prefix(2000))")
        }
        return object
    }
}
