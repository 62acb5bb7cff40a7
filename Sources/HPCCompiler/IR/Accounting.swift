/// The database slurmdbd keeps Slurm accounting in: an RDS for MariaDB instance whose master
/// password RDS creates and keeps in Secrets Manager, so hpcc never sees it.
public struct AccountingDatabase: Hashable, Sendable {
    public var origin: Origin
    /// The RDS instance identifier and `Name` tag (`<deployment>-<module>`, RDS's naming rules).
    public var identifier: String
    public var region: String
    public var vpc: TerraformText
    /// The subnet group's subnets, in at least two availability zones.
    public var subnets: [TerraformText]
    /// Members of this group may connect (TCP 3306).
    public var clusterSecurityGroup: TerraformText
    /// The database slurmdbd uses (`StorageLoc`).
    public var databaseName: String
    /// The master user slurmdbd connects as (`StorageUser`).
    public var userName: String
    public var instanceClass: String
    public var engineVersion: String
    public var allocatedStorageGiB: Int
    public var multiAZ: Bool
    public var backupRetentionDays: Int
    public var deletionProtection: Bool
    /// A customer-managed key; nil for the AWS-managed one.
    public var kmsKeyID: String?

    /// The snapshot RDS takes when the instance is deleted: derived from the identifier, so the
    /// same blueprint always names it the same.
    public var finalSnapshotIdentifier: String { "\(identifier)-final" }
}
