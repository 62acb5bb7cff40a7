/// The host VM of each single-host Cloud TPU type: what Slurm schedules on a TPU node. Google's
/// TPU system-architecture pages (cloud.google.com/tpu/docs/v2, /v3, /v4) give the host of a
/// v2-8 or v3-8 as 96 vCPUs and 335 GB, and of a v4-8 as 240 vCPUs and 407 GB. Multi-host types
/// (v2-32, v4-16 and larger) are several VMs per slice, which a one-VM-per-node nodeset cannot hold.
enum TPUHosts {
    /// vCPUs and memory (GB) of the host of `acceleratorType`; nil for a type hpcc does not know.
    static func host(of acceleratorType: String) -> (vCPUs: Int, memoryGB: Int)? {
        switch acceleratorType {
        case "v2-8", "v3-8": (96, 335)
        case "v4-8": (240, 407)
        default: nil
        }
    }

    /// The accelerator types hpcc knows, for diagnostics.
    static let known = ["v2-8", "v3-8", "v4-8"]

    /// The host as Slurm sees it: every vCPU schedulable, two threads per core, memory less the
    /// operating system's share; `Features` name TPU and the generation (`tpu,v3`).
    static func shape(of acceleratorType: String) -> SlurmNodeShape? {
        guard let host = host(of: acceleratorType) else { return nil }
        let memoryMiB = host.memoryGB * 1_000_000_000 / (1 << 20)
        let generation = String(acceleratorType.prefix { $0 != "-" })
        return SlurmNodeShape(
            cpus: host.vCPUs, boards: 1, socketsPerBoard: 1, coresPerSocket: host.vCPUs / 2, threadsPerCore: 2,
            realMemory: NodeShape.realMemory(memoryMiB), gpus: nil, features: ["tpu", generation])
    }
}
