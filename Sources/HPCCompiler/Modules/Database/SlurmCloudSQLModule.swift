/// `community/modules/database/slurm-cloudsql-federation`: one module, whole.
enum SlurmCloudSQLModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let tier = SettingKey<String>("tier")
        static let instanceName = SettingKey<String>("sql_instance_name")
        static let databaseVersion = SettingKey<String>("database_version")
        static let edition = SettingKey<String>("edition")
        static let dataCache = SettingKey<Bool>("data_cache_enabled")
        static let deletionProtection = SettingKey<Bool>("deletion_protection")
        static let userName = SettingKey<String>("sql_username")
        static let password = SettingKey<Value>("sql_password")
        static let passwordVersion = SettingKey<Int>("password_version")
        static let authorizedNetworks = SettingKey<[String]>("authorized_networks")
        static let peering = SettingKey<String>("private_vpc_connection_peering")
        static let replication = SettingKey<Value>("user_managed_replication")
        static let usePSC = SettingKey<Bool>("use_psc_connection")
    }

    /// The database slurmdbd stores in, as Cluster Toolkit names it.
    static let databaseName = "slurm_accounting"

    static let schema = ModuleSchema(
        source: "community/modules/database/slurm-cloudsql-federation", cloud: .gcp,
        summary: "Cloud SQL for MySQL holding Slurm accounting, on a private address, password in Secret Manager",
        description: """
            Creates a Cloud SQL for MySQL instance without a public address, reached over private services access \
            (the VPC's peered range) or, with `use_psc_connection`, over Private Service Connect (an internal \
            address and forwarding rule in `subnetwork_self_link`); the database `slurm_accounting`; the user \
            slurmdbd connects as; and a Secret Manager secret holding that user's password. Terraform makes the \
            password during `apply` (Terraform's `uuid()`, 122 random bits) and passes it only to the write-only \
            arguments `password_wo` and `secret_data_wo` (Terraform 1.11), so it is in no output file and not in \
            the Terraform state; the user and the secret version are replaced together, so they always hold the \
            same one. Raise `password_version` to set a new password. The `cloudsql` output names the secret in \
            `password`, not a password: a controller given it runs slurmdbd, which reads the password from Secret \
            Manager at boot; only the controller's service account may read the secret. Unlike Cluster Toolkit, \
            no BigQuery connection to the database is made: its `credential.password` would keep the password in \
            the Terraform state.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.labels,
            CommonSettings.networkID,
            SettingSpec(
                CommonKey.subnetwork, .string,
                "The subnetwork of the Private Service Connect address (with `use_psc_connection`).",
                required: false),
            SettingSpec(
                Key.tier, .string, "The machine tier of the instance (`db-f1-micro`, `db-custom-2-7680`, ...).",
                required: true,
                constraints: [.pattern("db-[a-z0-9-]+", description: "a Cloud SQL tier such as `db-custom-2-7680`")]),
            SettingSpec(
                Key.instanceName, .string, "The Cloud SQL instance name.", required: true,
                constraints: [
                    .pattern(
                        "[a-z]([-a-z0-9]{0,76}[a-z0-9])?",
                        description:
                            "a lowercase letter, then lowercase letters, digits or '-', at most 78, not ending in '-'")
                ]),
            SettingSpec(
                Key.databaseVersion, .string,
                "MySQL major version. Cluster Toolkit defaults to MYSQL_5_7, which is past standard support.",
                default: .string("MYSQL_8_0"), constraints: [.oneOf(["MYSQL_5_7", "MYSQL_8_0", "MYSQL_8_4"])]),
            SettingSpec(
                Key.edition, .string, "The Cloud SQL edition.", default: .string("ENTERPRISE"),
                constraints: [.oneOf(["ENTERPRISE", "ENTERPRISE_PLUS"])]),
            SettingSpec(
                Key.dataCache, .bool, "The data cache of an `ENTERPRISE_PLUS` instance.", default: .bool(false)),
            SettingSpec(
                Key.deletionProtection, .bool,
                """
                Refuse to delete the instance (`terraform destroy` fails until it is turned off). Cluster Toolkit \
                defaults to false; hpcc keeps the accounting history safe by default.
                """,
                default: .bool(true)),
            SettingSpec(
                Key.userName, .string, "The MySQL user slurmdbd connects as (`StorageUser`).",
                default: .string("slurm"),
                constraints: [
                    .pattern(
                        "[A-Za-z][A-Za-z0-9_]{0,31}", description: "a letter, then up to 31 letters, digits or '_'")
                ]),
            SettingSpec(
                Key.password, .any,
                """
                Must stay null: a password written here would be in hpcc's output and the Terraform state. Terraform \
                makes one and keeps it in Secret Manager only.
                """),
            SettingSpec(
                Key.passwordVersion, .number,
                "Raise it to give the user a new password (the secret takes the same one).", default: .int(1),
                constraints: [.integer, .range(min: 1, max: nil)]),
            SettingSpec(
                Key.authorizedNetworks, .list(.string),
                "Ranges admitted to the private address (private services access only).", default: .list([])),
            SettingSpec(
                Key.peering, .string,
                """
                The private services access peering (from a `use`d private-service-access module); the instance waits \
                for it. Without it the network must have one already.
                """),
            SettingSpec(
                Key.replication, .list(.object([.required("location", .string), .optional("kms_key_name", .string)])),
                """
                Regions Secret Manager keeps the password secret in, each with an optional Cloud KMS key; empty lets \
                Google choose.
                """,
                default: .list([])),
            SettingSpec(
                Key.usePSC, .bool,
                "Reach the instance over Private Service Connect instead of private services access.",
                default: .bool(false)),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case cloudsql
        case passwordSecret = "password_secret"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .cloudsql:
                (
                    .object([
                        .required("server_ip", .string), .required("user", .string), .required("password", .string),
                        .required("db_name", .string), .optional("user_managed_replication", .list(.any)),
                    ]),
                    """
                    For the controller's `cloudsql`: server_ip (the private address), user, db_name, and in password \
                    the Secret Manager secret holding the password (`projects/PROJECT/secrets/NAME`), never the \
                    password itself.
                    """
                )
            case .passwordSecret: (.string, "The secret holding the password, as `projects/PROJECT/secrets/NAME`.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.passwordSecret]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> CloudSQLDatabase? {
        rejectPassword(settings, diagnostics: &diagnostics)
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let tier = settings.read(Key.tier, diagnostics: &diagnostics),
            let name = settings.read(Key.instanceName, diagnostics: &diagnostics),
            let network = settings.networkAttachment(CommonKey.networkID, diagnostics: &diagnostics)
        else { return nil }
        let edition = settings.read(defaulted: Key.edition, diagnostics: &diagnostics)
        let dataCache = settings.read(defaulted: Key.dataCache, diagnostics: &diagnostics)
        if dataCache, edition != "ENTERPRISE_PLUS" {
            diagnostics.report(
                .cloudSQLSettings, "the data cache of module '\(settings.id)' needs edition ENTERPRISE_PLUS",
                at: settings.location(Key.dataCache), help: "set edition: ENTERPRISE_PLUS, or leave the cache off")
        }
        guard let connection = connection(settings, network: network, diagnostics: &diagnostics) else { return nil }
        let database = CloudSQLDatabase(
            origin: settings.origin(diagnostics: &diagnostics), project: project, region: region, instanceName: name,
            databaseVersion: settings.read(defaulted: Key.databaseVersion, diagnostics: &diagnostics),
            edition: edition, tier: tier, dataCache: dataCache,
            deletionProtection: settings.read(defaulted: Key.deletionProtection, diagnostics: &diagnostics),
            connection: connection, databaseName: databaseName,
            userName: settings.read(defaulted: Key.userName, diagnostics: &diagnostics),
            passwordVersion: settings.read(defaulted: Key.passwordVersion, diagnostics: &diagnostics),
            secretID: "\(name)-slurmdbd",
            secretReplicas: replicas(settings, diagnostics: &diagnostics)
        )
        return database
    }

    /// A password in the blueprint would be in the expanded blueprint, the Terraform JSON and the state.
    private static func rejectPassword(_ settings: SettingReader, diagnostics: inout Diagnostics) {
        guard !settings.value(Key.password).isNull else { return }
        diagnostics.report(
            .passwordInBlueprint,
            """
            module '\(settings.id)' must not be given sql_password: the password would be in hpcc's output and the \
            Terraform state
            """,
            at: settings.location(Key.password),
            help: "remove it; Terraform makes the password and keeps it only in Secret Manager")
    }

    /// Private services access or Private Service Connect, with the settings only one of them reads.
    private static func connection(
        _ settings: SettingReader, network: NetworkAttachment, diagnostics: inout Diagnostics
    ) -> CloudSQLConnection? {
        let networks = settings.read(defaulted: Key.authorizedNetworks, diagnostics: &diagnostics)
        guard settings.read(defaulted: Key.usePSC, diagnostics: &diagnostics) else {
            for (index, range) in networks.enumerated() where CIDR(range) == nil {
                diagnostics.report(
                    .invalidNetworkRange, "authorized network '\(range)' is not a CIDR range",
                    at: settings.location(Key.authorizedNetworks, [.index(index)]))
            }
            return .privateServiceAccess(
                network: network, waitsFor: settings.privateServiceAccessModules([Key.peering]),
                authorizedNetworks: networks)
        }
        if !networks.isEmpty {
            diagnostics.report(
                .cloudSQLSettings,
                "authorized_networks of module '\(settings.id)' do not apply to a Private Service Connect endpoint",
                at: settings.location(Key.authorizedNetworks),
                help: "remove them; firewall rules on the subnetwork decide who reaches the endpoint")
        }
        guard let subnetwork = settings.subnetworkAttachment(CommonKey.subnetwork, diagnostics: &diagnostics) else {
            diagnostics.report(
                .missingSetting, "with use_psc_connection, module '\(settings.id)' needs subnetwork_self_link",
                at: settings.location(Key.usePSC), help: "set subnetwork_self_link, or `use` a network module")
            return nil
        }
        return .privateServiceConnect(subnetwork: subnetwork)
    }

    private static func replicas(_ settings: SettingReader, diagnostics: inout Diagnostics) -> [SecretReplica] {
        guard case let .list(entries) = settings.value(Key.replication) else { return [] }
        return entries.enumerated().compactMap { index, entry in
            guard let fields = entry.map, let location = fields["location"]?.string else {
                if !settings.readsUnlowered(entry) {
                    diagnostics.report(
                        .notKnownAtCompileTime, "user_managed_replication of module '\(settings.id)' must be known",
                        at: settings.location(Key.replication, [.index(index)]))
                }
                return nil
            }
            let key = fields["kms_key_name"].flatMap { $0.isNull ? nil : settings.text(from: $0) }
            return SecretReplica(location: location, kmsKeyName: key)
        }
    }

    static func emit(_ entity: CloudSQLDatabase, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            CloudSQLResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: CloudSQLDatabase, module: ModuleID, path: [Accessor]) -> OutputValue {
        let secret = CloudSQLResources.secret(module).attribute("id")
        switch output {
        case .passwordSecret:
            return .expression(secret + HCL.access(path))
        case .cloudsql:
            let replication = entity.secretReplicas.map { replica in
                "{location = \(HCL.quoted(replica.location))}"
            }
            return .expression(
                OutputExpressions.object(
                    [
                        ("server_ip", CloudSQLResources.address(entity, module: module)),
                        ("user", HCL.quoted(entity.userName)), ("password", secret),
                        ("db_name", HCL.quoted(entity.databaseName)),
                        ("user_managed_replication", "[" + replication.joined(separator: ", ") + "]"),
                    ], path: path))
        }
    }
}
