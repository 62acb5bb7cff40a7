import Foundation

/// Terraform resource names from user and service names.
enum TerraformName {
    /// Letters, digits and '_' kept; anything else becomes '_' (`ecr.api` → `ecr_api`).
    static func sanitize(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { NameRules.isWord($0) ? $0 : "_" }))
    }
}

/// Terraform text: escaping user strings and writing HCL expressions inside `${ }`.
enum HCL {
    /// A literal string made safe inside a Terraform JSON string: `${` and `%{` cannot start a
    /// template, so a user string never becomes an interpolation.
    static func escapeTemplate(_ text: String) -> String {
        text.replacingEvery("${", with: "$${").replacingEvery("%{", with: "%%{")
    }

    /// An HCL quoted string literal for use inside an expression: JSON's escapes are HCL's too,
    /// plus the template escapes.
    static func quoted(_ text: String) -> String {
        escapeTemplate(JSONWriter.quote(text))
    }

    /// A literal value as an HCL expression.
    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case let .bool(flag): return flag ? "true" : "false"
        case let .int(number): return String(number)
        case let .float(number): return JSONWriter.format(number)
        case let .string(text): return quoted(text)
        case let .list(elements): return "[" + elements.map(literal).joined(separator: ", ") + "]"
        case let .map(members):
            return "{"
                + members.keys.sorted().map { "\(quoted($0)) = \(literal(members[$0]!))" }.joined(separator: ", ") + "}"
        case .output, .template, .terraform: return "null"
        }
    }

    /// `.name` or `[0]` appended to an expression.
    static func access(_ path: [Accessor]) -> String {
        path.map { step in
            switch step {
            case let .index(index): "[\(index)]"
            case let .key(key): NameRules.isIdentifier(key) ? ".\(key)" : "[\(quoted(key))]"
            }
        }.joined()
    }
}
