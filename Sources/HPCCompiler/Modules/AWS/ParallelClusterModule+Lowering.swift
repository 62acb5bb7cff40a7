/// How the parallelcluster module lowers: queues and compute resources from the `queues` setting,
/// shared storage from the filesystems it uses, the accounting database, and the key pair hpcc
/// creates. ParallelCluster's own rules are checked by `ParallelClusterRules`.
extension ParallelClusterModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ParallelCluster? {
        let context = settings.context
        guard let region = settings.read(AWSKey.region, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let subnets = settings.subnetList(AWSKey.privateSubnets, diagnostics: &diagnostics)
        else { return nil }
        let name = settings.read(Key.clusterName, diagnostics: &diagnostics) ?? ResourceName.autoName(deployment)
        let securityGroups = settings.text(AWSKey.clusterSecurityGroup).map { [$0] } ?? []
        let queues = (settings.read(Key.queues, diagnostics: &diagnostics)?.list ?? []).enumerated().map {
            index, value in
            queue(
                from: value, index: index, subnets: subnets, securityGroups: securityGroups, settings: settings,
                diagnostics: &diagnostics)
        }
        let head = settings.read(defaulted: Key.headNode, diagnostics: &diagnostics).map ?? [:]
        let origin = settings.origin(diagnostics: &diagnostics)
        let keyName = "\(ResourceName.autoName(deployment))-\(ResourceName.make(settings.id.rawValue))"
        let cluster = ParallelCluster(
            origin: origin, name: name, region: region,
            image: PClusterImage(
                os: settings.read(defaulted: Key.os, diagnostics: &diagnostics),
                customAMI: settings.read(Key.customAMI, diagnostics: &diagnostics)),
            headNode: PClusterHeadNode(
                instanceType: head["instance_type"]?.string ?? "t3.medium", subnet: subnets[0],
                additionalSecurityGroups: securityGroups,
                // vpc_cidr is read only when the head node names no range of its own.
                allowedSSH: head["allowed_ssh_cidr"]?.string ?? settings.read(Key.vpcCIDR, diagnostics: &diagnostics),
                rootVolumeGiB: head["root_volume_size"]?.int ?? 50,
                sessionManager: head["session_manager"]?.bool ?? false
            ),
            queues: queues, storage: storage(settings, context: context, diagnostics: &diagnostics),
            scheduling: PClusterScheduling(
                scaledownIdleMinutes: settings.read(defaulted: Key.scaledownIdletime, diagnostics: &diagnostics),
                queueUpdateStrategy: settings.read(defaulted: Key.queueUpdateStrategy, diagnostics: &diagnostics),
                memoryBasedScheduling: settings.read(defaulted: Key.memoryBasedScheduling, diagnostics: &diagnostics),
                ec2Hostnames: settings.read(defaulted: Key.ec2Hostnames, diagnostics: &diagnostics)
            ),
            database: database(settings),
            // Null turns CloudWatch logs off, so the schema's default is not a fallback here.
            logRetentionDays: settings.read(Key.logRetention, diagnostics: &diagnostics),
            detailedMonitoring: settings.read(defaulted: Key.detailedMonitoring, diagnostics: &diagnostics),
            keyPair: PClusterKeyPair(name: keyName),
            restAPI: restAPI(settings, diagnostics: &diagnostics)
        )
        ParallelClusterRules.check(cluster, settings: settings, diagnostics: &diagnostics)
        context.deployment.parallelClusters.append(cluster)
        context.knownOutputs[settings.id] = [
            Output.clusterName.rawValue: .string(name), Output.keyPairName.rawValue: .string(keyName),
        ]
        return cluster
    }

    /// One entry of `queues`; its members' defaults are those of `ParallelClusterSettings.queue`.
    private static func queue(
        from value: Value, index q: Int, subnets: [TerraformText], securityGroups: [TerraformText],
        settings: SettingReader, diagnostics: inout Diagnostics
    ) -> PClusterQueue {
        let fields = value.map ?? [:]
        let multiAZ = fields["multi_az"]?.bool ?? false
        return PClusterQueue(
            name: fields["name"]?.string ?? "",
            capacityType: fields["capacity_type"]?.string.flatMap(PClusterCapacityType.init(rawValue:)) ?? .onDemand,
            allocationStrategy: fields["allocation_strategy"]?.string.flatMap(
                PClusterAllocationStrategy.init(rawValue:)),
            subnets: multiAZ ? subnets : [subnets[0]], additionalSecurityGroups: securityGroups,
            placementGroup: fields["placement_group"]?.bool ?? false,
            computeResources: (fields["compute_resources"]?.list ?? []).enumerated().map { r, resource in
                let fields = resource.map ?? [:]
                let one = fields["instance_type"]?.string
                let several = fields["instance_types"]?.list?.compactMap(\.string)
                if (one == nil) == (several == nil) || several?.isEmpty == true {
                    diagnostics.report(
                        .parallelClusterInstances,
                        """
                        compute resource '\(fields["name"]?.string ?? "")' needs exactly one of instance_type and a \
                        non-empty instance_types
                        """,
                        at: settings.location(
                            Key.queues, [.index(q), .key("compute_resources"), .index(r), .key("name")]))
                }
                return PClusterComputeResource(
                    name: fields["name"]?.string ?? "", instanceTypes: several ?? one.map { [$0] } ?? [],
                    minCount: fields["min_count"]?.int ?? 0, maxCount: fields["max_count"]?.int ?? 10,
                    efa: fields["efa"]?.bool ?? false,
                    disableSimultaneousMultithreading: fields["disable_hyperthreading"]?.bool ?? false
                )
            }
        )
    }

