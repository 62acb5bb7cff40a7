/// How the htc-grid module lowers to an `HTCGrid`. The grid's rules are checked by `HTCGridRules`.
extension HTCGridModule {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> HTCGrid? {
        let context = settings.context
        guard let region = settings.read(AWSKey.region, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let vpc = settings.text(AWSKey.vpcID), let securityGroup = settings.text(AWSKey.clusterSecurityGroup),
            let subnets = settings.subnetList(AWSKey.privateSubnets, diagnostics: &diagnostics),
            let storageName = settings.read(Key.storageService, diagnostics: &diagnostics),
            let codeURI = settings.read(Key.controlPlaneCode, diagnostics: &diagnostics)
        else { return nil }
        let storage = HTCPayloadStorage(rawValue: storageName)
        if storage == nil {
            let correction = Suggestion.correction(
                for: storageName, at: settings.location(Key.storageService), in: HTCGridLimits.storageServices)
            diagnostics.report(
                .htcStorageService,
                "grid_storage_service '\(storageName)' of module '\(settings.id)' is not one HTC-Grid offers",
                at: settings.location(Key.storageService),
                help: correction.help
                    ?? "use " + HTCGridLimits.storageServices.map { "'\($0)'" }.joined(separator: ", "),
                fixes: correction.fixes)
        }
        let project = settings.read(Key.projectName, diagnostics: &diagnostics) ?? ResourceName.make(deployment)
        let network = settings.entity(of: settings.value(AWSKey.vpcID))?.1.as(AWSNetwork.self)
        let (bucket, key) = S3URI.split(codeURI)
        let grid = HTCGrid(
            origin: settings.origin(diagnostics: &diagnostics), region: region, projectName: project,
            vpc: vpc, subnets: subnets, securityGroup: securityGroup, storage: storage ?? .s3,
            priorities: settings.read(defaulted: Key.priorities, diagnostics: &diagnostics),
            maxReceiveCount: settings.read(defaulted: Key.maxReceiveCount, diagnostics: &diagnostics),
            stateTable: HTCStateTable(
                readCapacity: settings.read(defaulted: Key.readCapacity, diagnostics: &diagnostics),
                writeCapacity: settings.read(defaulted: Key.writeCapacity, diagnostics: &diagnostics),
                deletionProtection: settings.read(
                    defaulted: Key.stateTableDeletionProtection, diagnostics: &diagnostics)),
            agents: agents(settings, diagnostics: &diagnostics),
            workerGroups: (settings.read(Key.workerGroups, diagnostics: &diagnostics)?.list ?? []).map(workerGroup),
            kubernetesVersion: settings.read(defaulted: Key.kubernetesVersion, diagnostics: &diagnostics),
            nodeVolumeGiB: settings.read(defaulted: Key.nodeVolumeSize, diagnostics: &diagnostics),
            clusterAccess: (settings.read(defaulted: Key.inputRole, diagnostics: &diagnostics).list ?? []).map {
                value in
                let fields = value.map ?? [:]
                return HTCClusterAccess(
                    roleARN: fields["rolearn"]?.string ?? "", userName: fields["username"]?.string ?? "",
                    groups: fields["groups"]?.list?.compactMap(\.string) ?? [])
            },
            controlPlane: HTCControlPlane(
                codeBucket: bucket, codePrefix: key.isEmpty || key.hasSuffix("/") ? key : key + "/",
                runtime: settings.read(defaulted: Key.lambdaRuntime, diagnostics: &diagnostics),
                memoryMB: settings.read(defaulted: Key.lambdaMemorySize, diagnostics: &diagnostics),
                timeoutSeconds: settings.read(defaulted: Key.lambdaTimeout, diagnostics: &diagnostics)
            ),
            redis: HTCRedis(
                nodeType: settings.read(defaulted: Key.redisNodeType, diagnostics: &diagnostics),
                engineVersion: settings.read(defaulted: Key.redisEngineVersion, diagnostics: &diagnostics),
                nodes: settings.read(defaulted: Key.redisNodes, diagnostics: &diagnostics)),
            payloadVersioning: settings.read(defaulted: Key.payloadVersioning, diagnostics: &diagnostics),
            apiEndpointType: settings.read(defaulted: Key.apiEndpointType, diagnostics: &diagnostics),
            logRetentionDays: settings.read(defaulted: Key.logRetention, diagnostics: &diagnostics),
            kmsDeletionWindowDays: settings.read(defaulted: Key.kmsDeletionWindow, diagnostics: &diagnostics),
            planning: HTCPlanning(
                taskSeconds: settings.read(defaulted: Key.taskDuration, diagnostics: &diagnostics),
                targetTasksPerSecond: settings.read(Key.targetTasksPerSecond, diagnostics: &diagnostics)),
            privateSubnetPrefix: network.flatMap { CIDR($0.privateSubnets[0].cidr)?.prefix }
                ?? HTCGridLimits.defaultSubnetPrefix,
            publicSubnetPrefix: network?.publicSubnet.flatMap { CIDR($0.cidr)?.prefix }
                ?? HTCGridLimits.defaultSubnetPrefix,
            names: HTCGridNames(
                project: project,
                payloadBucket: "htc-data-\(project)-"
                    + String(Digest.sha256("\(deployment)/\(settings.id)/\(region)").prefix(6)))
        )
        HTCGridRules.check(grid, network: network, settings: settings, diagnostics: &diagnostics)
        context.deployment.htcGrids.append(grid)
        context.knownOutputs[settings.id] = [
            Output.stateTableName.rawValue: .string(grid.names.stateTable),
            Output.eksClusterName.rawValue: .string(grid.names.cluster),
            Output.payloadBucket.rawValue: grid.storage.usesS3 ? .string(grid.names.payloadBucket) : .null,
        ]
        return grid
    }

