/// ParallelCluster 3's own rules, checked by hpcc before a config is written, each with its code
/// and the position of the value that breaks it (`queues[1].compute_resources[0].min_count`).
enum ParallelClusterRules {
    private typealias Key = ParallelClusterModule.Key

    static func check(_ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics) {
        checkName(cluster, settings: settings, diagnostics: &diagnostics)
        checkQueues(cluster, settings: settings, diagnostics: &diagnostics)
        checkStorage(cluster, settings: settings, diagnostics: &diagnostics)
        checkAccess(cluster, settings: settings, diagnostics: &diagnostics)
        checkRestAPI(cluster, settings: settings, diagnostics: &diagnostics)
        ParallelClusterInstanceRules.check(cluster, settings: settings, diagnostics: &diagnostics)
    }

    private static func checkName(_ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics) {
        let at =
            settings.isExplicit(Key.clusterName)
            ? settings.location(Key.clusterName) : settings.location(CommonKey.deploymentName)
        let limit =
            cluster.database == nil
            ? ParallelClusterLimits.clusterNameMaximum : ParallelClusterLimits.clusterNameMaximumWithAccounting
        if !Pattern.matches(cluster.name, ParallelClusterLimits.clusterNamePattern) {
            diagnostics.report(
                .parallelClusterName,
                "cluster name '\(cluster.name)' must start with a letter and hold only letters, digits and '-'", at: at,
                help: settings.isExplicit(Key.clusterName)
                    ? nil : "the name comes from deployment_name; set 'cluster_name' on module '\(settings.id)'")
        } else if cluster.name.count > limit {
            let reason =
                cluster.database == nil
                ? "" : " with Slurm accounting (ParallelCluster names the accounting database after it)"
            diagnostics.report(
                .parallelClusterName,
                """
                cluster name '\(cluster.name)' is \(cluster.name.count) characters; ParallelCluster allows \
                \(limit)\(reason)
                """,
                at: at)
        }
    }

    private static func checkQueues(_ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics)
    {
        func at(_ path: [Accessor]) -> SourceLocation { settings.location(Key.queues, path) }
        let queues = cluster.queues
        if queues.count > ParallelClusterLimits.queuesMaximum {
            let clusters =
                (queues.count + ParallelClusterLimits.queuesMaximum - 1) / ParallelClusterLimits.queuesMaximum
            diagnostics.report(
                .parallelClusterQueueLimit,
                """
                cluster '\(cluster.name)' has \(queues.count) queues; ParallelCluster 3 creates at most \
                \(ParallelClusterLimits.queuesMaximum) per cluster
                """,
                at: at([.index(ParallelClusterLimits.queuesMaximum)]),
                help:
                    """
                    split the queues over \(clusters) parallelcluster modules (they can share the network, storage and \
                    accounting database); `ignore: [HPC4006]` if your ParallelCluster build allows more
                    """
            )
        }
        let resources = queues.reduce(0) { $0 + $1.computeResources.count }
        if resources > ParallelClusterLimits.computeResourcesPerClusterMaximum {
            diagnostics.report(
                .parallelClusterQueueLimit,
                """
                cluster '\(cluster.name)' has \(resources) compute resources; ParallelCluster 3 creates at most \
                \(ParallelClusterLimits.computeResourcesPerClusterMaximum) per cluster
                """,
                at: settings.location(Key.queues),
                help:
                    """
                    use `instance_types` to put several instance types in one compute resource, or split the queues \
                    over several parallelcluster modules; `ignore: [HPC4006]` if your ParallelCluster build allows more
                    """
            )
        }
        let newFSx = cluster.storage.contains { if case .newFSx = $0.kind { true } else { false } }
        var queueNames: [String: Int] = [:]
        for (q, queue) in queues.enumerated() {
            checkResourceName(queue.name, what: "queue", at: at([.index(q), .key("name")]), diagnostics: &diagnostics)
            if let first = queueNames[queue.name] {
                diagnostics.report(
                    .parallelClusterResourceName,
                    "queues \(first + 1) and \(q + 1) of cluster '\(cluster.name)' are both named '\(queue.name)'",
                    at: at([.index(q), .key("name")]))
            }
            queueNames[queue.name] = queueNames[queue.name] ?? q
            if queue.computeResources.count > ParallelClusterLimits.computeResourcesPerQueueMaximum {
                diagnostics.report(
                    .parallelClusterLimit,
                    """
                    queue '\(queue.name)' has \(queue.computeResources.count) compute resources; ParallelCluster \
                    allows \(ParallelClusterLimits.computeResourcesPerQueueMaximum) per queue
                    """,
                    at: at([.index(q), .key("compute_resources")]))
            }
            if queue.subnets.count > 1 {
                checkMultiSubnet(queue, index: q, newFSx: newFSx, at: at, diagnostics: &diagnostics)
            }
            var resourceNames = Set<String>()
            for (r, resource) in queue.computeResources.enumerated() {
                let path: [Accessor] = [.index(q), .key("compute_resources"), .index(r)]
                checkResourceName(
                    resource.name, what: "compute resource", at: at(path + [.key("name")]), diagnostics: &diagnostics)
                if !resourceNames.insert(resource.name).inserted {
                    diagnostics.report(
                        .parallelClusterResourceName,
                        "queue '\(queue.name)' has two compute resources named '\(resource.name)'",
                        at: at(path + [.key("name")]))
                }
                checkCounts(resource, queue: queue, path: path, at: at, diagnostics: &diagnostics)
            }
        }
    }

