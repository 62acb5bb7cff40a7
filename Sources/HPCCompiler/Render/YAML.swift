/// A YAML document to write: mappings keep the order they were built in.
public indirect enum YAML: Equatable, Sendable {
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
    public static func object(_ pairs: [(String, YAML)]) -> YAML {
        .map(pairs.map { YAMLPair(key: $0.0, value: $0.1) })
    }
}

/// One key of a YAML mapping.
public struct YAMLPair: Equatable, Sendable {
    public var key: String
    public var value: YAML
}

/// Writes `YAML` in block style with 2-space indentation. Strings are plain only where every
/// YAML reader (1.1 or 1.2) reads them back as the same string; otherwise double-quoted.
public enum YAMLWriter {
    /// The document as text, with a trailing newline.
    public static func render(_ value: YAML, header: [String] = []) -> String {
        var out = header.map { "# \($0)\n" }.joined()
        switch value {
        case let .map(pairs) where !pairs.isEmpty:
            writePairs(pairs, indent: 0, into: &out)
        case let .list(elements) where !elements.isEmpty:
            writeList(elements, indent: 0, into: &out)
        default:
            out += scalar(value) + "\n"
        }
        return out
    }

    private static func writePairs(_ pairs: [YAMLPair], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for pair in pairs {
            out += pad + key(pair.key) + ":"
            switch pair.value {
            case let .map(inner) where !inner.isEmpty:
                out += "\n"
                writePairs(inner, indent: indent + 2, into: &out)
            case let .list(elements) where !elements.isEmpty:
                out += "\n"
                writeList(elements, indent: indent, into: &out)
            case .null:
                out += "\n"
            default:
                out += " " + scalar(pair.value) + "\n"
            }
        }
    }

    private static func writeList(_ elements: [YAML], indent: Int, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for element in elements {
            switch element {
            case let .map(pairs) where !pairs.isEmpty:
                // The first pair shares the dash's line.
                var nested = ""
                writePairs(pairs, indent: indent + 2, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            case let .list(inner) where !inner.isEmpty:
                out += pad + "-\n"
                writeList(inner, indent: indent + 2, into: &out)
            default:
                out += pad + "- " + scalar(element) + "\n"
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
        guard let first = text.unicodeScalars.first, !reserved.contains(text.lowercased()) else { return false }
        guard NameRules.isLetter(first) || first == "_" || first == "/" else { return false }
        if ScalarTyping.float(text) != nil { return false }
        return text.unicodeScalars.allSatisfy { NameRules.isWord($0) || $0 == "-" || $0 == "." || $0 == "/" }
    }
}
