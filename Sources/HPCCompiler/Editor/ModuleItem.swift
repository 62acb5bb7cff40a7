/// A module's `id` and `source` read from the text of its list element, for completion and
/// hover in a module whose text does not parse yet.
struct ModuleItem: Sendable {
    var id: String?
    var source: String?
    /// The ids its `use:` lists, in a flow list or as `- ` lines.
    var uses: [String] = []

    /// Reads the element that starts on 0-based `line` (a `- ` line).
    init(at line: Int, in text: DocumentText) {
        let first = LineShape(text.line(line))
        let column = first.contentColumn
        var index = line
        var inUse = false
        while index < text.lineCount {
            let shape = LineShape(text.line(index))
            if index > line, !shape.isBlank {
                if shape.contentColumn < column { break }
                if let dash = shape.dashes.first, dash < column { break }
            }
            if shape.contentColumn == column, index == line || shape.dashes.isEmpty {
                inUse = shape.key == "use"
                switch shape.key {
                case "id": id = Self.unquoted(shape.value)
                case "source": source = Self.unquoted(shape.value)
                case "use":
                    uses = shape.value.split { "[], ".contains($0) }.map { Self.unquoted(String($0)) }
                default: break
                }
            } else if inUse, !shape.dashes.isEmpty, shape.key == nil, !shape.value.isEmpty {
                uses.append(Self.unquoted(shape.value))
            }
            index += 1
        }
    }

    /// A scalar's text without the quotes around it.
    static func unquoted(_ value: String) -> String {
        guard value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote else {
            return value
        }
        return String(value.dropFirst().dropLast())
    }
}
