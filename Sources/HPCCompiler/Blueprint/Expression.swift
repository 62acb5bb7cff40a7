/// A `$(...)` expression.
indirect enum Expression: Hashable, Sendable {
    case int(Int)
    case float(Double)
    case string(String)
    /// `true` and `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// `[a, b]`.
    case list([Expression], SourceLocation)
    /// `{key = a, other: b}`.
    case object([ObjectMember], SourceLocation)
    /// `vars.NAME`.
    case variable(String, SourceLocation)
    /// `MODULE_ID.OUTPUT`.
    case output(ModuleID, String, SourceLocation)
    /// `base[index]`.
    case index(Expression, Expression, SourceLocation)
    /// `base.name` (after the first reference step).
    case attribute(Expression, String, SourceLocation)
    /// `-x`.
    case negate(Expression, SourceLocation)
    /// `a + b` and friends.
    case binary(BinaryOperator, Expression, Expression, SourceLocation)
    /// `name(args)`.
    case call(String, [Expression], SourceLocation)

    /// Where the expression starts.
    var location: SourceLocation? {
        switch self {
        case .int, .float, .string, .bool, .null: nil
        case let .list(_, location), let .object(_, location): location
        case let .variable(_, location), let .output(_, _, location), let .index(_, _, location),
            let .attribute(_, _, location), let .negate(_, location), let .binary(_, _, _, location),
            let .call(_, _, location):
            location
        }
    }

    /// Every `vars.NAME` inside, with positions.
    var variables: [(String, SourceLocation)] {
        references.compactMap { reference in
            if case let .variable(name, location) = reference { return (name, location) }
            return nil
        }
    }

    /// The expressions directly inside.
    var subexpressions: [Expression] {
        switch self {
        case .int, .float, .string, .bool, .null, .variable, .output: []
        case let .list(elements, _): elements
        case let .object(members, _): members.map(\.value)
        case let .index(base, index, _): [base, index]
        case let .attribute(base, _, _), let .negate(base, _): [base]
        case let .binary(_, lhs, rhs, _): [lhs, rhs]
        case let .call(_, arguments, _): arguments
        }
    }

    /// Whether the tree is more than `limit` levels deep, found without recursion (so a tree too
    /// deep for the recursive readers is told apart safely).
    func nests(deeperThan limit: Int) -> Bool {
        var pending = [(self, 1)]
        while let (expression, level) = pending.popLast() {
            if level > limit { return true }
            pending += expression.subexpressions.map { ($0, level + 1) }
        }
        return false
    }

    /// Every reference inside (`vars.NAME` and `MODULE_ID.OUTPUT`), in the order written.
    var references: [Expression] {
        switch self {
        case .int, .float, .string, .bool, .null: []
        case .variable, .output: [self]
        case let .list(elements, _): elements.flatMap(\.references)
        case let .object(members, _): members.flatMap(\.value.references)
        case let .index(base, index, _): base.references + index.references
        case let .attribute(base, _, _), let .negate(base, _): base.references
        case let .binary(_, lhs, rhs, _): lhs.references + rhs.references
        case let .call(_, arguments, _): arguments.flatMap(\.references)
        }
    }
}

/// One `key = value` of an object literal.
struct ObjectMember: Hashable, Sendable {
    /// The key.
    var key: String
    /// The value.
    var value: Expression
}

/// Arithmetic operators.
enum BinaryOperator: String, Hashable, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", remainder = "%"

    var precedence: Int {
        switch self {
        case .add, .subtract: 1
        case .multiply, .divide, .remainder: 2
        }
    }
}

/// A string scalar split into literal text, `$(...)` expressions and `((...))` Terraform text.
struct Template: Hashable, Sendable {
    /// One piece.
    enum Segment: Hashable, Sendable {
        case literal(String)
        case expression(Expression)
        case terraform(String)
    }

    /// The pieces in order.
    var segments: [Segment]

    /// True when the scalar holds no expression at all.
    var isLiteral: Bool {
        segments.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    /// The literal text, when the scalar holds no expression.
    var literalText: String? {
        guard isLiteral else { return nil }
        return segments.map { if case let .literal(text) = $0 { text } else { "" } }.joined()
    }

    /// The single expression, when the scalar is exactly one `$(...)` (which keeps its type).
    var soleExpression: Expression? {
        guard segments.count == 1, case let .expression(expression) = segments[0] else { return nil }
        return expression
    }

    /// Every expression inside.
    var expressions: [Expression] {
        segments.compactMap { if case let .expression(expression) = $0 { expression } else { nil } }
    }
}
