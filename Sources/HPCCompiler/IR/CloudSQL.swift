/// A Cloud SQL for MySQL instance holding Slurm accounting, reachable on a private address only,
/// with its database, its user, and the user's password in a Secret Manager secret. Terraform
/// makes the password during `apply` and hands it only to write-only arguments, so it is neither
/// in hpcc's output nor in the Terraform state.
@_spi(Tools) public struct CloudSQLDatabase: Hashable, Sendable {
    /// The slurm-cloudsql-federation module's origin.
    @_spi(Tools) public var origin: Origin
    /// The project of the instance and the secret.
    @_spi(Tools) public var project: String
    /// The region of the instance (and of the Private Service Connect endpoint).
    @_spi(Tools) public var region: String
    /// The instance name (`sql_instance_name`).
    @_spi(Tools) public var instanceName: String
    /// `MYSQL_8_0` and the like.
    @_spi(Tools) public var databaseVersion: String
    /// `ENTERPRISE` or `ENTERPRISE_PLUS`.
    @_spi(Tools) public var edition: String
    /// The machine tier (`db-f1-micro`, `db-custom-2-7680`, ...).
    @_spi(Tools) public var tier: String
    /// Data cache (Enterprise Plus only).
    @_spi(Tools) public var dataCache: Bool
    /// Refuse to delete the instance.
    @_spi(Tools) public var deletionProtection: Bool
    /// How clients reach the private address.
    @_spi(Tools) public var connection: CloudSQLConnection
    /// The database slurmdbd stores in (`StorageLoc`).
    @_spi(Tools) public var databaseName: String
    /// The user slurmdbd connects as (`StorageUser`).
    @_spi(Tools) public var userName: String
    /// Raised to give the user a new password (the secret takes the same one).
    @_spi(Tools) public var passwordVersion: Int
    /// The secret's id (its short name).
    @_spi(Tools) public var secretID: String
    /// Where Secret Manager keeps the secret; empty lets Google choose.
    @_spi(Tools) public var secretReplicas: [SecretReplica]
}

/// How a Cloud SQL instance with no public address is reached.
@_spi(Tools) public enum CloudSQLConnection: Hashable, Sendable {
    /// Private services access: the instance gets an address from the range peered with the VPC
    /// (`network`), after the peerings of the listed private-service-access modules exist.
    case privateServiceAccess(network: NetworkAttachment, waitsFor: [ModuleID], authorizedNetworks: [String])
    /// Private Service Connect: an internal address in `subnetwork` forwards to the instance's
    /// service attachment.
    case privateServiceConnect(subnetwork: SubnetworkAttachment)
}

/// A location Secret Manager replicates a secret to, with an optional customer-managed key.
@_spi(Tools) public struct SecretReplica: Hashable, Sendable {
    /// A region, such as `us-central1`.
    @_spi(Tools) public var location: String
    /// A Cloud KMS key in that region; nil for a Google-managed key.
    @_spi(Tools) public var kmsKeyName: TerraformText?
}

/// Slurm accounting of a cluster on Google Cloud: slurmdbd on the controller, storing in a Cloud
/// SQL database whose password the controller reads from Secret Manager at boot.
@_spi(Tools) public struct SlurmAccountingStorage: Hashable, Sendable {
    /// The slurm-cloudsql-federation module holding the database.
    @_spi(Tools) public var database: ModuleID
    /// The database's private address (`StorageHost`), known after `terraform apply`.
    @_spi(Tools) public var host: TerraformText
    /// `StorageUser`.
    @_spi(Tools) public var user: String
    /// `StorageLoc`.
    @_spi(Tools) public var databaseName: String
    /// The secret holding the password, as `projects/PROJECT/secrets/NAME`.
    @_spi(Tools) public var passwordSecret: TerraformText
}
