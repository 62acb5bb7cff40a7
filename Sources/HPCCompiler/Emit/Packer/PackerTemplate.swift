/// `<group>/<module>/image.pkr.hcl` and `hpcc.auto.pkrvars.hcl` for a custom-image module: a
/// Packer HCL2 template for the googlecompute builder, and the resolved settings it reads as
/// variables. Written for Packer 1.6.6 and later (1.6 has the builder built in and knows no
/// `required_plugins`; Packer 1.10+ needs `packer plugins install github.com/hashicorp/googlecompute`).
struct PackerTemplate {
    /// A builder argument: a variable holding a setting's value, or an expression over references.
    private enum Argument {
        case variable(String, Value)
        case expression(String)
    }

    let image: PackerImage
    let deployment: String
    private let index: DeploymentIndex
    private var arguments: [(name: String, value: Argument)] = []

    init(_ image: PackerImage, deployment: Deployment) {
        self.image = image
        self.deployment = deployment.name
        index = DeploymentIndex(deployment)
        build()
    }

    /// Both files of every image of the deployment.
    static func emit(_ deployment: Deployment) -> [OutputFile] {
        deployment.packerImages.flatMap { image in
            let template = PackerTemplate(image, deployment: deployment)
            return [
                OutputFile(path: "\(image.folder)/image.pkr.hcl", text: template.templateText),
                OutputFile(path: "\(image.folder)/hpcc.auto.pkrvars.hcl", text: template.variablesText),
            ]
        }
    }

    private mutating func build() {
        let machine = image.machine
        set("project_id", .string(image.project))
        set("zone", .string(image.zone))
        set("region", image.region.map(Value.string))
        set("machine_type", .string(machine.machineType))
        set("disk_size", machine.diskSize.map(Value.int))
        set("disk_type", .string(machine.diskType))
        if let type = machine.acceleratorType {
            arguments.append(
                (
                    "accelerator_type",
                    .expression(HCL.quoted("projects/\(image.project)/zones/\(image.zone)/acceleratorTypes/\(type)"))
                ))
            set("accelerator_count", .int(machine.acceleratorCount))
        }
        set("on_host_maintenance", .string(machine.onHostMaintenance.rawValue))
        if let shielded = machine.shielded {
            set("enable_secure_boot", .bool(shielded.secureBoot))
            set("enable_vtpm", .bool(shielded.vtpm))
            set("enable_integrity_monitoring", .bool(shielded.integrityMonitoring))
        }
        set("source_image", image.source.name.map(Value.string))
        set("source_image_family", image.source.name == nil ? image.source.family.map(Value.string) : nil)
        set("source_image_project_id", image.source.projects.isEmpty ? nil : strings(image.source.projects))
        set("image_family", .string(image.family))
        if let name = image.name {
            set("image_name", .string(name))
        } else {
            // Named at build time, so that every build makes a new image of the family.
            arguments.append(
                (
                    "image_name",
                    .expression("\"${var.image_family}-${formatdate(\"YYYYMMDD't'hhmmss'z'\", timestamp())}\"")
                ))
        }
        let labels = Value.map(image.origin.labels.mapValues(Value.string))
        set("image_labels", labels, variable: "labels")
        arguments.append(("labels", .expression("var.labels")))
        set("image_storage_locations", image.storageLocations.isEmpty ? nil : strings(image.storageLocations))
        set("image_licenses", image.licenses.isEmpty ? nil : strings(image.licenses))
        text("subnetwork", image.subnetwork, variable: "subnetwork_name")
        if let project = image.networkProject { text("network_project_id", project) }
        set("omit_external_ip", .bool(image.omitExternalIP))
        // Without an external address Packer reaches the VM on its internal one.
        arguments.append(("use_internal_ip", .expression("var.omit_external_ip")))
        set("tags", image.tags.isEmpty ? nil : strings(image.tags))
        if let account = image.serviceAccount { text("service_account_email", account) }
        set("scopes", strings(image.scopes), variable: "service_account_scopes")
        set("communicator", .string(image.communicator.rawValue))
        if image.communicator == .ssh {
            set("use_iap", .bool(image.useIAP))
            set("use_os_login", .bool(image.useOSLogin))
        }
        set("ssh_username", .string(image.sshUsername))
        arguments.append(("metadata", .expression(metadata)))
        set("wrap_startup_script", .bool(image.wrapStartupScript))
        set("state_timeout", .string(image.stateTimeout))
    }

