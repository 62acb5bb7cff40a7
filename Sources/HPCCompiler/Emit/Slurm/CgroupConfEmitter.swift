/// `cgroup.conf`: confine jobs to the cores, memory and devices they were given.
enum CgroupConfEmitter {
    static func emit(_ cluster: SlurmCluster) -> String {
        emit(clusterName: cluster.name)
    }

    static func emit(clusterName: String) -> String {
        var conf = SlurmConfWriter()
        conf.comment("cgroup.conf of cluster \(clusterName), compiled by hpcc.")
        conf.set("ConstrainCores", "yes")
        conf.set("ConstrainRamSpace", "yes")
        conf.set("ConstrainSwapSpace", "no")
        conf.set("ConstrainDevices", "yes")
        return conf.text
    }
}
