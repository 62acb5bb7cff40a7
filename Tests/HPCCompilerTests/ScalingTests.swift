@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// No stage may grow faster than about n log n: compiling ten times the modules must cost each
/// stage about ten times as much, not a hundred. The guard is a ratio of two sizes measured in
/// the same process (each size's fastest of three runs), never an absolute time, so a slow or
/// busy machine does not fail it; a stage whose quadratic part dominates it at 2,000 modules does.
@Suite("Scaling", .serialized)
struct ScalingTests {
    /// Linear work gives 10 for 10× the input, n log n about 13; a quadratic stage gives up to 100.
    static let largestRatio = 25.0
    /// Stages faster than this at the larger size are too short to time reliably in a ratio.
    static let shortestTimed = 0.02

    @Test(arguments: ScaleBlueprints.Kind.allCases)
    func everyStageGrowsAboutLinearly(kind: ScaleBlueprints.Kind) throws {
        let small = fastestStages(kind, size: 200)
        let large = fastestStages(kind, size: 2_000)
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

    /// Each stage's fastest time over three compilations of the generated blueprint.
    private func fastestStages(_ kind: ScaleBlueprints.Kind, size: Int) -> [StageTimings.Stage: Double] {
        let source = SourceFile(name: "scale-\(kind)-\(size).yaml", text: ScaleBlueprints.blueprint(kind, size: size))
        var fastest: [StageTimings.Stage: Double] = [:]
        for _ in 0..<3 {
            let result = Compiler().compile(source)
            #expect(result.succeeded, "\(result.diagnostics.prefix(3).map(\.message))")
            var run: [StageTimings.Stage: Double] = [:]
            for (stage, seconds) in result.timings.seconds { run[stage, default: 0] += seconds }
            for (stage, seconds) in run { fastest[stage] = min(fastest[stage] ?? .infinity, seconds) }
        }
        return fastest
    }
}