    private func strings(_ list: [String]) -> Value { .list(list.map(Value.string)) }

    /// An argument from a variable named after the blueprint setting (`variable`, when it differs).
    private mutating func set(_ name: String, _ value: Value?, variable: String? = nil) {
        if let value { arguments.append((name, .variable(variable ?? name, value))) }
    }

    /// A text setting: a variable when known, else an expression over its references.
    private mutating func text(_ name: String, _ text: TerraformText, variable: String? = nil) {
        if let known = text.known {
            set(name, .string(known), variable: variable)
        } else {
            arguments.append((name, .expression(PackerReferences.expression(text, index: index))))
        }
    }

    /// The VM's metadata: the temporary user's safeguards, then the blueprint's metadata (known
    /// entries in a variable, the others as expressions), then the startup script, which wins.
    private var metadata: String {
        let user = image.sshUsername
        let shutdown = "#!/bin/bash\nuserdel -r \(user)\nsed -i '/\(user)/d' /var/lib/google/google_users\n"
        var layers = [
            """
            {
                block-project-ssh-keys = "TRUE"
                shutdown-script        = \(HCL.quoted(shutdown))
              }
            """
        ]
        let known = image.metadata.compactMapValues(\.known)
        if !known.isEmpty { layers.append("var.metadata") }
        let computed = image.metadata.filter { $0.value.known == nil }
        var entries = computed.keys.sorted().map { key in
            "\(HCL.quoted(key)) = \(PackerReferences.expression(computed[key]!, index: index))"
        }
        if let script = image.startupScript {
            entries.append("startup-script = \(PackerReferences.expression(script, index: index))")
        }
        if !entries.isEmpty { layers.append("{ " + entries.joined(separator: ", ") + " }") }
        return "merge(" + layers.joined(separator: ", ") + ")"
    }

    /// The settings as variables, then the imports, then the source and the build.
    var templateText: String {
        var lines = [
            "# Packer template of module '\(image.origin.module)' (group '\(image.origin.group)') of deployment",
            "# '\(deployment)', written by hpcc. Its settings are in hpcc.auto.pkrvars.hcl, which Packer reads",
            "# by itself. Apply the groups it reads from, then run `packer build .` in this folder.",
            "",
            "packer {",
            "  required_version = \">= 1.6.6\"",
            "}",
            "",
        ]
        for (name, value) in variables + metadataVariable {
            lines += ["variable \"\(name)\" {", "  type = \(Self.type(of: value))", "}", ""]
        }
        for item in PackerReferences.imports(image, index: index) {
            lines += [
                "variable \"\(item.name)\" {",
                "  type        = \(item.type)",
                "  description = \(HCL.quoted("Output '\(item.output)' of module '\(item.module)'"))",
                "  # From group '\(item.group)' once applied: packer build -var \"\(item.name)=$(terraform \\",
                "  #   -chdir=../../\(item.group) output \(item.type == "string" ? "-raw" : "-json") \(item.name))\" .",
                "}",
                "",
            ]
        }
        lines.append("source \"googlecompute\" \"image\" {")
        for (name, argument) in arguments {
            switch argument {
            case let .variable(variable, _): lines.append("  \(name) = var.\(variable)")
            case let .expression(expression): lines.append("  \(name) = \(expression)")
            }
        }
        lines += [
            "}",
            "",
            "build {",
            "  sources = [\"source.googlecompute.image\"]",
            "",
            "  post-processor \"manifest\" {",
            "    output     = \"${path.root}/\(image.manifestFile)\"",
            "    strip_path = true",
            "  }",
            "}",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `hpcc.auto.pkrvars.hcl`: every variable's value.
    var variablesText: String {
        var lines = [
            "# Settings of module '\(image.origin.module)' of deployment '\(deployment)', resolved by hpcc.",
            "",
        ]
        for (name, value) in variables + metadataVariable {
            lines.append("\(name) = \(HCL.literal(value))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var variables: [(String, Value)] {
        arguments.compactMap { argument in
            guard case let .variable(name, value) = argument.value else { return nil }
            return (name, value)
        }
    }

    private var metadataVariable: [(String, Value)] {
        let known = image.metadata.compactMapValues(\.known)
        return known.isEmpty ? [] : [("metadata", .map(known.mapValues(Value.string)))]
    }

    private static func type(of value: Value) -> String {
        switch value {
        case .bool: "bool"
        case .int, .float: "number"
        case .list: "list(string)"
        case .map: "map(string)"
        default: "string"
        }
    }
}
