/// Validate stage: the blueprint's validators (Cluster Toolkit's names), run offline. Their findings
/// take the severity `validation_level` gives them; validators that need cloud APIs are skipped
/// with a warning when listed.
struct Validators: Sendable {
    /// How a `--vars` variable the blueprint does not declare is judged when nothing uses it.
    var undeclaredVariables: UndeclaredVariables

    /// Creates the stage.
    init(undeclaredVariables: UndeclaredVariables = .mustBeUsed) {
        self.undeclaredVariables = undeclaredVariables
    }

    /// Runs the blueprint's validators over `resolved`, reporting into `diagnostics`.
    func check(_ resolved: ResolvedBlueprint, into diagnostics: inout Diagnostics) {
        let blueprint = resolved.blueprint
        let level = blueprint.validationLevel
        guard level != .ignore else { return }
        let severity: Severity = level == .error ? .error : .warning
        let declared = blueprint.validators ?? Self.defaults(for: blueprint)
        // `ignore` naming a validator's code skips that check, whatever severity it would have.
        let ignored = Set(blueprint.ignoredCodes.map(\.value))
        for (position, validator) in declared.enumerated()
        where !validator.skip && Self.codes[validator.name.value].map({ !$0.isSubset(of: ignored) }) ?? true {
            let inputs = blueprint.validators == nil ? [:] : resolved.validatorInputs[position]
            switch validator.name.value {
            case "test_module_not_used":
                for (module, use) in resolved.idleUses {
                    diagnostics.report(
                        .useWiresNothing,
                        "module '\(module)' uses '\(use.value)', but none of its outputs feeds an input of '\(module)'",
                        at: use.location, severity: severity, help: "remove '\(use.value)' from the 'use' list")
                }
            case "test_deployment_variable_not_used":
                // Variables that could not be evaluated were reported already.
                for variable in blueprint.variables
                where !resolved.usedVariables.contains(variable.name) && variable.name != "deployment_name"
                    && resolved.variables[variable.name] != nil
                    && !(variable.fromCommandLine && undeclaredVariables == .mayBeForOtherBlueprints)
                {
                    diagnostics.report(
                        .unusedVariable, "variable '\(variable.name)' is not used by any module",
                        at: variable.nameLocation, severity: severity,
                        help: "remove it, or skip the validator test_deployment_variable_not_used")
                }
            case "test_zone_in_region":
                checkZoneInRegion(inputs, resolved: resolved, severity: severity, diagnostics: &diagnostics)
            default:
                diagnostics.report(
                    .validatorNeedsCloud,
                    "validator '\(validator.name.value)' needs cloud APIs; hpcc works offline and skips it",
                    at: validator.name.location, help: "add 'skip: true' to silence this")
            }
        }
    }

    /// The code each offline validator reports.
    static let codes: [String: Set<DiagnosticCode>] = [
        "test_module_not_used": [.useWiresNothing], "test_deployment_variable_not_used": [.unusedVariable],
        "test_zone_in_region": [.zoneNotInRegion],
    ]

    /// Without a `validators` list, the offline validators run.
    private static func defaults(for blueprint: Blueprint) -> [ValidatorDeclaration] {
        var names = ["test_module_not_used", "test_deployment_variable_not_used"]
        if blueprint.variable("zone") != nil, blueprint.variable("region") != nil {
            names.append("test_zone_in_region")
        }
        return names.map { ValidatorDeclaration(name: Located($0, at: blueprint.location), inputs: nil, skip: false) }
    }

    /// `zone` and `region` from the validator's inputs, or from the variables of those names.
    private func checkZoneInRegion(
        _ inputs: [String: ResolvedSetting], resolved: ResolvedBlueprint, severity: Severity,
        diagnostics: inout Diagnostics
    ) {
        func input(_ name: String) -> (String, SourceLocation)? {
            if let setting = inputs[name] {
                return setting.value.string.map { ($0, setting.location) }
            }
            guard let variable = resolved.blueprint.variable(name), let value = resolved.variables[name]?.string else {
                return nil
            }
            return (value, variable.value.location)
        }
        guard let (zone, location) = input("zone"), let (region, _) = input("region") else { return }
        if !zone.hasPrefix(region + "-") {
            diagnostics.report(
                .zoneNotInRegion, "zone '\(zone)' is not in region '\(region)'", at: location, severity: severity)
        }
    }
}