    /// Each used filesystem as ParallelCluster shared storage: by id when it exists before the
    /// cluster (an existing one, or one this deployment's Terraform creates), with its settings
    /// when ParallelCluster creates it.
    private static func storage(
        _ settings: SettingReader, context: LoweringContext, diagnostics: inout Diagnostics
    ) -> [PClusterStorage] {
        settings.locatedMounts(CommonKey.networkStorage, diagnostics: &diagnostics).compactMap { mount, location in
            guard let module = mount.provider, let filesystem = context.entities[module]?.as(SharedFilesystem.self)
            else {
                diagnostics.report(
                    .parallelClusterStorage,
                    """
                    ParallelCluster mounts EFS and FSx for Lustre file systems by id; module '\(settings.id)' lists a \
                    filesystem written inline
                    """,
                    at: location, help: "use an efs or fsx-lustre module (with `file_system_id` for an existing EFS)")
                return nil
            }
            func reference(_ output: String) -> TerraformText {
                TerraformText(parts: [
                    .reference(
                        ModuleReference(
                            module: module, output: output, path: [], known: context.known(module, output, path: [])))
                ])
            }
            let kind: PClusterStorage.Kind
            switch filesystem.backing {
            case let .efs(efs):
                if let created = efs.created, created.placement == nil {
                    kind = .newEFS(created)
                } else {
                    kind = .existingEFS(id: reference(EFSModule.Output.efsID.rawValue))
                }
            case let .fsxLustre(fsx):
                kind =
                    fsx.placement == nil
                    ? .newFSx(fsx) : .existingFSx(id: reference(FSxLustreModule.Output.fsxID.rawValue))
            default:
                diagnostics.report(
                    .parallelClusterStorage,
                    """
                    ParallelCluster cannot mount '\(module)' (\(context.deployment.sourceOf(module) ?? "?")): it takes \
                    EFS and FSx for Lustre
                    """,
                    at: location)
                return nil
            }
            return PClusterStorage(name: module.rawValue, mountDir: mount.localMount, module: module, kind: kind)
        }
    }

    /// The `rest_api` setting: the shared reader, with ParallelCluster's SlurmUser, paths and port;
    /// its security group needs the VPC.
    private static func restAPI(_ settings: SettingReader, diagnostics: inout Diagnostics) -> PClusterRestAPI? {
        guard
            let api = RestAPISettings.read(
                Key.restAPI, settings: settings, slurmUser: "slurm",
                defaultJWKSFile: "\(ParallelClusterLimits.slurmPrefix)/etc/jwks.json",
                defaultPort: ParallelClusterLimits.restAPIPort, diagnostics: &diagnostics)
        else { return nil }
        guard let vpc = settings.text(AWSKey.vpcID) else {
            diagnostics.report(
                .restAPIService, "rest_api on ParallelCluster needs the VPC for the head node's security group",
                at: settings.location(Key.restAPI),
                help: "use the aws-vpc module, or set vpc_id on module '\(settings.id)'")
            return nil
        }
        return PClusterRestAPI(api: api, vpc: vpc)
    }

    /// The `slurm_database` setting: a used slurm-accounting module's output, or a literal object.
    private static func database(_ settings: SettingReader) -> PClusterDatabase? {
        let value = settings.value(Key.slurmDatabase)
        func field(_ key: String) -> TerraformText? {
            if case let .output(reference) = value {
                var path = settings.moduleReference(reference)
                path.path.append(.key(key))
                path.known = settings.context.known(
                    reference.module, reference.output, path: reference.path + [.key(key)])
                // The names of a database this deployment creates are known now; only its endpoint and secret wait for
                // apply.
                if let database = settings.context.entities[reference.module]?.as(AccountingDatabase.self),
                    reference.path.isEmpty
                {
                    path.known =
                        path.known
                        ?? [
                            "user_name": Value.string(database.userName),
                            "database_name": .string(database.databaseName),
                        ][key]
                }
                return TerraformText(parts: [.reference(path)])
            }
            guard let member = value.map?[key], !member.isNull else { return nil }
            return settings.text(from: member)
        }
        guard !value.isNull, let uri = field("uri"), let user = field("user_name"),
            let secret = field("password_secret_arn")
        else { return nil }
        return PClusterDatabase(
            uri: uri, userName: user, passwordSecretARN: secret, databaseName: field("database_name"))
    }
}
