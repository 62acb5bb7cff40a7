import Foundation

/// What a deployment creates, as tables for a person (`hpcc plan`): per Slurm cluster its
/// partitions with node counts (static and at most), vCPUs, GPUs, memory and the CPUs' peak
/// double-precision FLOP/s (where hpcc knows the CPU platform; GPUs not counted); per
/// ParallelCluster its queues; existing clusters' node groups; filesystems with their capacity;
/// workbenches; and each HTC grid's throughput plan.
public struct DeploymentSummary: Sendable {
    /// The deployment summarized.
    @_spi(Tools) public let deployment: Deployment

    /// The summary of `deployment`.
    @_spi(Tools) public init(_ deployment: Deployment) {
        self.deployment = deployment
    }

    /// The whole summary.
    public var text: String {
        var out = "Deployment \(deployment.name) (blueprint \(deployment.blueprintName))\n"
        for cluster in deployment.clusters { out += "\n" + slurm(cluster) }
        for cluster in deployment.parallelClusters { out += "\n" + parallelCluster(cluster) }
        for cluster in deployment.onPremClusters { out += "\n" + existing(cluster) }
        if !deployment.filesystems.isEmpty { out += "\n" + filesystems() }
        if !deployment.workbenches.isEmpty {
            var table = TextTable(header: ["workbench", "machine", "disk"])
            for bench in deployment.workbenches {
                table.rows.append([bench.name, bench.machineType, "\(bench.diskSizeGB) GB \(bench.diskType.rawValue)"])
            }
            out += "\nWorkbenches\n" + table.render()
        }
        for grid in deployment.htcGrids {
            out += "\nHTC grid \(grid.projectName) (AWS \(grid.region))\n  " + HTCThroughputPlan(grid).summary + "\n"
        }
        return out
    }

    private func slurm(_ cluster: SlurmCluster) -> String {
        var table = TextTable(header: [
            "partition", "nodeset", "machine", "static", "max nodes", "vCPUs/node", "GPUs/node", "memory/node",
            "vCPUs at max", "CPU peak at max",
        ])
        let nodesets = cluster.nodesetsByName
        for partition in cluster.partitions {
            for name in partition.nodesets {
                guard let nodeset = nodesets[name] else { continue }
                let machine = nodeset.instance.machine
                table.rows.append([
                    partition.name + (partition.isDefault ? "*" : ""), nodeset.name, machine.name,
                    String(nodeset.staticCount), String(nodeset.count),
                    String(machine.vCPUs), machine.gpu.map { "\($0.count) \($0.type)" } ?? "-",
                    Self.memory(machine.memoryMiB),
                    String(machine.vCPUs * nodeset.count), peak(nodeset).map(PeakPerformance.flops) ?? "-",
                ])
            }
        }
        let all = cluster.nodesets
        // Nodesets whose CPU platform hpcc cannot tell count as nothing, and the total says "≥".
        let known = all.compactMap(peak)
        let totalPeak =
            known.isEmpty ? "-" : (known.count < all.count ? "≥ " : "") + PeakPerformance.flops(known.reduce(0, +))
        table.rows.append([
            "total", "\(all.count) nodesets", "", String(all.reduce(0) { $0 + $1.staticCount }),
            String(all.reduce(0) { $0 + $1.count }), "",
            String(all.reduce(0) { $0 + ($1.instance.machine.gpu?.count ?? 0) * $1.count }) + " GPUs",
            Self.memory(all.reduce(0) { $0 + $1.instance.machine.memoryMiB * $1.count }),
            String(all.reduce(0) { $0 + $1.instance.machine.vCPUs * $1.count }), totalPeak,
        ])
        let logins = cluster.loginGroups.map { "\($0.count) × \($0.instance.machine.name)" }.joined(separator: ", ")
        return
            """
            Slurm cluster \(cluster.name) (GCP \(cluster.region)); controller \
            \(cluster.controller.instance.machine.name)
            """
                + (cluster.controller.backup.map { " with a backup in \($0.zone)" } ?? "")
                + (logins.isEmpty ? "" : "; login \(logins)") + "\n" + table.render()
    }

