import Testing
@_spi(Tools) @testable import HPCCompiler

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

extension RuleCase {
    /// Compiles the blueprint and checks the findings: exactly `expected`, all errors, nothing
    /// written, and the help and message the case names (on the first finding; the message on
    /// any finding when `messageAnywhere`). Returns the result for checks of the caller's own.
    @discardableResult
    func check(
        messageAnywhere: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) -> CompileResult {
        let result = compile(blueprint)
        let described = "\(result.diagnostics.map { "\($0.code.rawValue) \($0.message)" })"
        #expect(positions(result.diagnostics) == expected, "\(described)", sourceLocation: sourceLocation)
        #expect(result.diagnostics.allSatisfy { $0.severity == .error }, "\(described)", sourceLocation: sourceLocation)
        #expect(result.files.isEmpty, sourceLocation: sourceLocation)
        if let message {
            let found =
                messageAnywhere
                ? result.diagnostics.contains { $0.message.contains(message) }
                : result.diagnostics.first?.message.contains(message) == true
            #expect(found, "\(described)", sourceLocation: sourceLocation)
        }
        if let help {
            #expect(
                result.diagnostics.first?.help?.contains(help) == true, "\(result.diagnostics.first?.help ?? "-")",
                sourceLocation: sourceLocation)
        }
        return result
    }
}
