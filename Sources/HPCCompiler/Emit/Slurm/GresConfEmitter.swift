/// `slurm/gres.conf`: the GPU devices of each GPU nodeset; nil when the cluster has no GPUs.
enum GresConfEmitter {
    static func emit(_ cluster: SlurmCluster) -> String? {
        let gpuNodesets = cluster.nodesets.filter { $0.shape.gpus != nil }
        guard !gpuNodesets.isEmpty else { return nil }
        var conf = SlurmConfWriter()
        conf.comment("gres.conf of cluster \(cluster.name), compiled by hpcc.")
        for nodeset in gpuNodesets {
            let gpus = nodeset.shape.gpus!
            let files = gpus.count == 1 ? "/dev/nvidia0" : "/dev/nvidia[0-\(gpus.count - 1)]"
            conf.line([("NodeName", HostList.nodes(of: nodeset, cluster: cluster.name)), ("Name", "gpu"), ("File", files)])
        }
        return conf.text
    }
}
