/// The ParallelCluster 3 cluster config of one cluster, as text with placeholders for the ids the
/// deployment creates. The config file and the Terraform output that carries the real ids are
/// both made from this one rendering.
struct ClusterConfigDocument {
    /// The YAML text, header included.
    let text: String
    /// The stand-ins in `text` and what replaces each.
    let placeholders: [(token: String, text: TerraformText)]

    /// Where the config file goes in the deployment folder.
    static func path(_ cluster: ParallelCluster) -> String { "parallelcluster/\(cluster.origin.module.rawValue).yaml" }

    /// The Terraform output (of the cluster's group) holding the config with real ids.
    static func outputName(_ cluster: ParallelCluster) -> String {
        TerraformReferences.crossGroupName(module: cluster.origin.module, output: "cluster_config")
    }

    init(_ cluster: ParallelCluster) {
        var holes = ConfigPlaceholders()
        let body = YAML.object(
            [
                ("Region", .string(cluster.region)),
                (
                    "Image",
                    .object(
                        [("Os", .string(cluster.image.os.rawValue))]
                            + (cluster.image.customAMI.map { [("CustomAmi", YAML.string($0))] } ?? []))
                ),
                ("Imds", .object([("ImdsSupport", .string("v2.0"))])),
                ("HeadNode", Self.headNode(cluster, &holes)),
                ("Scheduling", Self.scheduling(cluster, &holes)),
            ] + Self.sharedStorage(cluster, &holes) + [
                (
                    "Monitoring",
                    .object([
                        ("DetailedMonitoring", .bool(cluster.detailedMonitoring)),
                        (
                            "Logs",
                            .object([
                                (
                                    "CloudWatch",
                                    .object(
                                        [("Enabled", .bool(cluster.logRetentionDays != nil))]
                                            + (cluster.logRetentionDays.map { [("RetentionInDays", YAML.int($0))] }
                                                ?? [])
                                    )
                                )
                            ])
                        ),
                    ])
                ),
                (
                    "Tags",
                    .list(
                        cluster.origin.labels.sorted { $0.key < $1.key }.map {
                            .object([("Key", .string($0.key)), ("Value", .string($0.value))])
                        })
                ),
            ])
        placeholders = holes.entries
        text = YAMLWriter.render(body, header: Self.header(cluster, placeholders: holes.entries))
    }

    private static func header(
        _ cluster: ParallelCluster, placeholders: [(token: String, text: TerraformText)]
    ) -> [String] {
        var lines = [
            """
            ParallelCluster 3 cluster config of cluster '\(cluster.name)', written by hpcc (module \
            '\(cluster.origin.module)').
            """,
            """
            Create the cluster from the Terraform output of group '\(cluster.origin.group)', which is this text with \
            the deployment's ids:
            """,
            """
              terraform -chdir=\(cluster.origin.group) output -raw \(outputName(cluster)) > \
            \(cluster.origin.module).yaml
            """,
            """
              pcluster create-cluster --cluster-name \(cluster.name) --cluster-configuration \
            \(cluster.origin.module).yaml
            """,
            """
            SSH key: EC2 key pair '\(cluster.keyPair.name)'; its private key is in Parameter Store (output \
            private_key_parameter_\(cluster.origin.module)).
            """,
        ]
        if !placeholders.isEmpty {
            lines.append(
                """
                Placeholders (well-formed ids, so this file validates on its own) and what replaces them in that \
                output:
                """
            )
            lines += placeholders.map { "  \($0.token) <- \(ConfigPlaceholders.describe($0.text))" }
        }
        return lines
    }

    private static func headNode(_ cluster: ParallelCluster, _ holes: inout ConfigPlaceholders) -> YAML {
        let head = cluster.headNode
        var networking: [(String, YAML)] = [("SubnetId", .string(holes.value(head.subnet, .subnet)))]
        let groups =
            head.additionalSecurityGroups + (cluster.restAPI.map { _ in [RestAPIText.securityGroup(cluster)] } ?? [])
        if !groups.isEmpty {
            networking.append(
                ("AdditionalSecurityGroups", .list(groups.map { .string(holes.value($0, .securityGroup)) })))
        }
        var ssh: [(String, YAML)] = [("KeyName", .string(cluster.keyPair.name))]
        if let allowed = head.allowedSSH { ssh.append(("AllowedIps", .string(allowed))) }
        var restAPI: [(String, YAML)] = []
        // The head node's IAM: Session Manager's managed policy, and read access to the REST API script.
        var iam: [(String, YAML)] = []
        if head.sessionManager {
            iam.append(
                (
                    "AdditionalIamPolicies",
                    .list([
                        .object([
                            (
                                "Policy",
                                .string(AWSPartition.managedPolicy(sessionManagerPolicy, region: cluster.region))
                            )
                        ])
                    ])
                ))
        }
        if cluster.restAPI != nil {
            // The script's bucket is named by AWS (a prefix and a suffix), so it waits for apply.
            let bucket = holes.value(RestAPIText.bucket(cluster), .name)
            let script = "s3://\(bucket)/\(HeadNodeRestAPIScript.objectKey(cluster))"
            restAPI = [
                (
                    "CustomActions",
                    .object(
                        HeadNodeRestAPIScript.actions.map { event, phase in
                            (event, .object([("Script", .string(script)), ("Args", .list([.string(phase)]))]))
                        })
                )
            ]
            iam.append(
                (
                    "S3Access",
                    .list([
                        .object([
                            ("BucketName", .string(bucket)),
                            ("KeyName", .string(HeadNodeRestAPIScript.objectKey(cluster))),
                        ])
                    ])
                ))
        }
        if !iam.isEmpty { restAPI.append(("Iam", .object(iam))) }
        return .object(
            [
                ("InstanceType", .string(head.instanceType)),
                ("Networking", .object(networking)),
                ("Ssh", .object(ssh)),
                (
                    "LocalStorage",
                    .object([
                        (
                            "RootVolume",
                            .object([
                                ("Size", .int(head.rootVolumeGiB)), ("VolumeType", .string("gp3")),
                                ("Encrypted", .bool(true)),
                            ])
                        )
                    ])
                ),
                ("Imds", .object([("Secured", .bool(true))])),
            ] + restAPI)
    }

