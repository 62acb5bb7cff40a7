/// The Markdown an editor shows for the things a blueprint names: the same facts `hpcc modules`,
/// `hpcc schema` and `hpcc explain` print, shaped for hover and completion.
enum EditorDocs {
    /// A module setting: type, default, what it does, and what hpcc does with it.
    static func setting(_ spec: SettingSpec, of module: String) -> String {
        var text = "**`\(spec.name)`** · `\(spec.type.terraformSyntax)` · default \(spec.defaultSummary)\n\n"
        text += spec.descriptionWithConstraints + "\n\n"
        switch spec.effect {
        case .implemented: text += "Setting of `\(module)`."
        case let .moot(instead): text += "Moot in hpcc: \(instead). A value that asks for it is warning HPC2009."
        case let .unsupported(missing): text += "Not supported yet: \(missing). A value is error HPC2019."
        case let .deprecated(replacement): text += "Removed upstream: \(replacement). A value is error HPC2018."
        }
        return text
    }

    /// An attribute of an object-typed setting.
    static func attribute(_ attribute: ObjectAttribute, of setting: String) -> String {
        var text = "**`\(attribute.name)`** · `\(attribute.type.terraformSyntax)`"
        if attribute.optional {
            text += " · optional" + (attribute.defaultValue.map { ", default `\(ValueText.hcl($0))`" } ?? "")
        } else {
            text += " · required"
        }
        text += "\n\nAttribute of `\(setting)`."
        if !attribute.constraints.isEmpty {
            text += " Must be " + attribute.constraints.map(\.summary).joined(separator: "; ") + "."
        }
        return text
    }

    /// A module: its summary, description and outputs.
    static func module(_ schema: ModuleSchema) -> String {
        var text = "**`\(schema.source)`** (\(schema.cloud.rawValue))\n\n\(schema.summary).\n\n\(schema.description)"
        if !schema.outputs.isEmpty {
            text += "\n\n**Outputs**\n\n"
            text += schema.outputs.map { "- `\($0.name)` · `\($0.type.terraformSyntax)`: \($0.description)" }
                .joined(separator: "\n")
        }
        return text
    }

    /// A module's output.
    static func output(_ output: OutputSpec, of schema: ModuleSchema) -> String {
        """
        **`\(output.name)`** · `\(output.type.terraformSyntax)`

        \(output.description)

        Output of `\(schema.source)`.
        """
    }

    /// A key of the blueprint's structure (top level, a group, a module), from the JSON Schema.
    static func structureKey(_ key: String, path: [String]) -> String? {
        let schema = Self.schema
        let properties: JSON? =
            switch path {
            case []: schema["properties"]
            case ["deployment_groups"]: schema["$defs"]?["group"]?["properties"]
            case ["deployment_groups", "modules"]: schema["$defs"]?["module"]?["properties"]
            default: nil
            }
        guard let property = properties?[key] else { return nil }
        var description = property["description"]
        if description == nil, case let .string(reference)? = property["$ref"] {
            description = schema["$defs"]?[String(reference.split(separator: "/").last ?? "")]?["description"]
        }
        guard case let .string(text)? = description else { return "**`\(key)`**" }
        return "**`\(key)`**\n\n\(text)"
    }

    private static let schema = BlueprintSchema.document()

    /// A Compute Engine machine type: its shape, and its price in `region` where the catalog has one.
    static func machine(_ machine: MachineType, region: String?, catalog: MachineCatalog) -> String {
        var text = "**`\(machine.name)`**: \(shape(machine))"
        if let region, let price = catalog.price(machine.name, in: region) {
            let figures = [
                price.onDemand.map { "on demand $\(dollars($0))/h" }, price.spot.map { "spot $\(dollars($0))/h" },
            ]
            .compactMap { $0 }
            if !figures.isEmpty { text += "\n\n\(figures.joined(separator: ", ")) in \(region)." }
        }
        return text
    }

    /// vCPUs, memory and GPUs in one line.
    static func shape(_ machine: MachineType) -> String {
        var parts = [
            "\(machine.vCPUs) vCPU\(machine.vCPUs == 1 ? "" : "s")", DeploymentSummary.memory(machine.memoryMiB),
        ]
        if let gpu = machine.gpu { parts.append("\(gpu.count) × \(gpu.type)") }
        if machine.architecture != "x86_64" { parts.append(machine.architecture) }
        return parts.joined(separator: ", ")
    }

    /// An EC2 instance type: its shape and on-demand price in `region` where known.
    static func instance(_ name: String, region: String?) -> String? {
        guard let type = AWSInstanceCatalog.instanceType(name) else { return nil }
        var text = "**`\(name)`**: " + shape(type)
        if let region, let price = AWSInstanceCatalog.onDemandUSDPerHour(name, in: region) {
            text += "\n\non demand $\(dollars(price))/h in \(region)."
        }
        return text
    }

    /// An EC2 instance type's vCPUs, memory, GPUs, EFA and architectures in one line.
    static func shape(_ type: AWSInstanceType) -> String {
        var parts = ["\(type.vCPUs) vCPU\(type.vCPUs == 1 ? "" : "s")", DeploymentSummary.memory(type.memoryMiB)]
        if type.gpus > 0 { parts.append("\(type.gpus) GPU\(type.gpus == 1 ? "" : "s")") }
        if type.efaSupported { parts.append("EFA") }
        parts.append(type.architectures.joined(separator: "/"))
        return parts.joined(separator: ", ")
    }

    static func dollars(_ amount: Double) -> String {
        let cents = (amount * 10000).rounded() / 10000
        return JSONWriter.format(cents)
    }
}