    /// FLOP/s of all `nodeset.count` nodes, when hpcc knows the CPU platform.
    private func peak(_ nodeset: Nodeset) -> Double? {
        PeakPerformance.Group(name: nodeset.name, nodes: nodeset.count, hardware: nodeset).perNode.map {
            $0 * Double(nodeset.count)
        }
    }

    private func parallelCluster(_ cluster: ParallelCluster) -> String {
        var table = TextTable(header: [
            "queue", "compute resource", "instance types", "min", "max", "vCPUs/node", "GPUs/node", "memory/node",
            "vCPUs at max",
        ])
        for queue in cluster.queues {
            for resource in queue.computeResources {
                let types = resource.instanceTypes.compactMap(AWSInstanceCatalog.instanceType)
                let smallest = types.min { $0.vCPUs < $1.vCPUs }
                table.rows.append([
                    queue.name, resource.name, resource.instanceTypes.joined(separator: ","), String(resource.minCount),
                    String(resource.maxCount),
                    smallest.map { String($0.vCPUs) } ?? "?",
                    smallest.map { $0.gpus == 0 ? "-" : String($0.gpus) } ?? "?",
                    smallest.map { Self.memory($0.memoryMiB) } ?? "?",
                    smallest.map { String($0.vCPUs * resource.maxCount) } ?? "?",
                ])
            }
        }
        return "ParallelCluster \(cluster.name) (AWS \(cluster.region)); head node \(cluster.headNode.instanceType)\n"
            + table.render()
    }

    private func existing(_ cluster: OnPremCluster) -> String {
        var table = TextTable(header: ["node group", "nodes", "cores/node", "GPUs/node", "memory/node", "peak"])
        let performance = PeakPerformance(cluster)
        for (group, figures) in zip(cluster.nodeGroups, performance.groups) {
            table.rows.append([
                group.name, String(group.hosts.count), String(group.cores),
                group.gpus.map { "\($0.count) \($0.type)" } ?? "-", Self.memory(group.memoryMiB),
                figures.perNode.map { PeakPerformance.flops($0 * Double(figures.nodes)) } ?? "-",
            ])
        }
        let partitions = cluster.partitions.map {
            "\($0.name)\($0.isDefault ? "*" : "") (\($0.nodeGroups.joined(separator: ",")))"
        }.joined(separator: ", ")
        return "Existing Slurm cluster \(cluster.name); partitions \(partitions)\n" + table.render()
    }

    private func filesystems() -> String {
        var table = TextTable(header: ["filesystem", "kind", "capacity", "mounted at"])
        for filesystem in deployment.filesystems {
            let (kind, capacity): (String, String) =
                switch filesystem.backing {
                case let .filestore(instance): ("Filestore \(instance.tier.rawValue)", "\(instance.capacityGiB) GiB")
                case let .managedLustre(instance):
                    ("Managed Lustre, \(instance.throughput) MB/s/TiB", "\(instance.capacityGiB) GiB")
                case let .netAppVolume(volume): ("NetApp Volumes \(volume.pool.name)", "\(volume.capacityGiB) GiB")
                case .imported: ("existing \(filesystem.mount.type.rawValue)", "-")
                case let .cloudStorage(bucket): ("Cloud Storage \(bucket.storageClass.rawValue)", "-")
                case let .efs(efs): (efs.existingID.map { "existing EFS \($0)" } ?? "EFS", "elastic")
                case let .fsxLustre(fsx): ("FSx for Lustre \(fsx.deploymentType.rawValue)", "\(fsx.capacityGiB) GiB")
                }
            table.rows.append([filesystem.origin.module.rawValue, kind, capacity, filesystem.mount.localMount])
        }
        return "Filesystems\n" + table.render()
    }

    /// `64 GiB`, or `7.5 GiB`.
    static func memory(_ mebibytes: Int) -> String {
        mebibytes % 1024 == 0 ? "\(mebibytes / 1024) GiB" : String(format: "%.1f GiB", Double(mebibytes) / 1024)
    }
}