    /// The AWS managed policy Systems Manager's agent needs on an instance.
    static let sessionManagerPolicy = "AmazonSSMManagedInstanceCore"

    private static func scheduling(_ cluster: ParallelCluster, _ holes: inout ConfigPlaceholders) -> YAML {
        let settings = cluster.scheduling
        var slurm: [(String, YAML)] = [
            ("ScaledownIdletime", .int(settings.scaledownIdleMinutes)),
            ("QueueUpdateStrategy", .string(settings.queueUpdateStrategy.rawValue)),
            ("EnableMemoryBasedScheduling", .bool(settings.memoryBasedScheduling)),
        ]
        if settings.ec2Hostnames {
            slurm.append(("Dns", .object([("DisableManagedDns", .bool(true)), ("UseEc2Hostnames", .bool(true))])))
        }
        if let database = cluster.database {
            var fields: [(String, YAML)] = [
                ("Uri", .string(holes.value(database.uri, .endpoint))),
                ("UserName", .string(holes.value(database.userName, .name))),
                (
                    "PasswordSecretArn",
                    .string(holes.value(database.passwordSecretARN, .secretARN(region: cluster.region)))
                ),
            ]
            if let name = database.databaseName { fields.append(("DatabaseName", .string(holes.value(name, .name)))) }
            slurm.append(("Database", .object(fields)))
        }
        if let api = cluster.restAPI?.api {
            // ParallelCluster renders each entry as one `Key=Value` line of the include file its
            // slurm.conf ends with; its deny list leaves both keys to the user.
            slurm.append(
                (
                    "CustomSlurmSettings",
                    .list([
                        .object([("AuthAltTypes", .string("auth/jwt"))]),
                        .object([("AuthAltParameters", .string(api.authAltParameters))]),
                    ])
                ))
        }
        return .object([
            ("Scheduler", .string("slurm")),
            ("SlurmSettings", .object(slurm)),
            ("SlurmQueues", .list(cluster.queues.map { queue(queue: $0, &holes) })),
        ])
    }

    private static func queue(queue: PClusterQueue, _ holes: inout ConfigPlaceholders) -> YAML {
        var networking: [(String, YAML)] = [
            ("SubnetIds", .list(queue.subnets.map { .string(holes.value($0, .subnet)) }))
        ]
        if !queue.additionalSecurityGroups.isEmpty {
            networking.append(
                (
                    "AdditionalSecurityGroups",
                    .list(queue.additionalSecurityGroups.map { .string(holes.value($0, .securityGroup)) })
                ))
        }
        // Always explicit: ParallelCluster refuses EFA compute resources in a queue that leaves it unsaid.
        networking.append(("PlacementGroup", .object([("Enabled", .bool(queue.placementGroup))])))
        var fields: [(String, YAML)] = [
            ("Name", .string(queue.name)), ("CapacityType", .string(queue.capacityType.rawValue)),
        ]
        if let strategy = queue.allocationStrategy { fields.append(("AllocationStrategy", .string(strategy.rawValue))) }
        fields.append(("Networking", .object(networking)))
        fields.append(("ComputeResources", .list(queue.computeResources.map(computeResource))))
        return .object(fields)
    }

    private static func computeResource(_ resource: PClusterComputeResource) -> YAML {
        var fields: [(String, YAML)] = [("Name", .string(resource.name))]
        if resource.instanceTypes.count == 1 {
            fields.append(("InstanceType", .string(resource.instanceTypes[0])))
        } else {
            fields.append(("Instances", .list(resource.instanceTypes.map { .object([("InstanceType", .string($0))]) })))
        }
        fields += [("MinCount", .int(resource.minCount)), ("MaxCount", .int(resource.maxCount))]
        if resource.disableSimultaneousMultithreading {
            fields.append(("DisableSimultaneousMultithreading", .bool(true)))
        }
        if resource.efa { fields.append(("Efa", .object([("Enabled", .bool(true))]))) }
        return .object(fields)
    }

