/// Evaluates the blueprint's configuration outside modules: backends, providers and validator
/// inputs (variables allowed, module outputs not).
struct ConfigurationResolver {
    let blueprint: Blueprint

    mutating func backends(values: inout ValueResolver, diagnostics: inout Diagnostics) -> [GroupName: ResolvedBackend]
    {
        var result: [GroupName: ResolvedBackend] = [:]
        for group in blueprint.groups {
            guard let backend = group.backend ?? blueprint.backendDefaults else { continue }
            result[group.name.value] = ResolvedBackend(
                type: backend.type.value,
                configuration: configuration(
                    backend.configuration, what: "backend configuration", values: &values, diagnostics: &diagnostics)
            )
        }
        return result
    }

    mutating func providers(
        values: inout ValueResolver, diagnostics: inout Diagnostics
    ) -> [GroupName: [ResolvedProvider]] {
        var result: [GroupName: [ResolvedProvider]] = [:]
        for group in blueprint.groups {
            var byName: [String: TerraformProvider] = [:]
            for provider in blueprint.providers { byName[provider.name.value] = provider }
            for provider in group.providers { byName[provider.name.value] = provider }
            result[group.name.value] = byName.keys.sorted().map { name in
                let provider = byName[name]!
                return ResolvedProvider(
                    name: name, source: provider.source, version: provider.version,
                    configuration: configuration(
                        provider.configuration, what: "configuration of provider '\(name)'", values: &values,
                        diagnostics: &diagnostics)
                )
            }
        }
        return result
    }

    /// Each declared validator's inputs, by validator position; a value taken whole from a variable
    /// is located at the variable, like module settings.
    func validatorInputs(values: inout ValueResolver, diagnostics: inout Diagnostics) -> [[String: ResolvedSetting]] {
        (blueprint.validators ?? []).map { validator in
            var inputs: [String: ResolvedSetting] = [:]
            for entry in validator.inputs?.entries ?? [] {
                let site = ValueResolver.Site(what: "input '\(entry.key)' of validator '\(validator.name.value)'")
                guard let value = values.type(entry.value, as: .any, site: site, diagnostics: &diagnostics),
                    value != .null
                else { continue }
                let variable = ModuleResolver.soleVariable(entry.value)
                let location = variable.flatMap { values.variables[$0]?.value.location } ?? entry.value.location
                inputs[entry.key] = ResolvedSetting(
                    value: value, origin: .explicit, location: location, variable: variable)
            }
            return inputs
        }
    }

    private func configuration(
        _ entries: [YAMLEntry], what: String, values: inout ValueResolver, diagnostics: inout Diagnostics
    ) -> [String: Value] {
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
