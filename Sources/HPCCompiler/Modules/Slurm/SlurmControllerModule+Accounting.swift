/// The controller's `cloudsql`: Slurm accounting in a Cloud SQL database of a
/// slurm-cloudsql-federation module, whose password only Secret Manager holds.
extension SlurmControllerModule {
    /// The `cloudsql` setting as Cluster Toolkit types it.
    static let accountingSetting = SettingSpec(
        Key.cloudsql,
        .object([
            .required("server_ip", .string), .required("user", .string), .required("password", .string),
            .required("db_name", .string), .optional("user_managed_replication", .list(.any)),
        ]),
        """
        Slurm accounting: slurmdbd runs on the controller and stores in this Cloud SQL database (normally \
        `$(slurm_db.cloudsql)` of a slurm-cloudsql-federation module). `password` must be that module's \
        `cloudsql.password`, which names the Secret Manager secret the controller reads at boot; a literal \
        password is refused, since it would be in hpcc's output and the Terraform state.
        """)

    /// The accounting storage `cloudsql` describes; nil when it is null or wrong (reported).
    static func accounting(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SlurmAccountingStorage? {
        let value = settings.value(Key.cloudsql)
        guard !value.isNull, !settings.readsUnlowered(value) else { return nil }
        if case let .output(reference) = value, reference.path.isEmpty, reference.output == "cloudsql",
            let database = settings.context.entities[reference.module]?.as(CloudSQLDatabase.self)
        {
            return storage(database, settings: settings)
        }
        guard case let .map(fields) = value else {
            diagnostics.report(
                .notKnownAtCompileTime, "cloudsql of module '\(settings.id)' must be an object hpcc can read",
                at: settings.location(Key.cloudsql), help: "give it `$(slurm_db.cloudsql)` of a Cloud SQL module")
            return nil
        }
        guard let database = secretHolder(fields["password"] ?? .null, settings: settings) else {
            diagnostics.report(
                .passwordInBlueprint,
                """
                the password in cloudsql of module '\(settings.id)' is not the cloudsql.password of a \
                slurm-cloudsql-federation module: a password here would be in hpcc's output and the Terraform state
                """,
                at: settings.location(Key.cloudsql, [.key("password")]),
                help: "use $(slurm_db.cloudsql.password), which names the secret holding the password")
            return nil
        }
        var result = storage(database, settings: settings)
        if let host = fields["server_ip"], !host.isNull { result.host = settings.text(from: host) }
        if let user = name("user", fields, settings: settings, diagnostics: &diagnostics) { result.user = user }
        if let name = name("db_name", fields, settings: settings, diagnostics: &diagnostics) {
            result.databaseName = name
        }
        return result
    }

    /// The database whose secret `password` names: `$(id.cloudsql.password)` or `$(id.password_secret)`.
    private static func secretHolder(_ password: Value, settings: SettingReader) -> CloudSQLDatabase? {
        guard case let .output(reference) = password,
            (reference.output == "cloudsql" && reference.path == [.key("password")])
                || (reference.output == SlurmCloudSQLModule.Output.passwordSecret.rawValue && reference.path.isEmpty),
            let database = settings.context.entities[reference.module]?.as(CloudSQLDatabase.self)
        else { return nil }
        return database
    }

    private static func storage(_ database: CloudSQLDatabase, settings: SettingReader) -> SlurmAccountingStorage {
        let module = database.origin.module
        func output(_ field: String) -> TerraformText {
            TerraformText(
                parts: [
                    .reference(ModuleReference(module: module, output: "cloudsql", path: [.key(field)], known: nil))
                ])
        }
        return SlurmAccountingStorage(
            database: module, host: output("server_ip"), user: database.userName,
            databaseName: database.databaseName, passwordSecret: output("password"))
    }

    /// A user or database name slurmdbd.conf carries: a literal, or the database module's own.
    private static func name(
        _ field: String, _ fields: [String: Value], settings: SettingReader, diagnostics: inout Diagnostics
    ) -> String? {
        guard let value = fields[field], !value.isNull else { return nil }
        if case let .output(reference) = value,
            let database = settings.context.entities[reference.module]?.as(
                CloudSQLDatabase.self), reference.output == "cloudsql", reference.path == [.key(field)]
        {
            return field == "user" ? database.userName : database.databaseName
        }
        guard let text = value.string else {
            diagnostics.report(
                .notKnownAtCompileTime, "cloudsql.\(field) of module '\(settings.id)' must be known at compile time",
                at: settings.location(Key.cloudsql, [.key(field)]),
                help: "hpcc writes it into slurmdbd.conf; give a literal or the Cloud SQL module's output")
            return nil
        }
        guard SlurmConfText.isRepresentable(text) else {
            diagnostics.report(
                .unrepresentableValue, "cloudsql.\(field) '\(text)' cannot stand in slurmdbd.conf",
                at: settings.location(Key.cloudsql, [.key(field)]))
            return nil
        }
        return text
    }
}
