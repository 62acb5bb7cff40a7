/// The Slurm view of a node: derived from the machine type at compile time.
///
/// RealMemory keeps back what the OS needs, as Cluster Toolkit's Slurm scripts do:
/// 400 MiB plus 30 MiB per whole GiB of the machine's memory, and at most half of a small one.
enum NodeShape {
    static func shape(_ instance: InstanceProperties) -> SlurmNodeShape {
        let machine = instance.machine
        let native = machine.nativeThreadsPerCore
        let threads = instance.threadsPerCore ?? native
        let cores = instance.visibleCoreCount ?? (machine.vCPUs / native)
        let sockets = cores % machine.sockets == 0 ? machine.sockets : 1
        return SlurmNodeShape(
            cpus: cores * threads, boards: 1, socketsPerBoard: sockets, coresPerSocket: cores / sockets,
            threadsPerCore: threads, realMemory: realMemory(machine.memoryMiB), gpus: instance.gpu,
            features: [machine.family, machine.architecture]
        )
    }

    /// Memory Slurm may schedule, in MiB.
    static func realMemory(_ memoryMiB: Int) -> Int {
        max(memoryMiB / 2, memoryMiB - (400 + 30 * (memoryMiB / 1024)))
    }
}
