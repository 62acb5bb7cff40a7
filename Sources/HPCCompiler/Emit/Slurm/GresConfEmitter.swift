/// `gres.conf`: the GPU devices of each GPU nodeset or node group; nil when the cluster has no GPUs.
enum GresConfEmitter {
    /// GPUs of one host list; `type` only when slurm.conf names it (`Gres=gpu:a100:4`).
    struct Devices {
        var hosts: String
        var count: Int
        var type: String?
    }

    static func emit(_ cluster: SlurmCluster) -> String? {
        // slurm.conf declares cloud GPUs by their type (`gpu:l4:2`), so gres.conf does too.
        emit(
            clusterName: cluster.name,
            devices: cluster.nodesets.compactMap { nodeset in
                nodeset.shape.gpus.map {
                    Devices(
                        hosts: HostList.nodes(of: nodeset, cluster: cluster.name), count: $0.count, type: $0.gresType)
                }
            })
    }

    static func emit(clusterName: String, devices: [Devices]) -> String? {
        guard !devices.isEmpty else { return nil }
        var conf = SlurmConfWriter()
        conf.comment("gres.conf of cluster \(clusterName), compiled by hpcc.")
        for device in devices {
            let files = device.count == 1 ? "/dev/nvidia0" : "/dev/nvidia[0-\(device.count - 1)]"
            conf.line(
                [("NodeName", device.hosts), ("Name", "gpu")] + (device.type.map { [("Type", $0)] } ?? []) + [
                    ("File", files)
                ])
        }
        return conf.text
    }
}
