/// The accounting database: an RDS for MariaDB instance in a subnet group over the private
/// subnets, behind a security group admitting the cluster on MariaDB's port. RDS creates the
/// master password and keeps it in Secrets Manager, so no password reaches the root or its state.
enum AWSDatabaseResources {
    static func emit(_ database: AccountingDatabase, defaults: [String: String], into document: inout TerraformDocument, references: inout TerraformReferences) {
        let id = database.origin.module.rawValue
        let name = database.identifier
        let port = AccountingDatabaseRules.port
        AWSSecurityGroups.group(id, name: name, description: "Slurm accounting database: MariaDB from the cluster", vpc: references.json(database.vpc),
                                origin: database.origin, defaults: defaults, into: &document)
        AWSSecurityGroups.ingress("\(id)_mariadb", group: id, from: references.json(database.clusterSecurityGroup), ports: port...port,
                                  description: "MariaDB from the cluster", into: &document)
        document.resource("aws_db_subnet_group", id, [
            "name": .string(name),
            "description": .string("Slurm accounting database: the private subnets"),
            "subnet_ids": .array(database.subnets.map { references.json($0) }),
            "tags": AWSTagging.tags(database.origin, name: name, defaults: defaults),
        ])
        document.resource("aws_db_instance", id, [
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
            "manage_master_user_password": true,
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
            "db_subnet_group_name": .string("${aws_db_subnet_group.\(id).name}"),
            "vpc_security_group_ids": .strings(["${aws_security_group.\(id).id}"]),
            "tags": AWSTagging.tags(database.origin, name: name, defaults: defaults),
        ])
    }

    /// The module's outputs as expressions over the instance.
    static func output(_ database: AccountingDatabase, id: String, output: String, path: [Accessor]) -> String? {
        let instance = "aws_db_instance.\(id)"
        let uri = "\"${\(instance).address}:${\(instance).port}\""
        let secret = "\(instance).master_user_secret[0].secret_arn"
        switch output {
        case "database_endpoint": return uri + HCL.access(path)
        case "password_secret_arn": return secret + HCL.access(path)
        case "slurm_database":
            return OutputExpressions.object([("uri", uri), ("user_name", HCL.quoted(database.userName)), ("password_secret_arn", secret),
                                             ("database_name", HCL.quoted(database.databaseName))], path: path)
        default: return nil
        }
    }
}
