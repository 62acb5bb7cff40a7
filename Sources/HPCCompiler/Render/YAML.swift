/// A YAML document to write: mappings keep the order they were built in.
indirect enum YAML: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A scalar written exactly as given, unquoted: only text that was read as a plain scalar
    /// and is kept as written (`0684`, `yes`), where quoting would change what it means.
    case plain(String)
    case list([YAML])
    case map([YAMLPair])

    /// A mapping from ordered pairs.
    static func object(_ pairs: [(String, YAML)]) -> YAML {
        .map(pairs.map { YAMLPair(key: $0.0, value: $0.1) })
    }
}

/// One key of a YAML mapping.
struct YAMLPair: Equatable, Sendable {
    /// The key.
    var key: String
    /// Its value.
    var value: YAML
}

/// Writes `YAML` in block style with 2-space indentation. Strings are plain only where every
/// YAML reader (1.1 or 1.2) reads them back as the same string; otherwise double-quoted.
enum YAMLWriter {
    /// The document as text, with a trailing newline.
    static func render(_ value: YAML, header: [String] = []) -> String {
        String(decoding: bytes(value, header: header), as: UTF8.self)
    }

    /// The document as UTF-8 bytes, as `render` gives it.
    static func bytes(_ value: YAML, header: [String] = []) -> [UInt8] {
        var out: [UInt8] = []
        for line in header { out += "# \(line)\n".utf8 }
        switch value {
        case let .map(pairs) where !pairs.isEmpty:
            writePairs(pairs, indent: 0, into: &out)
        case let .list(elements) where !elements.isEmpty:
            writeList(elements, indent: 0, into: &out)
        default:
            out += scalar(value).utf8
            out.append(newline)
        }
        return out
    }

    private static let newline = UInt8(ascii: "\n")

    private static func pad(_ count: Int, into out: inout [UInt8]) {
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }

    /// The pairs at `indent`; with `dash`, the first pair shares the line of a list item's `- `
    /// (written two columns to the left).
    private static func writePairs(_ pairs: [YAMLPair], indent: Int, dash: Bool = false, into out: inout [UInt8]) {
        for (index, pair) in pairs.enumerated() {
            if dash, index == 0 {
                pad(indent - 2, into: &out)
                out += "- ".utf8
            } else {
                pad(indent, into: &out)
            }
            out += key(pair.key).utf8
            out.append(UInt8(ascii: ":"))
            switch pair.value {
            case let .map(inner) where !inner.isEmpty:
                out.append(newline)
                writePairs(inner, indent: indent + 2, into: &out)
            case let .list(elements) where !elements.isEmpty:
                out.append(newline)
                writeList(elements, indent: indent, into: &out)
            case .null:
                out.append(newline)
            default:
                out.append(UInt8(ascii: " "))
                out += scalar(pair.value).utf8
                out.append(newline)
            }
        }
    }

    private static func writeList(_ elements: [YAML], indent: Int, into out: inout [UInt8]) {
        for element in elements {
            switch element {
            case let .map(pairs) where !pairs.isEmpty:
                writePairs(pairs, indent: indent + 2, dash: true, into: &out)
            case let .list(inner) where !inner.isEmpty:
                pad(indent, into: &out)
                out += "-\n".utf8
                writeList(inner, indent: indent + 2, into: &out)
            default:
                pad(indent, into: &out)
                out += "- ".utf8
                out += scalar(element).utf8
                out.append(newline)
            }
        }
    }

    private static func scalar(_ value: YAML) -> String {
        switch value {
        case .null: "null"
        case let .bool(flag): flag ? "true" : "false"
        case let .int(number): String(number)
        case let .double(number): JSONWriter.format(number)
        case let .string(text): string(text)
        case let .plain(text): text
        case .list: "[]"
        case .map: "{}"
        }
    }

    private static func key(_ text: String) -> String {
        isPlainSafe(text) ? text : JSONWriter.quote(text)
    }

    /// A string scalar: plain when unambiguous, else double-quoted (JSON escapes are valid YAML).
    static func string(_ text: String) -> String {
        isPlainSafe(text) ? text : JSONWriter.quote(text)
    }

    private static let reserved: Set<String> = [
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    ]

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if text.utf8.count <= 5, reserved.contains(text.lowercased()) { return false }
        guard NameRules.isLetter(first) || first == "_" || first == "/" else { return false }
        if YAMLCoreSchema.float(text) != nil { return false }
        return text.unicodeScalars.allSatisfy { NameRules.isWord($0) || $0 == "-" || $0 == "." || $0 == "/" }
    }
}