    private static func checkResourceName(
        _ name: String, what: String, at: SourceLocation, diagnostics: inout Diagnostics
    ) {
        if !Pattern.matches(name, ParallelClusterLimits.resourceNamePattern) {
            diagnostics.report(
                .parallelClusterResourceName,
                """
                \(what) name '\(name)' must start with a lowercase letter and hold only lowercase letters, digits and \
                '-'
                """,
                at: at,
                help: "e.g. '\(ResourceName.make(name))'")
        } else if name.count > ParallelClusterLimits.resourceNameMaximum {
            diagnostics.report(
                .parallelClusterResourceName,
                """
                \(what) name '\(name)' is \(name.count) characters; ParallelCluster allows \
                \(ParallelClusterLimits.resourceNameMaximum)
                """,
                at: at)
        } else if name == "default" {
            diagnostics.report(
                .parallelClusterResourceName, "ParallelCluster forbids the \(what) name 'default'", at: at)
        }
    }

    private static func checkCounts(
        _ resource: PClusterComputeResource, queue: PClusterQueue, path: [Accessor], at: ([Accessor]) -> SourceLocation,
        diagnostics: inout Diagnostics
    ) {
        // The schema keeps min_count at 0 or more and max_count at 1 or more.
        let label = "compute resource '\(resource.name)' of queue '\(queue.name)'"
        if resource.minCount > resource.maxCount {
            diagnostics.report(
                .computeResourceCounts,
                "min_count \(resource.minCount) of \(label) is above its max_count \(resource.maxCount)",
                at: at(path + [.key("min_count")]),
                help: "min_count nodes run all the time; max_count is the most the queue scales to")
        } else if queue.capacityType == .capacityBlock, resource.minCount != resource.maxCount || resource.minCount == 0
        {
            diagnostics.report(
                .computeResourceCounts,
                """
                \(label) runs on a Capacity Block, so min_count and max_count must be equal and above 0 (the block's \
                size)
                """,
                at: at(path + [.key("min_count")]))
        }
    }

