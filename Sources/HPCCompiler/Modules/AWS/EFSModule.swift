/// `modules/file-system/efs`: an EFS file system, created with mount targets or an existing one
/// named by id (nothing created, the contract only), and its mount contract.
enum EFSModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s and `AWSKey`'s.
    enum Key {
        static let fileSystemID = SettingKey<String>("file_system_id")
        static let performanceMode = SettingKey<EFSPerformanceMode>("performance_mode")
        static let throughputMode = SettingKey<EFSThroughputMode>("throughput_mode")
        static let provisionedThroughput = SettingKey<Double>("provisioned_throughput_in_mibps")
        static let transitionToIA = SettingKey<String>("transition_to_ia")
        static let kmsKeyID = SettingKey<String>("kms_key_id")
        static let automaticBackups = SettingKey<Bool>("automatic_backups")
    }

    static let schema = ModuleSchema(
        source: "modules/file-system/efs", cloud: .aws,
        summary: "Amazon EFS (new, or an existing one by id) with its mount contract",
        description: """
            Creates an encrypted EFS file system with one mount target per private subnet and a security group \
            admitting NFS (TCP 2049) from the cluster security group, or, with `file_system_id`, only describes \
            an existing one. A new file system has AWS Backup's automatic backups on (`automatic_backups`) and \
            is protected from `terraform destroy` (`deletion_protection`), unless the blueprint turns them off. \
            Either way it exports the mount contract (`network_storage`, fs_type `nfs`, server \
            `<fs-id>.efs.<region>.amazonaws.com`, export `/`).
            """,
        settings: [
            CommonSettings.deploymentName, AWSSettings.region, AWSSettings.tags,
            SettingSpec(
                Key.fileSystemID, .string,
                """
                An existing file system to mount instead of creating one; every setting of a new file system must then \
                stay unset.
                """,
                constraints: [.pattern("fs-[0-9a-f]{8,40}", description: "an EFS id such as `fs-0123456789abcdef0`")]),
            SettingSpec(
                AWSKey.vpcID, .string,
                """
                The VPC of the mount targets' security group (from a `use`d aws-vpc module); needed for a new file \
                system.
                """
            ),
            SettingSpec(
                AWSKey.privateSubnets, .list(.string),
                """
                Subnets that get a mount target, at most one per availability zone (from a `use`d aws-vpc module); \
                needed for a new file system.
                """
            ),
            SettingSpec(
                AWSKey.clusterSecurityGroup, .string,
                """
                The cluster security group admitted to NFS (from a `use`d aws-vpc module); needed for a new file \
                system.
                """
            ),
            AWSSettings.managedBy,
            AWSSettings.mountPath,
            SettingSpec(
                CommonKey.mountOptions, .string, "NFS mount options clients use (AWS's recommended NFSv4.1 options).",
                default: .string(
                    """
                    nfsvers=4.1,rsize=1048576,wsize=1048576,hard,timeo=600,retrans=2,noresvport,_netdev
                    """)),
            SettingSpec(
                Key.performanceMode, .string, "Performance mode of a new file system.",
                default: .string(EFSPerformanceMode.generalPurpose.rawValue),
                constraints: [.oneOf(EFSPerformanceMode.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.throughputMode, .string,
                "Throughput mode of a new file system; `elastic` needs performance_mode `generalPurpose`.",
                default: .string(EFSThroughputMode.elastic.rawValue),
                constraints: [.oneOf(EFSThroughputMode.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.provisionedThroughput, .number,
                "Throughput in MiB/s; required with, and only with, `throughput_mode: provisioned`.",
                constraints: [.range(min: 1, max: 3414)]),
            SettingSpec(
                Key.transitionToIA, .string,
                "Move files not read for this long to Infrequent Access; null keeps them in Standard.",
                constraints: [.oneOf(EFSTransition.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.kmsKeyID, .string,
                "ARN of a customer-managed KMS key; null uses the AWS-managed key (files are always encrypted).",
                constraints: [.pattern("arn:aws[a-z-]*:kms:.+", description: "a KMS key ARN")]),
            SettingSpec(
                Key.automaticBackups, .bool,
                """
                AWS Backup's automatic backups of a new file system (`aws_efs_backup_policy` ENABLED: daily, kept 35 \
                days in the default EFS backup vault); false turns them off. Null means on for a file system \
                Terraform creates and off for one ParallelCluster creates, which cannot have a backup policy (true \
                is an error there).
                """
            ),
            AWSSettings.deletionProtection(
                "new file system",
                serviceProtection:
                    """
                    ; with `managed_by: parallelcluster`, ParallelCluster keeps it when the cluster is deleted \
                    (`DeletionPolicy: Retain`, or `Delete` when false)
                    """),
        ],
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case networkStorage = "network_storage"
        case efsID = "efs_id"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .networkStorage:
                (
                    CommonSettings.mountContract,
                    """
                    The mount contract: server_ip (the file system's DNS name), remote_mount `/`, local_mount, fs_type \
                    `nfs`, mount_options.
                    """
                )
            case .efsID: (.string, "Id of the file system.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.networkStorage, .efsID]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> SharedFilesystem? {
        guard let region = settings.read(AWSKey.region, diagnostics: &diagnostics),
            let localMount = settings.read(AWSKey.mountPath, diagnostics: &diagnostics)
        else { return nil }
        if let existing = settings.read(Key.fileSystemID, diagnostics: &diagnostics) {
            for key in newFileSystemSettings + [AnySettingKey(AWSKey.managedBy)] where settings.isChosen(key) {
                diagnostics.report(
                    .storageSettingsMismatch,
                    """
                    setting '\(key.name)' of module '\(settings.id)' describes a new file system, but 'file_system_id' \
                    names an existing one
                    """,
                    at: settings.location(key),
                    help: "remove '\(key.name)', or remove 'file_system_id' to create the file system")
            }
            let server = "\(existing).efs.\(region).amazonaws.com"
            return SharedFilesystemLowering.register(
                settings, backing: .efs(EFSFileSystem(region: region, existingID: existing, created: nil)),
                server: TerraformText(server),
                remotePath: "/", localMount: localMount, type: .nfs,
                outputs: [Output.efsID.rawValue: .string(existing)], into: settings.context,
                diagnostics: &diagnostics
            )
        }
        guard let created = newFileSystem(settings, diagnostics: &diagnostics) else { return nil }
        return SharedFilesystemLowering.register(
            settings, backing: .efs(EFSFileSystem(region: region, existingID: nil, created: created)),
            remotePath: "/", localMount: localMount, type: .nfs, outputs: [:], into: settings.context,
            diagnostics: &diagnostics
        )
    }

    /// Settings that only describe a file system hpcc creates.
    static let newFileSystemSettings = [
        AnySettingKey(AWSKey.vpcID), AnySettingKey(AWSKey.privateSubnets), AnySettingKey(AWSKey.clusterSecurityGroup),
        AnySettingKey(Key.performanceMode),
        AnySettingKey(Key.throughputMode), AnySettingKey(Key.provisionedThroughput), AnySettingKey(Key.transitionToIA),
        AnySettingKey(Key.kmsKeyID), AnySettingKey(Key.automaticBackups), AnySettingKey(AWSKey.deletionProtection),
    ]

    /// The file system hpcc creates, or ParallelCluster creates with the cluster; nil when the settings cannot
    /// describe one (reported).
    private static func newFileSystem(_ settings: SettingReader, diagnostics: inout Diagnostics) -> NewEFS? {
        guard let creator = settings.creator(diagnostics: &diagnostics) else { return nil }
        var placement: EFSPlacement?
        if creator == .terraform {
            guard
                settings.requireNetwork(
                    AWSKey.vpcID, AWSKey.privateSubnets, AWSKey.clusterSecurityGroup, diagnostics: &diagnostics),
                let subnets = settings.subnetList(AWSKey.privateSubnets, diagnostics: &diagnostics)
            else { return nil }
            // requireNetwork found all three set.
            placement = EFSPlacement(
                vpc: settings.text(AWSKey.vpcID)!, subnets: subnets,
                clusterSecurityGroup: settings.text(AWSKey.clusterSecurityGroup)!)
        }
        let throughputMode = settings.read(defaulted: Key.throughputMode, diagnostics: &diagnostics)
        let performanceMode = settings.read(defaulted: Key.performanceMode, diagnostics: &diagnostics)
        if creator == .parallelcluster {
            // ParallelCluster's EfsSettings carry neither elastic throughput nor lifecycle policies.
            if throughputMode == .elastic {
                diagnostics.report(
                    .parallelClusterStorage,
                    "ParallelCluster creates EFS with throughput_mode bursting or provisioned, not elastic",
                    at: settings.location(Key.throughputMode),
                    help: "set throughput_mode: bursting, or `managed_by: terraform` for elastic throughput")
            }
            if settings.isChosen(Key.transitionToIA) {
                diagnostics.report(
                    .parallelClusterStorage, "ParallelCluster cannot give the EFS it creates a lifecycle policy",
                    at: settings.location(Key.transitionToIA),
                    help: "remove transition_to_ia, or use `managed_by: terraform`")
            }
            // Its EfsSettings have no backup policy, and the file system's id is known only to the cluster's stack.
            if settings.read(Key.automaticBackups, diagnostics: &diagnostics) == true {
                diagnostics.report(
                    .parallelClusterStorage,
                    "ParallelCluster cannot give the EFS it creates AWS Backup's backup policy",
                    at: settings.location(Key.automaticBackups),
                    help: "remove automatic_backups, or use `managed_by: terraform` for automatic backups")
            }
        }
        if throughputMode == .elastic, performanceMode == .maxIO {
            diagnostics.report(
                .constraintViolation,
                "EFS offers elastic throughput only with performance_mode generalPurpose, not maxIO",
                at: settings.location(Key.performanceMode),
                help: "use throughput_mode bursting or provisioned with maxIO")
            return nil
        }
        let provisioned = settings.read(Key.provisionedThroughput, diagnostics: &diagnostics)
        if (throughputMode == .provisioned) != (provisioned != nil) {
            diagnostics.report(
                .constraintViolation,
                """
                'provisioned_throughput_in_mibps' of module '\(settings.id)' goes with, and only with, throughput_mode \
                'provisioned'
                """,
                at: provisioned == nil
                    ? settings.location(Key.throughputMode) : settings.location(Key.provisionedThroughput))
            return nil
        }
        let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics) ?? ""
        return NewEFS(
            name: "\(ResourceName.autoName(deployment))-\(settings.id)", placement: placement,
            performanceMode: performanceMode, throughputMode: throughputMode, provisionedThroughput: provisioned,
            transitionToIA: settings.read(Key.transitionToIA, diagnostics: &diagnostics).flatMap(
                EFSTransition.init(rawValue:)),
            kmsKeyID: settings.read(Key.kmsKeyID, diagnostics: &diagnostics),
            automaticBackups: creator == .terraform
                && settings.read(Key.automaticBackups, diagnostics: &diagnostics) ?? true,
            deletionProtection: settings.read(defaulted: AWSKey.deletionProtection, diagnostics: &diagnostics)
        )
    }

    static func emit(_ entity: SharedFilesystem, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { group, document, references in
            AWSStorageResources.emit(entity, defaults: group.defaultTags, into: &document, references: &references)
        }
    }

    static func value(of output: Output, entity: SharedFilesystem, module: ModuleID, path: [Accessor]) -> OutputValue {
        // An existing file system's outputs are known; one ParallelCluster creates has no resource of this deployment.
        guard case let .efs(efs) = entity.backing, efs.created != nil, !entity.backing.isCreatedByParallelCluster else {
            return .known
        }
        let fileSystem = AWSStorageResources.efsFileSystem(module)
        return switch output {
        case .efsID: .expression(fileSystem.attribute("id"))
        case .networkStorage:
            .expression(OutputExpressions.mountContract(entity, server: fileSystem.attribute("dns_name"), path: path))
        }
    }
}

/// EFS performance modes.
@_spi(Tools) public enum EFSPerformanceMode: String, CaseIterable, Sendable {
    case generalPurpose
    case maxIO
}

/// EFS throughput modes.
@_spi(Tools) public enum EFSThroughputMode: String, CaseIterable, Sendable {
    case bursting
    case elastic
    case provisioned
}

/// The ages after which EFS moves a file not read to Infrequent Access.
@_spi(Tools) public enum EFSTransition: String, CaseIterable, Sendable {
    case after1Day = "AFTER_1_DAY"
    case after7Days = "AFTER_7_DAYS"
    case after14Days = "AFTER_14_DAYS"
    case after30Days = "AFTER_30_DAYS"
    case after60Days = "AFTER_60_DAYS"
    case after90Days = "AFTER_90_DAYS"
    case after180Days = "AFTER_180_DAYS"
    case after270Days = "AFTER_270_DAYS"
    case after365Days = "AFTER_365_DAYS"
}
