/// A plain-text table with columns padded to their widest cell, for `hpcc plan`.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    /// The table, indented by `indent` spaces, one line per row, header first.
    func render(indent: Int = 2) -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0
        }
        return ([header] + rows).map { row in
            String(repeating: " ", count: indent)
                + row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
                }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
