/// `modules/scripts/startup-script`: one module, whole.
enum StartupScriptModule: BuiltInModule {
    /// The module's settings.
    enum Key {
        static let runners = SettingKey<Value>("runners")
        static let installAnsible = SettingKey<Bool>("install_ansible")
        static let ansibleVirtualenvPath = SettingKey<String>("ansible_virtualenv_path")
    }

    static let schema = ModuleSchema(
        source: "modules/scripts/startup-script", cloud: .gcp,
        summary: "Startup script assembled from shell, ansible-local and data runners",
        description: """
            Assembles one startup script: the machine setup its own settings ask for (local SSDs, ssh inside the \
            cluster, Docker, RDMA and network settings), then `runners`, run in order: `shell` runs a script, \
            `ansible-local` runs \
            a playbook against the instance itself, `data` writes a file to an absolute `destination`. Each runner \
            gives `content` inline or `source`, a file read at compile time relative to the blueprint's folder. \
            The script is written to `scripts/startup/<module id>.sh`; its output `startup_script` feeds the \
            `startup_script` settings of Slurm nodesets and login nodes and the controller's scripts, which run it \
            after hpcc's own node setup.
            """,
        settings: [
            SettingSpec(
                Key.runners, .list(runner),
                """
                Runners in the order they run: `type` (shell, ansible-local, data), `destination`, one of `content` or \
                `source`, `args` (shell and ansible-local), and a `name` the script's progress log shows.
                """,
                default: .list([])),
            SettingSpec(
                Key.installAnsible, .bool,
                """
                Install Ansible in `ansible_virtualenv_path` before the runners; null installs it when an \
                ansible-local runner exists.
                """
            ),
            SettingSpec(
                Key.ansibleVirtualenvPath, .string, "Python virtual environment Ansible is installed into.",
                default: .string("/usr/local/ghpc-venv"),
                constraints: [
                    .pattern("(/[A-Za-z0-9_-]+)+", description: "an absolute path of letters, digits, '_' and '-'")
                ]),
        ] + StartupSetupSettings.specs,
        outputs: outputSpecs,
        mustBeUsed: false
    )

