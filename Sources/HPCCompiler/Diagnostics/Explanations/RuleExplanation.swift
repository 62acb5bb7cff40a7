/// The long form of a diagnostic code, for `hpcc explain`: why the rule exists, a blueprint
/// fragment that breaks it, and how to fix it.
public struct RuleExplanation: Hashable, Sendable {
    /// What the rule checks and why, in a few sentences.
    public var text: String
    /// A blueprint fragment that breaks the rule.
    public var example: String
    /// What to change.
    public var fix: String

    init(_ text: String, example: String, fix: String) {
        self.text = text
        self.example = example
        self.fix = fix
    }
}

extension DiagnosticCode {
    /// Every code's explanation, by code range.
    static let explanations: [DiagnosticCode: RuleExplanation] = syntaxExplanations.merging(schemaExplanations) {
        first, _ in first
    }
    .merging(ruleExplanations) { first, _ in first }.merging(targetExplanations) { first, _ in first }

    /// The explanation; every code has one (a test checks).
    public var explanation: RuleExplanation {
        Self.explanations[self] ?? RuleExplanation(summary, example: "", fix: "")
    }

    /// `hpcc explain`'s page for the code.
    public var manual: String {
        let explanation = explanation
        let example = explanation.example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
            .joined(separator: "\n")
        return """
            \(rawValue) (\(defaultSeverity.rawValue)): \(summary)

            \(explanation.text)

            Example:
            \(example)

            Fix: \(explanation.fix)

            """ + catalogSection
    }

    /// For the codes that judge settings by their effect, the built-in settings of that kind,
    /// from the catalog, so that this page, the module docs and the JSON schema agree.
    private var catalogSection: String {
        let settings = ModuleCatalog.builtIn.modules.flatMap { schema in
            schema.settings.compactMap { spec -> String? in
                switch (self, spec.effect) {
                case let (.settingNoEffect, .moot(text)), let (.settingNotSupported, .unsupported(text)):
                    "  \(schema.source): \(spec.name): \(text)"
                default:
                    nil
                }
            }
        }
        guard !settings.isEmpty else { return "" }
        return "\nSettings of this kind:\n" + settings.joined(separator: "\n") + "\n"
    }
}
