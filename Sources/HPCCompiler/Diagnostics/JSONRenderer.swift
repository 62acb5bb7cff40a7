/// Renders diagnostics as one JSON document: every finding with its position, plus counts.
public enum DiagnosticJSONRenderer {
    /// The report as JSON text.
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        JSONWriter.render(document(diagnostics))
    }

    /// The report as a JSON value (for callers that embed it).
    static func document(_ diagnostics: [Diagnostic]) -> JSON {
        .object([
            "diagnostics": .array(diagnostics.map(entry)),
            "errors": .int(diagnostics.filter { $0.severity == .error }.count),
            "warnings": .int(diagnostics.filter { $0.severity == .warning }.count),
        ])
    }

    private static func entry(_ diagnostic: Diagnostic) -> JSON {
        var members: [String: JSON] = [
            "severity": .string(diagnostic.severity.rawValue),
            "code": .string(diagnostic.code.rawValue),
            "message": .string(diagnostic.message),
            "notes": .array(
                diagnostic.notes.map { note in
                    var fields: [String: JSON] = ["message": .string(note.message)]
                    if let location = note.location { fields.merge(position(location)) { $1 } }
                    return .object(fields)
                }),
        ]
        if let location = diagnostic.location { members.merge(position(location)) { $1 } }
        if let help = diagnostic.help { members["help"] = .string(help) }
        if !diagnostic.fixes.isEmpty { members["fixes"] = .array(diagnostic.fixes.map(fix)) }
        return .object(members)
    }

    /// An edit: the text to write in place of `length` columns from `line` and `column` (of the
    /// diagnostic's file).
    private static func fix(_ fix: DiagnosticFix) -> JSON {
        .object([
            "title": .string(fix.title), "replacement": .string(fix.replacement),
            "line": .int(fix.location.line), "column": .int(fix.location.column), "length": .int(fix.location.length),
        ])
    }

    private static func position(_ location: SourceLocation) -> [String: JSON] {
        ["file": .string(location.file), "line": .int(location.line), "column": .int(location.column)]
    }
}