    static let runner = SettingType.object([
        .required("type", .string), .required("destination", .string),
        .optional("content", .string), .optional("source", .string), .optional("args", .string),
        .optional("name", .string),
    ])

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case startupScript = "startup_script"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .startupScript: (.string, "The assembled script.")
            }
        }
    }

    static let exposedByDefault: [Output] = []

    /// Each runner checked, its content read (inline, or from a file relative to the blueprint)
    /// so the emitted script is complete.
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> StartupScript? {
        // Not `read(defaulted:)`: unreadable runners (reported) build no script rather than an empty one.
        guard let entries = runnerEntries(settings, diagnostics: &diagnostics) else { return nil }
        let errorsBefore = diagnostics.errorCount
        var runners: [StartupRunner] = []
        var destinations = Set<String>()
        for (index, entry) in entries.enumerated() {
            guard let fields = entry.map,
                let runner = lowerRunner(
                    fields, number: index + 1, settings: settings, files: settings.context.files,
                    diagnostics: &diagnostics)
            else { continue }
            if !destinations.insert(runner.destination).inserted {
                diagnostics.report(
                    .invalidStartupRunner,
                    "runner \(index + 1) writes to '\(runner.destination)', as an earlier runner does",
                    at: settings.location(Key.runners), help: "give every runner its own destination")
            }
            runners.append(runner)
        }
        // The script travels as one instance metadata value (at most 256 KiB), base64 adding a
        // third; with a runner missing the total says nothing.
        let encoded = runners.reduce(0) { $0 + ($1.content.utf8.count + 2) / 3 * 4 }
        if encoded > metadataBudget, diagnostics.errorCount == errorsBefore {
            diagnostics.report(
                .invalidStartupRunner,
                """
                the runners of module '\(settings.id)' hold \(encoded / 1024) KiB once encoded; an instance metadata \
                value holds at most 256 KiB
                """,
                at: settings.location(Key.runners),
                help: "install large files from a bucket in a shell runner instead of embedding them")
        }
        guard let setup = StartupSetupSettings.read(settings, diagnostics: &diagnostics) else { return nil }
        let install =
            settings.read(Key.installAnsible, diagnostics: &diagnostics)
            ?? runners.contains { $0.kind == .ansibleLocal }
        let script = StartupScript(
            origin: settings.origin(diagnostics: &diagnostics), runners: runners,
            ansibleVirtualenv: install ? settings.read(Key.ansibleVirtualenvPath, diagnostics: &diagnostics) : nil,
            setup: setup)
        settings.context.deployment.startupScripts.append(script)
        return script
    }

    /// The runners, each `$(module.output)` element (a spack or ramble module's runner) replaced
    /// by the runner its module built; nil when one is not known (reported).
    private static func runnerEntries(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [Value]? {
        guard case let .list(elements) = settings.value(Key.runners),
            elements.contains(where: { if case .output = $0 { true } else { false } })
        else { return settings.read(Key.runners, diagnostics: &diagnostics)?.list }
        var entries: [Value] = []
        for element in elements {
            guard case let .output(reference) = element else {
                entries.append(element)
                continue
            }
            guard let known = settings.context.known(reference) else {
                if !settings.readsUnlowered(element) {
                    diagnostics.report(
                        .notKnownAtCompileTime,
                        "runner '$(\(reference.module).\(reference.output))' of module '\(settings.id)' is not known "
                            + "at compile time",
                        at: settings.location(Key.runners),
                        help: "runners come from the blueprint or from a spack or ramble module's runner output")
                }
                return nil
            }
            entries.append(known)
        }
        return entries
    }

    /// Bytes of encoded runner content that fit in one metadata value beside the driver's own text.
    static let metadataBudget = 256 * 1024 - 16 * 1024

    /// One runner, checked; nil when it is wrong (reported).
    private static func lowerRunner(
        _ fields: [String: Value], number: Int, settings: SettingReader, files: BlueprintFiles,
        diagnostics: inout Diagnostics
    ) -> StartupRunner? {
        let at = settings.location(Key.runners)
        func report(_ message: String, code: DiagnosticCode = .invalidStartupRunner, help: String? = nil) {
            diagnostics.report(code, "runner \(number) of module '\(settings.id)': \(message)", at: at, help: help)
        }
        let typeName = fields["type"]?.string ?? ""
        guard let kind = StartupRunner.Kind(rawValue: typeName) else {
            let kinds = StartupRunner.Kind.allCases.map(\.rawValue)
            let correction = Suggestion.correction(
                for: typeName, at: settings.location(Key.runners, [.index(number - 1), .key("type")]), in: kinds)
            diagnostics.report(
                .invalidStartupRunner, "runner \(number) of module '\(settings.id)': unknown type '\(typeName)'",
                at: at, help: correction.help ?? "use one of: " + kinds.joined(separator: ", "),
                fixes: correction.fixes)
            return nil
        }
        let destination = fields["destination"]?.string ?? ""
        guard
            let content = content(fields, settings: settings, files: files, report: { report($1, code: $0, help: $2) })
        else { return nil }
        if let problem = destinationProblem(destination, kind: kind) {
            report(problem)
            return nil
        }
        let args = fields["args"]?.string ?? ""
        if kind == .data, !args.isEmpty {
            report("a data runner takes no args")
            return nil
        }
        if args.unicodeScalars.contains(where: {
            ["'", "\"", "\\", "`", "$"].contains($0) || $0.value < 0x20 && $0 != "\t"
        }) {
            report(
                """
                args are split at spaces and passed as plain words; quotes, '\\', '`', '$' and control characters are \
                not supported
                """
            )
            return nil
        }
        return StartupRunner(
            kind: kind, destination: destination, content: content,
            arguments: args.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init),
            name: fields["name"]?.string)
    }

    /// The runner's text: `content`, or the file `source` names.
    private static func content(
        _ fields: [String: Value], settings: SettingReader, files: BlueprintFiles,
        report: (DiagnosticCode, String, String?) -> Void
    ) -> String? {
        ScriptSource.text(
            content: fields["content"]?.string, source: fields["source"]?.string,
            blueprint: settings.location(Key.runners).file, files: files, report: report,
            wrongShape: .invalidStartupRunner)
    }

    /// Data runners write to an absolute path; the others may also name a file in the script's scratch folder.
    private static func destinationProblem(_ destination: String, kind: StartupRunner.Kind) -> String? {
        if destination.isEmpty { return "destination is empty" }
        if destination.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "destination holds a control character"
        }
        if destination.hasPrefix("/") {
            return destination.hasSuffix("/") || destination.split(separator: "/").contains("..")
                ? "destination '\(destination)' is not a file path" : nil
        }
        if kind == .data { return "a data runner's destination must be an absolute path, not '\(destination)'" }
        if destination.contains("/") || destination == "." || destination == ".." {
            return
                "destination '\(destination)' must be a plain file name (kept in a scratch folder) or an absolute path"
        }
        return nil
    }

    static func emit(_ entity: StartupScript, module: ModuleID, into roots: inout TerraformRoots) {
        // The script is a file of the deployment folder (`StartupScriptEmitter`), read by the instances that run it.
    }

    static func value(of output: Output, entity: StartupScript, module: ModuleID, path: [Accessor]) -> OutputValue {
        switch output {
        // The script is a file of the deployment folder, beside the group folders.
        case .startupScript: ToolRunners.startupScriptExpression(entity, path: path)
        }
    }
}
