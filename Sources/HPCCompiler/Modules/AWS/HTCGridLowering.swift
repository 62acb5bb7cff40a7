/// `modules/htc/htc-grid` → an `HTCGrid`. The grid's rules are checked by `HTCGridRules`.
enum HTCGridLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> HTCGrid? {
        let context = settings.context
        guard let region = settings.string("region", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let vpc = settings.text("vpc_id"), let securityGroup = settings.text("security_group_id"),
              let subnets = settings.subnetList("private_subnet_ids", diagnostics: &diagnostics),
              let storageName = settings.string("grid_storage_service", diagnostics: &diagnostics),
              let codeURI = settings.string("control_plane_code", diagnostics: &diagnostics)
        else { return nil }
        let storage = HTCPayloadStorage(rawValue: storageName)
        if storage == nil {
            diagnostics.report(.htcStorageService, "grid_storage_service '\(storageName)' of module '\(settings.id)' is not one HTC-Grid offers",
                               at: settings.location("grid_storage_service"),
                               help: Suggestion.help(for: storageName, in: HTCGridLimits.storageServices)
                                   ?? "use " + HTCGridLimits.storageServices.map { "'\($0)'" }.joined(separator: ", "))
        }
        let project = settings.string("project_name", diagnostics: &diagnostics) ?? ResourceName.make(deployment)
        let network = settings.entity(of: settings.value("vpc_id"))?.1.as(AWSNetwork.self)
        let (bucket, key) = S3URI.split(codeURI)
        let grid = HTCGrid(
            origin: settings.origin(diagnostics: &diagnostics), region: region, projectName: project,
            vpc: vpc, subnets: subnets, securityGroup: securityGroup, storage: storage ?? .s3,
            priorities: settings.int("priorities", diagnostics: &diagnostics) ?? 3,
            maxReceiveCount: settings.int("max_receive_count", diagnostics: &diagnostics) ?? 4,
            stateTable: HTCStateTable(readCapacity: settings.int("dynamodb_default_read_capacity", diagnostics: &diagnostics) ?? 100,
                                      writeCapacity: settings.int("dynamodb_default_write_capacity", diagnostics: &diagnostics) ?? 100,
                                      deletionProtection: settings.bool("state_table_deletion_protection", diagnostics: &diagnostics) ?? true),
            agents: agents(settings, diagnostics: &diagnostics),
            workerGroups: (settings.literal("eks_worker_groups", diagnostics: &diagnostics)?.list ?? []).map(workerGroup),
            kubernetesVersion: settings.string("kubernetes_version", diagnostics: &diagnostics) ?? "1.33",
            nodeVolumeGiB: settings.int("node_volume_size", diagnostics: &diagnostics) ?? 50,
            clusterAccess: (settings.literal("input_role", diagnostics: &diagnostics)?.list ?? []).map { value in
                let fields = value.map ?? [:]
                return HTCClusterAccess(roleARN: fields["rolearn"]?.string ?? "", userName: fields["username"]?.string ?? "",
                                        groups: fields["groups"]?.list?.compactMap(\.string) ?? [])
            },
            controlPlane: HTCControlPlane(
                codeBucket: bucket, codePrefix: key.isEmpty || key.hasSuffix("/") ? key : key + "/",
                runtime: settings.string("lambda_runtime", diagnostics: &diagnostics) ?? "python3.11",
                memoryMB: settings.int("lambda_memory_size", diagnostics: &diagnostics) ?? 1024,
                timeoutSeconds: settings.int("lambda_timeout", diagnostics: &diagnostics) ?? 300
            ),
            redis: HTCRedis(nodeType: settings.string("redis_node_type", diagnostics: &diagnostics) ?? "cache.r7g.large",
                            engineVersion: settings.string("redis_engine_version", diagnostics: &diagnostics) ?? "7.1",
                            nodes: settings.int("redis_nodes", diagnostics: &diagnostics) ?? 2),
            payloadVersioning: settings.bool("payload_bucket_versioning", diagnostics: &diagnostics) ?? false,
            apiEndpointType: settings.string("api_endpoint_type", diagnostics: &diagnostics) ?? "PRIVATE",
            logRetentionDays: settings.int("log_retention_in_days", diagnostics: &diagnostics) ?? 30,
            kmsDeletionWindowDays: settings.int("kms_deletion_window", diagnostics: &diagnostics) ?? 7,
            planning: HTCPlanning(taskSeconds: settings.literal("task_duration_seconds", diagnostics: &diagnostics)?.number ?? 1,
                                  targetTasksPerSecond: settings.literal("target_tasks_per_second", diagnostics: &diagnostics)?.number),
            privateSubnetPrefix: network.flatMap { CIDR($0.privateSubnets[0].cidr)?.prefix } ?? HTCGridLimits.defaultSubnetPrefix,
            publicSubnetPrefix: network?.publicSubnet.flatMap { CIDR($0.cidr)?.prefix } ?? HTCGridLimits.defaultSubnetPrefix,
            names: HTCGridNames(project: project, payloadBucket: "htc-data-\(project)-" + String(Digest.sha256("\(deployment)/\(settings.id)/\(region)").prefix(6)))
        )
        HTCGridRules.check(grid, network: network, settings: settings, diagnostics: &diagnostics)
        context.deployment.htcGrids.append(grid)
        context.knownOutputs[settings.id] = [
            "state_table_name": .string(grid.names.stateTable), "eks_cluster_name": .string(grid.names.cluster),
            "payload_bucket": grid.storage.usesS3 ? .string(grid.names.payloadBucket) : .null,
        ]
        return grid
    }

    private static func agents(_ settings: SettingReader, diagnostics: inout Diagnostics) -> HTCAgents {
        let lambda = settings.literal("agent_configuration", diagnostics: &diagnostics)?.map?["lambda"]?.map ?? [:]
        return HTCAgents(
            minimum: settings.int("min_htc_agents", diagnostics: &diagnostics) ?? 1, maximum: settings.int("max_htc_agents", diagnostics: &diagnostics) ?? 100,
            cpuRequestMilli: lambda["minCPU"]?.int ?? 800, cpuLimitMilli: lambda["maxCPU"]?.int ?? 900,
            memoryRequestMiB: lambda["minMemory"]?.int ?? 1200, memoryLimitMiB: lambda["maxMemory"]?.int ?? 1900,
            workloadLocation: lambda["location"]?.string ?? "", runtime: lambda["runtime"]?.string ?? "provided",
            handlerFile: lambda["lambda_handler_file_name"]?.string ?? "", handlerFunction: lambda["lambda_handler_function_name"]?.string ?? ""
        )
    }

    private static func workerGroup(_ value: Value) -> HTCWorkerGroup {
        let fields = value.map ?? [:]
        return HTCWorkerGroup(
            name: fields["node_group_name"]?.string ?? "", instanceTypes: fields["instance_types"]?.list?.compactMap(\.string) ?? [],
            capacityType: fields["capacity_type"]?.string ?? "ON_DEMAND",
            minSize: fields["min_size"]?.int ?? 0, maxSize: fields["max_size"]?.int ?? 1, desiredSize: fields["desired_size"]?.int ?? 0
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
