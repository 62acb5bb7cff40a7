/// How long each stage of one compilation took, in the order they ran. The benchmark prints
/// them; nothing hpcc writes depends on them.
@_spi(Tools) public struct StageTimings: Sendable {
    /// A stage of the pipeline.
    @_spi(Tools) public enum Stage: String, Sendable, CaseIterable {
        /// Text to YAML tree (libyaml's events, positions, limits).
        case parse
        /// YAML tree to the blueprint's syntax.
        case decode
        /// Variables, `use` wiring, settings typed against module schemas.
        case resolve
        /// The blueprint's validators.
        case check
        /// Resolved modules to the deployment IR, with its rules.
        case lower
        /// The IR to files: building each document and rendering it to text.
        case emit
        /// Files to the deployment folder (measured by the writer's caller).
        case write
    }

    /// Each stage's time in seconds, in the order they ran (a stage run twice appears twice).
    @_spi(Tools) public private(set) var seconds: [(stage: Stage, seconds: Double)] = []

    @_spi(Tools) public init() {}

    /// Runs `body`, recording its wall time under `stage`.
    @_spi(Tools) public mutating func measure<T>(_ stage: Stage, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { record(stage, seconds: (clock.now - start).seconds) }
        return try body()
    }

    /// Adds a time measured elsewhere (the writer's, by its caller).
    @_spi(Tools) public mutating func record(_ stage: Stage, seconds: Double) {
        self.seconds.append((stage, seconds))
    }
}

extension Duration {
    /// The duration in seconds.
    @_spi(Tools) public var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) / 1e18
    }
}
