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

    /// The text of 1-based `line`, without its line break, or nil past the end. For many lines
    /// of one file, make a `LineIndex` once.
    public func line(_ number: Int) -> Substring? {
        LineIndex(text).line(number)
    }
}
