/// The database slurmdbd keeps Slurm accounting in: an RDS for MariaDB instance whose master
/// password Terraform makes and keeps in a Secrets Manager secret holding exactly the password,
/// so hpcc never sees it and it is not in the Terraform state.
@_spi(Tools) public struct AccountingDatabase: Hashable, Sendable {
    /// The slurm-accounting module's origin.
    @_spi(Tools) public var origin: Origin
    /// The RDS instance identifier and `Name` tag (`<deployment>-<module>`, RDS's naming rules).
    @_spi(Tools) public var identifier: String
    /// The AWS region.
    @_spi(Tools) public var region: String
    /// The VPC of the instance.
    @_spi(Tools) public var vpc: TerraformText
    /// The subnet group's subnets, in at least two availability zones.
    @_spi(Tools) public var subnets: [TerraformText]
    /// Members of this group may connect (TCP 3306).
    @_spi(Tools) public var clusterSecurityGroup: TerraformText
    /// The database slurmdbd uses (`StorageLoc`).
    @_spi(Tools) public var databaseName: String
    /// The master user slurmdbd connects as (`StorageUser`).
    @_spi(Tools) public var userName: String
    /// The RDS instance class (`db.t4g.medium`).
    @_spi(Tools) public var instanceClass: String
    /// The MariaDB version.
    @_spi(Tools) public var engineVersion: String
    /// Storage in GiB.
    @_spi(Tools) public var allocatedStorageGiB: Int
    /// A standby in a second availability zone.
    @_spi(Tools) public var multiAZ: Bool
    /// Days RDS keeps automated backups.
    @_spi(Tools) public var backupRetentionDays: Int
    /// RDS refuses to delete the instance while it is on.
    @_spi(Tools) public var deletionProtection: Bool
    /// A customer-managed key; nil for the AWS-managed one.
    @_spi(Tools) public var kmsKeyID: String?
    /// Raised to set a new password: the secret and the instance both take a new one.
    @_spi(Tools) public var passwordVersion: Int = 1

    /// The snapshot RDS takes when the instance is deleted: derived from the identifier, so the
    /// same blueprint always names it the same.
    @_spi(Tools) public var finalSnapshotIdentifier: String { "\(identifier)-final" }
}
