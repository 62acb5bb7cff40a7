/// Where the cursor is in a blueprint, read from the text around it rather than from a parse:
/// while a line is being typed the blueprint often is not valid YAML, and completion is needed
/// most then. Block YAML's indentation says which mappings enclose the cursor.
struct CursorContext: Sendable, Equatable {
    /// What is being written at the cursor.
    enum Place: Sendable, Equatable {
        /// A key of the mapping `path` leads to.
        case key
        /// The value of `key`, or an element of the list it holds (a `- ` line below it, or
        /// inside `[ ]` after it).
        case value(key: String)
        /// A reference inside `$( )`: after `head.` when a head and a dot come before the word.
        case expression(head: String?)
        /// Text where nothing is offered: a block scalar's lines, a comment.
        case text
    }

    /// What is being written.
    var place: Place
    /// Keys of the mappings around the cursor, outermost first; sequence items are passed through.
    var path: [String]
    /// The part of the word before the cursor.
    var prefix: String
    /// The word's columns on the cursor's line (0-based Unicode scalars; the end is after the
    /// word, which may go on past the cursor).
    var word: Range<Int>
    /// The whole word at the cursor (the prefix and what follows it).
    var written = ""
    /// The line (0-based) where the module item around the cursor starts, if the cursor is in one.
    var moduleLine: Int?
    /// Keys already written in the mapping the cursor is in (a completion leaves them out).
    var siblingKeys: Set<String>

    /// The context at `position` of `text`.
    static func at(_ position: EditorPosition, in text: DocumentText) -> CursorContext {
        let line = text.line(position.line)
        let scalars = Array(line.unicodeScalars)
        let cursor = min(text.scalarColumn(of: position), scalars.count)
        let shape = LineShape(line)
        let outer = Enclosing(below: position.line, shape: shape, cursor: cursor, in: text)
        var context = CursorContext(
            place: .key, path: outer.path, prefix: "", word: cursor..<cursor, written: "", moduleLine: outer.moduleLine,
            siblingKeys: [])
        if outer.inBlockScalar || isInComment(scalars, before: cursor) {
            context.place = .text
        }
        if let open = openExpression(scalars, before: cursor) {
            let (head, start) = referenceHead(scalars, from: open, before: cursor)
            context.place = .expression(head: head)
            context.word = start..<wordEnd(scalars, from: cursor, allowing: Self.isNameScalar)
            context.prefix = String(String.UnicodeScalarView(scalars[start..<cursor]))
            context.written = String(String.UnicodeScalarView(scalars[context.word]))
            return context
        }
        guard context.place != .text else { return context }
        if let key = shape.key, cursor >= shape.valueColumn, cursor > shape.contentColumn {
            context.place = .value(key: key)
            let start = valueWordStart(scalars, from: shape.valueColumn, before: cursor)
            context.word = start..<wordEnd(scalars, from: cursor, allowing: Self.isValueScalar)
        } else if shape.key == nil, !shape.dashes.isEmpty, let holder = outer.sequenceHolder,
            !Self.mappingSequences.contains(holder)
        {
            // `- word` under a key that holds a list of scalars (`use:`, `ignore:`).
            context.place = .value(key: holder)
            context.path.removeLast()
            let start = valueWordStart(scalars, from: shape.contentColumn, before: cursor)
            context.word = start..<wordEnd(scalars, from: cursor, allowing: Self.isValueScalar)
        } else {
            context.place = .key
            let start = min(
                cursor, max(shape.contentColumn, wordStart(scalars, before: cursor, allowing: Self.isNameScalar)))
            context.word = start..<wordEnd(scalars, from: cursor, allowing: Self.isNameScalar)
            context.siblingKeys = outer.siblingKeys(
                column: shape.isBlank ? cursor : shape.contentColumn, startsItem: !shape.dashes.isEmpty, in: text)
        }
        context.prefix = String(String.UnicodeScalarView(scalars[context.word.lowerBound..<cursor]))
        context.written = String(String.UnicodeScalarView(scalars[context.word]))
        return context
    }

    /// Keys whose value is a list of mappings: a `- ` line under them starts a mapping's key.
    static let mappingSequences: Set<String> = [
        "deployment_groups", "modules", "validators", "outputs", "nodeset", "partitions", "machine_types",
    ]

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        NameRules.isWord(scalar) || scalar == "-"
    }

    static func isValueScalar(_ scalar: Unicode.Scalar) -> Bool {
        isNameScalar(scalar) || scalar == "/" || scalar == "." || scalar == "$" || scalar == "("
    }

    /// The start of the word that ends at `cursor`.
    private static func wordStart(
        _ scalars: [Unicode.Scalar], before cursor: Int, allowing allowed: (Unicode.Scalar) -> Bool
    ) -> Int {
        var start = cursor
        while start > 0, allowed(scalars[start - 1]) { start -= 1 }
        return start
    }

    /// The end of the word that goes on from `cursor`.
    private static func wordEnd(
        _ scalars: [Unicode.Scalar], from cursor: Int, allowing allowed: (Unicode.Scalar) -> Bool
    ) -> Int {
        var end = cursor
        while end < scalars.count, allowed(scalars[end]) { end += 1 }
        return end
    }

    /// Where the value word being typed starts: after the value's opening quote, or after the
    /// last `[` or `,` of a flow list.
    private static func valueWordStart(_ scalars: [Unicode.Scalar], from valueColumn: Int, before cursor: Int) -> Int {
        var start = min(valueColumn, cursor)
        for index in start..<cursor where ["[", ",", "\"", "'", "{"].contains(scalars[index]) { start = index + 1 }
        while start < cursor, scalars[start] == " " { start += 1 }
        return start
    }

    /// The column after the innermost `$(` still open before `cursor`, if any.
    private static func openExpression(_ scalars: [Unicode.Scalar], before cursor: Int) -> Int? {
        var opened: [Int?] = []
        var index = 0
        while index < cursor {
            if scalars[index] == "$", index + 1 < cursor, scalars[index + 1] == "(",
                index == 0 || scalars[index - 1] != "\\"
            {
                opened.append(index + 2)
                index += 2
                continue
            }
            if scalars[index] == "(" { opened.append(nil) }
            if scalars[index] == ")", !opened.isEmpty { opened.removeLast() }
            index += 1
        }
        return opened.last { $0 != nil } ?? nil
    }

    /// In the expression from `open` to `cursor`: the reference's head before a `.` and where
    /// the word at the cursor starts.
    private static func referenceHead(
        _ scalars: [Unicode.Scalar], from open: Int, before cursor: Int
    ) -> (head: String?, start: Int) {
        let start = max(open, wordStart(scalars, before: cursor, allowing: isNameScalar))
        guard start > open, scalars[start - 1] == "." else { return (nil, start) }
        let headStart = max(open, wordStart(scalars, before: start - 1, allowing: isNameScalar))
        guard headStart < start - 1, headStart == open || scalars[headStart - 1] != "." else { return ("", start) }
        return (String(String.UnicodeScalarView(scalars[headStart..<(start - 1)])), start)
    }

    /// True when a `#` that starts a comment comes before `cursor` outside quotes.
    private static func isInComment(_ scalars: [Unicode.Scalar], before cursor: Int) -> Bool {
        var quote: Unicode.Scalar?
        for index in 0..<cursor {
            let scalar = scalars[index]
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "#", index == 0 || scalars[index - 1] == " " || scalars[index - 1] == "\t" {
                return true
            }
        }
        return false
    }
}
