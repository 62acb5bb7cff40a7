/// A GPU built into or attached to a machine.
public struct GPU: Hashable, Sendable {
    /// Accelerator type (`nvidia-l4`).
    public var type: String
    /// How many.
    public var count: Int
}

/// A Compute Engine machine type as the machineTypes API describes it.
public struct MachineType: Hashable, Sendable {
    /// Name (`c2-standard-60`).
    public var name: String
    /// Guest vCPUs (hardware threads).
    public var vCPUs: Int
    /// Memory in MiB.
    public var memoryMiB: Int
    /// Built-in GPUs (accelerator-optimized families).
    public var gpu: GPU?
    /// Shared-core (fractional vCPU) types.
    public var sharedCore: Bool = false

    /// The family: the name's first part (`c2d`).
    public var family: String {
        String(name.prefix { $0 != "-" })
    }

    /// Hardware threads per physical core as Compute Engine runs it when SMT is on.
    public var nativeThreadsPerCore: Int {
        if family == "h3" || vCPUs == 1 { return 1 }
        return 2
    }

    /// Whether `advanced_machine_features.threads_per_core` may be set (not on E2, H3 or 1-vCPU types).
    public var threadsPerCoreConfigurable: Bool {
        family != "e2" && nativeThreadsPerCore == 2
    }

    /// Sockets, by the family rule Cluster Toolkit's Slurm scripts use; 1 when the cores do not split evenly.
    public var sockets: Int {
        let sockets: Int
        switch family {
        case "n2d": sockets = name.contains("highmem") ? (vCPUs >= 24 ? 2 : 1) : (vCPUs > 64 ? 2 : 1)
        case "n2": sockets = vCPUs >= 32 ? 2 : 1
        case "h3", "a3": sockets = 2
        case "c2": sockets = vCPUs > 30 ? 2 : 1
        case "c2d": sockets = vCPUs > 56 ? 2 : 1
        case "c3": sockets = vCPUs > 88 ? 4 : vCPUs > 44 ? 2 : 1
        case "c3d": sockets = vCPUs > 180 ? 2 : 1
        case "n1": sockets = vCPUs > 64 ? 2 : 1
        default: sockets = 1
        }
        return (vCPUs / nativeThreadsPerCore) % sockets == 0 ? sockets : 1
    }

    /// Whether compact placement policies apply to the family.
    public var supportsCompactPlacement: Bool {
        ["n2", "n2d", "c2", "c2d", "c3", "c3d", "h3", "a2", "a3", "g2"].contains(family) && !sharedCore
    }

    /// Whether GPUs may be attached with `guest_accelerator` (N1 only; the others bring their own).
    public var acceptsAttachedGPUs: Bool { family == "n1" }
}

/// hpcc's offline catalog of machine types.
public struct MachineCatalog: Sendable {
    private let byName: [String: MachineType]

    /// The Compute Engine catalog.
    public static let gcp = MachineCatalog(types: gcpMachineTypes)

    /// A catalog over `types`.
    public init(types: [MachineType]) {
        byName = Dictionary(types.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The machine type named `name`.
    public func machine(_ name: String) -> MachineType? {
        byName[name]
    }

    /// The type a mistyped name most likely meant: for `family-kind-N`, the same family and kind
    /// with the nearest vCPU count; otherwise the closest name by spelling.
    public func suggestion(for name: String) -> String? {
        // Only a type of the same family is a plausible meaning (not c2-standard-16 for c4-standard-96).
        let family = String(name.prefix { $0 != "-" })
        guard families.contains(family) else { return nil }
        let parts = name.split(separator: "-")
        if parts.count >= 3, let size = Int(parts[2]) {
            let prefix = "\(parts[0])-\(parts[1])-"
            let siblings = byName.values.filter {
                $0.name.hasPrefix(prefix) && $0.name.split(separator: "-").count == 3
            }
            if let nearest = siblings.min(by: { (abs($0.vCPUs - size), -$0.vCPUs) < (abs($1.vCPUs - size), -$1.vCPUs) })
            {
                return nearest.name
            }
        }
        return Suggestion.closest(to: name, in: names.filter { $0.hasPrefix(family + "-") })
    }

    /// Every name, sorted.
    public var names: [String] { byName.keys.sorted() }

    /// Families hpcc knows.
    public var families: Set<String> { Set(byName.values.map(\.family)) }
}
