/// A quick fix: one of a finding's fixes, placed in the editor's coordinates.
struct EditorQuickFix: Sendable {
    var title: String
    var range: EditorRange
    var replacement: String
    /// The finding it fixes.
    var diagnostic: Diagnostic
    /// True for the only fix of its finding (an editor may apply it on its own).
    var isPreferred: Bool
}

extension EditorDocument {
    /// The fixes of the findings whose span meets `range`.
    func quickFixes(in range: EditorRange) -> [EditorQuickFix] {
        diagnostics.flatMap { diagnostic -> [EditorQuickFix] in
            guard let location = diagnostic.location, location.file == file else { return [] }
            let span = text.range(of: location)
            guard span.start <= range.end, range.start <= span.end else { return [] }
            return diagnostic.fixes.filter { $0.location.file == file }.map {
                EditorQuickFix(
                    title: $0.title, range: text.range(of: $0.location), replacement: $0.replacement,
                    diagnostic: diagnostic, isPreferred: diagnostic.fixes.count == 1)
            }
        }
    }
}
