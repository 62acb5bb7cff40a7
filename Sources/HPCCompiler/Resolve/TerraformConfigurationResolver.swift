/// Evaluates backend and provider configuration (variables allowed, module outputs not).
struct TerraformConfigurationResolver {
    let blueprint: Blueprint

    mutating func backends(values: inout ValueResolver, diagnostics: inout Diagnostics) -> [GroupName: ResolvedBackend] {
        var result: [GroupName: ResolvedBackend] = [:]
        for group in blueprint.groups {
            guard let backend = group.backend ?? blueprint.backendDefaults else { continue }
            result[group.name.value] = ResolvedBackend(
                type: backend.type.value,
                configuration: configuration(backend.configuration, what: "backend configuration", values: &values, diagnostics: &diagnostics)
            )
        }
        return result
    }

    mutating func providers(values: inout ValueResolver, diagnostics: inout Diagnostics) -> [GroupName: [ResolvedProvider]] {
        var result: [GroupName: [ResolvedProvider]] = [:]
        for group in blueprint.groups {
            var byName: [String: TerraformProvider] = [:]
            for provider in blueprint.providers { byName[provider.name.value] = provider }
            for provider in group.providers { byName[provider.name.value] = provider }
            result[group.name.value] = byName.keys.sorted().map { name in
                let provider = byName[name]!
                return ResolvedProvider(
                    name: name, source: provider.source, version: provider.version,
                    configuration: configuration(provider.configuration, what: "configuration of provider '\(name)'", values: &values, diagnostics: &diagnostics)
                )
            }
        }
        return result
    }

    private func configuration(_ entries: [YAMLEntry], what: String, values: inout ValueResolver, diagnostics: inout Diagnostics) -> [String: Value] {
        var result: [String: Value] = [:]
        for entry in entries {
            let site = ValueResolver.Site(what: "'\(entry.key)' of the \(what)")
            if let value = values.type(entry.value, as: .any, site: site, diagnostics: &diagnostics), value != .null {
                result[entry.key] = value
            }
        }
        return result
    }
}
