/// The GPU models Compute Engine attaches to N1 machine types, with the counts it allows and the
/// most vCPUs an instance may have at each count.
struct AttachableGPU: Sendable {
    /// The accelerator type (`nvidia-tesla-t4`).
    var type: String
    /// Allowed GPU count → largest vCPU count with that many GPUs.
    var maxVCPUs: [Int: Int]
    /// Whether Compute Engine also offers it as `<type>-vws`: the same GPU with an NVIDIA RTX
    /// Virtual Workstation licence, for the GRID driver.
    var workstation = false

    /// The N1 accelerators.
    static let n1: [AttachableGPU] = [
        AttachableGPU(type: "nvidia-tesla-t4", maxVCPUs: [1: 48, 2: 48, 4: 96], workstation: true),
        AttachableGPU(type: "nvidia-tesla-p4", maxVCPUs: [1: 24, 2: 48, 4: 96], workstation: true),
        AttachableGPU(type: "nvidia-tesla-v100", maxVCPUs: [1: 12, 2: 24, 4: 48, 8: 96]),
        AttachableGPU(type: "nvidia-tesla-p100", maxVCPUs: [1: 16, 2: 32, 4: 96], workstation: true),
    ]

    /// The suffix of a virtual workstation accelerator type.
    static let workstationSuffix = "-vws"

    /// Every N1 accelerator type, the virtual workstation ones included.
    static var n1Types: [String] {
        n1.flatMap { [$0.type] + ($0.workstation ? [$0.type + workstationSuffix] : []) }
    }

    /// The N1 accelerator named `type`, or whose virtual workstation type it is.
    static func n1(_ type: String) -> AttachableGPU? {
        n1.first { $0.type == type || ($0.workstation && $0.type + workstationSuffix == type) }
    }

    /// The GPU model behind an accelerator type: a virtual workstation type runs on its model's
    /// hardware, in the same zones.
    static func hardware(_ type: String) -> String {
        n1(type)?.type ?? type
    }

    /// Allowed counts, ascending.
    var counts: [Int] { maxVCPUs.keys.sorted() }
}
