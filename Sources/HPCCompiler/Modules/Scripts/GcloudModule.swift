/// `community/modules/scripts/gcloud`: one module, whole.
enum GcloudModule: BuiltInModule {
    /// The module's own settings.
    enum Key {
        static let commands = SettingKey<Value>("commands")
    }

    static let schema = ModuleSchema(
        source: "community/modules/scripts/gcloud", cloud: .gcp,
        summary: "Commands (gcloud or any other) run where Terraform runs, at apply and at destroy",
        description: """
            Runs each pair's `create` command when the group is applied, in order, and each `delete` command \
            when it is destroyed, in reverse order; a failed `create` stops the apply, a failed `delete` is \
            reported and the others still run. Changing the commands runs the old deletes, then the new creates.
            """,
        settings: [
            SettingSpec(
                Key.commands, .list(.object([.required("create", .string), .required("delete", .string)])),
                "Pairs of shell commands: what `create` makes at apply, `delete` removes at destroy.",
                default: .list([]))
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    typealias Output = NoOutput

    static let exposedByDefault: [Output] = []

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> LocalCommands? {
        guard let entries = settings.read(Key.commands, diagnostics: &diagnostics)?.list else { return nil }
        var pairs: [LocalCommands.Pair] = []
        for (index, entry) in entries.enumerated() {
            // Resolve checked the shape; an entry without both strings was reported there.
            guard let create = entry.map?["create"]?.string, let delete = entry.map?["delete"]?.string else {
                return nil
            }
            for (name, command) in [("create", create), ("delete", delete)]
            where command.allSatisfy(\.isWhitespace) {
                diagnostics.report(
                    .constraintViolation, "command \(index + 1) of module '\(settings.id)' has an empty '\(name)'",
                    at: settings.location(Key.commands, [.index(index), .key(name)]),
                    help: "give every pair a command to run, or leave the pair out")
                return nil
            }
            pairs.append(LocalCommands.Pair(create: create, delete: delete))
        }
        return LocalCommands(origin: settings.origin(diagnostics: &diagnostics), pairs: pairs)
    }

    static func emit(_ entity: LocalCommands, module: ModuleID, into roots: inout TerraformRoots) {
        guard !entity.pairs.isEmpty else { return }
        roots.add(to: entity.origin.group) { _, document, _ in LocalCommandResources.emit(entity, into: &document) }
    }
}
