/// Renders `JSON` with 2-space indentation, sorted keys, `\n` line ends and a trailing newline.
/// It writes UTF-8 bytes into one buffer: a Terraform root of thousands of resources is tens of
/// megabytes, and appending to a byte array costs less than appending to a `String`.
enum JSONWriter {
    /// The document as text.
    static func render(_ value: JSON) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, as `render` gives it.
    static func bytes(_ value: JSON) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: 0, into: &out)
        out.append(newline)
        return out
    }

    /// The document on one line, without spaces (for values embedded in other formats).
    static func compact(_ value: JSON) -> String {
        switch value {
        case let .array(elements): "[" + elements.map(compact).joined(separator: ",") + "]"
        case let .object(members):
            "{"
                + members.sorted { $0.key < $1.key }.map { quote($0.key) + ":" + compact($0.value) }.joined(
                    separator: ",") + "}"
        default: String(decoding: scalarBytes(value), as: UTF8.self)
        }
    }

    private static let newline = UInt8(ascii: "\n")

    private static func scalarBytes(_ value: JSON) -> [UInt8] {
        var out: [UInt8] = []
        write(value, indent: 0, into: &out)
        return out
    }

    private static func write(_ value: JSON, indent: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out += "null".utf8
        case let .bool(flag): out += (flag ? "true" : "false").utf8
        case let .int(number): out += String(number).utf8
        case let .double(number): out += format(number).utf8
        case let .string(text): quote(text, into: &out)
        case let .array(elements):
            guard !elements.isEmpty else {
                out += "[]".utf8
                return
            }
            out += "[\n".utf8
            for (index, element) in elements.enumerated() {
                pad(indent + 1, into: &out)
                write(element, indent: indent + 1, into: &out)
                if index < elements.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(newline)
            }
            pad(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        case let .object(members):
            guard !members.isEmpty else {
                out += "{}".utf8
                return
            }
            out += "{\n".utf8
            let sorted = members.sorted { $0.key < $1.key }
            for (index, member) in sorted.enumerated() {
                pad(indent + 1, into: &out)
                quote(member.key, into: &out)
                out += ": ".utf8
                write(member.value, indent: indent + 1, into: &out)
                if index < sorted.count - 1 { out.append(UInt8(ascii: ",")) }
                out.append(newline)
            }
            pad(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Two spaces per level.
    private static func pad(_ level: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// A JSON string literal.
    static func quote(_ text: String) -> String {
        var out: [UInt8] = []
        quote(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON string literal, appended to `out`. Text of printable ASCII without `"` and `\`
    /// (most of what hpcc writes) is copied whole.
    static func quote(_ text: String, into out: inout [UInt8]) {
        let quotation = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        out.append(quotation)
        let plain =
            text.utf8.withContiguousStorageIfAvailable { bytes in
                bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != quotation && $0 != backslash }
            } ?? false
        if plain {
            out += text.utf8
            out.append(quotation)
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\"".utf8
            case "\\": out += "\\\\".utf8
            case "\n": out += "\\n".utf8
            case "\r": out += "\\r".utf8
            case "\t": out += "\\t".utf8
            // Controls (C0, DEL, C1 such as NEL, which YAML reads as a line break), line and
            // paragraph separators, and the byte-order mark, which readers drop.
            case _
            where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029 || scalar.value == 0xFEFF:
                let hex = String(scalar.value, radix: 16)
                out += ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8
            default: out += UTF8.encode(scalar)!
            }
        }
        out.append(quotation)
    }

    /// Integral doubles print without a fraction; others in Swift's shortest round-trip form.
    static func format(_ number: Double) -> String {
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            return String(Int(number))
        }
        return number.isFinite ? String(number) : "null"
    }
}