    private static func sharedStorage(_ cluster: ParallelCluster, _ holes: inout ConfigPlaceholders) -> [(String, YAML)]
    {
        guard !cluster.storage.isEmpty else { return [] }
        return [
            (
                "SharedStorage",
                .list(
                    cluster.storage.map { storage in
                        let settings: (String, YAML) =
                            switch storage.kind {
                            case let .existingEFS(id):
                                ("EfsSettings", .object([("FileSystemId", .string(holes.value(id, .fileSystem)))]))
                            case let .existingFSx(id):
                                (
                                    "FsxLustreSettings",
                                    .object([("FileSystemId", .string(holes.value(id, .fileSystem)))])
                                )
                            case let .newEFS(efs): ("EfsSettings", newEFS(efs))
                            case let .newFSx(fsx): ("FsxLustreSettings", newFSx(fsx, name: storage.name))
                            }
                        return .object([
                            ("MountDir", .string(storage.mountDir)), ("Name", .string(storage.name)),
                            ("StorageType", .string(storage.storageType)), settings,
                        ])
                    })
            )
        ]
    }

    /// Settings of an EFS ParallelCluster creates; kept when the cluster is deleted unless its deletion protection
    /// is off.
    private static func newEFS(_ efs: NewEFS) -> YAML {
        var fields: [(String, YAML)] = [("Encrypted", .bool(true))]
        if let key = efs.kmsKeyID { fields.append(("KmsKeyId", .string(key))) }
        fields += [
            ("PerformanceMode", .string(efs.performanceMode.rawValue)),
            ("ThroughputMode", .string(efs.throughputMode.rawValue)),
        ]
        if let throughput = efs.provisionedThroughput {
            fields.append(("ProvisionedThroughput", .int(Int(throughput))))
        }
        fields.append(("DeletionPolicy", .string(efs.deletionProtection ? "Retain" : "Delete")))
        return .object(fields)
    }

    /// Settings of an FSx for Lustre ParallelCluster creates; kept when the cluster is deleted.
    private static func newFSx(_ fsx: FSxLustreFileSystem, name: String) -> YAML {
        var fields: [(String, YAML)] = [
            ("StorageCapacity", .int(fsx.capacityGiB)), ("DeploymentType", .string(fsx.deploymentType.rawValue)),
        ]
        if fsx.storageType != .ssd {
            fields += [("FsxStorageType", .string(fsx.storageType.rawValue)), ("DriveCacheType", .string("NONE"))]
        }
        if let throughput = fsx.throughput { fields.append(("PerUnitStorageThroughput", .int(throughput))) }
        if fsx.compression != .uncompressed {
            fields.append(("DataCompressionType", .string(fsx.compression.rawValue)))
        }
        if fsx.backupRetentionDays > 0 {
            fields += [
                ("AutomaticBackupRetentionDays", .int(fsx.backupRetentionDays)), ("CopyTagsToBackups", .bool(true)),
            ]
            if let start = fsx.backupStartTime { fields.append(("DailyAutomaticBackupStartTime", .string(start))) }
        }
        if !fsx.associations.isEmpty {
            fields.append(
                (
                    "DataRepositoryAssociations",
                    .list(
                        fsx.associations.enumerated().map { index, association in
                            var entry: [(String, YAML)] = [
                                ("Name", .string("\(name)-\(index)")),
                                ("FileSystemPath", .string(association.fileSystemPath)),
                                ("DataRepositoryPath", .string(association.repositoryPath)),
                                ("BatchImportMetaDataOnCreate", .bool(association.batchImportOnCreate)),
                            ]
                            if !association.importEvents.isEmpty {
                                entry.append(("AutoImportPolicy", .list(association.importEvents.map(YAML.string))))
                            }
                            if !association.exportEvents.isEmpty {
                                entry.append(("AutoExportPolicy", .list(association.exportEvents.map(YAML.string))))
                            }
                            return .object(entry)
                        })
                ))
        }
        fields.append(("DeletionPolicy", .string("Retain")))
        return .object(fields)
    }
}

/// The deployment values the cluster config names for the REST API: the script bucket's name and
/// the head node's REST API security group, both known after apply.
enum RestAPIText {
    static func bucket(_ cluster: ParallelCluster) -> TerraformText {
        TerraformText(parts: [.raw(AWSParallelClusterResources.scriptBucket(cluster.origin.module).attribute("bucket"))]
        )
    }

    static func securityGroup(_ cluster: ParallelCluster) -> TerraformText {
        TerraformText(parts: [.raw(AWSParallelClusterResources.restAPIGroup(cluster.origin.module).attribute("id"))])
    }
}
