/// Splits a scalar into a `Template`: `$(expr)` anywhere, with `\$(` for a literal `$(`; and, as
/// in the Cluster Toolkit, Terraform text when the whole scalar is `((...))`, with `\((...))` for
/// that text literally. A `((` elsewhere is plain text (a shell script's `((n=n+1))`).
enum TemplateParser {
    /// Whether `text` as a whole is Terraform text, `((...))`.
    static func isTerraformText(_ text: String) -> Bool {
        text.count >= 4 && text.hasPrefix("((") && text.hasSuffix("))")
    }

    /// Parses `text`, written at `location` in `style`; syntax errors go to `diagnostics`.
    static func parse(
        _ text: String, at location: SourceLocation, style: ScalarStyle, diagnostics: inout Diagnostics
    ) -> Template {
        if isTerraformText(text) {
            return Template(segments: [.terraform(String(text.dropFirst(2).dropLast(2)))])
        }
        if text.hasPrefix("\\(("), isTerraformText(String(text.dropFirst())) {
            return Template(segments: [.literal(String(text.dropFirst()))])
        }
        let scalars = Array(text.unicodeScalars)
        let origin = ColumnMap(location: location, style: style, text: text)
        var segments: [Template.Segment] = []
        var literal = ""
        var index = 0
        func flush() {
            if !literal.isEmpty {
                segments.append(.literal(literal))
                literal = ""
            }
        }
        while index < scalars.count {
            let here = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let afterNext = index + 2 < scalars.count ? scalars[index + 2] : nil
            if here == "\\", next == "$", afterNext == "(" {
                literal.unicodeScalars.append(next!)
                literal.unicodeScalars.append(afterNext!)
                index += 3
            } else if here == "$", next == "(" {
                guard let close = closingParenthesis(in: scalars, openedAt: index + 1) else {
                    diagnostics.report(
                        .expressionSyntax, "'$(' is never closed", at: origin.at(index, length: 2),
                        help: "close the expression with ')', or write '\\$(' for a literal '$('")
                    return Template(segments: [.literal(text)])
                }
                flush()
                let body = Array(scalars[(index + 2)..<close])
                var parser = ExpressionParser(scalars: body, offset: index + 2, origin: origin)
                if let expression = parser.parseAll(diagnostics: &diagnostics) {
                    segments.append(.expression(expression))
                } else {
                    return Template(segments: [.literal(text)])
                }
                index = close + 1
            } else {
                literal.unicodeScalars.append(here)
                index += 1
            }
        }
        flush()
        return Template(segments: segments.isEmpty ? [.literal("")] : segments)
    }

    /// The index of the `)` matching the `(` at `open`, skipping string literals.
    private static func closingParenthesis(in scalars: [Unicode.Scalar], openedAt open: Int) -> Int? {
        var depth = 0
        var index = open
        var inString = false
        while index < scalars.count {
            let scalar = scalars[index]
            if inString {
                if scalar == "\\" {
                    index += 2
                    continue
                }
                if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "(" {
                depth += 1
            } else if scalar == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
            index += 1
        }
        return nil
    }
}

/// Maps an offset inside a scalar's text to a source position: column for column on the
/// scalar's first line, which is exact for a one-line plain or quoted scalar; the position also
/// carries the offset, so that `ScalarPlacement` can place it exactly in the source text (a scalar
/// over several lines, a block scalar) before findings leave the compiler.
struct ColumnMap {
    let location: SourceLocation
    let style: ScalarStyle
    let text: String

    func at(_ offset: Int, length: Int) -> SourceLocation {
        var position =
            switch style {
            case .plain: location.advanced(by: offset, length: length)
            case .singleQuoted, .doubleQuoted: location.advanced(by: offset + 1, length: length)
            case .literal, .folded: location
            }
        position.length = max(1, length)
        position.inScalar = ScalarSpan(
            text: text, offset: offset, style: style, line: location.line, column: location.column)
        return position
    }
}
