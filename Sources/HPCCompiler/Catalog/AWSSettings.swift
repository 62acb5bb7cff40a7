/// The names of settings the AWS modules share, with the type Lower reads them as.
enum AWSKey {
    static let region = SettingKey<String>("region")
    static let tags = SettingKey<[String: String]>("labels")
    static let vpcID = SettingKey<String>("vpc_id")
    /// The subnets a module's resources go in (normally an aws-vpc module's output of that name).
    static let privateSubnets = SettingKey<[String]>("private_subnet_ids")
    static let clusterSecurityGroup = SettingKey<String>("security_group_id")
    static let managedBy = SettingKey<String>("managed_by")
    static let mountPath = SettingKey<String>("local_mount")
    /// Protection of a resource holding data against deletion (see `AWSSettings.deletionProtection`).
    static let deletionProtection = SettingKey<Bool>("deletion_protection")
}

/// Settings the AWS modules share, defined once.
enum AWSSettings {
    /// What an AWS region name looks like (`eu-west-1`, `us-gov-west-1`).
    static let regionPattern = "[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]"

    static let region = SettingSpec(
        AWSKey.region, .string,
        "AWS region of the resources (normally `vars.region`); it also configures the group's `aws` provider.",
        required: true,
        constraints: [.pattern(regionPattern, description: "an AWS region name such as `eu-west-1`")])
    static let tags = SettingSpec(
        AWSKey.tags, .map(.string),
        """
        Tags for every resource, merged over `vars.labels` (the provider's `default_tags` carry `vars.labels` and \
        hpcc's `hpcc_blueprint`, `hpcc_deployment`); hpcc adds `hpcc_module` and `Name`.
        """,
        default: .map([:]))
    static let vpcID = SettingSpec(
        AWSKey.vpcID, .string,
        "The VPC (normally from a `use`d aws-vpc module); needed when Terraform creates the filesystem.")
    static let clusterSecurityGroup = SettingSpec(
        AWSKey.clusterSecurityGroup, .string,
        """
        The cluster security group whose members mount the filesystem (normally from a `use`d aws-vpc module); needed \
        when Terraform creates the filesystem.
        """
    )
    static let managedBy = SettingSpec(
        AWSKey.managedBy, .string,
        """
        Who creates the filesystem: `terraform` (this deployment, before any cluster; clusters mount it by id), or \
        `parallelcluster` (the one \
        parallelcluster module that uses it creates it with the cluster and keeps it when the cluster is deleted; no \
        Terraform resources).
        """, default: .string(FilesystemCreator.terraform.rawValue),
        constraints: [.oneOf(FilesystemCreator.allCases.map(\.rawValue))])
    static let mountPath = SettingSpec(
        AWSKey.mountPath, .string, "Where clients mount the filesystem.", default: .string("/shared"),
        constraints: [.pattern("/[^\\s:]*", description: "an absolute path without spaces or ':'")])

    /// `deletion_protection` of a resource that holds data, on by default: Terraform refuses to destroy it
    /// (`lifecycle.prevent_destroy`, which stops `terraform destroy` before it removes anything), plus what the
    /// service itself offers, which `serviceProtection` describes.
    static func deletionProtection(_ what: String, serviceProtection: String) -> SettingSpec {
        SettingSpec(
            AWSKey.deletionProtection, .bool,
            """
            Protect the \(what) from deletion: Terraform refuses to destroy or replace it \
            (`lifecycle.prevent_destroy`, so `terraform destroy` fails before it removes \
            anything)\(serviceProtection). To delete it, set false, build and apply, then destroy.
            """,
            default: .bool(true))
    }
}
