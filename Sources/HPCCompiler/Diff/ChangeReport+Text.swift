extension ChangeReport {
    /// For people: each table, then the verdict.
    @_spi(Tools) public var text: String {
        var out = ""
        for table in tables {
            out += "\(table.title)\n" + TextTable(header: table.header, rows: table.rows).render() + "\n"
        }
        return out + verdict + "\n"
    }

    /// For a pull-request comment: a heading with the verdict, a caution when data is lost, and
    /// each table as a Markdown table.
    @_spi(Tools) public var markdown: String {
        var out = "### hpcc diff\n\n"
        out += destroysData ? "> [!CAUTION]\n> \(verdict)\n\n" : "\(verdict)\n\n"
        for table in tables {
            out += "#### \(Self.cell(table.title))\n\n"
            out += "| " + table.header.map(Self.cell).joined(separator: " | ") + " |\n"
            out += "|" + String(repeating: " --- |", count: table.header.count) + "\n"
            for row in table.rows { out += "| " + row.map(Self.cell).joined(separator: " | ") + " |\n" }
            out += "\n"
        }
        return out
    }

    /// A table cell's text with Markdown's table and inline syntax escaped.
    private static func cell(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|", "\\", "`", "*", "_", "[", "]", "<", ">", "#": escaped += "\\\(character)"
            case "\n": escaped += " "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
