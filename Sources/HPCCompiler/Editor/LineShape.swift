/// One line of block YAML as it looks, read without a parser (the text around the cursor is
/// often half-typed and does not parse): its sequence dashes, its key and the value after it.
struct LineShape: Sendable {
    /// Columns (0-based, Unicode scalars) of the `- ` sequence indicators that open the line.
    var dashes: [Int] = []
    /// Column where the content after the dashes starts (a key, a list element or a value).
    var contentColumn: Int
    /// The key, when the content is `key:` or `key: value`.
    var key: String?
    /// Column of the value after `key: ` (or of the content, for a line without a key).
    var valueColumn: Int
    /// The value's text up to a comment, trailing blanks removed; empty for none.
    var value: String
    /// True for a blank or comment-only line.
    var isBlank: Bool

    /// Reads `line`.
    init(_ line: Substring) {
        let scalars = Array(line.unicodeScalars)
        var column = 0
        func skipBlanks() {
            while column < scalars.count, scalars[column] == " " || scalars[column] == "\t" { column += 1 }
        }
        skipBlanks()
        while column < scalars.count, scalars[column] == "-",
            column + 1 == scalars.count || scalars[column + 1] == " " || scalars[column + 1] == "\t"
        {
            dashes.append(column)
            column += 1
            skipBlanks()
        }
        contentColumn = column
        isBlank = dashes.isEmpty && (column == scalars.count || scalars[column] == "#")
        valueColumn = column
        value = ""
        guard column < scalars.count else { return }
        if let colon = Self.keyEnd(scalars, from: column) {
            var name = String(String.UnicodeScalarView(scalars[column..<colon]))
            if name.count >= 2, let quote = name.first, quote == "\"" || quote == "'", name.last == quote {
                name = String(name.dropFirst().dropLast())
            }
            key = name.trimmingTrailingBlanks
            column = colon + 1
            skipBlanks()
            valueColumn = column
        }
        value = Self.withoutComment(scalars[valueColumn...])
    }

    /// The column of the `:` that ends a key starting at `start`: the first one followed by a
    /// blank or the line's end, outside quotes and before any flow collection.
    private static func keyEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
        guard !["[", "{", "|", ">", "#", "&", "*", "!"].contains(scalars[start]) else { return nil }
        var index = start
        if scalars[index] == "\"" || scalars[index] == "'" {
            let quote = scalars[index]
            index += 1
            while index < scalars.count, scalars[index] != quote { index += 1 }
            index += 1
        }
        while index < scalars.count {
            if scalars[index] == ":",
                index + 1 == scalars.count || scalars[index + 1] == " " || scalars[index + 1] == "\t"
            {
                return index
            }
            if scalars[index] == "#", index > start, scalars[index - 1] == " " { return nil }
            index += 1
        }
        return nil
    }

    /// The text before a ` #` comment (outside quotes), trailing blanks removed.
    private static func withoutComment(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var quote: Unicode.Scalar?
        var end = scalars.endIndex
        var previous: Unicode.Scalar = " "
        for index in scalars.indices {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "#", previous == " " || previous == "\t" {
                end = index
                break
            }
            previous = scalar
        }
        return String(String.UnicodeScalarView(scalars[scalars.startIndex..<end])).trimmingTrailingBlanks
    }

    /// True when the value opens a block scalar (`|`, `>-`, ...): the lines below are its text.
    var opensBlockScalar: Bool {
        guard let first = value.unicodeScalars.first, first == "|" || first == ">" else { return false }
        return value.unicodeScalars.allSatisfy { "|>+-0123456789".unicodeScalars.contains($0) }
    }
}

extension String {
    /// The text without blanks at its end.
    var trimmingTrailingBlanks: String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
