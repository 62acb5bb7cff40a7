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
            case .failure(.noFileAccess):
                report(
                    .includedFileUnreadable, "source file '\(source)' is not read: this compiler reads no files",
                    """
                    give the content inline; a program that compiles blueprints grants file access with \
                    Compiler(files:)
                    """
                )
            case .failure(.outsideFolder):
                report(
                    .includedFileUnreadable, "source file '\(source)' is outside the blueprint's folder",
                    """
                    source paths are relative to the blueprint's folder and stay in it; `hpcc --read-any-file` lifts \
                    this
                    """
                )
            case .failure(.unreadable):
                report(
                    .includedFileUnreadable,
                    "cannot read source file '\(BlueprintFiles.path(source, relativeTo: blueprint))'",
                    "source paths are relative to the blueprint's folder; the file must be UTF-8 text")
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
