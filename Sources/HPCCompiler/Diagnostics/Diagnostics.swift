/// The collector every stage reports into. A value type: stages take it `inout`.
@_spi(Tools) public struct Diagnostics: Sendable, Equatable {
    /// Everything reported so far, in report order of arrival.
    @_spi(Tools) public private(set) var all: [Diagnostic] = []

    /// Creates an empty collector.
    @_spi(Tools) public init() {}

    /// Number of errors (kept as findings arrive: stages compare it before and after a step).
    @_spi(Tools) public private(set) var errorCount = 0

    /// Records a finding.
    @_spi(Tools) public mutating func report(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
        if diagnostic.severity == .error { errorCount += 1 }
    }

    /// Records a finding built from its parts.
    @_spi(Tools) public mutating func report(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        severity: Severity? = nil,
        notes: [DiagnosticNote] = [],
        help: String? = nil,
        fixes: [DiagnosticFix] = []
    ) {
        report(Diagnostic(code, message, at: location, severity: severity, notes: notes, help: help, fixes: fixes))
    }

    /// Appends another collector's findings.
    @_spi(Tools) public mutating func merge(_ other: Diagnostics) {
        all.append(contentsOf: other.all)
        errorCount += other.errorCount
    }

    /// True when at least one error was reported.
    @_spi(Tools) public var hasErrors: Bool { errorCount > 0 }

    /// Number of warnings.
    @_spi(Tools) public var warningCount: Int { all.filter { $0.severity == .warning }.count }

    /// The findings sorted by position, without exact duplicates.
    @_spi(Tools) public var sorted: [Diagnostic] {
        var seen = Set<Diagnostic>()
        return all.filter { seen.insert($0).inserted }.sorted(by: Diagnostic.inReportOrder)
    }

    /// Drops warnings and notes whose code is in `codes` (the blueprint's `ignore:` list); errors stay.
    @_spi(Tools) public mutating func silence(_ codes: Set<DiagnosticCode>) {
        all.removeAll { $0.severity != .error && codes.contains($0.code) }
    }
}
