/// The protocol's JSON shapes for what the editor features produce.
enum ProtocolJSON {
    static func position(_ position: EditorPosition) -> JSON {
        .object(["line": .int(position.line), "character": .int(position.character)])
    }

    static func range(_ range: EditorRange) -> JSON {
        .object(["start": position(range.start), "end": position(range.end)])
    }

    static func location(_ uri: String, _ range: EditorRange) -> JSON {
        .object(["uri": .string(uri), "range": self.range(range)])
    }

    /// Where a finding is in `document`: its token's span; the document's start for a finding
    /// with no place, or one in another file (the deployment file), whose message then says where.
    static func range(of location: SourceLocation?, in document: EditorDocument) -> EditorRange {
        guard let location, location.file == document.file else {
            return EditorRange(start: EditorPosition(line: 0, character: 0), end: EditorPosition(line: 0, character: 0))
        }
        return document.text.range(of: location)
    }

    /// A compiler finding as the protocol's diagnostic: the same code, message and severity as
    /// `hpcc validate`, its help and unplaced notes appended to the message, placed notes as
    /// related information.
    static func diagnostic(_ diagnostic: Diagnostic, in document: EditorDocument, uri: String) -> JSON {
        var message = diagnostic.message
        if let location = diagnostic.location, location.file != document.file { message = "\(location): " + message }
        var related: [JSON] = []
        for note in diagnostic.notes {
            if let location = note.location, location.file == document.file {
                related.append(
                    .object([
                        "location": self.location(uri, document.text.range(of: location)),
                        "message": .string(note.message),
                    ]))
            } else {
                message += "\nnote: " + note.message
            }
        }
        if let help = diagnostic.help { message += "\nhelp: " + help }
        var json: [String: JSON] = [
            "range": range(range(of: diagnostic.location, in: document)),
            "severity": .int(severity(diagnostic.severity)),
            "code": .string(diagnostic.code.rawValue),
            "source": "hpcc",
            "message": .string(message),
        ]
        if !related.isEmpty { json["relatedInformation"] = .array(related) }
        return .object(json)
    }

    private static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: 1
        case .warning: 2
        case .note: 3
        }
    }

    static func completion(_ item: EditorCompletion, replacing range: EditorRange) -> JSON {
        var json: [String: JSON] = [
            "label": .string(item.label), "kind": .int(item.kind.rawValue),
            "textEdit": .object(["range": self.range(range), "newText": .string(item.insertText ?? item.label)]),
        ]
        if let detail = item.detail { json["detail"] = .string(detail) }
        if let documentation = item.documentation {
            json["documentation"] = .object(["kind": "markdown", "value": .string(documentation)])
        }
        return .object(json)
    }

    static func symbol(_ symbol: EditorSymbol) -> JSON {
        var json: [String: JSON] = [
            "name": .string(symbol.name), "kind": .int(symbol.kind.rawValue), "range": range(symbol.range),
            "selectionRange": range(symbol.selection), "children": .array(symbol.children.map(self.symbol)),
        ]
        if let detail = symbol.detail { json["detail"] = .string(detail) }
        return .object(json)
    }

    static func codeAction(_ fix: EditorQuickFix, in document: EditorDocument, uri: String) -> JSON {
        .object([
            "title": .string(fix.title), "kind": "quickfix", "isPreferred": .bool(fix.isPreferred),
            "diagnostics": [diagnostic(fix.diagnostic, in: document, uri: uri)],
            "edit": .object([
                "changes": .object([
                    uri: [.object(["range": range(fix.range), "newText": .string(fix.replacement)])]
                ])
            ]),
        ])
    }
}
