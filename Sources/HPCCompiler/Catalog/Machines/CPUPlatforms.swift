// Compute Engine CPU platforms: processor, base clock (Google's CPU platforms page, 2026-04) and
// double-precision FLOPs per cycle per core (two FMA units of the vector width the core runs at
// full rate: 8 for AVX without FMA, 16 for 256-bit FMA, 32 for 512-bit FMA).

/// A processor a machine family runs on, with what HPCStats needs to know of it.
public struct CPUPlatform: Hashable, Sendable {
    /// The name `min_cpu_platform` takes (`Intel Ice Lake`).
    public var platform: String
    /// The processor, for HPCStats' `model`.
    public var model: String
    /// Base clock in Hz.
    public var frequencyHz: Double
    /// Double-precision FLOPs per cycle per core.
    public var flopsPerCycle: Int
}

extension MachineType {
    /// The platforms Compute Engine runs the family on, oldest first; empty when hpcc does not know them.
    public var cpuPlatforms: [CPUPlatform] {
        CPUPlatforms.byFamily[family] ?? []
    }

    /// The one platform a node of this type runs on, given its `min_cpu_platform`; nil when several remain.
    public func cpuPlatform(minimum: String?) -> CPUPlatform? {
        var candidates = cpuPlatforms
        if let minimum, let start = candidates.firstIndex(where: { $0.platform == minimum }) {
            candidates = Array(candidates[start...])
        }
        return candidates.count == 1 ? candidates[0] : nil
    }
}

enum CPUPlatforms {
    static func intel(_ platform: String, _ sku: String, _ gigahertz: Double, _ flops: Int) -> CPUPlatform {
        CPUPlatform(
            platform: "Intel \(platform)", model: "Intel Xeon \(sku) (\(platform))", frequencyHz: gigahertz * 1e9,
            flopsPerCycle: flops)
    }

    static func amd(_ platform: String, _ sku: String, _ gigahertz: Double) -> CPUPlatform {
        CPUPlatform(
            platform: "AMD \(platform)", model: "AMD EPYC \(sku) (\(platform))", frequencyHz: gigahertz * 1e9,
            flopsPerCycle: 16)
    }

    static let cascadeLakeAccelerator = intel("Cascade Lake", "Platinum 8273CL", 2.2, 32)
    static let sapphireRapids = intel("Sapphire Rapids", "Platinum 8481C", 2.2, 32)
    static let milan = amd("Milan", "7B13", 2.45)

    /// A3 is left out: Google's figures for its processor contradict each other.
    static let byFamily: [String: [CPUPlatform]] = [
        "n1": [
            intel("Sandy Bridge", "E5-2689", 2.6, 8), intel("Ivy Bridge", "E5-2696V2", 2.5, 8),
            intel("Haswell", "E5-2696V3", 2.3, 16),
            intel("Broadwell", "E5-2696V4", 2.2, 16), intel("Skylake", "Platinum 8173M", 2.0, 32),
        ],
        "n2": [intel("Cascade Lake", "Gold 6268CL", 2.8, 32), intel("Ice Lake", "Platinum 8373C", 2.6, 32)],
        "n2d": [amd("Rome", "7B12", 2.25), milan],
        "c2": [intel("Cascade Lake", "Gold 6253CL", 3.1, 32)],
        "c2d": [milan],
        "t2d": [milan],
        "c3": [sapphireRapids],
        "h3": [sapphireRapids],
        "c3d": [amd("Genoa", "9B14", 2.6)],
        "a2": [cascadeLakeAccelerator],
        "g2": [cascadeLakeAccelerator],
    ]
}
