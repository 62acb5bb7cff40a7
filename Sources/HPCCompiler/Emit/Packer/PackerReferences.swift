/// How values from other modules reach a Packer template. A Packer group runs after the
/// Terraform groups it reads from, and Packer cannot read Terraform state, so a value is one of:
/// known at compile time (written as a literal), a startup script of the deployment folder (read
/// with `file()`), or a Packer variable named as hpcc's cross-group Terraform variables are
/// (`<output>_<module>`), whose owner group exports it as a Terraform output to copy from.
enum PackerReferences {
    /// An output of an earlier group that the template takes as a variable.
    struct Import: Hashable {
        /// The variable's name, also the owner group's Terraform output name.
        let name: String
        /// The module and output it carries.
        let module: ModuleID
        let output: String
        /// The group that exports it.
        let group: GroupName
        /// Its Packer type (`string`, `list(string)`): Packer 1.6 takes exact types only.
        let type: String
    }

    /// Where a template sits below the deployment folder: `<group>/<module>/`.
    static let deploymentRoot = "${path.root}/../.."

    /// Every text of the image that may reference other modules.
    static func texts(_ image: PackerImage) -> [TerraformText] {
        [image.subnetwork] + [image.networkProject, image.serviceAccount, image.startupScript].compactMap { $0 }
            + image.metadata.keys.sorted().map { image.metadata[$0]! }
    }

    /// Asks the groups that own the image's imported values to export them as Terraform outputs.
    static func export(_ image: PackerImage, into roots: inout TerraformRoots) {
        roots.add(to: image.origin.group) { _, _, references in
            for text in texts(image) {
                for case let .reference(reference) in text.parts
                where importOf(reference, index: references.index) != nil {
                    // Registers the import with its owner group; the expression itself is not used.
                    _ = references.expression(
                        ModuleReference(
                            module: reference.module, output: reference.output, path: [], known: nil))
                }
            }
        }
    }

    /// The imports of the image's template, by name.
    static func imports(_ image: PackerImage, index: DeploymentIndex) -> [Import] {
        let all = texts(image).flatMap { text in
            text.parts.compactMap { part -> Import? in
                guard case let .reference(reference) = part else { return nil }
                return importOf(reference, index: index)
            }
        }
        return Set(all).sorted { $0.name < $1.name }
    }

    /// The import standing for `reference`, or nil when the value is known or a script file.
    static func importOf(_ reference: ModuleReference, index: DeploymentIndex) -> Import? {
        guard reference.known == nil, scriptPath(reference, index: index) == nil else { return nil }
        let group = index.group(of: reference.module) ?? ""
        let output = index.deployment.sourceOf(reference.module).flatMap(BuiltInModules.definition)?.outputSpecs
            .first { $0.name == reference.output }
        return Import(
            name: TerraformReferences.crossGroupName(module: reference.module, output: reference.output),
            module: reference.module, output: reference.output, group: group, type: type(output?.type ?? .string))
    }

    /// The Packer type of an output's type; what has no exact Packer type travels as a string.
    static func type(_ type: SettingType) -> String {
        switch type {
        case .number: "number"
        case .bool: "bool"
        case let .list(element): "list(\(Self.type(element)))"
        case let .map(element): "map(\(Self.type(element)))"
        default: "string"
        }
    }

    /// The deployment-folder path of the startup script `reference` names, if it names one.
    private static func scriptPath(_ reference: ModuleReference, index: DeploymentIndex) -> String? {
        guard reference.output == StartupScriptModule.Output.startupScript.rawValue, reference.path.isEmpty else {
            return nil
        }
        return index.entity(reference.module, as: StartupScript.self)?.path
    }

    /// The HCL expression for a text: a literal, a reference, or a quoted template of both.
    static func expression(_ text: TerraformText, index: DeploymentIndex) -> String {
        if text.parts.count == 1, case let .reference(reference) = text.parts[0] {
            return expression(reference, index: index)
        }
        return "\""
            + text.parts.map { part -> String in
                switch part {
                case let .literal(literal): String(HCL.quoted(literal).dropFirst().dropLast())
                case let .reference(reference): "${" + expression(reference, index: index) + "}"
                // Lower refuses Terraform expressions in a packer module's settings.
                case .raw: ""
                }
            }.joined() + "\""
    }

    private static func expression(_ reference: ModuleReference, index: DeploymentIndex) -> String {
        if let known = reference.known { return HCL.literal(known) }
        if let path = scriptPath(reference, index: index) {
            // Module ids are letters, digits, '_' and '-': the path needs no escaping.
            return "file(\"\(deploymentRoot)/\(path)\")"
        }
        let name = TerraformReferences.crossGroupName(module: reference.module, output: reference.output)
        return "var.\(name)" + HCL.access(reference.path)
    }
}
