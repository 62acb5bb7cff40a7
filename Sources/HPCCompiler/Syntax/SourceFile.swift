/// A blueprint's text with its name, as read from disk or handed over by a caller.
public struct SourceFile: Sendable, Hashable {
    /// The name used in diagnostics (a path as the user typed it, or a label such as `<stdin>`).
    public var name: String
    /// The full text.
    public var text: String

    /// Creates a source file.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// The text of 1-based `line`, without its line break, or nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1 else { return nil }
        var current = 1
        var start = text.startIndex
        while current < number {
            guard let newline = text[start...].firstIndex(of: "\n") else { return nil }
            start = text.index(after: newline)
            current += 1
        }
        let end = text[start...].firstIndex(of: "\n") ?? text.endIndex
        var slice = text[start..<end]
        if slice.hasSuffix("\r") { slice = slice.dropLast() }
        return slice
    }
}
