/// ParallelCluster's rules about instance types, checked against hpcc's EC2 catalog: every type
/// exists, EFA only where the type has it, flexible types of one vCPU count, compute nodes of the
/// head node's architecture, and a head node with memory for the cluster's largest size.
enum ParallelClusterInstanceRules {
    private typealias Key = ParallelClusterModule.Key

    static func check(_ cluster: ParallelCluster, settings: SettingReader, diagnostics: inout Diagnostics) {
        let headAt = settings.location(Key.headNode, [.key("instance_type")])
        let head = known(cluster.headNode.instanceType, at: headAt, diagnostics: &diagnostics)
        if head != nil {
            AWSZoneOfferingRules.check(
                cluster.headNode.instanceType, as: "the head node", in: [cluster.headNode.subnet],
                context: settings.context, at: headAt, help: zoneHelp, diagnostics: &diagnostics)
        }
        var nodes = 0
        for (q, queue) in cluster.queues.enumerated() {
            for (r, resource) in queue.computeResources.enumerated() {
                nodes += resource.maxCount
                let path: [Accessor] = [.index(q), .key("compute_resources"), .index(r)]
                let field = resource.instanceTypes.count == 1 ? "instance_type" : "instance_types"
                let label = "compute resource '\(resource.name)' of queue '\(queue.name)'"
                let types = resource.instanceTypes.enumerated().compactMap { index, name in
                    let at = settings.location(
                        Key.queues, path + (field == "instance_type" ? [.key(field)] : [.key(field), .index(index)]))
                    let type = known(name, at: at, diagnostics: &diagnostics)
                    if type != nil {
                        AWSZoneOfferingRules.check(
                            name, as: label, in: queue.subnets, context: settings.context, at: at, help: zoneHelp,
                            diagnostics: &diagnostics)
                    }
                    return type
                }
                guard types.count == resource.instanceTypes.count else { continue }
                if resource.efa, let lacking = types.first(where: { !$0.efaSupported }) {
                    diagnostics.report(
                        .parallelClusterInstances, "\(label) enables EFA, but \(lacking.name) has no EFA",
                        at: settings.location(Key.queues, path + [.key("efa")]),
                        help: "EFA needs an instance type such as hpc7a.96xlarge or c7a.48xlarge")
                }
                if !resource.disableSimultaneousMultithreading, Set(types.map(\.vCPUs)).count > 1 {
                    diagnostics.report(
                        .parallelClusterInstances,
                        "the instance types of \(label) must have the same vCPU count: "
                            + types.map { "\($0.name) \($0.vCPUs)" }.joined(separator: ", "),
                        at: settings.location(Key.queues, path + [.key(field)]))
                }
                if let architecture = head?.architectures.first,
                    let other = types.first(where: { !$0.architectures.contains(architecture) })
                {
                    diagnostics.report(
                        .parallelClusterInstances,
                        """
                        \(label) uses \(other.name) (\(other.architectures.joined(separator: ", "))), but the head \
                        node \(head!.name) is \(architecture)
                        """,
                        at: settings.location(Key.queues, path + [.key(field)]),
                        help: "head node and compute nodes boot the same image, so they share an architecture")
                }
            }
        }
        if let head {
            // ParallelCluster's rule: 0.6 GB for the system plus 1 GB per 25 compute nodes, capped at 16 GB.
            let needed = min(Double(nodes) / 25 + 0.6, 16)
            let has = Double(head.memoryMiB) / 1024
            if has < needed {
                diagnostics.report(
                    .parallelClusterInstances,
                    """
                    head node \(head.name) has \(ValueText.amount(has, "GiB")) of memory; a cluster of up to \(nodes) \
                    compute nodes needs \(ValueText.amount(needed, "GiB"))
                    """,
                    at: headAt, help: "choose a head node with more memory, or lower the queues' max_count")
            }
        }
    }

    private static let zoneHelp = """
        the head node and queues without multi_az run in the first of the aws-vpc module's availability_zones, a \
        multi_az queue in all of them: list a zone that offers the type there, or choose another type
        """

    private static func known(
        _ name: String, at location: SourceLocation, diagnostics: inout Diagnostics
    ) -> AWSInstanceType? {
        if let type = AWSInstanceCatalog.instanceType(name) { return type }
        let correction = Suggestion.correction(for: name, at: location, in: AWSInstanceCatalog.names)
        diagnostics.report(
            .unknownMachineType, "'\(name)' is not an EC2 instance type hpcc knows", at: location,
            help: correction.help, fixes: correction.fixes)
        return nil
    }
}
