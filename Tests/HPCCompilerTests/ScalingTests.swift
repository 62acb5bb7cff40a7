@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// No stage may grow faster than about n log n: compiling ten times the modules must cost each
/// stage about ten times as much, not a hundred. The guard is a ratio of two sizes measured in
/// the same process (each size's fastest of four runs, the sizes taking turns), never an absolute time, so a slow or
/// busy machine does not fail it; a stage whose quadratic part dominates it at 2,000 modules does.
@Suite("Scaling", .serialized)
struct ScalingTests {
    /// Linear work gives 10 for 10× the input, n log n about 13; a quadratic stage gives up to 100.
    static let largestRatio = 25.0
    /// Stages faster than this at the larger size are too short to time reliably in a ratio.
    static let shortestTimed = 0.02

    @Test(arguments: ScaleBlueprints.Kind.allCases)
    func everyStageGrowsAboutLinearly(kind: ScaleBlueprints.Kind) throws {
        // The two sizes take turns, so load from tests running beside this one falls on both.
        var small: [StageTimings.Stage: Double] = [:], large: [StageTimings.Stage: Double] = [:]
        for _ in 0..<Self.rounds {
            small.merge(stages(kind, size: 200), uniquingKeysWith: min)
            large.merge(stages(kind, size: 2_000), uniquingKeysWith: min)
        }
        var report: [String] = []
        for stage in StageTimings.Stage.allCases {
            guard let big = large[stage], let little = small[stage], big >= Self.shortestTimed else { continue }
            let ratio = big / max(little, 1e-4)
            report.append(
                """
                \(stage.rawValue) \(String(format: "%.1f", ratio))× (\(String(format: "%.3f", little)) s → \
                \(String(format: "%.3f", big)) s)
                """
            )
            #expect(
                ratio <= Self.largestRatio,
                "\(kind) \(stage.rawValue) took \(String(format: "%.1f", ratio))× as long for 10× the modules")
        }
        #expect(!report.isEmpty, "no stage of the \(kind) blueprint took long enough to compare")
        print("scaling \(kind) 200 → 2000: " + report.joined(separator: ", "))
    }

    /// How many times each size is compiled; each stage's fastest time counts.
    static let rounds = 4

    /// Each stage's time in one compilation of the generated blueprint.
    private func stages(_ kind: ScaleBlueprints.Kind, size: Int) -> [StageTimings.Stage: Double] {
        let source = SourceFile(name: "scale-\(kind)-\(size).yaml", text: ScaleBlueprints.blueprint(kind, size: size))
        let result = Compiler().compile(source)
        #expect(result.succeeded, "\(result.diagnostics.prefix(3).map(\.message))")
        var run: [StageTimings.Stage: Double] = [:]
        for (stage, seconds) in result.timings.seconds { run[stage, default: 0] += seconds }
        return run
    }
}
