/// JSON text read into `JSON`: a dashboard widget a blueprint holds (which hpcc writes back in
/// its own canonical form), and the language server's messages. A number is whole (`.int`) when
/// its value is a whole number that fits, so `1.0` and `1e2` stay whole; a repeated key keeps its
/// first value; a trailing comma is tolerated. Nesting is limited, so no input exhausts the stack.
enum JSONText {
    /// The deepest nesting read.
    static let depthLimit = 512

    /// What a `\uD83D` escape that is not half of a pair becomes.
    enum LoneSurrogates {
        /// The text is not JSON (as for a dashboard a blueprint holds).
        case refused
        /// U+FFFD (as an editor's text may hold one: JavaScript strings can).
        case replaced
    }

    /// The value `text` spells, or nil when it is not JSON.
    static func parse(_ text: String, loneSurrogates: LoneSurrogates = .refused) -> JSON? {
        var reader = Reader(bytes: Array(text.utf8), loneSurrogates: loneSurrogates)
        guard let value = reader.value(depth: 0) else { return nil }
        reader.skipBlanks()
        return reader.index == reader.bytes.count ? value : nil
    }

    private struct Reader {
        let bytes: [UInt8]
        let loneSurrogates: LoneSurrogates
        var index = 0

        mutating func skipBlanks() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        private mutating func take(_ literal: String) -> Bool {
            let expected = Array(literal.utf8)
            guard bytes.count - index >= expected.count, Array(bytes[index..<(index + expected.count)]) == expected
            else { return false }
            index += expected.count
            return true
        }

        mutating func value(depth: Int) -> JSON? {
            skipBlanks()
            guard index < bytes.count, depth < JSONText.depthLimit else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string().map(JSON.string)
            case UInt8(ascii: "t"): return take("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return take("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return take("null") ? .null : nil
            default: return number()
            }
        }

        private mutating func object(depth: Int) -> JSON? {
            index += 1
            var members: [String: JSON] = [:]
            while true {
                skipBlanks()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                guard bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
                skipBlanks()
                guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
                index += 1
                guard let value = value(depth: depth + 1) else { return nil }
                if members[key] == nil { members[key] = value }
                guard separator(closing: "}") else { return nil }
            }
        }

        private mutating func array(depth: Int) -> JSON? {
            index += 1
            var elements: [JSON] = []
            while true {
                skipBlanks()
                guard index < bytes.count else { return nil }
                if bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(elements)
                }
                guard let element = value(depth: depth + 1) else { return nil }
                elements.append(element)
                guard separator(closing: "]") else { return nil }
            }
        }

        /// After a member or element: a comma, or the closing bracket (left for the caller).
        private mutating func separator(closing: Unicode.Scalar) -> Bool {
            skipBlanks()
            guard index < bytes.count else { return false }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                return true
            }
            return bytes[index] == UInt8(ascii: closing)
        }

        private mutating func string() -> String? {
            index += 1
            var text: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: text, as: UTF8.self)
                }
                guard byte >= 0x20 else { return nil }
                guard byte == UInt8(ascii: "\\") else {
                    text.append(byte)
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else { return nil }
                let escape = bytes[index + 1]
                index += 2
                let scalar: Unicode.Scalar
                switch escape {
                case UInt8(ascii: "\""): scalar = "\""
                case UInt8(ascii: "\\"): scalar = "\\"
                case UInt8(ascii: "/"): scalar = "/"
                case UInt8(ascii: "b"): scalar = "\u{8}"
                case UInt8(ascii: "f"): scalar = "\u{C}"
                case UInt8(ascii: "n"): scalar = "\n"
                case UInt8(ascii: "r"): scalar = "\r"
                case UInt8(ascii: "t"): scalar = "\t"
                case UInt8(ascii: "u"):
                    guard let escaped = unicodeEscape() else { return nil }
                    scalar = escaped
                default: return nil
                }
                text += Array(String(scalar).utf8)
            }
            return nil
        }

        /// The scalar of `\uXXXX` (read after the `u`), joining a surrogate pair; a lone surrogate
        /// as `loneSurrogates` says.
        private mutating func unicodeEscape() -> Unicode.Scalar? {
            guard let high = hex4() else { return nil }
            let lone: Unicode.Scalar? = loneSurrogates == .replaced ? "\u{FFFD}" : nil
            if (0xD800..<0xDC00).contains(high) {
                let resume = index
                guard take("\\u"), let low = hex4(), (0xDC00..<0xE000).contains(low) else {
                    index = resume
                    return lone
                }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(high) ?? lone
        }

        private mutating func hex4() -> UInt32? {
            guard bytes.count - index >= 4,
                let value = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
            else { return nil }
            index += 4
            return value
        }

        private mutating func number() -> JSON? {
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - first
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integerStart = index
            let integerDigits = digits()
            guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { return nil }
            var whole = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return nil }
                whole = false
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                    index += 1
                }
                guard digits() > 0 else { return nil }
                whole = false
            }
            let literal = String(decoding: bytes[start..<index], as: UTF8.self)
            if whole, let number = Int(literal) { return .int(number) }
            guard let number = Double(literal), number.isFinite else { return nil }
            if number.rounded() == number, abs(number) < 9.2e18 { return .int(Int(number)) }
            return .double(number)
        }
    }
}
