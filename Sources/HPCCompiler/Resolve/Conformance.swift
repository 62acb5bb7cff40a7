/// Checks an evaluated value (from an expression) against a setting type.
enum Conformance {
    /// `splicing`: the value is an element of a list, where a list output contributes all its
    /// elements (as `use` wiring does).
    static func conform(
        _ value: Value, to type: SettingType, at location: SourceLocation, what: String, modules: ModuleIndex,
        splicing: Bool = false, diagnostics: inout Diagnostics
    ) -> Value? {
        switch (value, type) {
        case (_, .any), (.null, _), (.terraform, _):
            return value
        case let (.output(reference), _):
            guard reference.path.isEmpty,
                let output = modules.schemas[reference.module]?.output(reference.output)
            else { return value }
            if type.accepts(output.type) { return value }
            if splicing, case let .list(element) = output.type, type.accepts(element) { return value }
            diagnostics.report(
                .typeMismatch,
                """
                \(what) must be \(TypeWords.describe(type)), but '\(reference.text)' is \
                \(TypeWords.describe(output.type))
                """,
                at: location)
            return nil
        case (.template, .string), (.string, .string), (.bool, .bool), (.int, .number), (.float, .number):
            return value
        case (.int, .string), (.float, .string), (.bool, .string):
            return .string(scalarText(value)!)
        case let (.list(elements), .list(element)):
            var result: [Value] = []
            // A list output among the elements contributes its elements (concat() leaves it so).
            for item in elements {
                guard
                    let typed = conform(
                        item, to: element, at: location, what: what, modules: modules, splicing: true,
                        diagnostics: &diagnostics)
                else { return nil }
                result.append(typed)
            }
            return .list(result)
        case let (.map(members), .map(element)):
            var result: [String: Value] = [:]
            for (key, item) in members {
                guard
                    let typed = conform(
                        item, to: element, at: location, what: what, modules: modules, diagnostics: &diagnostics)
                else { return nil }
                result[key] = typed
            }
            return .map(result)
        case let (.map(members), .object(attributes)):
            var result: [String: Value] = [:]
            for (key, item) in members {
                guard let attribute = attributes.first(where: { $0.name == key }) else {
                    diagnostics.report(
                        .unknownAttribute, "unknown attribute '\(key)' in \(what)", at: location,
                        help: Suggestion.help(for: key, in: attributes.map(\.name)))
                    return nil
                }
                guard
                    let typed = conform(
                        item, to: attribute.type, at: location, what: what, modules: modules, diagnostics: &diagnostics)
                else { return nil }
                result[key] = typed
            }
            for attribute in attributes where result[attribute.name] == nil {
                if let defaultValue = attribute.defaultValue {
                    result[attribute.name] = defaultValue
                } else if !attribute.optional {
                    diagnostics.report(.missingSetting, "\(what) needs attribute '\(attribute.name)'", at: location)
                    return nil
                }
            }
            return .map(result)
        default:
            diagnostics.report(
                .typeMismatch, "\(what) must be \(TypeWords.describe(type)), not \(TypeWords.describe(value))",
                at: location)
            return nil
        }
    }

    /// The text of a scalar value when interpolated into a string.
    static func scalarText(_ value: Value) -> String? {
        switch value {
        case let .string(text): text
        case let .int(number): String(number)
        case let .float(number): JSONWriter.format(number)
        case let .bool(flag): flag ? "true" : "false"
        default: nil
        }
    }
}
