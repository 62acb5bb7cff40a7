/// A wait-for-startup module's `terraform_data`: one instance per name, each running
/// `scripts/hpcc-wait-for-startup.sh` when it is created, so the apply fails when a startup script
/// fails. Counted with `length(...)` so that a list of names from another module (known in length
/// at plan, in content at apply) gets one wait per name.
enum StartupWaitResources {
    /// The waits of the wait-for-startup module `module`.
    static func wait(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("terraform_data", module.rawValue)
    }

    static func emit(_ wait: StartupWait, into document: inout TerraformDocument, references: inout TerraformReferences)
    {
        let names = names(wait, references: &references)
        let environment: [String: JSON] = [
            "INSTANCE_NAME": "${self.input}",
            "ZONE": .string(HCL.escapeTemplate(wait.zone)),
            "PROJECT_ID": .string(HCL.escapeTemplate(wait.project)),
            "TIMEOUT": .string(String(wait.timeout)),
            "GCLOUD_PATH": .string(HCL.escapeTemplate(wait.gcloudPath)),
        ]
        document.resource(
            Self.wait(wait.origin.module),
            [
                "count": .string("${length(\(names))}"),
                "input": .string("${\(names)[count.index]}"),
                "provisioner": .array([
                    [
                        "local-exec": .object([
                            "command": .string("/bin/bash ${path.module}/../\(StartupWaitScript.path)"),
                            "environment": .object(environment),
                        ])
                    ]
                ]),
            ])
    }

    /// The HCL list of every instance name the module waits for.
    private static func names(_ wait: StartupWait, references: inout TerraformReferences) -> String {
        let single = "[" + wait.names.map { references.hcl($0) }.joined(separator: ", ") + "]"
        guard let list = wait.nameList else { return single }
        let expression = references.hcl(list)
        return wait.names.isEmpty ? expression : "concat(\(expression), \(single))"
    }
}
