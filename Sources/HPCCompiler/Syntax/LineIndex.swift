/// Where every line of a text starts, found in one pass: for quoting many lines of one file
/// (a diagnostic per line, a token length per quoted scalar) without scanning from the top each time.
struct LineIndex: Sendable {
    private let text: String
    private let starts: [String.Index]

    /// Indexes `text`.
    init(_ text: String) {
        self.text = text
        var starts = [text.startIndex]
        var index = text.utf8.startIndex
        while let newline = text.utf8[index...].firstIndex(of: UInt8(ascii: "\n")) {
            index = text.utf8.index(after: newline)
            starts.append(index)
        }
        self.starts = starts
    }

    /// The text of 1-based `line`, without its line break, or nil past the end.
    func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= starts.count else { return nil }
        let end = number < starts.count ? text.utf8.index(before: starts[number]) : text.endIndex
        var slice = text[starts[number - 1]..<end]
        if slice.hasSuffix("\r") { slice = slice.dropLast() }
        return slice
    }
}
