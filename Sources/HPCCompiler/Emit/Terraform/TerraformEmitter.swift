/// `<group>/main.tf.json` for every deployment group: the GCP or AWS resources of the modules in the
/// group, providers and backend, exposed outputs, and the outputs/variables that carry values
/// from earlier groups into later ones.
enum TerraformEmitter {
    /// The Google provider version range hpcc's output is written and checked against.
    static let googleProviderVersion = ">= 6.50, < 7.0"

    /// The roots, and the references no module could give a value for (an internal error).
    static func emit(
        _ deployment: Deployment, catalog: ModuleCatalog
    ) -> (files: [OutputFile], unexpressed: [ModuleReference]) {
        let index = DeploymentIndex(deployment)
        var roots = TerraformRoots(index: index)
        for group in deployment.groups {
            roots.add(to: group.name) { group, document, _ in configure(group, deployment: deployment, into: &document)
            }
        }
        for (module, lowered) in deployment.modules.sorted(by: { $0.key < $1.key }) {
            BuiltInModules.definition(lowered.source)?.emit(lowered.entity, module: module, into: &roots)
        }
        let inventoryReads = InventoryEmitter.terraformOutputs(deployment).map {
            ExposedModuleOutput(reference: $0, description: "Read by the Ansible inventory.", sensitive: false)
        }
        var imports: [(consumer: GroupName, name: String, owner: GroupName, module: ModuleID, output: String)] = []
        for group in deployment.groups {
            roots.add(to: group.name) { _, document, references in
                for exposed in inventoryReads + deployment.exposedOutputs
                where index.group(of: exposed.reference.module) == group.name {
                    let name = TerraformReferences.crossGroupName(
                        module: exposed.reference.module, output: exposed.reference.output)
                    document.outputs[name] = .object(
                        [
                            "value": references.outputValue(exposed.reference),
                            "description": exposed.description.map { .string(HCL.escapeTemplate($0)) } ?? .null,
                            "sensitive": .when(exposed.sensitive, true),
                        ].filter { $0.value != .null })
                }
                for (name, source) in references.imports.sorted(by: { $0.key < $1.key }) {
                    imports.append((group.name, name, source.group, source.module, source.output))
                }
            }
        }
        for item in imports {
            let type = catalog.module(index.deployment.sourceOf(item.module) ?? "")?.output(item.output)?.type
            roots.add(to: item.consumer) { _, document, _ in
                document.variables[item.name] = .object([
                    "type": .string(variableType(type)),
                    "description": .string(
                        """
                        Output '\(item.output)' of module '\(item.module)' (group '\(item.owner)'): run `terraform \
                        output` there after applying it.
                        """
                    ),
                ])
            }
            let known = index.deployment.exposedOutputs.first {
                $0.reference.module == item.module && $0.reference.output == item.output
            }?.reference.known
            roots.add(to: item.owner) { _, document, references in
                document.outputs[item.name] = .object([
                    "value": references.outputValue(
                        ModuleReference(module: item.module, output: item.output, path: [], known: known)),
                    "description": .string(
                        "Output '\(item.output)' of module '\(item.module)', read by group '\(item.consumer)'."),
                ])
            }
        }
        // A Packer group's root only collected the outputs it imports; its template is `PackerTemplate`.
        let packerGroups = Set(deployment.packerImages.map(\.origin.group))
        let files = deployment.groups.filter { $0.cloud != .onPremises && !packerGroups.contains($0.name) }.map {
            group in
            OutputFile(path: "\(group.name)/main.tf.json", bytes: JSONWriter.bytes(roots.documents[group.name]!.json()))
        }
        return (files, roots.references.values.flatMap(\.unexpressed))
    }

    private static func configure(
        _ group: TerraformGroup, deployment: Deployment, into document: inout TerraformDocument
    ) {
        if group.cloud == .aws {
            AWSProvider.configure(group, into: &document)
        } else {
            var google: [String: JSON] = [:]
            if let project = group.project { google["project"] = JSON.string(project) }
            if let region = group.region { google["region"] = JSON.string(region) }
            if let zone = group.zone { google["zone"] = JSON.string(zone) }
            document.providers["google"] = .object(google)
            document.requiredProviders["google"] = JSON.object([
                "source": "hashicorp/google", "version": .string(googleProviderVersion),
            ])
        }
        for provider in group.providers {
            var requirement = document.requiredProviders[provider.name]?.members ?? [:]
            if let source = provider.source { requirement["source"] = JSON.string(source) }
            if let version = provider.version { requirement["version"] = JSON.string(version) }
            if !requirement.isEmpty { document.requiredProviders[provider.name] = .object(requirement) }
            var configuration = document.providers[provider.name]?.members ?? [:]
            for (key, value) in provider.configuration { configuration[key] = TerraformValues.json(value) }
            document.providers[provider.name] = .object(configuration)
        }
        if let backend = group.backend {
            var configuration = backend.configuration.mapValues(TerraformValues.json)
            if backend.type == "gcs", configuration["prefix"] == nil {
                configuration["prefix"] = JSON.string("\(deployment.name)/\(group.name)")
            }
            document.backend = (backend.type, .object(configuration))
        }
    }

    private static func variableType(_ type: SettingType?) -> String {
        switch type {
        case .string?: "string"
        case .number?: "number"
        case .bool?: "bool"
        case let .list(element)?: element == .string ? "list(string)" : "any"
        default: "any"
        }
    }
}

/// Literal blueprint values as Terraform JSON.
enum TerraformValues {
    static func json(_ value: Value) -> JSON {
        value.json(text: HCL.escapeTemplate) { expression in
            switch expression {
            case let .terraform(text): "${\(text)}"
            case let .template(parts):
                parts.map { part in
                    switch part {
                    case let .literal(text): HCL.escapeTemplate(text)
                    case let .terraform(text): "${\(text)}"
                    case let .output(reference): "$(\(reference.text))"
                    }
                }.joined()
            case let .output(reference): "$(\(reference.text))"
            default: ""
            }
        }
    }
}
