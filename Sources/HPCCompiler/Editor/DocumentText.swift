/// A position as editors count it (the Language Server Protocol): 0-based line, and 0-based
/// character in UTF-16 code units.
@_spi(Tools) public struct EditorPosition: Hashable, Sendable, Comparable {
    /// 0-based line.
    @_spi(Tools) public var line: Int
    /// 0-based UTF-16 offset in the line.
    @_spi(Tools) public var character: Int

    /// Creates a position.
    @_spi(Tools) public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    /// Orders by line, then character.
    @_spi(Tools) public static func < (lhs: EditorPosition, rhs: EditorPosition) -> Bool {
        (lhs.line, lhs.character) < (rhs.line, rhs.character)
    }
}

/// A span between two editor positions, the end excluded.
@_spi(Tools) public struct EditorRange: Hashable, Sendable {
    /// First position.
    @_spi(Tools) public var start: EditorPosition
    /// Position after the last character.
    @_spi(Tools) public var end: EditorPosition

    /// Creates a range.
    @_spi(Tools) public init(start: EditorPosition, end: EditorPosition) {
        self.start = start
        self.end = end
    }

    /// True when `position` is inside, or at the end (a cursor right after a word is on it).
    func contains(_ position: EditorPosition) -> Bool { start <= position && position <= end }
}

/// An open document's text with its lines indexed, converting between the compiler's positions
/// (1-based line, column in Unicode scalars) and the editor's (0-based line, UTF-16 character),
/// and applying the editor's edits.
struct DocumentText: Sendable {
    private(set) var text: String
    /// The UTF-8 offset where each line starts.
    private var lineStarts: [Int]

    init(_ text: String) {
        self.text = text
        lineStarts = Self.lineStarts(of: text)
    }

    private static func lineStarts(of text: String) -> [Int] {
        var starts = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        return starts
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    var lineCount: Int { lineStarts.count }

    /// The text of 0-based `line` without its line break; empty past the end.
    func line(_ line: Int) -> Substring {
        guard line >= 0, line < lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line])
        var end =
            line + 1 < lineStarts.count
            ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line + 1] - 1) : text.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        return text[start..<end]
    }

    /// The string index of an editor position, clamped to its line (a character past the line's
    /// end means the end; one inside a surrogate pair means the pair's start).
    func index(of position: EditorPosition) -> String.Index {
        guard position.line < lineStarts.count else { return text.endIndex }
        guard position.line >= 0 else { return text.startIndex }
        let content = line(position.line)
        var remaining = max(0, position.character)
        var index = content.startIndex
        while index < content.endIndex, remaining > 0 {
            let scalar = content.unicodeScalars[index]
            let width = scalar.utf16.count
            if width > remaining { break }
            remaining -= width
            index = content.unicodeScalars.index(after: index)
        }
        return index
    }

    /// The 0-based Unicode-scalar column of an editor position on its line (clamped to the line;
    /// 0 on a line that does not exist).
    func scalarColumn(of position: EditorPosition) -> Int {
        guard position.line >= 0, position.line < lineStarts.count else { return 0 }
        var remaining = max(0, position.character)
        var column = 0
        for scalar in line(position.line).unicodeScalars {
            let width = scalar.utf16.count
            if width > remaining { break }
            remaining -= width
            column += 1
        }
        return column
    }

    /// The editor position of 0-based `line` and 0-based Unicode-scalar `column`, clamped to the line.
    func position(line: Int, scalarColumn column: Int) -> EditorPosition {
        let scalars = self.line(line).unicodeScalars
        var character = 0
        for scalar in scalars.prefix(max(0, column)) { character += scalar.utf16.count }
        return EditorPosition(line: max(0, min(line, lineStarts.count - 1)), character: character)
    }

    /// The span a compiler position covers (its length in Unicode scalars, on its line).
    func range(of location: SourceLocation) -> EditorRange {
        let line = location.line - 1
        return EditorRange(
            start: position(line: line, scalarColumn: location.column - 1),
            end: position(line: line, scalarColumn: location.column - 1 + location.length))
    }

    /// The compiler position (1-based line and Unicode-scalar column) of an editor position.
    func location(of position: EditorPosition, file: String) -> SourceLocation {
        SourceLocation(file: file, line: position.line + 1, column: scalarColumn(of: position) + 1)
    }

    /// Replaces `range` (or everything, without one) with `replacement`.
    mutating func replace(_ range: EditorRange?, with replacement: String) {
        guard let range else {
            self = DocumentText(replacement)
            return
        }
        let start = index(of: range.start)
        let end = max(start, index(of: range.end))
        text.replaceSubrange(start..<end, with: replacement)
        lineStarts = Self.lineStarts(of: text)
    }
}
