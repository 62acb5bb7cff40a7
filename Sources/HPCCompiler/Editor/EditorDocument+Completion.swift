extension EditorDocument {
    /// What may be written at `position`, and the span of the word it replaces.
    func completions(at position: EditorPosition, settings: EditorSettings) -> (EditorRange, [EditorCompletion]) {
        let context = CursorContext.at(position, in: text)
        let range = EditorRange(
            start: text.position(line: position.line, scalarColumn: context.word.lowerBound),
            end: text.position(line: position.line, scalarColumn: context.word.upperBound))
        var items: [EditorCompletion]
        switch context.place {
        case .text: items = []
        case let .expression(head): items = references(after: head, context: context, settings: settings)
        case .key:
            let writtenKey = LineShape(text.line(position.line)).key != nil
            items = keys(context, settings: settings).filter { !context.siblingKeys.contains($0.label) }.map {
                var item = $0
                if !writtenKey { item.insertText = item.label + ": " }
                return item
            }
        case let .value(key): items = values(of: key, context: context, at: position, settings: settings)
        }
        let prefix = context.prefix.lowercased()
        return (range, prefix.isEmpty ? items : items.filter { $0.label.lowercased().hasPrefix(prefix) })
    }

    /// The module the cursor is in: its item's id and source, and the source's schema.
    private func module(_ context: CursorContext, settings: EditorSettings) -> (item: ModuleItem, ModuleSchema?)? {
        guard let line = context.moduleLine else { return nil }
        let item = ModuleItem(at: line, in: text)
        return (item, item.source.flatMap(settings.compiler.catalog.module))
    }

    private func keys(_ context: CursorContext, settings: EditorSettings) -> [EditorCompletion] {
        func structure(_ keys: [String]) -> [EditorCompletion] {
            keys.map {
                EditorCompletion(
                    label: $0, kind: .keyword, documentation: EditorDocs.structureKey($0, path: context.path))
            }
        }
        switch context.path {
        case []: return structure(BlueprintDecoder.topLevelKeys)
        case ["deployment_groups"]: return structure(BlueprintDecoder.groupKeys)
        case ["deployment_groups", "modules"]: return structure(BlueprintDecoder.moduleKeys)
        case ["validators"]: return ["validator", "inputs", "skip"].map { EditorCompletion(label: $0, kind: .keyword) }
        case ["deployment_groups", "modules", "outputs"]:
            return ["name", "description", "sensitive"].map { EditorCompletion(label: $0, kind: .keyword) }
        case ["vars"]:
            // A variable named like a setting feeds that setting of every module that does not set it.
            let schemas = (knownOutline?.modules ?? []).compactMap {
                $0.source.flatMap(settings.compiler.catalog.module)
            }
            var seen = Set<String>()
            return schemas.flatMap(\.settings).filter { $0.effect == .implemented && seen.insert($0.name).inserted }
                .map {
                    EditorCompletion(
                        label: $0.name, kind: .variable, detail: $0.type.terraformSyntax,
                        documentation: "A variable of this name feeds the setting of every module that takes it.")
                }
        default: break
        }
        guard context.path.count >= 3, Array(context.path.prefix(3)) == ["deployment_groups", "modules", "settings"],
            let (_, schema) = module(context, settings: settings), let schema
        else { return [] }
        if context.path.count == 3 {
            return schema.settings.filter { !$0.effect.isDeprecated }.map {
                EditorCompletion(
                    label: $0.name, kind: .property,
                    detail: $0.type.terraformSyntax + " · default " + $0.defaultSummary.replacingBackticks,
                    documentation: EditorDocs.setting($0, of: schema.source))
            }
        }
        guard let setting = schema.setting(context.path[3]) else { return [] }
        return Self.attributes(of: setting.type, below: context.path.dropFirst(4)).map {
            Self.attributeKey($0, of: context.path.last ?? setting.name)
        }
    }

    /// An attribute of an object setting, offered as a key.
    private static func attributeKey(_ attribute: ObjectAttribute, of parent: String) -> EditorCompletion {
        EditorCompletion(
            label: attribute.name, kind: .field, detail: attribute.type.terraformSyntax,
            documentation: EditorDocs.attribute(attribute, of: parent))
    }

    /// The attributes of the objects a value of `type` holds, `path` keys further in.
    static func attributes(of type: SettingType, below path: ArraySlice<String>) -> [ObjectAttribute] {
        var type = type
        for key in path {
            switch type {
            case let .list(element), let .map(element): type = element
            default: break
            }
            guard case let .object(attributes) = type, let next = attributes.first(where: { $0.name == key }) else {
                if case let .map(element) = type { type = element } else { return [] }
                continue
            }
            type = next.type
        }
        while case let .list(element) = type { type = element }
        if case let .object(attributes) = type { return attributes }
        if case let .map(element) = type, case let .object(attributes) = element { return attributes }
        return []
    }

    private func values(
        of key: String, context: CursorContext, at position: EditorPosition, settings: EditorSettings
    ) -> [EditorCompletion] {
        let catalog = settings.compiler.catalog
        switch (context.path, key) {
        case (["deployment_groups", "modules"], "source"):
            return catalog.modules.map {
                EditorCompletion(
                    label: $0.source, kind: .module, detail: $0.cloud.rawValue, documentation: EditorDocs.module($0))
            }
        case (["deployment_groups", "modules"], "kind"):
            return ["terraform", "packer"].map { EditorCompletion(label: $0, kind: .enumMember) }
        case (["deployment_groups", "modules"], "use"):
            return usableModules(context, settings: settings)
        case (["deployment_groups", "modules"], "outputs"):
            guard let (_, schema) = module(context, settings: settings), let schema else { return [] }
            return schema.outputs.map {
                EditorCompletion(
                    label: $0.name, kind: .field, detail: $0.type.terraformSyntax,
                    documentation: EditorDocs.output($0, of: schema))
            }
        case ([], "validation_level"):
            return ["ERROR", "WARNING", "IGNORE"].map { EditorCompletion(label: $0, kind: .enumMember) }
        case ([], "ignore"):
            return DiagnosticCode.allCases.filter { $0.defaultSeverity != .error }.map {
                EditorCompletion(label: $0.rawValue, kind: .enumMember, detail: $0.summary, documentation: $0.manual)
            }
        case (["validators"], "validator"):
            return BlueprintDecoder.knownValidators.map { EditorCompletion(label: $0, kind: .enumMember) }
        case (["vars"], let key) where key.hasSuffix("machine_type"):
            return machineTypes(forModule: nil, settings: settings)
        case (["vars"], _):
            let clouds = Set(
                (knownOutline?.modules ?? []).compactMap { $0.source.flatMap(catalog.module)?.cloud })
            return places(
                for: key, cloud: clouds.contains(.aws) && !clouds.contains(.gcp) ? .aws : .gcp, module: nil,
                machines: settings.compiler.machines)
        default: break
        }
        guard context.path.count >= 3, Array(context.path.prefix(3)) == ["deployment_groups", "modules", "settings"],
            let (item, schema) = module(context, settings: settings), let schema
        else { return [] }
        let type: SettingType
        let constraints: [Constraint]
        if context.path.count == 3 {
            guard let spec = schema.setting(key) else { return [] }
            (type, constraints) = (spec.type, spec.constraints)
        } else {
            guard let spec = schema.setting(context.path[3]),
                let attribute = Self.attributes(of: spec.type, below: context.path.dropFirst(4)).first(where: {
                    $0.name == key
                })
            else { return [] }
            (type, constraints) = (attribute.type, attribute.constraints)
        }
        // `- ` in a list of objects starts an object: its attributes are the keys to write.
        let line = LineShape(text.line(position.line))
        if line.key == nil, !line.dashes.isEmpty, case let .list(element) = type, case let .object(attributes) = element
        {
            return attributes.map {
                var item = Self.attributeKey($0, of: key)
                item.insertText = $0.name + ": "
                return item
            }
        }
        for case let .oneOf(allowed) in constraints {
            return allowed.map { EditorCompletion(label: $0, kind: .enumMember) }
        }
        let zonesOrRegions = places(
            for: key, cloud: schema.cloud, module: item.id, machines: settings.compiler.machines)
        if !zonesOrRegions.isEmpty { return zonesOrRegions }
        if key.hasSuffix("machine_type"), schema.cloud == .gcp {
            return machineTypes(forModule: item.id, settings: settings)
        }
        if key.hasSuffix("instance_type") || key.hasSuffix("instance_types") {
            return AWSInstanceCatalog.names.sorted().compactMap { name in
                AWSInstanceCatalog.instanceType(name).map {
                    EditorCompletion(label: name, kind: .value, detail: EditorDocs.shape($0))
                }
            }
        }
        if type == .bool { return ["true", "false"].map { EditorCompletion(label: $0, kind: .enumMember) } }
        return []
    }

    /// The modules a `use:` may name: those of this and earlier groups, but neither the module itself
    /// nor one that uses it (a cycle).
    private func usableModules(_ context: CursorContext, settings: EditorSettings) -> [EditorCompletion] {
        guard let outline = knownOutline else { return [] }
        let here = context.moduleLine.map { ModuleItem(at: $0, in: text).id } ?? nil
        let group = here.flatMap { outline.module($0)?.groupIndex } ?? Int.max
        let users = here.map(outline.users) ?? []
        // Those listed already, but for the one being written.
        let listed = Set(context.moduleLine.map { ModuleItem(at: $0, in: text).uses } ?? []).subtracting([
            context.written
        ])
        return outline.modules.filter {
            $0.id != here && $0.groupIndex <= group && !users.contains($0.id) && !listed.contains($0.id)
        }.map {
            EditorCompletion(
                label: $0.id, kind: .reference, detail: $0.source,
                documentation: $0.source.flatMap(settings.compiler.catalog.module).map(EditorDocs.module))
        }
    }

    /// Compute Engine machine types; only those offered in the module's zone when the catalog
    /// knows the zone.
    private func machineTypes(forModule id: String?, settings: EditorSettings) -> [EditorCompletion] {
        let machines = settings.compiler.machines
        let zone = placement(ofModule: id).zone
        let region = zone.map(CommonSettings.region(of:))
        return machines.names.compactMap { name -> EditorCompletion? in
            guard let machine = machines.machine(name) else { return nil }
            if let zone, let region, machines.listsZone(zone),
                let zones = machines.zones(offering: name, in: region), !zones.contains(zone)
            {
                return nil
            }
            // The shape and price in one line: a zone offers hundreds of types, and hover has the rest.
            let price = region.flatMap { machines.price(name, in: $0)?.onDemand }.map {
                " · $\(EditorDocs.dollars($0))/h"
            }
            return EditorCompletion(label: name, kind: .value, detail: EditorDocs.shape(machine) + (price ?? ""))
        }
    }

    /// Regions for a `region` key, and zones for a `zone` or `zones` key (those of the module's
    /// region where it is known), of `cloud` as the catalogs list them.
    private func places(
        for key: String, cloud: Cloud, module id: String?, machines: MachineCatalog
    ) -> [EditorCompletion] {
        let region = placement(ofModule: id).region
        if key == "region" || key.hasSuffix("_region") {
            let regions =
                cloud == .aws
                ? Array(Set(AWSInstanceCatalog.offeringRegions + AWSInstanceCatalog.pricedRegions)).sorted()
                : machines.regions.sorted()
            return regions.map { EditorCompletion(label: $0, kind: .value, detail: "\(cloud.rawValue) region") }
        }
        guard key == "zone" || key.hasSuffix("_zone") || key.hasSuffix("zones") else { return [] }
        let zones: [String]
        if cloud == .aws {
            let regions = region.map { [$0] } ?? AWSInstanceCatalog.offeringRegions
            zones = regions.flatMap { AWSInstanceCatalog.zones(in: $0) ?? [] }
        } else {
            zones = machines.listedZones.filter { zone in region.map { zone.hasPrefix($0 + "-") } ?? true }
        }
        return zones.map { EditorCompletion(label: $0, kind: .value, detail: "\(cloud.rawValue) zone") }
    }

    /// The zone and region a module deploys in, as the compiler resolved them: its own settings,
    /// else the variables of those names.
    func placement(ofModule id: String?) -> (zone: String?, region: String?) {
        let module = id.flatMap { resolved?.module(ModuleID($0)) }
        func value(_ name: String) -> String? {
            module?.settings[name]?.value.string ?? resolved?.variables[name]?.string
        }
        let zone = value("zone")
        let region = value("region") ?? zone.map(CommonSettings.region(of:))
        return (zone, region)
    }

    /// In `$( )`: `vars` and module ids; after `vars.`, the variables; after `id.`, the module's outputs.
    private func references(after head: String?, context: CursorContext, settings: EditorSettings) -> [EditorCompletion]
    {
        guard let outline = knownOutline else { return [] }
        let catalog = settings.compiler.catalog
        switch head {
        case nil:
            let here = context.moduleLine.flatMap { ModuleItem(at: $0, in: text).id }
            return [EditorCompletion(label: "vars", kind: .keyword, detail: "deployment variables")]
                + outline.modules.filter { $0.id != here }.map {
                    EditorCompletion(
                        label: $0.id, kind: .reference, detail: $0.source,
                        documentation: $0.source.flatMap(catalog.module).map(EditorDocs.module))
                }
        case "vars":
            return outline.variables.map { variable in
                EditorCompletion(
                    label: variable.name, kind: .variable,
                    detail: resolved?.variables[variable.name].map(ValueText.hcl))
            }
        case let id?:
            guard let schema = outline.module(id)?.source.flatMap(catalog.module) else { return [] }
            return schema.outputs.map {
                EditorCompletion(
                    label: $0.name, kind: .field, detail: $0.type.terraformSyntax,
                    documentation: EditorDocs.output($0, of: schema))
            }
        }
    }
}

extension String {
    /// The text without Markdown's backticks (for a plain-text detail line).
    var replacingBackticks: String { String(filter { $0 != "`" }) }
}
