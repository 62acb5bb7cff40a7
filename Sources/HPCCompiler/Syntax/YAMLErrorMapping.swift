import Yams

/// Turns libyaml's errors into positioned diagnostics.
enum YAMLErrorMapping {
    static func diagnostic(for error: Error, in source: SourceFile) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: source.name, line: mark.line, column: mark.column)
        }
        guard let error = error as? YamlError else {
            return Diagnostic(.yamlSyntax, "cannot parse YAML: \(error)", at: SourceLocation(file: source.name, line: 1, column: 1))
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            var notes: [DiagnosticNote] = []
            if let context, !context.text.isEmpty {
                notes.append(DiagnosticNote(context.text, at: at(context.mark)))
            }
            let text = problem.hasPrefix("Maximum nesting level") ? "the document nests deeper than YAML readers allow (1000 levels)" : problem
            return Diagnostic(.yamlSyntax, "invalid YAML: \(text)", at: at(mark), notes: notes)
        case let .reader(problem, offset, _, yaml):
            let (line, column) = position(ofUTF8Offset: offset ?? 0, in: yaml)
            return Diagnostic(.yamlSyntax, "invalid YAML: \(problem)", at: SourceLocation(file: source.name, line: line, column: column))
        default:
            return Diagnostic(.yamlSyntax, "invalid YAML: \(error)", at: SourceLocation(file: source.name, line: 1, column: 1))
        }
    }

    private static func position(ofUTF8Offset offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1, consumed = 0
        for scalar in text.unicodeScalars {
            if consumed >= offset { break }
            consumed += String(scalar).utf8.count
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
