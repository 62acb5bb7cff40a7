/// A range of capacities a storage service offers, in fixed steps (`1024-9984 GiB in steps of 256`).
@_spi(Tools) public struct CapacityBand: Hashable, Sendable {
    /// The smallest capacity.
    @_spi(Tools) public var min: Int
    /// The largest capacity (`unbounded` for no limit hpcc knows).
    @_spi(Tools) public var max: Int
    /// Capacities go up in steps of this much from `min`.
    @_spi(Tools) public var step: Int

    /// The `max` of a band with no upper limit hpcc knows (the account's quota decides).
    @_spi(Tools) public static let unbounded = Int.max

    /// A band from `min` to `max` in steps of `step`.
    @_spi(Tools) public init(_ min: Int, _ max: Int, step: Int) {
        self.min = min
        self.max = max
        self.step = step
    }

    /// Whether `size` lies in the band on one of its steps.
    @_spi(Tools) public func contains(_ size: Int) -> Bool {
        size >= min && size <= max && (size - min) % step == 0
    }

    /// `1024-9984 GiB in steps of 256`.
    @_spi(Tools) public var description: String {
        if min == max { return "\(min) GiB" }
        if max == Self.unbounded { return "multiples of \(step) GiB from \(min)" }
        return step == 1 ? "\(min)-\(max) GiB" : "\(min)-\(max) GiB in steps of \(step)"
    }

    /// The nearest sizes the bands offer below and above `size`, for a suggestion.
    @_spi(Tools) public static func neighbours(of size: Int, in bands: [CapacityBand]) -> (below: Int?, above: Int?) {
        var below: [Int] = [], above: [Int] = []
        for band in bands {
            if size < band.min {
                above.append(band.min)
            } else if size > band.max {
                below.append(band.max - (band.max - band.min) % band.step)
            } else {
                let down = band.min + (size - band.min) / band.step * band.step
                below.append(down)
                if band.max - down >= band.step { above.append(down + band.step) }
            }
        }
        return (below.max(), above.min())
    }

    /// The diagnostic for a size no band offers: what the service offers, and the nearest sizes.
    static func report(
        _ size: Int, bands: [CapacityBand], service: String, at location: SourceLocation, diagnostics: inout Diagnostics
    ) {
        guard !bands.contains(where: { $0.contains(size) }) else { return }
        let nearest = neighbours(of: size, in: bands)
        let sizes = [nearest.below, nearest.above].compactMap { $0.map { "\($0)" } }
        diagnostics.report(
            .capacityOutOfRange,
            "\(service) offers \(bands.map(\.description).joined(separator: " or ")), not \(size) GiB", at: location,
            help: sizes.isEmpty ? nil : "the nearest sizes it offers: \(sizes.joined(separator: " or ")) GiB",
            // Offered only where the size is written as a number (checked against the text).
            fixes: sizes.map { DiagnosticFix(replacing: "\(size)", at: location, with: $0) })
    }
}
