/// A position in a source file: 1-based line and column (columns count Unicode scalars, as libyaml does).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file name as the user gave it (never made absolute).
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// How many columns the offending token spans on its line (at least 1), for the caret underline.
    public var length: Int
    /// For a position inside a scalar's value: the value and the offset in it, until
    /// `ScalarPlacement` places the position in the source text.
    var inScalar: ScalarSpan?

    /// Creates a location.
    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
        self.length = max(1, length)
    }

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// Two positions are the same when file, line, column and length are; how a position inside a
    /// scalar is still to be placed is not part of it.
    public static func == (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.length) == (rhs.file, rhs.line, rhs.column, rhs.length)
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(length)
    }

    /// Orders by file, then line, then column.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// The part of this token `offset` scalars in, spanning `length` (the member of `vars.name`): in
    /// a scalar's value, the position there, for `ScalarPlacement` to place.
    func part(at offset: Int, length: Int) -> SourceLocation {
        var part = advanced(by: offset, length: length)
        part.inScalar = inScalar.map { span in
            ScalarSpan(
                text: span.text, offset: span.offset + offset, style: span.style, line: span.line,
                column: span.column)
        }
        return part
    }

    /// The location `offset` columns further right on the same line, spanning `length`.
    func advanced(by offset: Int, length: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column + offset, length: length)
    }
}