    private static func checkMultiSubnet(
        _ queue: PClusterQueue, index q: Int, newFSx: Bool, at: ([Accessor]) -> SourceLocation,
        diagnostics: inout Diagnostics
    ) {
        let here = at([.index(q), .key("multi_az")])
        if newFSx {
            diagnostics.report(
                .parallelClusterSubnets,
                """
                queue '\(queue.name)' spans \(queue.subnets.count) subnets, but an FSx for Lustre file system \
                ParallelCluster creates serves one subnet
                """,
                at: here, help: "create the file system with Terraform (`managed_by: terraform`), or drop multi_az")
        }
        if queue.placementGroup {
            diagnostics.report(
                .parallelClusterSubnets,
                """
                queue '\(queue.name)' spans several subnets, so it cannot use a placement group (one availability zone)
                """,
                at: at([.index(q), .key("placement_group")]))
        }
        for resource in queue.computeResources where resource.efa {
            diagnostics.report(
                .parallelClusterSubnets,
                """
                compute resource '\(resource.name)' uses EFA, which does not cross availability zones, but queue \
                '\(queue.name)' spans several subnets
                """,
                at: here, help: "put EFA compute resources in a queue without multi_az")
        }
    }

    private static func checkStorage(
        _ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics
    ) {
        let locate = ClusterChecks.Locator(
            blueprint: settings.context.resolved, fallback: settings.location(CommonKey.networkStorage))
        var counts: [String: Int] = [:]
        var seen: [PClusterStorage] = []
        for storage in cluster.storage {
            let here = locate.module(storage.module)
            let kind = storage.isNew ? "new" : "existing"
            counts["\(kind) \(storage.storageType)", default: 0] += 1
            let maxima =
                storage.isNew ? ParallelClusterLimits.newStorageMaximum : ParallelClusterLimits.existingStorageMaximum
            let limit = maxima[storage.storageType] ?? 0
            if counts["\(kind) \(storage.storageType)"] == limit + 1 {
                diagnostics.report(
                    .parallelClusterStorage,
                    """
                    cluster '\(cluster.name)' mounts more than \(limit) \(kind) \(storage.storageType) file \
                    system\(limit == 1 ? "" : "s"), ParallelCluster's limit
                    """,
                    at: here,
                    help: storage.isNew
                        ? "create the others with Terraform (`managed_by: terraform`) and mount them by id" : nil)
            }
            let directory = storage.mountDir
            let mountAt = locate.setting(AWSKey.mountPath.name, of: storage.module)
            if ParallelClusterLimits.reservedMountDirs.contains(directory) {
                diagnostics.report(
                    .parallelClusterMountDir,
                    "ParallelCluster reserves '\(directory)'; '\(storage.module)' cannot mount there", at: mountAt)
            } else {
                switch ClusterChecks.mountConflict(directory, with: seen.map(\.mountDir)) {
                case let .same(index):
                    diagnostics.report(
                        .parallelClusterMountDir,
                        "'\(seen[index].module)' and '\(storage.module)' both mount at '\(directory)'", at: mountAt)
                case let .nested(index):
                    diagnostics.report(
                        .parallelClusterMountDir,
                        """
                        mount directories '\(seen[index].mountDir)' and '\(directory)' are nested; ParallelCluster \
                        does not allow that
                        """,
                        at: mountAt)
                case nil:
                    break
                }
            }
            seen.append(storage)
        }
    }
}

