import Foundation

/// Renders `JSON` with 2-space indentation, sorted keys, `\n` line ends and a trailing newline.
public enum JSONWriter {
    /// The document as text.
    public static func render(_ value: JSON) -> String {
        var out = ""
        write(value, indent: 0, into: &out)
        out += "\n"
        return out
    }

    /// The document on one line, without spaces (for values embedded in other formats).
    public static func compact(_ value: JSON) -> String {
        switch value {
        case let .array(elements): "[" + elements.map(compact).joined(separator: ",") + "]"
        case let .object(members): "{" + members.keys.sorted().map { quote($0) + ":" + compact(members[$0]!) }.joined(separator: ",") + "}"
        default: render(value).trimmingCharacters(in: .newlines)
        }
    }

    private static func write(_ value: JSON, indent: Int, into out: inout String) {
        switch value {
        case .null: out += "null"
        case let .bool(flag): out += flag ? "true" : "false"
        case let .int(number): out += String(number)
        case let .double(number): out += format(number)
        case let .string(text): out += quote(text)
        case let .array(elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += String(repeating: "  ", count: indent + 1)
                write(element, indent: indent + 1, into: &out)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "]"
        case let .object(members):
            guard !members.isEmpty else { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted()
            for (index, key) in keys.enumerated() {
                out += String(repeating: "  ", count: indent + 1) + quote(key) + ": "
                write(members[key]!, indent: indent + 1, into: &out)
                out += index == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: indent) + "}"
        }
    }

    /// A JSON string literal.
    public static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            // Controls (C0, DEL, C1 such as NEL, which YAML reads as a line break), line and
            // paragraph separators, and the byte-order mark, which readers drop.
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Integral doubles print without a fraction; others in Swift's shortest round-trip form.
    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int(number))
        }
        return number.isFinite ? String(number) : "null"
    }
}
