/// Lower reads what `ghpc_stage()` copies (the IR only holds the copies).
extension StagedCopy {
    /// The copies of every staged file or folder, read through `files`; what cannot be read is
    /// an error at the `ghpc_stage()` call.
    static func read(
        _ staged: [StagedFile], files: BlueprintFiles, blueprint: String, diagnostics: inout Diagnostics
    ) -> [StagedCopy] {
        staged.flatMap { file -> [StagedCopy] in
            switch files.tree(file.source, relativeTo: blueprint) {
            case let .success(tree):
                return tree.map {
                    StagedCopy(
                        path: $0.path.isEmpty ? file.destination : "\(file.destination)/\($0.path)", text: $0.text)
                }
            case let .failure(refusal):
                diagnostics.report(
                    .includedFileUnreadable,
                    "ghpc_stage() cannot copy: \(refusal.reason(file.source, relativeTo: blueprint))",
                    at: file.location, help: refusal.help)
                return []
            }
        }
    }
}
