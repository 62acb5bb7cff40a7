/// A gcloud module's resource: a `terraform_data` whose provisioners run the create commands at
/// apply and the delete commands at destroy, in bash, where Terraform runs.
enum LocalCommandResources {
    /// The resource of the gcloud module `module`.
    static func commands(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("terraform_data", module.rawValue)
    }

    static func emit(_ commands: LocalCommands, into document: inout TerraformDocument) {
        let create = createScript(commands)
        let delete = deleteScript(commands)
        let bash: JSON = ["/bin/bash", "-c"]
        document.resource(
            Self.commands(commands.origin.module),
            [
                // Changed commands replace the resource: the old deletes run, then the new creates.
                "triggers_replace": .array([.string(HCL.escapeTemplate(create)), .string(HCL.escapeTemplate(delete))]),
                // A destroy provisioner may read only `self`: the deletes it runs are the ones stored
                // with the resource, which are the commands that made what they remove.
                "input": .string(HCL.escapeTemplate(delete)),
                "provisioner": .array([
                    ["local-exec": ["command": .string(HCL.escapeTemplate(create)), "interpreter": bash]],
                    ["local-exec": ["when": "destroy", "command": "${self.input}", "interpreter": bash]],
                ]),
            ])
    }

    /// The apply-time script: stops at the first failed command, echoing each as it runs.
    static func createScript(_ commands: LocalCommands) -> String {
        let module = ShellWord.quote(commands.origin.module.rawValue)
        return (["set -ex", "echo 'hpcc: create commands of module' \(module)"] + commands.pairs.map(\.create))
            .joined(separator: "\n") + "\n"
    }

    /// The destroy-time script: every delete runs, last pair first, whether or not one before it
    /// failed; a failure is reported and the destroy goes on.
    static func deleteScript(_ commands: LocalCommands) -> String {
        let module = ShellWord.quote(commands.origin.module.rawValue)
        var lines = ["set -x", "echo 'hpcc: delete commands of module' \(module)"]
        for (index, pair) in commands.pairs.enumerated().reversed() {
            lines += [
                "{",
                pair.delete,
                "} || echo 'hpcc: delete command \(index + 1) of module' \(module) 'failed; going on' >&2",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
