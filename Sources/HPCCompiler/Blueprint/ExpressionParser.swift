/// Parses the inside of one `$(...)`: literals (numbers, strings, `true`, `false`, `null`, lists
/// `[a, b]` and objects `{k = v}` or `{k: v}`), `vars.x`, `module.output`, `[index]`,
/// `.attribute`, `+ - * / %`, parentheses and calls. Line breaks are blanks, as in HCL.
struct ExpressionParser {
    private enum Token: Equatable {
        case identifier(String)
        case int(Int)
        case float(Double)
        case string(String)
        case symbol(Character)
        case end
    }

    private var tokens: [(token: Token, offset: Int, length: Int)] = []
    private var position = 0
    private let origin: ColumnMap
    private var lexError: (String, Int)?
    /// How deep the parser has recursed (parentheses, brackets, braces, minus signs, calls).
    private var depth = 0
    /// The deepest an expression may nest, while parsing and as a tree (`a + b + c` is a chain
    /// two levels deep): far above any real expression, low enough that no recursive reader of
    /// it runs out of stack.
    static let depthLimit = 64

    init(scalars: [Unicode.Scalar], offset: Int, origin: ColumnMap) {
        self.origin = origin
        tokenize(scalars, base: offset)
    }

    /// Parses the whole body; nil (and a diagnostic) on a syntax error.
    mutating func parseAll(diagnostics: inout Diagnostics) -> Expression? {
        if let (message, offset) = lexError {
            diagnostics.report(.expressionSyntax, message, at: origin.at(offset, length: 1))
            return nil
        }
        if tokens.first?.token == .end {
            diagnostics.report(
                .expressionSyntax, "empty expression '$()'", at: origin.at(max(0, tokens[0].offset - 2), length: 3))
            return nil
        }
        do {
            let expression = try parseBinary(minimumPrecedence: 1)
            guard current.token == .end else { throw failure("unexpected \(describe(current.token)) in expression") }
            guard !expression.nests(deeperThan: Self.depthLimit) else {
                diagnostics.report(
                    .nestingTooDeep, "the expression nests deeper than \(Self.depthLimit) levels",
                    at: origin.at(tokens[0].offset, length: 1), help: "split it with variables")
                return nil
            }
            return expression
        } catch let error as ParseFailure {
            diagnostics.report(error.code, error.message, at: origin.at(error.offset, length: error.length))
            return nil
        } catch {
            return nil
        }
    }

    private struct ParseFailure: Error {
        let message: String
        let offset: Int
        let length: Int
        var code = DiagnosticCode.expressionSyntax
    }

    private var current: (token: Token, offset: Int, length: Int) { tokens[position] }

    private func failure(_ message: String) -> ParseFailure {
        ParseFailure(message: message, offset: current.offset, length: current.length)
    }

    private func location() -> SourceLocation {
        origin.at(current.offset, length: current.length)
    }

    private mutating func parseBinary(minimumPrecedence: Int) throws -> Expression {
        var lhs = try parseUnary()
        while case let .symbol(symbol) = current.token, let op = BinaryOperator(rawValue: String(symbol)),
            op.precedence >= minimumPrecedence
        {
            let at = location()
            position += 1
            let rhs = try parseBinary(minimumPrecedence: op.precedence + 1)
            lhs = .binary(op, lhs, rhs, at)
        }
        return lhs
    }

