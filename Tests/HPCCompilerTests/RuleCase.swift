import Testing

/// A blueprint that breaks one rule, and `positions(...)` of exactly what it must report.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let name: String
    let blueprint: String
    /// `line:column code` of every diagnostic, in order.
    let expected: [String]
    /// Text the first diagnostic's help must contain.
    var help: String? = nil
    /// Text the first diagnostic's message must contain.
    var message: String? = nil

    var testDescription: String { name }
}
