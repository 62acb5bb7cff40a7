/// Splits a scalar into a `Template`: `$(expr)`, `((terraform))`, and the escapes `\$(` and `\((`.
public enum TemplateParser {
    /// Parses `text`, written at `location` in `style`; syntax errors go to `diagnostics`.
    public static func parse(_ text: String, at location: SourceLocation, style: ScalarStyle, diagnostics: inout Diagnostics) -> Template {
        let scalars = Array(text.unicodeScalars)
        let origin = ColumnMap(location: location, style: style)
        var segments: [Template.Segment] = []
        var literal = ""
        var index = 0
        func flush() {
            if !literal.isEmpty { segments.append(.literal(literal)); literal = "" }
        }
        while index < scalars.count {
            let here = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            let afterNext = index + 2 < scalars.count ? scalars[index + 2] : nil
            if here == "\\", (next == "$" && afterNext == "(") || (next == "(" && afterNext == "(") {
                literal.unicodeScalars.append(next!)
                literal.unicodeScalars.append(afterNext!)
                index += 3
            } else if here == "$", next == "(" {
                guard let close = closingParenthesis(in: scalars, openedAt: index + 1) else {
                    diagnostics.report(.expressionSyntax, "'$(' is never closed", at: origin.at(index, length: 2),
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
            } else if here == "(", next == "(" {
                guard let close = closingDoubleParenthesis(in: scalars, from: index + 2) else {
                    diagnostics.report(.expressionSyntax, "'((' is never closed with '))'", at: origin.at(index, length: 2),
                                       help: "write '\\((' for a literal '(('")
                    return Template(segments: [.literal(text)])
                }
                flush()
                segments.append(.terraform(String(String.UnicodeScalarView(scalars[(index + 2)..<close]))))
                index = close + 2
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
                if scalar == "\\" { index += 2; continue }
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

    /// The index of the `))` that closes a `((` whose body starts at `start`, balancing parentheses inside.
    private static func closingDoubleParenthesis(in scalars: [Unicode.Scalar], from start: Int) -> Int? {
        var depth = 0
        var index = start
        while index < scalars.count {
            if scalars[index] == "(" { depth += 1 }
            if scalars[index] == ")" {
                if depth == 0, index + 1 < scalars.count, scalars[index + 1] == ")" { return index }
                depth -= 1
            }
            index += 1
        }
        return nil
    }
}

/// Maps an offset inside a scalar's text to a source position (exact for single-line plain and
/// quoted scalars without escapes; the scalar's start otherwise).
struct ColumnMap {
    let location: SourceLocation
    let style: ScalarStyle

    func at(_ offset: Int, length: Int) -> SourceLocation {
        switch style {
        case .plain: location.advanced(by: offset, length: length)
        case .singleQuoted, .doubleQuoted: location.advanced(by: offset + 1, length: length)
        case .literal, .folded: location
        }
    }
}
