/// A kind of instance a deployment runs, with how many at the idle floor and at most: what both its
/// cost and its quota are counted from.
struct InstanceUse {
    /// `controller`, `login login`, `nodeset c2nodeset`.
    var part: String
    var instance: InstanceProperties
    var region: String
    var idle: Int
    var max: Int
    /// A Slurm compute node (priced at spot in the spot figure).
    var compute: Bool

    /// Whether it runs on spot (or preemptible) capacity.
    var spot: Bool { instance.scheduling.spot || instance.scheduling.preemptible }

    /// The instances of a Slurm cluster: controllers (with the state disk), login nodes, nodesets.
    static func uses(_ cluster: SlurmCluster) -> [InstanceUse] {
        let controller = cluster.controller
        var controllerInstance = controller.instance
        controllerInstance.additionalDisks += controller.stateDisk.map { [$0] } ?? []
        let controllers = controller.backup == nil ? 1 : 2
        var uses = [
            InstanceUse(
                part: controllers == 1 ? "controller" : "controllers", instance: controllerInstance,
                region: cluster.region, idle: controllers, max: controllers, compute: false)
        ]
        for login in cluster.loginGroups {
            uses.append(
                InstanceUse(
                    part: "login \(login.name)", instance: login.instance, region: cluster.region, idle: login.count,
                    max: login.count, compute: false))
        }
        for nodeset in cluster.nodesets {
            uses.append(
                InstanceUse(
                    part: "nodeset \(nodeset.name)", instance: nodeset.instance, region: cluster.region,
                    idle: nodeset.staticCount, max: nodeset.count, compute: true))
        }
        return uses
    }

    /// The instances of a vm-instance group, with their local SSDs, all running from the start.
    static func uses(_ group: VirtualMachineGroup) -> InstanceUse {
        var instance = group.instance
        instance.additionalDisks += Array(
            repeating: Disk(
                name: nil, deviceName: nil, type: "local-ssd", sizeGB: nil, autoDelete: true, boot: false,
                labels: [:]),
            count: group.localSSDCount)
        return InstanceUse(
            part: "instances \(group.origin.module.rawValue)", instance: instance, region: group.region,
            idle: group.count, max: group.count, compute: false)
    }
}

/// A kind of EC2 instance a deployment runs: a head node, a queue's compute resource, a worker group.
struct AWSInstanceUse {
    var part: String
    /// The types it may take; ParallelCluster and EKS take them in the order given, so the first
    /// is the one counted.
    var types: [String]
    var region: String
    var idle: Int
    var max: Int
    var compute: Bool
    var spot: Bool
    /// The EBS volume of each instance, for the cost's list of what has no price.
    var volume: String?

    var type: String { types.first ?? "?" }

    static func uses(_ cluster: ParallelCluster) -> [AWSInstanceUse] {
        var uses = [
            AWSInstanceUse(
                part: "head node", types: [cluster.headNode.instanceType], region: cluster.region, idle: 1, max: 1,
                compute: false, spot: false, volume: "\(cluster.headNode.rootVolumeGiB) GiB root volume")
        ]
        for queue in cluster.queues {
            for resource in queue.computeResources {
                uses.append(
                    AWSInstanceUse(
                        part: "queue \(queue.name)/\(resource.name)", types: resource.instanceTypes,
                        region: cluster.region, idle: resource.minCount, max: resource.maxCount, compute: true,
                        spot: queue.capacityType == .spot, volume: nil))
            }
        }
        return uses
    }

    static func uses(_ grid: HTCGrid) -> [AWSInstanceUse] {
        grid.workerGroups.map { group in
            AWSInstanceUse(
                part: "workers \(group.name)", types: group.instanceTypes, region: grid.region, idle: group.minSize,
                max: group.maxSize, compute: true, spot: group.capacityType == .spot,
                volume: "\(grid.nodeVolumeGiB) GiB volume")
        }
    }
}
