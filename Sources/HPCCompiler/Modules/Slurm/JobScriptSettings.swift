/// The Toolkit's `prolog_scripts`, `epilog_scripts`, `task_prolog_scripts` and `task_epilog_scripts`:
/// lists of `{filename, content}` or `{filename, source}`, read and checked the same way for the
/// Google Cloud controller and for existing clusters.
enum JobScriptSettings {
    /// One script of a list.
    static let scriptType = SettingType.object([
        .required("filename", .string), .optional("content", .string), .optional("source", .string),
    ])

    /// The setting of `kind`'s list.
    static func key(_ kind: JobScripts.Kind) -> SettingKey<Value> { SettingKey(kind.setting) }

    /// The four list settings.
    static let specs: [SettingSpec] = JobScripts.Kind.allCases.map { kind in
        SettingSpec(
            kind.setting, .list(scriptType),
            """
            \(description(kind)) Each is `filename` (letters, digits, '.', '_', '-') with `content` (the text, \
            starting with `#!`) or `source` (a file beside the blueprint). slurm.conf's `\(kind.confKey)` names \
            hpcc's runner, which runs them in name order and stops at the first that fails.
            """,
            default: .list([]))
    }

    private static func description(_ kind: JobScripts.Kind) -> String {
        switch kind {
        case .prolog: "Scripts slurmd runs as root on each node before a job's first step there."
        case .epilog: "Scripts slurmd runs as root on each node when a job ends there."
        case .taskProlog:
            "Scripts run as the job's owner before each task; lines they print as `export NAME=value` set the task's "
                + "environment."
        case .taskEpilog: "Scripts run as the job's owner after each task."
        }
    }

    /// The file-name rule: no folder, no hidden file, nothing a shell or slurm.conf must quote.
    static func isValidName(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        return (1...100).contains(scalars.count) && (NameRules.isLetter(scalars[0]) || NameRules.isDigit(scalars[0]))
            && scalars.allSatisfy { NameRules.isWord($0) || $0 == "." || $0 == "-" }
    }

    /// Every list, checked: names valid and distinct within a list, content readable and starting
    /// with `#!` (slurmd runs each file directly). A bad entry is reported at its place and left out.
    static func read(
        _ settings: SettingReader, diagnostics: inout Diagnostics
    ) -> [JobScripts.Kind: [JobScripts.Script]] {
        var result: [JobScripts.Kind: [JobScripts.Script]] = [:]
        for kind in JobScripts.Kind.allCases {
            let key = key(kind)
            let entries = settings.read(defaulted: key, diagnostics: &diagnostics).list ?? []
            var seen = Set<String>()
            var scripts: [JobScripts.Script] = []
            for (index, entry) in entries.enumerated() {
                guard let fields = entry.map, let name = fields["filename"]?.string else { continue }
                let nameAt = settings.location(key, [.index(index), .key("filename")])
                func report(_ code: DiagnosticCode, _ message: String, _ help: String?, at: SourceLocation) {
                    diagnostics.report(
                        code, "\(kind.setting)[\(index)] of module '\(settings.id)': \(message)", at: at, help: help)
                }
                guard isValidName(name) else {
                    report(
                        .invalidJobScript, "file name '\(name)' is not a plain file name",
                        "a letter or digit, then up to 99 letters, digits, '.', '_' or '-' (no '/', no '..')",
                        at: nameAt)
                    continue
                }
                guard seen.insert(name).inserted else {
                    report(
                        .invalidJobScript, "'\(name)' is named twice", "give every script its own filename", at: nameAt)
                    continue
                }
                let entryAt = settings.location(key, [.index(index)])
                guard
                    let text = ScriptSource.text(
                        content: fields["content"]?.string, source: fields["source"]?.string,
                        blueprint: entryAt.file, files: settings.context.files,
                        report: { report($0, $1, $2, at: entryAt) }, wrongShape: .invalidJobScript)
                else { continue }
                guard text.hasPrefix("#!") else {
                    report(
                        .invalidJobScript, "the script does not start with '#!'",
                        "slurmd runs the file directly: begin it with an interpreter line such as `#!/bin/bash`",
                        at: settings.location(
                            key, [.index(index), .key(fields["content"] != nil ? "content" : "source")]))
                    continue
                }
                scripts.append(JobScripts.Script(name: name, content: text))
            }
            if !scripts.isEmpty {
                result[kind] = scripts.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            }
        }
        return result
    }
}
