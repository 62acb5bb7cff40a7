/// `slurm/<module id>/slurmdbd.conf` of every accounting database.
///
/// The file is deterministic and holds no secret: the database host is known only after
/// `terraform apply`, and the password exists only in Secrets Manager, where Terraform put it. Both go
/// into a second file the slurmdbd host writes at boot, which slurmdbd.conf pulls in with
/// `Include` (Slurm's configuration parser honours `Include` in every file it reads, slurmdbd.conf
/// included).
enum SlurmdbdConfEmitter {
    /// Where the boot step writes `StorageHost` and `StoragePass`.
    static let storageFile = "/etc/slurm/slurmdbd-storage.conf"
    /// slurmdbd's port.
    static let port = 6819

    /// The file of every accounting database whose slurmdbd hpcc's output describes: not of one a ParallelCluster
    /// of the deployment uses, since ParallelCluster's head node runs slurmdbd with a slurmdbd.conf it writes
    /// itself (from `Scheduling.SlurmSettings.Database`), and a second one would only mislead.
    static func emit(_ deployment: Deployment) -> [OutputFile] {
        let runByParallelCluster = Set(deployment.parallelClusters.flatMap { $0.database?.modules ?? [] })
        return deployment.accountingDatabases.filter { !runByParallelCluster.contains($0.origin.module) }.map {
            database in
            OutputFile(
                path: "slurm/\(database.origin.module)/slurmdbd.conf", text: text(database, deployment: deployment))
        }
    }

    static func text(_ database: AccountingDatabase, deployment: Deployment) -> String {
        let id = database.origin.module.rawValue
        let group = database.origin.group
        var conf = SlurmConfWriter()
        conf.comment(
            """
            slurmdbd.conf of accounting database \(id), compiled by hpcc from blueprint \(deployment.blueprintName) \
            (deployment \(deployment.name)).
            """
        )
        conf.comment(
            """
            Generated file: change the blueprint and rebuild instead of editing it. slurmdbd wants it mode 0600, owned \
            by SlurmUser.
            """
        )
        conf.comment("")
        conf.comment("No database host and no password here: the host is known only after `terraform apply`, and the")
        conf.comment(
            "password exists only in AWS Secrets Manager (the secret's whole value). A boot step on the slurmdbd host")
        conf.comment("writes both to \(storageFile) (mode 0600, owner slurm), included at the end:")
        conf.comment("")
        conf.comment(
            """
              endpoint=$(terraform -chdir=\(group) output -raw \
            \(TerraformReferences.crossGroupName(module: database.origin.module, output: "database_endpoint")))
            """
        )
        conf.comment(
            """
              arn=$(terraform -chdir=\(group) output -raw \
            \(TerraformReferences.crossGroupName(module: database.origin.module, output: "password_secret_arn")))
            """
        )
        conf.comment(
            "  password=$(aws secretsmanager get-secret-value --secret-id \"$arn\" --query SecretString --output text)")
        conf.comment("  printf 'StorageHost=%s\\nStoragePass=%s\\n' \"${endpoint%:*}\" \"$password\" > \(storageFile)")
        conf.blank()
        conf.slurmdbdDaemon(host: "localhost", port: port, layout: SlurmPaths.daemons)
        conf.blank()
        conf.slurmdbdStorage(
            host: nil, port: AccountingDatabaseRules.port, user: database.userName, database: database.databaseName,
            include: storageFile)
        return conf.text
    }

    /// Where the controller of a Google Cloud cluster writes `StorageHost` and `StoragePass` at boot.
    static let cloudStorageFile = "\(SlurmPaths.configDirectory)/slurmdbd-storage.conf"

    /// slurmdbd.conf of a Google Cloud cluster: slurmdbd on the controller, storing in Cloud SQL.
    static func text(_ cluster: SlurmCluster, accounting: SlurmAccountingStorage, deployment: Deployment) -> String {
        var conf = SlurmConfWriter()
        conf.comment(
            """
            slurmdbd.conf of cluster \(cluster.name), compiled by hpcc from blueprint \(deployment.blueprintName) \
            (deployment \(deployment.name)).
            """
        )
        conf.comment("Generated file: change the blueprint and rebuild instead of editing it.")
        conf.comment("")
        conf.comment("No database address and no password here: the Cloud SQL address is known only after")
        conf.comment("`terraform apply`, and the password exists only in Secret Manager. At boot the controller reads")
        conf.comment("the secret (its service account alone may) and writes StorageHost and StoragePass to")
        conf.comment("\(cloudStorageFile) (mode 0600, owner slurm), included at the end.")
        conf.blank()
        conf.slurmdbdDaemon(
            host: cluster.controllerHostName,
            backupHost: cluster.controller.backup.map { _ in cluster.backupControllerHostName }, port: port,
            layout: SlurmPaths.daemons, auth: cluster.parameters.authentication.rawValue)
        if let api = cluster.restAPI { RestAPIFiles.authLines(api, into: &conf) }
        conf.blank()
        conf.slurmdbdStorage(
            host: nil, port: AccountingDatabaseRules.port, user: accounting.user, database: accounting.databaseName,
            include: cloudStorageFile)
        return conf.text
    }
}
