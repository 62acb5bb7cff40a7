/// How plain scalar text reads as a boolean or number. hpcc follows YAML 1.2's core schema and
/// recognises YAML 1.1's extra forms only to warn about them.
enum YAMLCoreSchema {
    /// YAML 1.2 booleans: true/false in lower, title or upper case.
    static func bool(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// YAML 1.1 words that it reads as booleans but YAML 1.2 (and hpcc) read as strings.
    static func yaml11Bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "on": true
        case "no", "n", "off": false
        default: nil
        }
    }

    /// A YAML 1.2 integer: decimal with optional sign, `0x` hex or `0o` octal. Underscores are not allowed.
    static func int(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty else { return nil }
        let value: Int?
        if body.hasPrefix("0x") {
            value = Int(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("0o") {
            value = Int(body.dropFirst(2), radix: 8)
        } else if body.allSatisfy(\.isASCIIDigit) {
            value = Int(body)
        } else {
            value = nil
        }
        return value.map { negative ? -$0 : $0 }
    }

    /// True for decimal integers with a leading zero (`010`), which YAML 1.1 reads as octal.
    static func isLeadingZeroInteger(_ text: String) -> Bool {
        let body = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        return body.count > 1 && body.hasPrefix("0") && body.allSatisfy(\.isASCIIDigit)
    }

    /// A YAML 1.2 float (decimal point or exponent required; `.inf`/`.nan` rejected: no format hpcc writes holds them).
    static func float(_ text: String) -> Double? {
        let marks: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")]
        guard text.utf8.contains(where: marks.contains),
            text.utf8.allSatisfy({
                (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || marks.contains($0) || $0 == UInt8(ascii: "+")
                    || $0 == UInt8(ascii: "-")
            }),
            let value = Double(text), value.isFinite
        else { return nil }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
