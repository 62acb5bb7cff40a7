import Foundation

/// A JSON value that remembers the line it starts on, so a checker can point at the place in an
/// emitted file the way a consumer would. Objects keep their members in file order.
public indirect enum JSONNode {
    case object([(key: String, value: JSONNode, line: Int)], line: Int)
    case array([JSONNode], line: Int)
    case string(String, line: Int)
    case number(String, line: Int)
    case bool(Bool, line: Int)
    case null(line: Int)

    /// The line (1-based) the value starts on.
    public var line: Int {
        switch self {
        case let .object(_, line), let .array(_, line), let .string(_, line), let .number(_, line), let .bool(_, line):
            line
        case let .null(line): line
        }
    }

    /// Members of an object, in file order; empty for other values.
    public var members: [(key: String, value: JSONNode, line: Int)] {
        if case let .object(members, _) = self { return members }
        return []
    }

    /// The member named `key` of an object.
    public subscript(key: String) -> JSONNode? {
        members.first { $0.key == key }?.value
    }

    /// The text of a string value.
    public var string: String? {
        if case let .string(text, _) = self { return text }
        return nil
    }

    /// What kind of value this is, in the words Terraform uses in its messages.
    public var kind: String {
        switch self {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number: "number"
        case .bool: "bool"
        case .null: "null"
        }
    }

    /// Every string anywhere in the value, with its line.
    public var strings: [(text: String, line: Int)] {
        switch self {
        case let .object(members, _): members.flatMap(\.value.strings)
        case let .array(items, _): items.flatMap(\.strings)
        case let .string(text, line): [(text, line)]
        default: []
        }
    }
}

/// A strict JSON parser (RFC 8259) producing `JSONNode`s with line numbers.
public struct JSONDocumentParser {
    public struct Failure: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    public static func parse(_ text: String) throws -> JSONNode {
        var parser = JSONDocumentParser(bytes: Array(text.utf8))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else { throw parser.failure("text after the top-level value") }
        return value
    }

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func failure(_ message: String) -> Failure {
        Failure(line: line, message: message)
    }

    private mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
            if bytes[index] == 0x0A { line += 1 }
            index += 1
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard index < bytes.count, bytes[index] == byte else {
            throw failure("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        index += 1
    }

    private mutating func value(depth: Int) throws -> JSONNode {
        guard depth < 512 else { throw failure("nesting deeper than 512") }
        guard index < bytes.count else { throw failure("unexpected end of text") }
        let start = line
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(key: String, value: JSONNode, line: Int)] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members, line: start)
            }
            while true {
                skipSpace()
                let keyLine = line
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                    throw failure("expected a member name")
                }
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                members.append((key, try value(depth: depth + 1), keyLine))
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return .object(members, line: start)
            }
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONNode] = []
            skipSpace()
            if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(items, line: start)
            }
            while true {
                skipSpace()
                items.append(try value(depth: depth + 1))
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "]"))
                return .array(items, line: start)
            }
        case UInt8(ascii: "\""):
            return .string(try string(), line: start)
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true, line: start)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false, line: start)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null(line: start)
        default:
            return .number(try number(), line: start)
        }
    }

    private mutating func literal(_ word: String) throws {
        for byte in word.utf8 { try expect(byte) }
    }

    private mutating func number() throws -> String {
        let start = index
        while index < bytes.count, "+-0123456789.eE".utf8.contains(bytes[index]) { index += 1 }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !text.isEmpty, Double(text) != nil else { throw failure("invalid value") }
        return text
    }

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars)
            raw.removeAll()
        }
        while true {
            guard index < bytes.count else { throw failure("unterminated string") }
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard index < bytes.count else { throw failure("unterminated escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    var unit = try hex4()
                    if (0xD800..<0xDC00).contains(unit) {
                        try literal("\\u")
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw failure("unpaired surrogate") }
                        unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(unit) else { throw failure("invalid \\u escape") }
                    scalars.append(scalar)
                default: throw failure("invalid escape")
                }
            case 0x00..<0x20:
                throw failure("control character in string")
            default:
                raw.append(byte)
            }
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= bytes.count,
            let value = UInt32(String(decoding: bytes[index..<index + 4], as: UTF8.self), radix: 16)
        else {
            throw failure("invalid \\u escape")
        }
        index += 4
        return value
    }
}
