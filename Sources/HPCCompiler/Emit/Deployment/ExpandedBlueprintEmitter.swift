import Foundation

/// `expanded-blueprint.yaml`: the blueprint as hpcc compiled it, after variables, `use` wiring and
/// defaults. It reads the resolved blueprint (not the IR) because it shows settings, and it is
/// itself a valid blueprint that compiles to the same deployment.
enum ExpandedBlueprintEmitter {
    static let path = "expanded-blueprint.yaml"
    /// Variables hpcc reads by name, whatever the settings say.
    static let readByName: Set = ["deployment_name", "labels", "project_id", "region", "zone"]

    static func emit(_ resolved: ResolvedBlueprint, deployment: Deployment, toolVersion: String) -> OutputFile {
        let scripts = Dictionary(uniqueKeysWithValues: deployment.startupScripts.map { ($0.origin.module, $0) })
        let blueprint = resolved.blueprint
        var top: [(String, YAML)] = [("blueprint_name", .string(blueprint.name?.value ?? ""))]
        top.append(("vars", .null))
        top.append(("validation_level", .string(blueprint.validationLevel.rawValue)))
        if !blueprint.ignoredCodes.isEmpty {
            top.append(("ignore", .list(blueprint.ignoredCodes.map { .string($0.value.rawValue) })))
        }
        if !blueprint.machineTypes.isEmpty {
            top.append(
                ("machine_types", .object(blueprint.machineTypes.map { ($0.machine.name, declaration($0.machine)) })))
        }
        top.append(
            (
                "deployment_groups",
                .list(
                    blueprint.groups.map { group in
                        var entries: [(String, YAML)] = [("group", .string(group.name.value.rawValue))]
                        if let backend = resolved.backends[group.name.value] {
                            entries.append(
                                (
                                    "terraform_backend",
                                    .object([
                                        ("type", .string(backend.type)),
                                        (
                                            "configuration",
                                            .object(
                                                backend.configuration.keys.sorted().map {
                                                    ($0, yaml(backend.configuration[$0]!))
                                                })
                                        ),
                                    ])
                                ))
                        }
                        let providers = resolved.providers[group.name.value] ?? []
                        if !providers.isEmpty {
                            entries.append(
                                (
                                    "terraform_providers",
                                    .object(
                                        providers.map { provider in
                                            var fields: [(String, YAML)] = []
                                            if let source = provider.source {
                                                fields.append(("source", .string(source)))
                                            }
                                            if let version = provider.version {
                                                fields.append(("version", .string(version)))
                                            }
                                            fields.append(
                                                (
                                                    "configuration",
                                                    .object(
                                                        provider.configuration.keys.sorted().map {
                                                            ($0, yaml(provider.configuration[$0]!))
                                                        })
                                                ))
                                            return (provider.name, .object(fields))
                                        })
                                ))
                        }
                        entries.append(
                            (
                                "modules",
                                .list(
                                    group.modules.compactMap { declaration in
                                        resolved.module(declaration.id.value).map { module($0, script: scripts[$0.id]) }
                                    })
                            ))
                        return .object(entries)
                    })
            ))
        // A variable lives on where a setting still names it whole (`$(vars.region)`), and where
        // hpcc reads it by name (provider configuration, default tags); one used only inside a
        // longer string (`$(vars.run_dir)/state`) has been applied there, and kept would be unused.
        let named = variablesNamed(in: .object(Array(top.dropFirst(3))))
        top[1].1 = .object(
            blueprint.variables.compactMap { variable in
                guard Self.readByName.contains(variable.name) || named.contains(variable.name) else { return nil }
                return resolved.variables[variable.name].map {
                    (variable.name, Self.variable(variable.value, value: $0))
                }
            })
        let header = [
            "The blueprint as hpcc \(toolVersion) compiled it: variables, 'use' wiring and defaults applied.",
            "It is itself a blueprint and compiles to the same deployment.",
        ]
        return OutputFile(path: path, bytes: YAMLWriter.bytes(.object(top), header: header))
    }

