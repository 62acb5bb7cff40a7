/// The accounting database: an RDS for MariaDB instance in a subnet group over the private
/// subnets, behind a security group admitting the cluster on MariaDB's port, and its master
/// password in a Secrets Manager secret that holds exactly the password.
///
/// The secret is what ParallelCluster's `PasswordSecretArn` names: its head node writes the whole
/// `SecretString` into slurmdbd.conf as `StoragePass` (the cookbook's
/// update_slurm_database_password.sh does not parse it), so the JSON secret RDS manages
/// (`manage_master_user_password`, `{"username": ..., "password": ...}`) does not work there, and
/// RDS would rotate it every 7 days, which a running cluster does not follow. Terraform makes the
/// password as an ephemeral value, writes it to the secret with the write-only `secret_string_wo`,
/// and gives the instance what the secret holds through the write-only `password_wo`: the
/// password is in no output file and not in the Terraform state, and the instance always gets the
/// secret's value, also when it is replaced. No rotation: `password_version` changes it.
enum AWSDatabaseResources {
    /// The database instance of the slurm-accounting module `module`.
    static func instance(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_db_instance", module.rawValue)
    }
    /// The instance's subnet group.
    static func subnetGroup(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_db_subnet_group", module.rawValue)
    }
    /// The instance's security group.
    static func securityGroup(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_security_group", module.rawValue)
    }
    /// The secret holding the master password.
    static func passwordSecret(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_secretsmanager_secret", "\(module.rawValue)_password")
    }
    /// The secret's version that stores the password (write-only).
    static func passwordVersion(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("aws_secretsmanager_secret_version", "\(module.rawValue)_password")
    }
    /// The password as made, once per Terraform run.
    static func generatedPassword(_ module: ModuleID) -> TerraformAddress {
        .ephemeral("aws_secretsmanager_random_password", "\(module.rawValue)_password")
    }
    /// The password as the secret holds it, read back for the instance.
    static func storedPassword(_ module: ModuleID) -> TerraformAddress {
        .ephemeral("aws_secretsmanager_secret_version", "\(module.rawValue)_password")
    }

    static func emit(
        _ database: AccountingDatabase, defaults: [String: String], into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) {
        let module = database.origin.module, id = module.rawValue
        let name = database.identifier
        let port = AccountingDatabaseRules.port
        AWSSecurityGroups.group(
            securityGroup(module), name: name, description: "Slurm accounting database: MariaDB from the cluster",
            vpc: references.json(database.vpc),
            origin: database.origin, defaults: defaults, into: &document)
        AWSSecurityGroups.ingress(
            "\(id)_mariadb", group: securityGroup(module), from: references.json(database.clusterSecurityGroup),
            ports: port...port,
            description: "MariaDB from the cluster", into: &document)
        document.resource(
            subnetGroup(module),
            [
                "name": .string(name),
                "description": .string("Slurm accounting database: the private subnets"),
                "subnet_ids": .array(database.subnets.map { references.json($0) }),
                "tags": AWSTagging.tags(database.origin, name: name, defaults: defaults),
            ])
        document.resource(
            instance(module),
            [
                "identifier": .string(name),
                "engine": "mariadb",
                "engine_version": .string(database.engineVersion),
                "instance_class": .string(database.instanceClass),
                "allocated_storage": .int(database.allocatedStorageGiB),
                "storage_type": "gp3",
                "storage_encrypted": true,
                "kms_key_id": database.kmsKeyID.map(JSON.string) ?? .null,
                "db_name": .string(database.databaseName),
                "username": .string(database.userName),
                "password_wo": storedPassword(module).json("secret_string"),
                "password_wo_version": .int(database.passwordVersion),
                "port": .int(port),
                "multi_az": .bool(database.multiAZ),
                "backup_retention_period": .int(database.backupRetentionDays),
                "deletion_protection": .bool(database.deletionProtection),
                "skip_final_snapshot": false,
                "final_snapshot_identifier": .string(database.finalSnapshotIdentifier),
                "copy_tags_to_snapshot": true,
                // MariaDB's error log in CloudWatch Logs (the log group RDS creates): what slurmdbd's
                // connection and crash problems leave behind, at a few lines a day.
                "enabled_cloudwatch_logs_exports": .strings(["error"]),
                "publicly_accessible": false,
                "db_subnet_group_name": subnetGroup(module).json("name"),
                "vpc_security_group_ids": .array([securityGroup(module).json("id")]),
                "tags": AWSTagging.tags(database.origin, name: name, defaults: defaults),
                "lifecycle": AWSDeletionProtection.lifecycle(database.deletionProtection),
            ])
        password(database, module: module, defaults: defaults, into: &document)
    }

    /// The password: made once per Terraform run, stored by the secret, read back for the instance.
    private static func password(
        _ database: AccountingDatabase, module: ModuleID, defaults: [String: String],
        into document: inout TerraformDocument
    ) {
        // Letters and digits only: the head node writes it unquoted into slurmdbd.conf, and RDS
        // refuses '/', '"', '@' and blanks.
        document.ephemeral(
            generatedPassword(module),
            [
                "password_length": .int(AccountingDatabaseRules.passwordLength),
                "exclude_punctuation": true,
            ])
        document.resource(
            passwordSecret(module),
            [
                // A prefix: after a destroy the old name stays reserved for the recovery window.
                "name_prefix": .string("\(database.identifier)-slurmdbd-"),
                "description": .string(
                    """
                    Password of the Slurm accounting database \(database.identifier) (its master user \
                    \(database.userName)): the whole value is the password
                    """
                ),
                "tags": AWSTagging.tags(database.origin, name: "\(database.identifier)-slurmdbd", defaults: defaults),
            ])
        document.resource(
            passwordVersion(module),
            [
                "secret_id": passwordSecret(module).json("id"),
                "secret_string_wo": generatedPassword(module).json("random_password"),
                "secret_string_wo_version": .int(database.passwordVersion),
            ])
        document.ephemeral(
            storedPassword(module),
            [
                "secret_id": passwordVersion(module).json("secret_id"),
                "depends_on": .addresses([passwordVersion(module)]),
            ])
    }

    /// The slurm-accounting module's outputs over the instance and its secret.
    static func value(
        of output: SlurmAccountingModule.Output, database: AccountingDatabase, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        let instance = Self.instance(module)
        let uri = "\"\(instance.interpolation("address")):\(instance.interpolation("port"))\""
        let secret = passwordSecret(module).attribute("arn")
        return switch output {
        case .databaseEndpoint: .expression(uri + HCL.access(path))
        case .passwordSecretARN: .expression(secret + HCL.access(path))
        case .slurmDatabase:
            .expression(
                OutputExpressions.object(
                    [
                        ("uri", uri), ("user_name", HCL.quoted(database.userName)), ("password_secret_arn", secret),
                        ("database_name", HCL.quoted(database.databaseName)),
                    ], path: path))
        }
    }
}
