/// Renders diagnostics as a SARIF 2.1.0 log: one run of hpcc, a rule per code that was reported
/// (with its summary and `hpcc explain` text), and a result per diagnostic at its file, line and
/// column; notes with a position become related locations, and fixes SARIF fixes. Code-scanning services (GitHub's
/// among them) read it and annotate the pull request.
public enum DiagnosticSARIFRenderer {
    /// The log as JSON text.
    public static func render(_ diagnostics: [Diagnostic], toolVersion: String) -> String {
        JSONWriter.render(document(diagnostics, toolVersion: toolVersion))
    }

    /// The log as a JSON value.
    static func document(_ diagnostics: [Diagnostic], toolVersion: String) -> JSON {
        let codes = Set(diagnostics.map(\.code)).sorted { $0.rawValue < $1.rawValue }
        let ruleIndex = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })
        let driver: JSON = .object([
            "name": "hpcc",
            "version": .string(toolVersion),
            "rules": .array(codes.map(rule)),
        ])
        let run: JSON = .object([
            "tool": .object(["driver": driver]),
            "columnKind": "unicodeCodePoints",
            "results": .array(diagnostics.map { result($0, ruleIndex: ruleIndex[$0.code]!) }),
        ])
        return .object([
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": .array([run]),
        ])
    }

    private static func rule(_ code: DiagnosticCode) -> JSON {
        let explanation = code.explanation
        return .object([
            "id": .string(code.rawValue),
            "shortDescription": .object(["text": .string(code.summary)]),
            "fullDescription": .object(["text": .string(explanation.text)]),
            "help": .object(["text": .string(code.manual)]),
            // error, warning, note: SARIF's words too
            "defaultConfiguration": .object(["level": .string(code.defaultSeverity.rawValue)]),
        ])
    }

    private static func result(_ diagnostic: Diagnostic, ruleIndex: Int) -> JSON {
        var message = diagnostic.message
        if let help = diagnostic.help { message += "\nhelp: " + help }
        var members: [String: JSON] = [
            "ruleId": .string(diagnostic.code.rawValue),
            "ruleIndex": .int(ruleIndex),
            "level": .string(diagnostic.severity.rawValue),
            "message": .object(["text": .string(message)]),
        ]
        if let location = diagnostic.location {
            members["locations"] = .array([.object(["physicalLocation": physical(location)])])
        }
        let related = diagnostic.notes.compactMap { note in note.location.map { (note.message, $0) } }
        if !related.isEmpty {
            members["relatedLocations"] = .array(
                related.enumerated().map { index, note in
                    .object([
                        "id": .int(index + 1), "message": .object(["text": .string(note.0)]),
                        "physicalLocation": physical(note.1),
                    ])
                })
        }
        if !diagnostic.fixes.isEmpty { members["fixes"] = .array(diagnostic.fixes.map(fix)) }
        return .object(members)
    }

    /// A SARIF fix: one artifact change replacing the fix's region with its text.
    private static func fix(_ fix: DiagnosticFix) -> JSON {
        let location = fix.location
        let region: JSON = .object([
            "startLine": .int(location.line), "startColumn": .int(location.column),
            "endColumn": .int(location.column + location.length),
        ])
        return .object([
            "description": .object(["text": .string(fix.title)]),
            "artifactChanges": .array([
                .object([
                    "artifactLocation": .object(["uri": .string(uri(location.file))]),
                    "replacements": .array([
                        .object([
                            "deletedRegion": region, "insertedContent": .object(["text": .string(fix.replacement)]),
                        ])
                    ]),
                ])
            ]),
        ])
    }

    private static func physical(_ location: SourceLocation) -> JSON {
        var region: [String: JSON] = [
            "startLine": .int(max(1, location.line)), "startColumn": .int(max(1, location.column)),
        ]
        if location.length > 0 { region["endColumn"] = .int(max(1, location.column) + location.length) }
        return .object([
            "artifactLocation": .object(["uri": .string(uri(location.file))]),
            "region": .object(region),
        ])
    }

    /// A file name as a URI reference: a relative or absolute path, with every byte outside
    /// RFC 3986's unreserved characters and `/` percent-encoded (spaces, `#`, `?`, `%`, non-ASCII).
    static func uri(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, NameRules.isWord(scalar) || "-._~/".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }
}
