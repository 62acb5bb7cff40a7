/// Turns libyaml's errors into positioned diagnostics.
enum YAMLErrorMapping {
    static func diagnostic(for error: Error, in source: SourceFile) -> Diagnostic {
        guard let failure = error as? YAMLEvents.Failure else {
            return Diagnostic(
                .yamlSyntax, "cannot parse YAML: \(error)", at: SourceLocation(file: source.name, line: 1, column: 1))
        }
        switch failure.kind {
        case .scanner, .parser, .composer:
            var notes: [DiagnosticNote] = []
            if let context = failure.context, !context.text.isEmpty {
                notes.append(
                    DiagnosticNote(
                        context.text, at: SourceLocation(file: source.name, line: context.line, column: context.column))
                )
            }
            let text =
                failure.problem.hasPrefix("Maximum nesting level")
                ? "the document nests deeper than YAML readers allow (1000 levels)" : failure.problem
            return Diagnostic(
                .yamlSyntax, "invalid YAML: \(text)",
                at: SourceLocation(file: source.name, line: failure.line, column: failure.column), notes: notes)
        case .reader:
            let (line, column) = position(ofUTF8Offset: failure.offset, in: source.text)
            return Diagnostic(
                .yamlSyntax, "invalid YAML: \(failure.problem)",
                at: SourceLocation(file: source.name, line: line, column: column))
        case .memory:
            return Diagnostic(
                .yamlSyntax, "invalid YAML: libyaml ran out of memory",
                at: SourceLocation(file: source.name, line: 1, column: 1))
        }
    }

    /// The 1-based line and column (in Unicode scalars) of a UTF-8 byte offset.
    private static func position(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1, consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += UTF8.width(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
