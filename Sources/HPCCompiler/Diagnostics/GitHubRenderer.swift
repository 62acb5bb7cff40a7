/// Renders diagnostics as GitHub Actions workflow commands, one line each:
/// `::error file=blueprints/a.yaml,line=3,col=5,endColumn=9,title=HPC1002::duplicate key 'zone'`.
/// Printed by a step, they annotate the file and line in the pull request.
public enum DiagnosticGitHubRenderer {
    /// Every diagnostic's command, each on its own line.
    public static func render(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(command).joined()
    }

    static func command(_ diagnostic: Diagnostic) -> String {
        var properties: [(String, String)] = []
        if let location = diagnostic.location {
            properties.append(("file", location.file))
            properties.append(("line", String(max(1, location.line))))
            properties.append(("col", String(max(1, location.column))))
            if location.length > 0 {
                properties.append(("endColumn", String(max(1, location.column) + location.length)))
            }
        }
        properties.append(("title", "\(diagnostic.code.rawValue) \(diagnostic.code.summary)"))
        var message = diagnostic.message
        for note in diagnostic.notes {
            message += "\nnote: " + (note.location.map { "\($0.file):\($0.line):\($0.column): " } ?? "") + note.message
        }
        if let help = diagnostic.help { message += "\nhelp: " + help }
        let list = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command(for: diagnostic.severity)) \(list)::\(escapeData(message))\n"
    }

    private static func command(for severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// A message: `%`, CR and LF encoded, so one command stays on one line.
    static func escapeData(_ text: String) -> String {
        text.replacingEvery("%", with: "%25").replacingEvery("\r", with: "%0D").replacingEvery("\n", with: "%0A")
    }

    /// A property value: also `:` and `,`, which separate the properties.
    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingEvery(":", with: "%3A").replacingEvery(",", with: "%2C")
    }
}
