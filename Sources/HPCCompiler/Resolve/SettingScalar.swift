/// Types one literal scalar by the setting's type, closing YAML 1.1's traps: a plain `on` given
/// to a string setting stays the string "on" (with a warning), `010` is decimal 10, and quoted
/// numbers and booleans are errors, not silently converted.
enum SettingScalar {
    static func type(
        _ text: String, style: ScalarStyle, tag: String?, as type: SettingType, at location: SourceLocation,
        what: String,
        diagnostics: inout Diagnostics
    ) -> Value? {
        let plain = style == .plain && tag == nil
        if tag == "tag:yaml.org,2002:null" { return .null }
        switch type {
        case .string:
            if plain, let flag = YAMLCoreSchema.yaml11Bool(text) {
                diagnostics.report(
                    .yaml11Scalar, "'\(text)' in \(what) is the string \"\(text)\"; YAML 1.1 tools read it as \(flag)",
                    at: location,
                    help: "quote it to make the string explicit", fixes: [quoting(text, at: location)])
            } else if plain, YAMLCoreSchema.isLeadingZeroInteger(text) {
                diagnostics.report(
                    .yaml11Scalar,
                    "'\(text)' in \(what) is the string \"\(text)\"; YAML 1.1 tools read it as an octal number",
                    at: location,
                    help: "quote it to make the string explicit", fixes: [quoting(text, at: location)])
            }
            return .string(text)
        case .number:
            guard style == .plain, tag == nil || tag == "tag:yaml.org,2002:int" || tag == "tag:yaml.org,2002:float"
            else {
                return mismatch(
                    text, quoted: style != .plain, quote: quoteCharacter(style), as: type, at: location, what: what,
                    diagnostics: &diagnostics)
            }
            if YAMLCoreSchema.isLeadingZeroInteger(text), let number = Int(text) {
                let octal = "0o\(text.drop { $0 == "0" })"
                diagnostics.report(
                    .yaml11Scalar, "'\(text)' in \(what) is read as decimal \(number); YAML 1.1 tools read it as octal",
                    at: location,
                    help: "drop the leading zero, or write \(octal) for octal",
                    fixes: [
                        DiagnosticFix(
                            replacing: text, at: location, with: "\(number)", title: "Drop the leading zero"),
                        DiagnosticFix(replacing: text, at: location, with: octal, title: "Write \(octal) for octal"),
                    ])
                return .int(number)
            }
            if let number = YAMLCoreSchema.int(text) { return .int(number) }
            if let number = YAMLCoreSchema.float(text) { return .float(number) }
            return mismatch(text, quoted: false, as: type, at: location, what: what, diagnostics: &diagnostics)
        case .bool:
            guard style == .plain, tag == nil || tag == "tag:yaml.org,2002:bool" else {
                return mismatch(
                    text, quoted: style != .plain, quote: quoteCharacter(style), as: type, at: location, what: what,
                    diagnostics: &diagnostics)
            }
            if let flag = YAMLCoreSchema.bool(text) { return .bool(flag) }
            if let flag = YAMLCoreSchema.yaml11Bool(text) {
                diagnostics.report(
                    .yaml11Scalar, "'\(text)' in \(what) is read as \(flag), but YAML 1.2 reads it as a string",
                    at: location,
                    help: "write \(flag)", fixes: [DiagnosticFix(replacing: text, at: location, with: "\(flag)")])
                return .bool(flag)
            }
            return mismatch(text, quoted: false, as: type, at: location, what: what, diagnostics: &diagnostics)
        case .any:
            guard plain else { return .string(text) }
            if let flag = YAMLCoreSchema.bool(text) { return .bool(flag) }
            if let number = YAMLCoreSchema.int(text), !YAMLCoreSchema.isLeadingZeroInteger(text) { return .int(number) }
            if let number = YAMLCoreSchema.float(text) { return .float(number) }
            return .string(text)
        case .list, .map, .object:
            diagnostics.report(
                .typeMismatch, "\(what) must be \(TypeWords.describe(type)), not the scalar '\(text)'", at: location)
            return nil
        }
    }

    private static func quoteCharacter(_ style: ScalarStyle) -> String? {
        switch style {
        case .singleQuoted: "'"
        case .doubleQuoted: "\""
        case .plain, .literal, .folded: nil
        }
    }

    /// The fix that quotes the plain scalar `text` written at `location`.
    private static func quoting(_ text: String, at location: SourceLocation) -> DiagnosticFix {
        DiagnosticFix(replacing: text, at: location, with: "\"\(text)\"", title: "Quote '\(text)'")
    }

    private static func mismatch(
        _ text: String, quoted: Bool, quote: String? = nil, as type: SettingType, at location: SourceLocation,
        what: String, diagnostics: inout Diagnostics
    ) -> Value? {
        let looksRight =
            type == .number
            ? (YAMLCoreSchema.int(text) != nil || YAMLCoreSchema.float(text) != nil)
            : (YAMLCoreSchema.bool(text) != nil)
        // The quoted token as written: checked against the text, so a quote with escapes is not offered.
        let written = quote.map { $0 + text + $0 }
        diagnostics.report(
            .typeMismatch,
            "\(what) must be \(TypeWords.describe(type)), not \(quoted ? "the string \"\(text)\"" : "'\(text)'")",
            at: location,
            help: quoted && looksRight ? "remove the quotes" : nil,
            fixes: looksRight && quoted
                ? written.map { [DiagnosticFix(replacing: $0, at: location, with: text, title: "Remove the quotes")] }
                    ?? [] : [])
        return nil
    }
}

/// Words for types and values in messages.
enum TypeWords {
    static func describe(_ type: SettingType) -> String {
        switch type {
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .any: "a value"
        case .list: "a list"
        case .map: "a mapping"
        case .object: "a mapping (\(type.terraformSyntax))"
        }
    }

    static func describe(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .float: "a number"
        case .string, .template: "a string"
        case .list: "a list"
        case .map: "a mapping"
        case .output: "a module output"
        case .terraform: "a Terraform expression"
        }
    }
}

/// Normal form of interpolated strings.
enum TemplateParts {
    /// Adjacent literals joined; a template of literals only becomes a plain string.
    static func normalize(_ parts: [TemplatePart]) -> Value {
        var joined: [TemplatePart] = []
        for part in parts {
            if case let .literal(text) = part, case let .literal(previous)? = joined.last {
                joined[joined.count - 1] = .literal(previous + text)
            } else if case .literal("") = part {
                continue
            } else {
                joined.append(part)
            }
        }
        if joined.isEmpty { return .string("") }
        if joined.count == 1, case let .literal(text) = joined[0] { return .string(text) }
        return .template(joined)
    }
}
