/// `modules/database/slurm-accounting` → an `AccountingDatabase`, with the RDS rules hpcc can
/// check offline: two availability zones, the database and user names, the instance identifier.
enum SlurmAccountingLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> AccountingDatabase? {
        let context = settings.context
        guard let region = settings.string("region", diagnostics: &diagnostics),
              let deploymentName = settings.string("deployment_name", diagnostics: &diagnostics),
              let databaseName = settings.string("database_name", diagnostics: &diagnostics),
              let userName = settings.string("user_name", diagnostics: &diagnostics),
              let instanceClass = settings.string("instance_class", diagnostics: &diagnostics),
              let engineVersion = settings.string("engine_version", diagnostics: &diagnostics),
              let storage = settings.int("allocated_storage", diagnostics: &diagnostics),
              let retention = settings.int("backup_retention_period", diagnostics: &diagnostics),
              let vpc = settings.text("vpc_id"), let group = settings.text("security_group_id"),
              let subnets = settings.subnetList("private_subnet_ids", diagnostics: &diagnostics)
        else { return nil }
        if subnets.count < 2 {
            diagnostics.report(.accountingSubnets, "the accounting database of module '\(settings.id)' has \(subnets.count) subnet, but RDS needs subnets in at least two availability zones",
                               at: settings.location("private_subnet_ids"), help: "give the aws-vpc module two availability_zones, or list two subnets of different zones")
        }
        checkUser(userName, settings: settings, diagnostics: &diagnostics)
        let identifier = ResourceName.make([deploymentName, settings.id.rawValue], limit: .max)
        if identifier.count > AccountingDatabaseRules.maximumIdentifierLength {
            diagnostics.report(.accountingIdentifier, "the RDS instance identifier '\(identifier)' (deployment_name and module id) has \(identifier.count) characters; RDS allows \(AccountingDatabaseRules.maximumIdentifierLength)",
                               at: settings.location("deployment_name"), help: "shorten deployment_name or the module id")
        }
        let database = AccountingDatabase(
            origin: settings.origin(diagnostics: &diagnostics), identifier: identifier, region: region, vpc: vpc, subnets: subnets, clusterSecurityGroup: group,
            databaseName: databaseName, userName: userName, instanceClass: instanceClass, engineVersion: engineVersion, allocatedStorageGiB: storage,
            multiAZ: settings.bool("multi_az", diagnostics: &diagnostics) ?? false, backupRetentionDays: retention,
            deletionProtection: settings.bool("deletion_protection", diagnostics: &diagnostics) ?? true,
            kmsKeyID: settings.string("kms_key_id", diagnostics: &diagnostics),
            passwordVersion: settings.int("password_version", diagnostics: &diagnostics) ?? 1
        )
        context.deployment.accountingDatabases.append(database)
        return database
    }

    /// RDS keeps some master user names for itself (the schema's pattern holds the rest).
    private static func checkUser(_ user: String, settings: SettingReader, diagnostics: inout Diagnostics) {
        if AccountingDatabaseRules.reservedUserNames.contains(user.lowercased()) {
            diagnostics.report(.accountingDatabaseName, "user name '\(user)' of module '\(settings.id)' is one RDS keeps for itself",
                               at: settings.location("user_name"), help: "use another name, such as 'slurm'")
        }
    }
}
