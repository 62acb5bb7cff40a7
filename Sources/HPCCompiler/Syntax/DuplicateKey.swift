import Yams

/// Duplicate-key recovery: libyaml's composer names the key and its first position; this finds the
/// second occurrence, reports it there, and renames it in the text so parsing can go on.
enum DuplicateKey {
    /// A private-use character put into a renamed duplicate; the tree builder drops such keys.
    static let marker: Character = "\u{E000}"

    /// Reports the duplicate and returns the patched text, or nil when the second occurrence cannot be found.
    static func report(
        _ key: String, firstAt first: Mark, in text: inout String, source: SourceFile, into diagnostics: inout Diagnostics
    ) -> String? {
        let firstLocation = SourceLocation(file: source.name, line: first.line, column: first.column, length: key.count)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let (line, column) = secondOccurrence(of: key, after: first, in: lines) else {
            diagnostics.report(.duplicateKey, "duplicate key '\(key)'", at: firstLocation)
            return nil
        }
        diagnostics.report(
            .duplicateKey, "duplicate key '\(key)'",
            at: SourceLocation(file: source.name, line: line, column: column, length: key.count),
            notes: [DiagnosticNote("first defined here", at: firstLocation)],
            help: "remove one of them; YAML keeps neither silently"
        )
        var scalars = Array(lines[line - 1].unicodeScalars)
        var index = column - 1
        if index < scalars.count, scalars[index] == "\"" || scalars[index] == "'" { index += 1 }
        guard index < scalars.count else { return nil }
        scalars[index] = marker.unicodeScalars.first!
        lines[line - 1] = String(String.UnicodeScalarView(scalars))
        return lines.joined(separator: "\n")
    }

    /// The 1-based line and column of the next occurrence of `key:` after the first one, at the
    /// same column for block mappings or later on the same line for flow mappings.
    private static func secondOccurrence(of key: String, after first: Mark, in lines: [String]) -> (Int, Int)? {
        let spellings = [key, "\"\(key)\"", "'\(key)'"]
        func isKey(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
            let rest = String(String.UnicodeScalarView(scalars))
            return spellings.contains { spelling in
                guard rest.hasPrefix(spelling) else { return false }
                return rest.dropFirst(spelling.count).drop { $0 == " " }.first == ":"
            }
        }
        guard first.line - 1 < lines.count else { return nil }
        let firstLine = Array(lines[first.line - 1].unicodeScalars)
        var column = first.column + key.count
        while column < firstLine.count {
            if isKey(firstLine[column...]), column > 0, [" ", "{", ","].contains(firstLine[column - 1]) {
                return (first.line, column + 1)
            }
            column += 1
        }
        for number in first.line..<lines.count {
            let scalars = Array(lines[number].unicodeScalars)
            let start = first.column - 1
            guard start < scalars.count, isKey(scalars[start...]) else { continue }
            return (number + 1, first.column)
        }
        return nil
    }
}
