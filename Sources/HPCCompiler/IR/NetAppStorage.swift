/// A Google Cloud NetApp Volumes storage pool: the capacity and service level its volumes draw on.
@_spi(Tools) public struct NetAppStoragePool: Hashable, Sendable {
    /// The pool module's origin.
    @_spi(Tools) public var origin: Origin
    /// Project that holds the pool.
    @_spi(Tools) public var project: String
    /// The pool's name.
    @_spi(Tools) public var name: String
    /// Its region.
    @_spi(Tools) public var region: String
    /// The VPC its volumes are reached on (peered with NetApp's service network).
    @_spi(Tools) public var network: NetworkAttachment
    /// `STANDARD`, `PREMIUM` or `EXTREME`.
    @_spi(Tools) public var serviceLevel: NetAppServiceLevel
    /// Capacity in GiB, shared by the pool's volumes.
    @_spi(Tools) public var capacityGiB: Int
    /// Active Directory policy id, for SMB and Kerberos volumes.
    @_spi(Tools) public var activeDirectory: String?
    /// CMEK policy (`kmsConfigs`) id; nil for Google-managed keys.
    @_spi(Tools) public var kmsConfig: String?
    /// LDAP for NFS user and group lookups.
    @_spi(Tools) public var ldapEnabled: Bool
    /// Volumes of the pool may tier cold data.
    @_spi(Tools) public var allowAutoTiering: Bool
    /// The pool's description.
    @_spi(Tools) public var description: String
    /// The peering with NetApp's service network the pool needs.
    @_spi(Tools) public var peering: NetAppPeering

    /// The pool's id, as the provider and the NetApp API spell it.
    @_spi(Tools) public var id: String { "projects/\(project)/locations/\(region)/storagePools/\(name)" }
}

/// How a storage pool knows its VPC is peered with NetApp's service network.
@_spi(Tools) public enum NetAppPeering: Hashable, Sendable {
    /// Private service access modules of the deployment create it: the pool waits for them.
    case created([ModuleID])
    /// A peering that exists already, by name: Terraform reads it and refuses to go on unless it is active.
    case existing(TerraformText)
}

/// NetApp Volumes service levels.
@_spi(Tools) public enum NetAppServiceLevel: String, CaseIterable, Sendable {
    case standard = "STANDARD"
    case premium = "PREMIUM"
    case extreme = "EXTREME"
}

/// A NetApp Volumes volume shared over NFS.
@_spi(Tools) public struct NetAppVolume: Hashable, Sendable {
    /// Project that holds the volume.
    @_spi(Tools) public var project: String
    /// The volume's name, also its share name (the export path is `/<name>`).
    @_spi(Tools) public var name: String
    /// Its region (the pool's).
    @_spi(Tools) public var region: String
    /// The pool the volume draws its capacity from.
    @_spi(Tools) public var pool: NetAppPoolReference
    /// `NFSV3` and/or `NFSV4`.
    @_spi(Tools) public var protocols: [String]
    /// Capacity in GiB.
    @_spi(Tools) public var capacityGiB: Int
    /// A large-capacity volume (15 TiB or more, six endpoints).
    @_spi(Tools) public var largeCapacity: Bool
    /// Octal permissions of the root directory.
    @_spi(Tools) public var unixPermissions: String
    /// Auto-tiering of cold data; nil leaves it off.
    @_spi(Tools) public var tiering: NetAppTieringPolicy?
    /// The volume's description.
    @_spi(Tools) public var description: String
    /// NFS export rules; nil exports to nobody.
    @_spi(Tools) public var exportRules: [NetAppExportRule]?
}

/// The storage pool a volume is created in.
@_spi(Tools) public struct NetAppPoolReference: Hashable, Sendable {
    /// The pool's name.
    @_spi(Tools) public var name: String
    /// The netapp-storage-pool module that creates it; nil for a pool that exists already.
    @_spi(Tools) public var module: ModuleID?
}

/// When a volume moves data it has not touched to the cold tier.
@_spi(Tools) public struct NetAppTieringPolicy: Hashable, Sendable {
    /// `ENABLED` or `PAUSED`; nil for the service's default.
    @_spi(Tools) public var tierAction: String?
    /// Days a block stays unread before it is tiered; nil for the service's default.
    @_spi(Tools) public var coolingThresholdDays: Int?
}

/// One NFS export rule of a volume.
@_spi(Tools) public struct NetAppExportRule: Hashable, Sendable {
    /// Comma-separated addresses and CIDR ranges of the clients.
    @_spi(Tools) public var allowedClients: String?
    /// Root on the clients is root on the volume (no root squash).
    @_spi(Tools) public var hasRootAccess: Bool
    /// `READ_WRITE`, `READ_ONLY` or `READ_NONE`.
    @_spi(Tools) public var accessType: String
    /// The rule applies to NFSv3 clients.
    @_spi(Tools) public var nfsv3: Bool
    /// The rule applies to NFSv4 clients.
    @_spi(Tools) public var nfsv4: Bool
}
