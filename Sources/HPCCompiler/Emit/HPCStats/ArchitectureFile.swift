/// `hpcstats/<cluster>/architecture.conf`: HPCStats' archfile importer input, three section
/// levels (cluster, partition, node group). Sizes and clocks are in the units its parser takes:
/// memory a whole number of MB, GB or TB (1024-based), frequency in GHz or MHz.
enum ArchitectureFile {
    static func path(_ cluster: HPCStatsCluster) -> String { "hpcstats/\(cluster.name)/architecture.conf" }

    static func text(_ cluster: HPCStatsCluster, deployment: Deployment) -> String {
        var ini = INIWriter()
        ini.comment(
            """
            HPCStats architecture of cluster \(cluster.name), compiled by hpcc from blueprint \
            \(deployment.blueprintName) (deployment \(deployment.name)).
            """
        )
        ini.comment("Generated file: change the blueprint and rebuild instead of editing it.")
        ini.section(cluster.name)
        ini.set("partitions", cluster.partitions.map(\.name))
        for partition in cluster.partitions {
            ini.section("\(cluster.name)/\(partition.name)")
            ini.set("nodegroups", partition.nodeGroups.map(\.name))
            ini.set("job_partitions", partition.jobPartitions)
            for group in partition.nodeGroups {
                ini.section("\(cluster.name)/\(partition.name)/\(group.name)")
                ini.set("names", group.nodeSet)
                ini.set("sockets", group.sockets)
                ini.set("corespersocket", group.coresPerSocket)
                ini.set("floatinstructions", group.flopsPerCycle ?? 0)
                ini.set("frequency", frequency(group.frequencyHz ?? 0))
                ini.set("memory", memory(group.memoryMiB))
                ini.set("model", group.model)
            }
        }
        return ini.text
    }

    /// `24GB`: the largest unit that holds the size exactly.
    static func memory(_ mebibytes: Int) -> String {
        if mebibytes % (1024 * 1024) == 0 { return "\(mebibytes / (1024 * 1024))TB" }
        if mebibytes % 1024 == 0 { return "\(mebibytes / 1024)GB" }
        return "\(mebibytes)MB"
    }

    /// `2.93GHz`, or `2933MHz` when whole megahertz say it shorter.
    static func frequency(_ hertz: Double) -> String {
        let megahertz = hertz / 1e6
        if megahertz == megahertz.rounded(), Int(megahertz) % 10 != 0 { return "\(Int(megahertz))MHz" }
        return "\(ValueText.number(((hertz / 1e9) * 1e6).rounded() / 1e6))GHz"
    }
}
