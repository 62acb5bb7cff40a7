/// What the spack and ramble modules share: the runner object they pass along a chain, their
/// data files, and the startup script each module's own runners make.
enum ToolRunners {
    /// The object type of a runner passed between modules (`spack_runner`, `ramble_runner`).
    static let runnerType = SettingType.object([
        .required("type", .string), .required("destination", .string), .required("content", .string),
    ])

    /// The type of `data_files`: files written before the commands run.
    static let dataFileType = SettingType.list(
        .object([.required("destination", .string), .optional("content", .string), .optional("source", .string)]))

    /// A runner as the value a `*_runner` output holds.
    static func value(_ runner: StartupRunner) -> Value {
        .map([
            "type": .string(runner.kind.rawValue), "destination": .string(runner.destination),
            "content": .string(runner.content),
        ])
    }

    /// The runner a `*_runner` setting holds; nil (reported) when it is not one hpcc built.
    static func runner<T>(
        _ key: SettingKey<T>, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> StartupRunner? {
        guard let fields = settings.literal(key, diagnostics: &diagnostics)?.map else { return nil }
        guard let kind = fields["type"]?.string.flatMap(StartupRunner.Kind.init(rawValue:)), kind != .data,
            let destination = fields["destination"]?.string, !destination.isEmpty,
            !destination.contains("/"), let content = fields["content"]?.string
        else {
            diagnostics.report(
                .invalidStartupRunner,
                "setting '\(key.name)' of module '\(settings.id)' is not a runner hpcc can chain",
                at: settings.location(key),
                help: "wire it with `use:` from a setup or execute module of the same tool")
            return nil
        }
        return StartupRunner(kind: kind, destination: destination, content: content, arguments: [])
    }

    /// The `data_files` setting as data runners; nil when one is wrong (reported).
    static func dataRunners(
        _ key: SettingKey<Value>, settings: SettingReader, diagnostics: inout Diagnostics
    ) -> [StartupRunner]? {
        guard let entries = settings.read(key, diagnostics: &diagnostics)?.list else { return [] }
        let errorsBefore = diagnostics.errorCount
        var runners: [StartupRunner] = []
        for (index, entry) in entries.enumerated() {
            let fields = entry.map ?? [:]
            let at = settings.location(key, [.index(index)])
            let destination = fields["destination"]?.string ?? ""
            guard destination.hasPrefix("/"), !destination.hasSuffix("/"),
                !destination.split(separator: "/").contains(".."),
                !destination.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
            else {
                diagnostics.report(
                    .invalidStartupRunner,
                    "data file \(index + 1) of module '\(settings.id)': destination '\(destination)' is not an "
                        + "absolute file path",
                    at: at, help: "write each data file to an absolute path such as /tmp/config.yaml")
                continue
            }
            let content = ScriptSource.text(
                content: fields["content"]?.string, source: fields["source"]?.string, blueprint: at.file,
                files: settings.context.files,
                report: { code, message, help in
                    diagnostics.report(
                        code, "data file \(index + 1) of module '\(settings.id)': \(message)", at: at, help: help)
                }, wrongShape: .invalidStartupRunner)
            guard let content else { continue }
            runners.append(StartupRunner(kind: .data, destination: destination, content: content, arguments: []))
        }
        return diagnostics.errorCount == errorsBefore ? runners : nil
    }

    /// The module's own startup script, registered with the deployment so it is emitted and
    /// its `startup_script` output can name it.
    static func script(_ runners: [StartupRunner], origin: Origin, settings: SettingReader) -> StartupScript {
        let script = StartupScript(origin: origin, runners: runners, ansibleVirtualenv: nil)
        settings.context.deployment.startupScripts.append(script)
        return script
    }

    /// The runner that stands for a whole script when it is chained on: one shell runner.
    static func combined(_ script: StartupScript, destination: String, deployment: String) -> StartupRunner {
        StartupRunner(
            kind: .shell, destination: destination,
            content: StartupScriptEmitter.text(script, deployment: deployment), arguments: [])
    }

    /// `startup_script`'s value: the module's script file, as a startup-script module's.
    static func startupScriptExpression(_ script: StartupScript, path: [Accessor]) -> OutputValue {
        .expression("file(\"${path.module}/../\(script.path)\")" + HCL.access(path))
    }
}
