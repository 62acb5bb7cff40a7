/// A generated catalog table (one entry a line, its key the first space-separated column) indexed
/// by key. Indexing splits the text into lines and nothing more; a line's columns are read only
/// when its key is asked for, so a compilation that looks up three types does not parse 1,400.
struct KeyedLines: Sendable {
    private let lines: [Substring: Substring]

    init(_ table: String) {
        // Split on bytes: splitting a table of 100 KB by Characters costs more than a small compilation.
        lines = Dictionary(
            table.utf8.split(separator: UInt8(ascii: "\n")).map { bytes in
                (Substring(bytes.prefix { $0 != UInt8(ascii: " ") }), Substring(bytes))
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// The whole line whose key is `key`.
    subscript(key: String) -> Substring? { lines[Substring(key)] }

    /// The columns after the key of the line whose key is `key`.
    func columns(_ key: String) -> [Substring]? {
        lines[Substring(key)].map { $0.split(separator: " ").dropFirst().map { $0 } }
    }

    /// Every key, sorted.
    var keys: [String] { lines.keys.map(String.init).sorted() }
}
