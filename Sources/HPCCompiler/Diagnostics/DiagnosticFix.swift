/// An edit that fixes a finding: `replacement` in place of the text at `location` (its line, column and length).
public struct DiagnosticFix: Hashable, Sendable {
    /// What the edit does, for an editor's menu ("Replace with 'machine_type'").
    public var title: String
    /// The text to put in place of the located span.
    public var replacement: String
    /// The span to replace: its line, its 1-based column in Unicode scalars, and its length.
    public var location: SourceLocation
    /// The text the compiler expects in the span, checked against the source before the finding
    /// leaves the compiler (a fix whose span holds other text is dropped, never offered); nil once
    /// checked, and for a fix made from outside the compiler.
    var original: String?

    /// Creates a fix.
    public init(title: String, replacement: String, location: SourceLocation) {
        self.title = title
        self.replacement = replacement
        self.location = location
    }

    /// A fix replacing the word `original`, written at `location`, with `replacement`: a mapping key,
    /// a scalar value (its quotes, if it has any, are kept) or a name inside a `$(...)` expression.
    init(replacing original: String, at location: SourceLocation, with replacement: String, title: String? = nil) {
        self.init(title: title ?? "Replace with '\(replacement)'", replacement: replacement, location: location)
        self.original = original
    }
}
