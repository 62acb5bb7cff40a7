/// A position inside a scalar's value (a token of a `$(...)` expression), by its offset in the
/// value's text. A class, so that it adds one reference to the `SourceLocation`s that carry it
/// and nothing to the many that do not.
final class ScalarSpan: Sendable {
    /// The scalar's value as parsed (folded lines joined, block indentation removed).
    let text: String
    /// Unicode scalars before the position.
    let offset: Int
    let style: ScalarStyle
    /// Where the scalar starts (its first character, opening quote or block header).
    let line: Int
    let column: Int

    init(text: String, offset: Int, style: ScalarStyle, line: Int, column: Int) {
        self.text = text
        self.offset = offset
        self.style = style
        self.line = line
        self.column = column
    }
}

/// Places positions given inside scalar values at their line and column in the source, by
/// walking the source from the scalar's start and matching the value's characters, skipping what
/// YAML removed (line breaks and indentation of a folded or block scalar, a quote's escape). A
/// position that cannot be matched keeps its first-line approximation.
struct ScalarPlacement {
    private let file: String
    private let scalars: [Unicode.Scalar]
    /// Offset of each line's first scalar.
    private let lineStarts: [Int]

    init(_ source: SourceFile) {
        file = source.name
        scalars = Array(source.text.unicodeScalars)
        var starts = [0]
        for (index, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(index + 1) }
        lineStarts = starts
    }

    /// `diagnostic` with every position inside a scalar of this file placed.
    func place(_ diagnostic: Diagnostic) -> Diagnostic {
        var placed = diagnostic
        placed.location = diagnostic.location.map(place)
        placed.notes = diagnostic.notes.map { note in DiagnosticNote(note.message, at: note.location.map(place)) }
        return placed
    }

    func place(_ location: SourceLocation) -> SourceLocation {
        guard let span = location.inScalar else { return location }
        var approximate = location
        approximate.inScalar = nil
        guard location.file == file, let exact = offset(of: span) else { return approximate }
        let line = lineStarts.lastIndex { $0 <= exact }!
        return SourceLocation(file: file, line: line + 1, column: exact - lineStarts[line] + 1, length: location.length)
    }

    /// The source offset of the span's character, or nil when the walk loses its way.
    private func offset(of span: ScalarSpan) -> Int? {
        guard span.line >= 1, span.line <= lineStarts.count else { return nil }
        // From the scalar's first character: after a quote's opening, on the line after a block header.
        let start = lineStarts[span.line - 1] + span.column - 1
        var index: Int
        switch span.style {
        case .plain: index = start
        case .singleQuoted, .doubleQuoted: index = start + 1
        case .literal, .folded:
            guard span.line < lineStarts.count else { return nil }
            index = lineStarts[span.line]
        }
        let quoted = span.style == .singleQuoted || span.style == .doubleQuoted
        func skippable(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
                || (quoted && (scalar == "\\" || scalar == "'"))
        }
        let text = Array(span.text.unicodeScalars)
        guard span.offset <= text.count else { return nil }
        for character in text[..<span.offset] {
            while index < scalars.count, scalars[index] != character {
                guard skippable(scalars[index]) else { return nil }
                index += 1
            }
            guard index < scalars.count else { return nil }
            index += 1
        }
        if span.offset < text.count {
            while index < scalars.count, scalars[index] != text[span.offset], skippable(scalars[index]) { index += 1 }
        }
        return index < scalars.count ? index : nil
    }
}