    private mutating func parseUnary() throws -> Expression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.depthLimit else {
            throw ParseFailure(
                message: "the expression nests deeper than \(Self.depthLimit) levels", offset: current.offset,
                length: current.length, code: .nestingTooDeep)
        }
        if current.token == .symbol("-") {
            let at = location()
            position += 1
            return .negate(try parseUnary(), at)
        }
        return try parsePostfix(try parsePrimary())
    }

    private mutating func parsePrimary() throws -> Expression {
        let at = location()
        switch current.token {
        case let .int(number):
            position += 1
            return .int(number)
        case let .float(number):
            position += 1
            return .float(number)
        case let .string(text):
            position += 1
            return .string(text)
        case .symbol("("):
            position += 1
            let inner = try parseBinary(minimumPrecedence: 1)
            try expect(")")
            return inner
        case .symbol("["):
            position += 1
            var elements: [Expression] = []
            while current.token != .symbol("]") {
                elements.append(try parseBinary(minimumPrecedence: 1))
                guard current.token == .symbol(",") else { break }
                position += 1
            }
            try expect("]")
            return .list(elements, at)
        case .symbol("{"):
            position += 1
            return .object(try parseMembers(), at)
        case let .identifier(name)
        where ["true", "false", "null"].contains(name) && current.token != .symbol(".")
            && tokens[position + 1].token != .symbol("(")
            && tokens[position + 1].token != .symbol("."):
            position += 1
            return name == "null" ? .null : .bool(name == "true")
        case let .identifier(name):
            position += 1
            if current.token == .symbol("(") {
                position += 1
                var arguments: [Expression] = []
                if current.token != .symbol(")") {
                    repeat {
                        if current.token == .symbol(",") { position += 1 }
                        arguments.append(try parseBinary(minimumPrecedence: 1))
                    } while current.token == .symbol(",")
                }
                try expect(")")
                return .call(name, arguments, at)
            }
            guard current.token == .symbol(".") else {
                throw ParseFailure(
                    message: "'\(name)' is not a reference; write 'vars.NAME' or 'MODULE_ID.OUTPUT'",
                    offset: tokens[position - 1].offset, length: tokens[position - 1].length)
            }
            position += 1
            guard case let .identifier(member) = current.token else {
                throw failure("expected a name after '\(name).'")
            }
            let span = current.offset + current.length - tokens[position - 2].offset
            let whole = origin.at(tokens[position - 2].offset, length: span)
            position += 1
            return name == "vars" ? .variable(member, whole) : .output(ModuleID(name), member, whole)
        default:
            throw failure("expected a value, found \(describe(current.token))")
        }
    }

    /// The members of an object literal after its `{`, through the closing `}`. Members are
    /// separated by commas or, where a plain scalar folded the line breaks away, by blanks.
    private mutating func parseMembers() throws -> [ObjectMember] {
        var members: [ObjectMember] = []
        while current.token != .symbol("}") {
            let key: String
            switch current.token {
            case let .identifier(name): key = name
            case let .string(text): key = text
            default: throw failure("expected a key in the object, found \(describe(current.token))")
            }
            if members.contains(where: { $0.key == key }) { throw failure("the object names '\(key)' twice") }
            position += 1
            guard current.token == .symbol("=") || current.token == .symbol(":") else {
                throw failure("expected '=' after '\(key)', found \(describe(current.token))")
            }
            position += 1
            members.append(ObjectMember(key: key, value: try parseBinary(minimumPrecedence: 1)))
            if current.token == .symbol(",") { position += 1 }
        }
        try expect("}")
        return members
    }

    private mutating func parsePostfix(_ base: Expression) throws -> Expression {
        var expression = base
        while true {
            let at = location()
            if current.token == .symbol("[") {
                position += 1
                let index = try parseBinary(minimumPrecedence: 1)
                try expect("]")
                expression = .index(expression, index, at)
            } else if current.token == .symbol(".") {
                position += 1
                guard case let .identifier(name) = current.token else {
                    throw failure("expected an attribute name after '.'")
                }
                position += 1
                expression = .attribute(expression, name, at)
            } else {
                return expression
            }
        }
    }

    private mutating func expect(_ symbol: Character) throws {
        guard current.token == .symbol(symbol) else {
            throw failure("expected '\(symbol)', found \(describe(current.token))")
        }
        position += 1
    }

    private func describe(_ token: Token) -> String {
        switch token {
        case let .identifier(name): "'\(name)'"
        case let .int(number): "'\(number)'"
        case let .float(number): "'\(number)'"
        case .string: "a string"
        case let .symbol(symbol): "'\(symbol)'"
        case .end: "the end of the expression"
        }
    }

    private mutating func tokenize(_ scalars: [Unicode.Scalar], base: Int) {
        var index = 0
        func isIdentifierStart(_ s: Unicode.Scalar) -> Bool { NameRules.isLetter(s) || s == "_" }
        func isIdentifierPart(_ s: Unicode.Scalar) -> Bool { NameRules.isWord(s) || s == "-" }
        while index < scalars.count {
            let scalar = scalars[index]
            let start = index
            if scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
                index += 1
            } else if isIdentifierStart(scalar) {
                while index < scalars.count, isIdentifierPart(scalars[index]) { index += 1 }
                // A trailing '-' belongs to a following operator, not to the name.
                while index > start + 1, scalars[index - 1] == "-" { index -= 1 }
                tokens.append(
                    (.identifier(String(String.UnicodeScalarView(scalars[start..<index]))), base + start, index - start)
                )
            } else if NameRules.isDigit(scalar) {
                while index < scalars.count, NameRules.isDigit(scalars[index]) || scalars[index] == "." { index += 1 }
                let text = String(String.UnicodeScalarView(scalars[start..<index]))
                if let number = Int(text) {
                    tokens.append((.int(number), base + start, index - start))
                } else if let number = Double(text) {
                    tokens.append((.float(number), base + start, index - start))
                } else {
                    lexError = ("'\(text)' is not a number", base + start)
                    return
                }
            } else if scalar == "\"" {
                index += 1
                var text = ""
                var closed = false
                while index < scalars.count {
                    let c = scalars[index]
                    if c == "\\", index + 1 < scalars.count {
                        let escaped = scalars[index + 1]
                        text.unicodeScalars.append(escaped == "n" ? "\n" : escaped == "t" ? "\t" : escaped)
                        index += 2
                        continue
                    }
                    index += 1
                    if c == "\"" {
                        closed = true
                        break
                    }
                    text.unicodeScalars.append(c)
                }
                guard closed else {
                    lexError = ("unterminated string in expression", base + start)
                    return
                }
                tokens.append((.string(text), base + start, index - start))
            } else if "+-*/%()[].,{}=:".unicodeScalars.contains(scalar) {
                tokens.append((.symbol(Character(scalar)), base + start, 1))
                index += 1
            } else {
                lexError = ("unexpected character '\(scalar)' in expression", base + start)
                return
            }
        }
        tokens.append((.end, base + scalars.count, 1))
    }
}