    /// `script` is the module's startup script when it is one: its runners are written with their
    /// content inline, so the expanded blueprint needs none of the files the original names.
    private static func module(_ module: ResolvedModule, script: StartupScript?) -> YAML {
        var entries: [(String, YAML)] = [
            ("id", .string(module.id.rawValue)),
            ("source", .string(module.schema.source)),
        ]
        if let kind = module.declaration.kind { entries.append(("kind", .string(kind.value))) }
        if !module.declaration.uses.isEmpty {
            entries.append(("use", .list(module.declaration.uses.map { .string($0.value.rawValue) })))
        }
        if !module.declaration.exposedOutputs.isEmpty {
            entries.append(("outputs", .list(module.declaration.exposedOutputs.map { .string($0.name.value) })))
        }
        // A setting written as one variable whose value is null resolves to nothing, but stays
        // in the expanded blueprint so the variable keeps its use.
        let nullVariables = Dictionary(
            module.declaration.settings.compactMap { entry in
                module.settings[entry.key] == nil
                    ? ModuleResolver.soleVariable(entry.value).map { (entry.key, $0) } : nil
            }, uniquingKeysWith: { first, _ in first })
        // Moot settings change nothing, and unsupported ones compile only when they ask for
        // nothing: what was compiled holds neither.
        var settings = module.schema.settings.filter(\.effect.isImplemented).compactMap { spec in
            module.settings[spec.name].map { (spec.name, yaml($0)) }
                ?? nullVariables[spec.name].map { (spec.name, YAML.string("$(vars.\($0))")) }
        }
        if let script, let index = settings.firstIndex(where: { $0.0 == "runners" }) {
            settings[index].1 = .list(
                script.runners.map { runner in
                    var fields: [(String, YAML)] = [
                        ("type", .string(runner.kind.rawValue)),
                        ("destination", .string(ValueText.escapeBlueprintText(runner.destination))),
                        ("content", .string(ValueText.escapeBlueprintText(runner.content))),
                    ]
                    if !runner.arguments.isEmpty {
                        fields.append(
                            ("args", .string(ValueText.escapeBlueprintText(runner.arguments.joined(separator: " ")))))
                    }
                    return .object(fields)
                })
        }
        entries.append(("settings", .object(settings)))
        return .object(entries)
    }

    /// A setting as blueprint YAML: a value that came from a variable of the same name stays a
    /// reference to it, so the expanded blueprint keeps using its variables.
    private static func yaml(_ setting: ResolvedSetting) -> YAML {
        if let name = setting.variable, name != "labels" { return .string("$(vars.\(name))") }
        return yaml(setting.value)
    }

    /// A variable's value. One written as a plain scalar that stayed text (`0684`, `yes`) is
    /// written plain again: a setting it feeds may still read it as a number or a flag, as it did
    /// here, which a quoted string would not allow.
    static func variable(_ node: YAMLNode, value: Value) -> YAML {
        if case let .scalar(text, .plain, tag: nil, _) = node, value == .string(text), !text.contains("\n"),
            !text.contains("$("), !text.contains("((")
        {
            return .plain(text)
        }
        return yaml(value)
    }

    /// A value as blueprint YAML: references in `$( )`, Terraform text in `(( ))`, literal `$(` escaped.
    static func yaml(_ value: Value) -> YAML {
        switch value {
        case .null: .null
        case let .bool(flag): .bool(flag)
        case let .int(number): .int(number)
        case let .float(number): .double(number)
        case let .string(text): .string(ValueText.escapeBlueprintText(text))
        case let .list(elements): .list(elements.map(yaml))
        case let .map(members): .object(members.keys.sorted().map { ($0, yaml(members[$0]!)) })
        case let .output(reference): .string("$(\(reference.text))")
        case let .template(parts): .string(parts.map(ValueText.blueprintText).joined())
        case let .terraform(text): .string("((\(text)))")
        }
    }

    /// The names `NAME` of every `$(vars.NAME)` in the document's keys and strings.
    static func variablesNamed(in document: YAML) -> Set<String> {
        var names: Set<String> = []
        let opening = Array("$(vars.".utf8)
        func scan(_ text: String) {
            let bytes = Array(text.utf8)
            var index = 0
            while index + opening.count <= bytes.count {
                guard bytes[index..<index + opening.count].elementsEqual(opening) else {
                    index += 1
                    continue
                }
                index += opening.count
                guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ")")) else { return }
                names.insert(String(decoding: bytes[index..<end], as: UTF8.self))
            }
        }
        func walk(_ value: YAML) {
            switch value {
            case let .string(text), let .plain(text): if text.utf8.contains(UInt8(ascii: "$")) { scan(text) }
            case let .list(elements): elements.forEach(walk)
            case let .map(pairs):
                for pair in pairs {
                    if pair.key.utf8.contains(UInt8(ascii: "$")) { scan(pair.key) }
                    walk(pair.value)
                }
            case .null, .bool, .int, .double: break
            }
        }
        walk(document)
        return names
    }

    /// A declared machine type as `machine_types:` writes it.
    private static func declaration(_ machine: MachineType) -> YAML {
        var fields: [(String, YAML)] = [
            ("vcpus", .int(machine.vCPUs)), ("memory_gb", .double(Double(machine.memoryMiB) / 1024)),
        ]
        if let gpu = machine.gpu { fields += [("gpu_type", .string(gpu.type)), ("gpu_count", .int(gpu.count))] }
        if let localSSD = machine.localSSDGiB, localSSD > 0 { fields.append(("local_ssd_gb", .int(localSSD))) }
        fields.append(("architecture", .string(machine.architecture)))
        if let threads = machine.declaredThreadsPerCore { fields.append(("threads_per_core", .int(threads))) }
        if let sockets = machine.declaredSockets { fields.append(("sockets", .int(sockets))) }
        return .object(fields)
    }
}
