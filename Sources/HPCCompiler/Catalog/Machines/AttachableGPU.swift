/// The GPU models Compute Engine attaches to N1 machine types, with the counts it allows and the
/// most vCPUs an instance may have at each count.
struct AttachableGPU: Sendable {
    /// The accelerator type (`nvidia-tesla-t4`).
    var type: String
    /// Allowed GPU count → largest vCPU count with that many GPUs.
    var maxVCPUs: [Int: Int]

    /// The N1 accelerators.
    static let n1: [AttachableGPU] = [
        AttachableGPU(type: "nvidia-tesla-t4", maxVCPUs: [1: 48, 2: 48, 4: 96]),
        AttachableGPU(type: "nvidia-tesla-p4", maxVCPUs: [1: 24, 2: 48, 4: 96]),
        AttachableGPU(type: "nvidia-tesla-v100", maxVCPUs: [1: 12, 2: 24, 4: 48, 8: 96]),
        AttachableGPU(type: "nvidia-tesla-p100", maxVCPUs: [1: 16, 2: 32, 4: 96]),
    ]

    /// The N1 accelerator named `type`.
    static func n1(_ type: String) -> AttachableGPU? {
        n1.first { $0.type == type }
    }

    /// Allowed counts, ascending.
    var counts: [Int] { maxVCPUs.keys.sorted() }
}