extension ParallelClusterRules {
    /// The nodes can reach what Terraform creates for them: a file system admits its clients by
    /// security group, so the cluster's nodes must be in that group; SSH sources are CIDRs.
    static func checkAccess(_ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics) {
        let locate = ClusterChecks.Locator(
            blueprint: settings.context.resolved, fallback: settings.location(CommonKey.networkStorage))
        let joined = Set(cluster.headNode.additionalSecurityGroups)
        for storage in cluster.storage {
            guard let filesystem = settings.context.entities[storage.module]?.as(SharedFilesystem.self) else {
                continue
            }
            let admitted: TerraformText? =
                switch filesystem.backing {
                case let .efs(efs): efs.created?.placement?.clusterSecurityGroup
                case let .fsxLustre(fsx): fsx.placement?.clusterSecurityGroup
                default: nil
                }
            if let admitted, !joined.contains(admitted) {
                diagnostics.report(
                    .parallelClusterStorage,
                    """
                    '\(storage.module)' admits clients from one security group, and the nodes of cluster \
                    '\(cluster.name)' are not in it
                    """,
                    at: locate.module(storage.module),
                    help:
                        """
                        set security_group_id of module '\(settings.id)' to the same group (use the aws-vpc module \
                        both use)
                        """
                )
            }
        }
        let sshAt = settings.location(Key.headNode, [.key("allowed_ssh_cidr")])
        if let allowed = cluster.headNode.allowedSSH {
            if let range = CIDR(allowed) {
                SSHExposure.check(
                    range, what: "the head node of cluster '\(cluster.name)'", at: sshAt, diagnostics: &diagnostics)
            } else {
                diagnostics.report(.invalidNetworkRange, "allowed_ssh_cidr '\(allowed)' is not an IPv4 CIDR", at: sshAt)
            }
        } else {
            diagnostics.report(
                .missingSetting,
                """
                the head node of cluster '\(cluster.name)' needs the range SSH is admitted from: without it \
                ParallelCluster opens SSH to 0.0.0.0/0
                """,
                at: settings.location(Key.headNode),
                help: "set head_node.allowed_ssh_cidr, or vpc_cidr (which `use` of an aws-vpc module sets)")
        }
        checkSessionManager(cluster, settings: settings, diagnostics: &diagnostics)
    }

    /// A head node set up for Session Manager in a VPC of this blueprint that gives its agent no way to the
    /// Systems Manager services: no internet path and not their endpoints.
    private static func checkSessionManager(
        _ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics
    ) {
        guard cluster.headNode.sessionManager,
            case let .reference(subnet)? = cluster.headNode.subnet.parts.first,
            let network = settings.context.entities[subnet.module]?.as(AWSNetwork.self),
            network.publicSubnet == nil
        else { return }
        let missing = AWSEndpoints.sessionManagerRequired.filter { !network.interfaceEndpoints.contains($0) }
        guard !missing.isEmpty else { return }
        diagnostics.report(
            .sessionManagerPath,
            """
            the head node of cluster '\(cluster.name)' is set up for Session Manager, but network '\(subnet.module)' \
            has no internet path and no endpoint for \(missing.joined(separator: " and "))
            """,
            at: settings.location(Key.headNode, [.key("session_manager")]),
            help: "set enable_session_manager: true on module '\(subnet.module)'")
    }
}

extension ParallelClusterRules {
    /// A filesystem ParallelCluster creates belongs to exactly one cluster: it is created and
    /// deleted with that cluster, and nothing else can mount it by id.
    static func checkOwnership(_ context: LoweringContext, diagnostics: inout Diagnostics) {
        for filesystem in context.deployment.filesystems where filesystem.backing.isCreatedByParallelCluster {
            let module = filesystem.origin.module
            let owners = (context.resolved.dependents[module] ?? []).filter {
                context.resolved.module($0)?.schema.source == ParallelClusterModule.schema.source
            }.sorted { $0.rawValue < $1.rawValue }
            guard owners.count != 1 else { continue }
            let at =
                context.resolved.module(module)?.location(of: AWSKey.managedBy.name)
                ?? SourceLocation(file: "", line: 1, column: 1)
            let message =
                owners.isEmpty
                ? "module '\(module)' is managed_by parallelcluster, but no parallelcluster module uses it"
                : """
                module '\(module)' is managed_by parallelcluster and used by \(owners.count) parallelcluster \
                modules (\(owners.map(\.rawValue).joined(separator: ", "))); ParallelCluster creates it with one \
                cluster
                """
            diagnostics.report(
                .parallelClusterStorage, message, at: at,
                help:
                    """
                    add it to one parallelcluster module's `use`, or create it with Terraform (`managed_by: \
                    terraform`) to share it
                    """
            )
        }
    }
}
