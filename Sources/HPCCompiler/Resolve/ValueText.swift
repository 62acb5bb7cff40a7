import Foundation

/// Short textual forms of values for messages and module references.
enum ValueText {
    /// HCL-like text: `"x"`, `10`, `[1, 2]`, `{a = "b"}`.
    static func hcl(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case let .bool(flag): flag ? "true" : "false"
        case let .int(number): String(number)
        case let .float(number): JSONWriter.format(number)
        case let .string(text): JSONWriter.quote(text)
        case let .list(elements): "[" + elements.map(hcl).joined(separator: ", ") + "]"
        case let .map(members):
            members.isEmpty
                ? "{}"
                : "{" + members.keys.sorted().map { "\($0) = \(hcl(members[$0]!))" }.joined(separator: ", ") + "}"
        case let .output(reference): "$(\(reference.text))"
        case let .template(parts): JSONWriter.quote(parts.map(blueprintText).joined())
        case let .terraform(text): "((\(text)))"
        }
    }

    /// A number without a needless fraction.
    static func number(_ number: Double) -> String {
        JSONWriter.format(number)
    }

    /// A measured amount for a message: at most two decimals, no binary noise (3.32, not
    /// 3.3200000000000003), and its unit.
    static func amount(_ number: Double, _ unit: String) -> String {
        "\(JSONWriter.format((number * 100).rounded() / 100)) \(unit)"
    }

    /// Literal text as a blueprint string, read back as the same text: a whole `((...))` gets a
    /// leading `\` (which also keeps any `$(` inside literal), elsewhere `$(` becomes `\$(`.
    static func escapeBlueprintText(_ text: String) -> String {
        if TemplateParser.isTerraformText(text) { return "\\" + text }
        return escapeExpressionStarts(text)
    }

    /// `$(` as `\$(`, so that literal text inside a longer string starts no expression.
    static func escapeExpressionStarts(_ text: String) -> String {
        text.replacingEvery("$(", with: "\\$(")
    }

    /// A template part as the user would write it in a blueprint.
    static func blueprintText(_ part: TemplatePart) -> String {
        switch part {
        case let .literal(text): escapeExpressionStarts(text)
        case let .output(reference): "$(\(reference.text))"
        case let .terraform(text): "((\(text)))"
        }
    }
}
