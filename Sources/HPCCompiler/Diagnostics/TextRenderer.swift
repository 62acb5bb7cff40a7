/// Renders diagnostics as compiler-style text: position, severity, code, message, the source line
/// with a caret under the offending node, notes and help.
public struct TextRenderer: Sendable {
    /// ANSI colours (only when the output stream is a terminal).
    public var colored: Bool

    /// Creates a renderer.
    public init(colored: Bool = false) {
        self.colored = colored
    }

    /// The whole report for `diagnostics`, with `sources` used to quote lines.
    public func render(_ diagnostics: [Diagnostic], sources: [SourceFile]) -> String {
        let byName = Dictionary(sources.map { ($0.name, LineIndex($0.text)) }, uniquingKeysWith: { first, _ in first })
        return diagnostics.map { render($0, sources: byName) }.joined()
    }

    private func render(_ diagnostic: Diagnostic, sources: [String: LineIndex]) -> String {
        var out = ""
        let position = diagnostic.location.map { "\($0): " } ?? ""
        let label = "\(diagnostic.severity.rawValue)[\(diagnostic.code.rawValue)]"
        out += "\(bold(position))\(paint(label, for: diagnostic.severity)): \(bold(diagnostic.message))\n"
        if let location = diagnostic.location {
            out += excerpt(location, sources: sources)
        }
        for note in diagnostic.notes {
            if let location = note.location {
                out += "   = note: \(location): \(note.message)\n"
                out += excerpt(location, sources: sources)
            } else {
                out += "   = note: \(note.message)\n"
            }
        }
        if let help = diagnostic.help {
            out += "   = help: \(help)\n"
        }
        return out
    }

    /// The widest excerpt shown; longer lines are cut to a window around the caret.
    static let maximumWidth = 120

    private func excerpt(_ location: SourceLocation, sources: [String: LineIndex]) -> String {
        guard let fullLine = sources[location.file]?.line(location.line) else { return "" }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: max(number.count, 3) - number.count) + number
        let blank = String(repeating: " ", count: gutter.count)
        var scalars = Array(fullLine.unicodeScalars)
        var column = max(1, location.column)
        var lead = ""
        if scalars.count > Self.maximumWidth {
            let start = max(0, min(column - 1 - Self.maximumWidth / 2, scalars.count - Self.maximumWidth))
            scalars = Array(scalars[start..<min(scalars.count, start + Self.maximumWidth)])
            column -= start
            lead = start > 0 ? "…" : ""
        }
        let line = String(String.UnicodeScalarView(scalars))
        // Tabs are kept in the padding so the caret lines up under them.
        let prefix =
            (lead.isEmpty ? "" : " ")
            + String(String.UnicodeScalarView(scalars.prefix(column - 1).map { $0 == "\t" ? "\t" : " " }))
        let available = max(1, scalars.count - (column - 1))
        let underline = "^" + String(repeating: "~", count: max(0, min(location.length, available) - 1))
        return "\(gutter) | \(lead)\(line)\n\(blank) | \(prefix)\(paint(underline, for: .error))\n"
    }

    private func bold(_ text: String) -> String {
        colored && !text.isEmpty ? "\u{1B}[1m\(text)\u{1B}[0m" : text
    }

    private func paint(_ text: String, for severity: Severity) -> String {
        guard colored else { return text }
        let code =
            switch severity {
            case .error: "31"
            case .warning: "33"
            case .note: "36"
            }
        return "\u{1B}[1;\(code)m\(text)\u{1B}[0m"
    }
}