    /// The agent pods: `agent_configuration.lambda`, whose members' defaults are those of
    /// `HTCGridSettings.agentLambda`, and the autoscaling bounds.
    private static func agents(_ settings: SettingReader, diagnostics: inout Diagnostics) -> HTCAgents {
        let lambda = settings.read(Key.agentConfiguration, diagnostics: &diagnostics)?.map?["lambda"]?.map ?? [:]
        return HTCAgents(
            minimum: settings.read(defaulted: Key.minAgents, diagnostics: &diagnostics),
            maximum: settings.read(defaulted: Key.maxAgents, diagnostics: &diagnostics),
            cpuRequestMilli: lambda["minCPU"]?.int ?? 800, cpuLimitMilli: lambda["maxCPU"]?.int ?? 900,
            memoryRequestMiB: lambda["minMemory"]?.int ?? 1200, memoryLimitMiB: lambda["maxMemory"]?.int ?? 1900,
            workloadLocation: lambda["location"]?.string ?? "", runtime: lambda["runtime"]?.string ?? "provided",
            handlerFile: lambda["lambda_handler_file_name"]?.string ?? "",
            handlerFunction: lambda["lambda_handler_function_name"]?.string ?? ""
        )
    }

    /// One entry of `eks_worker_groups`; its members' defaults are those of `HTCGridSettings.workerGroup`.
    private static func workerGroup(_ value: Value) -> HTCWorkerGroup {
        let fields = value.map ?? [:]
        return HTCWorkerGroup(
            name: fields["node_group_name"]?.string ?? "",
            instanceTypes: fields["instance_types"]?.list?.compactMap(\.string) ?? [],
            capacityType: fields["capacity_type"]?.string.flatMap(HTCCapacityType.init(rawValue:)) ?? .onDemand,
            minSize: fields["min_size"]?.int ?? 0, maxSize: fields["max_size"]?.int ?? 1,
            desiredSize: fields["desired_size"]?.int ?? 0
        )
    }
}

/// `s3://bucket/key` URIs.
enum S3URI {
    /// The bucket and the key (empty when the URI names the bucket only).
    static func split(_ uri: String) -> (bucket: String, key: String) {
        let rest = uri.hasPrefix("s3://") ? String(uri.dropFirst(5)) : uri
        guard let slash = rest.firstIndex(of: "/") else { return (rest, "") }
        return (String(rest[..<slash]), String(rest[rest.index(after: slash)...]))
    }
}
