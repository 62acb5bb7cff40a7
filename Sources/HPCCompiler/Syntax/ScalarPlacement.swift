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
        placed.fixes = diagnostic.fixes.compactMap(place)
        return placed
    }

    /// `fix` placed and checked against this file's text: kept when its span holds exactly the text
    /// the fix expects, or that text between a quoted scalar's quotes (the span then moves inside
    /// them, so the quotes stay); dropped (nil) otherwise, and when the replacement could not stand
    /// where it goes without changing how YAML reads it. Fixes in other files are left as they are.
    func place(_ fix: DiagnosticFix) -> DiagnosticFix? {
        guard fix.location.file == file, let original = fix.original else { return fix }
        let location = place(fix.location)
        guard location.line >= 1, location.line <= lineStarts.count, location.column >= 1 else { return nil }
        let start = lineStarts[location.line - 1] + location.column - 1
        let expected = Array(original.unicodeScalars)
        // The whole word, not the start of a longer one.
        func bounds(_ index: Int) -> Bool {
            index < 0 || index >= scalars.count || !(NameRules.isWord(scalars[index]) || scalars[index] == "-")
        }
        func holds(_ index: Int) -> Bool {
            index >= 0 && index + expected.count <= scalars.count
                && scalars[index..<index + expected.count].elementsEqual(expected)
                && bounds(index - 1) && bounds(index + expected.count)
        }
        var placed = fix
        placed.original = nil
        if holds(start), Self.standsPlain(fix.replacement) {
            placed.location = location.advanced(by: 0, length: expected.count)
            return placed
        }
        let end = start + 1 + expected.count
        guard start < scalars.count, end < scalars.count, scalars[start] == "\"" || scalars[start] == "'",
            scalars[end] == scalars[start], holds(start + 1),
            !fix.replacement.unicodeScalars.contains(where: { $0 == scalars[start] || $0 == "\\" || $0 == "\n" })
        else { return nil }
        placed.location = location.advanced(by: 1, length: expected.count)
        return placed
    }

    /// Whether `text` reads as what it says where a plain scalar's word was: letters, digits and
    /// `_-./`, not starting with `-` or `.` (no indicator, comment, flow or mapping character); or
    /// such a word in double quotes (a value quoted to make it a string).
    private static func standsPlain(_ text: String) -> Bool {
        var word = Substring(text)
        if word.count > 2, word.hasPrefix("\""), word.hasSuffix("\"") { word = word.dropFirst().dropLast() }
        guard let first = word.unicodeScalars.first, first != "-", first != "." else { return false }
        return word.unicodeScalars.allSatisfy { NameRules.isWord($0) || "-./".unicodeScalars.contains($0) }
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
