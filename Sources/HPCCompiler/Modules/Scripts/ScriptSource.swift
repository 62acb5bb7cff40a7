/// A script given inline (`content`) or as a file beside the blueprint (`source`), as startup-script
/// runners and job scripts take it.
enum ScriptSource {
    /// The script's text; nil when neither or both are given or the file cannot be read (reported
    /// through `report(code, message, help)`).
    static func text(
        content: String?, source: String?, blueprint: String, files: BlueprintFiles,
        report: (DiagnosticCode, String, String?) -> Void, wrongShape: DiagnosticCode
    ) -> String? {
        switch (content, source) {
        case let (content?, nil):
            return content
        case let (nil, source?):
            switch files.read(source, relativeTo: blueprint) {
            case let .success(text):
                return text
            case let .failure(refusal):
                report(
                    .includedFileUnreadable, "source file " + refusal.reason(source, relativeTo: blueprint),
                    refusal.help)
            }
            return nil
        case (_?, _?):
            report(wrongShape, "give either content or source, not both", nil)
            return nil
        case (nil, nil):
            report(wrongShape, "give content (the text inline) or source (a file)", nil)
            return nil
        }
    }
}
