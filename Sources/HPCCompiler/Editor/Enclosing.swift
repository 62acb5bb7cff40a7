/// The mappings and lists around a line, found by walking up the text by indentation: each key
/// less indented than what came before encloses it, and each `- ` less indented starts the list
/// element it is in.
struct Enclosing: Sendable {
    /// Keys of the enclosing mappings, outermost first.
    private(set) var path: [String] = []
    /// The line of the module item (an element of a group's `modules`) around the line, if any.
    private(set) var moduleLine: Int?
    /// True when the nearest enclosing key opens a block scalar (`run: |`): the line is its text.
    private(set) var inBlockScalar = false
    /// For a line that starts with `- `: the key whose list it is an element of.
    private(set) var sequenceHolder: String?
    private let line: Int

    /// What encloses `line`, whose shape is `shape`, for a cursor at column `cursor`.
    init(below line: Int, shape: LineShape, cursor: Int, in text: DocumentText) {
        self.line = line
        var need: Int
        var itemDash: Int?
        var items: [Int] = []
        if let dash = shape.dashes.first {
            items.append(line)
            itemDash = dash
            need = dash + 1
        } else {
            need = shape.isBlank ? cursor : shape.contentColumn
        }
        var index = line - 1
        while index >= 0, need > 0 {
            let above = LineShape(text.line(index))
            index -= 1
            if above.isBlank { continue }
            if let dash = above.dashes.first {
                // A sibling element of the list, or a line deeper than the cursor's level.
                guard dash != itemDash, dash < need else { continue }
                items.append(index + 1)
                itemDash = dash
                need = dash + 1
                continue
            }
            guard above.contentColumn < need, let key = above.key else { continue }
            if path.isEmpty, items.isEmpty, above.opensBlockScalar { inBlockScalar = true }
            path.insert(key, at: 0)
            if !items.isEmpty {
                if items.first == line, sequenceHolder == nil { sequenceHolder = key }
                if key == "modules", moduleLine == nil { moduleLine = items.last }
                items = []
                itemDash = nil
            }
            need = above.contentColumn
        }
        // A list at the top of the document has no key: its elements stay unnamed.
        if !items.isEmpty, items.first == line, sequenceHolder == nil { sequenceHolder = "" }
    }

    /// Keys written at `column` in the mapping around the line: up to the line that opens it and
    /// down to where it ends. A line that `startsItem` (`- `) opens the mapping itself: what is
    /// above it belongs to the elements before.
    func siblingKeys(column: Int, startsItem: Bool, in text: DocumentText) -> Set<String> {
        var keys: Set<String> = []
        for step in startsItem ? [1] : [-1, 1] {
            var index = line + step
            while index >= 0, index < text.lineCount {
                let shape = LineShape(text.line(index))
                index += step
                if shape.isBlank { continue }
                if let dash = shape.dashes.last, dash < column {
                    if step < 0, shape.contentColumn == column, let key = shape.key { keys.insert(key) }
                    break
                }
                if shape.contentColumn < column { break }
                if shape.contentColumn == column, let key = shape.key { keys.insert(key) }
            }
        }
        return keys
    }
}
