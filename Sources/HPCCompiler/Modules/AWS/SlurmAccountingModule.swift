/// `modules/database/slurm-accounting`: one module, whole.
enum SlurmAccountingModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `AWSKey`'s.
    enum Key {
        static let databaseName = SettingKey<String>("database_name")
        static let userName = SettingKey<String>("user_name")
        static let instanceClass = SettingKey<String>("instance_class")
        static let engineVersion = SettingKey<String>("engine_version")
        static let allocatedStorage = SettingKey<Int>("allocated_storage")
        static let multiAZ = SettingKey<Bool>("multi_az")
        static let backupRetention = SettingKey<Int>("backup_retention_period")
        static let passwordVersion = SettingKey<Int>("password_version")
        static let kmsKeyID = SettingKey<String>("kms_key_id")
    }

    static let schema = ModuleSchema(
        source: "modules/database/slurm-accounting", cloud: .aws,
        summary: "Amazon RDS for MariaDB holding Slurm accounting, with slurmdbd.conf",
        description: """
            Creates an encrypted RDS MariaDB instance in a subnet group over the private subnets (RDS needs \
            two availability zones), a security group admitting MySQL (TCP 3306) from the cluster security \
            group, a Secrets Manager secret holding the master password, and writes \
            `slurm/<module id>/slurmdbd.conf`. The secret's whole value is the password (letters and digits), \
            as ParallelCluster's `PasswordSecretArn` wants it: the head node writes it into slurmdbd.conf as it \
            is. Terraform makes the password as an ephemeral value and passes it only to write-only \
            arguments (`secret_string_wo`, `password_wo`; Terraform 1.11), so it is neither in the deployment \
            folder nor in the Terraform state. It is not rotated, which a running cluster would not follow: \
            raise `password_version` to set a new one, then run ParallelCluster's \
            `update_slurm_database_password.sh` on the head node with the compute fleet stopped. \
            slurmdbd.conf includes `/etc/slurm/slurmdbd-storage.conf`, which a boot step writes with the \
            database host from the `database_endpoint` output and the password read from the secret named by \
            `password_secret_arn`. Exports `slurm_database` in the shape ParallelCluster's \
            `Scheduling.SlurmSettings.Database` reads.
            """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.region, AWSSettings.tags,
            AWSSettings.vpcID,
            SettingSpec(
                AWSKey.privateSubnets, .list(.string),
                """
                Subnets of the database subnet group, in at least two availability zones (from a `use`d aws-vpc \
                module).
                """,
                required: true),
            SettingSpec(
                AWSKey.clusterSecurityGroup, .string,
                """
                The cluster security group admitted to the database on TCP 3306 (normally from a `use`d aws-vpc \
                module).
                """,
                required: true),
            SettingSpec(
                Key.databaseName, .string,
                "The database slurmdbd stores accounting in (`StorageLoc`); RDS creates it empty.",
                default: .string(AccountingDatabaseRules.defaultDatabaseName),
                constraints: [
                    .pattern(
                        "[a-z][0-9a-z_]{0,63}",
                        description:
                            """
                            a lowercase letter, then up to 63 lowercase letters, digits or '_' (RDS's rule within \
                            ParallelCluster's `[0-9a-z_]+`)
                            """
                    )
                ]),
            SettingSpec(
                Key.userName, .string, "The master user slurmdbd connects as (`StorageUser`).",
                default: .string("slurm"),
                constraints: [
                    .pattern(
                        "[A-Za-z][A-Za-z0-9_]{0,15}", description: "a letter, then up to 15 letters, digits or '_'")
                ]),
            SettingSpec(
                Key.instanceClass, .string, "The RDS instance class.", default: .string("db.t4g.small"),
                constraints: [
                    .pattern("db\\.[a-z0-9-]+\\.[a-z0-9]+", description: "an RDS instance class such as `db.t4g.small`")
                ]),
            SettingSpec(
                Key.engineVersion, .string,
                "The MariaDB version (major.minor lets RDS pick and upgrade the patch level).",
                default: .string("10.11"),
                constraints: [
                    .pattern(
                        "1[0-9]\\.[0-9]+(\\.[0-9]+)?", description: "a MariaDB version such as `10.11` or `10.11.9`")
                ]),
            SettingSpec(
                Key.allocatedStorage, .number, "Storage in GiB (gp3).", default: .int(20),
                constraints: [.integer, .range(min: 20, max: 65536)]),
            SettingSpec(
                Key.multiAZ, .bool, "Keep a standby replica in a second availability zone.", default: .bool(false)),
            SettingSpec(
                Key.backupRetention, .number, "Days RDS keeps automated backups; 0 turns them off.", default: .int(7),
                constraints: [.integer, .range(min: 0, max: 35)]),
            AWSSettings.deletionProtection(
                "database instance", serviceProtection: ", and RDS refuses to delete it (`deletion_protection`)"),
            SettingSpec(
                Key.passwordVersion, .number,
                """
                Raise it to give the database a new password: the secret and the instance both take it (no automatic \
                rotation).
                """,
                default: .int(1), constraints: [.integer, .range(min: 1, max: nil)]),
            SettingSpec(
                Key.kmsKeyID, .string,
                """
                ARN of a customer-managed KMS key for the storage; null uses the AWS-managed key (storage is always \
                encrypted).
                """,
                constraints: [.pattern("arn:aws[a-z-]*:kms:.+", description: "a KMS key ARN")]),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case slurmDatabase = "slurm_database"
        case databaseEndpoint = "database_endpoint"
        case passwordSecretARN = "password_secret_arn"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .slurmDatabase:
                (
                    AccountingDatabaseRules.contract,
                    """
                    What slurmdbd and ParallelCluster need: uri (`<address>:<port>`), user_name, password_secret_arn \
                    (a secret whose whole value is the password), database_name.
                    """
                )
            case .databaseEndpoint: (.string, "`<address>:<port>` of the instance.")
            case .passwordSecretARN:
                (.string, "ARN of the Secrets Manager secret holding the master password (the whole value, not JSON).")
            }
        }
    }

    static let exposedByDefault: [Output] = [.slurmDatabase, .databaseEndpoint, .passwordSecretARN]

    /// An `AccountingDatabase`, with the RDS rules hpcc can check offline: two availability
    /// zones, the user name, the instance identifier.
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> AccountingDatabase? {
        guard let region = settings.read(AWSKey.region, diagnostics: &diagnostics),
            let deploymentName = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let databaseName = settings.read(Key.databaseName, diagnostics: &diagnostics),
            let userName = settings.read(Key.userName, diagnostics: &diagnostics),
            let instanceClass = settings.read(Key.instanceClass, diagnostics: &diagnostics),
            let engineVersion = settings.read(Key.engineVersion, diagnostics: &diagnostics),
            let storage = settings.read(Key.allocatedStorage, diagnostics: &diagnostics),
            let retention = settings.read(Key.backupRetention, diagnostics: &diagnostics),
            let vpc = settings.text(AWSKey.vpcID), let group = settings.text(AWSKey.clusterSecurityGroup),
            let subnets = settings.subnetList(AWSKey.privateSubnets, diagnostics: &diagnostics)
        else { return nil }
        if subnets.count < 2 {
            diagnostics.report(
                .accountingSubnets,
                """
                the accounting database of module '\(settings.id)' has \(subnets.count) subnet, but RDS needs subnets \
                in at least two availability zones
                """,
                at: settings.location(AWSKey.privateSubnets),
                help: "give the aws-vpc module two availability_zones, or list two subnets of different zones")
        }
        checkUser(userName, settings: settings, diagnostics: &diagnostics)
        let identifier = ResourceName.make([deploymentName, settings.id.rawValue], limit: .max)
        if identifier.count > AccountingDatabaseRules.maximumIdentifierLength {
            diagnostics.report(
                .accountingIdentifier,
                """
                the RDS instance identifier '\(identifier)' (deployment_name and module id) has \(identifier.count) \
                characters; RDS allows \(AccountingDatabaseRules.maximumIdentifierLength)
                """,
                at: settings.location(CommonKey.deploymentName), help: "shorten deployment_name or the module id")
        }
        let database = AccountingDatabase(
            origin: settings.origin(diagnostics: &diagnostics), identifier: identifier, region: region, vpc: vpc,
            subnets: subnets, clusterSecurityGroup: group,
            databaseName: databaseName, userName: userName, instanceClass: instanceClass, engineVersion: engineVersion,
            allocatedStorageGiB: storage,
            multiAZ: settings.read(defaulted: Key.multiAZ, diagnostics: &diagnostics), backupRetentionDays: retention,
            deletionProtection: settings.read(defaulted: AWSKey.deletionProtection, diagnostics: &diagnostics),
            kmsKeyID: settings.read(Key.kmsKeyID, diagnostics: &diagnostics),
            passwordVersion: settings.read(defaulted: Key.passwordVersion, diagnostics: &diagnostics)
        )
        settings.context.deployment.accountingDatabases.append(database)
        return database
    }

    /// RDS keeps some master user names for itself (the schema's pattern holds the rest).
    private static func checkUser(_ user: String, settings: SettingReader, diagnostics: inout Diagnostics) {
        if AccountingDatabaseRules.reservedUserNames.contains(user.lowercased()) {
            diagnostics.report(
                .accountingDatabaseName, "user name '\(user)' of module '\(settings.id)' is one RDS keeps for itself",
                at: settings.location(Key.userName), help: "use another name, such as 'slurm'")
        }
    }

    static func emit(_ entity: AccountingDatabase, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in
            AWSDatabaseResources.emit(entity, defaults: group.defaultTags, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: AccountingDatabase, module: ModuleID, path: [Accessor]) -> OutputValue
    {
        AWSDatabaseResources.value(of: output, database: entity, module: module, path: path)
    }
}

/// What RDS for MariaDB and slurmdbd require of the accounting database, and the contract it exports.
@_spi(Tools) public enum AccountingDatabaseRules {
    /// slurmdbd's default `StorageLoc`.
    @_spi(Tools) public static let defaultDatabaseName = "slurm_acct_db"
    /// MariaDB's port.
    @_spi(Tools) public static let port = 3306
    /// Users RDS creates in every MariaDB instance for itself.
    @_spi(Tools) public static let reservedUserNames: Set<String> = ["rdsadmin", "rdsrepladmin"]
    /// Characters of the master password (letters and digits; MariaDB takes up to 41).
    @_spi(Tools) public static let passwordLength = 40
    /// Longest DB instance identifier RDS accepts.
    @_spi(Tools) public static let maximumIdentifierLength = 63

    /// The `slurm_database` output: what a consumer (ParallelCluster, a slurmdbd boot step) reads.
    static let contract = SettingType.object([
        .required("uri", .string), .required("user_name", .string), .required("password_secret_arn", .string),
        .required("database_name", .string),
    ])
}
