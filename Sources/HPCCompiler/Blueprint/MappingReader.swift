/// Reads one YAML mapping of the blueprint structure: reports unknown keys (with a suggestion),
/// and hands out values with the checks every structural key needs.
struct MappingReader {
    let entries: [YAMLEntry]
    let location: SourceLocation
    /// Words for messages: "module 'homefs'", "the blueprint".
    let context: String

    /// Reads `node` as a mapping; reports and returns nil when it is something else.
    init?(
        _ node: YAMLNode, context: String, allowedKeys: [String], silentlyAccepted: Set<String> = [],
        diagnostics: inout Diagnostics
    ) {
        guard case let .mapping(entries, location) = node else {
            diagnostics.report(
                .wrongShape, "\(context) must be a mapping, not \(node.kindDescription)", at: node.location)
            return nil
        }
        self.entries = entries.filter { !silentlyAccepted.contains($0.key) }
        self.location = location
        self.context = context
        for entry in self.entries where !allowedKeys.contains(entry.key) {
            let correction = Suggestion.correction(
                for: entry.key, at: entry.keyLocation, in: allowedKeys, taken: Set(entries.map(\.key)))
            diagnostics.report(
                .unknownKey, "unknown key '\(entry.key)' in \(context)", at: entry.keyLocation,
                help: correction.help, fixes: correction.fixes)
        }
    }

    /// The entry for `key`.
    func entry(_ key: String) -> YAMLEntry? {
        entries.first { $0.key == key }
    }

    /// The value for `key`.
    func value(_ key: String) -> YAMLNode? {
        entry(key)?.value
    }

    /// A literal (expression-free) non-empty string; reports when missing (if required) or malformed.
    func literalString(_ key: String, required: Bool, diagnostics: inout Diagnostics) -> Located<String>? {
        guard let entry = entry(key) else {
            if required {
                diagnostics.report(.missingKey, "\(context) has no '\(key)'", at: location)
            }
            return nil
        }
        return Self.literalString(entry.value, what: "'\(key)'", diagnostics: &diagnostics)
    }

    /// A scalar that must be a literal string (structural keys cannot hold expressions).
    static func literalString(_ node: YAMLNode, what: String, diagnostics: inout Diagnostics) -> Located<String>? {
        guard case let .scalar(text, _, _, location) = node, !node.isNull else {
            diagnostics.report(.wrongShape, "\(what) must be a string, not \(node.kindDescription)", at: node.location)
            return nil
        }
        if text.containsBytes(of: "$(") || text.containsBytes(of: "((") {
            diagnostics.report(
                .expressionNotAllowed, "\(what) cannot use an expression", at: location,
                help:
                    """
                    expressions are allowed in vars, module settings, backend and provider configuration, and \
                    validator inputs
                    """
            )
            return nil
        }
        return Located(text, at: location)
    }

    /// A list value; reports when the key holds something else.
    func list(_ key: String, diagnostics: inout Diagnostics) -> [YAMLNode]? {
        guard let node = value(key) else { return nil }
        if node.isNull { return [] }
        guard let elements = node.elements else {
            diagnostics.report(
                .wrongShape, "'\(key)' in \(context) must be a list, not \(node.kindDescription)", at: node.location,
                help: node.scalarText.map { "write '\(key): [\($0)]'" })
            return nil
        }
        return elements
    }

    /// A plain boolean; reports anything else.
    func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let node = value(key) else { return nil }
        if case let .scalar(text, .plain, _, _) = node, let flag = YAMLCoreSchema.bool(text) {
            return flag
        }
        diagnostics.report(.wrongShape, "'\(key)' in \(context) must be true or false", at: node.location)
        return nil
    }
}
