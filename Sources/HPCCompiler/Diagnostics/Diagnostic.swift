/// How bad a finding is.
public enum Severity: String, Sendable, Codable, Comparable {
    case error
    case warning
    case note

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .note: 2
        }
    }

    /// Errors sort before warnings before notes.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, optionally at its own position
/// (for example "first defined here").
public struct DiagnosticNote: Hashable, Sendable {
    /// The note text.
    public var message: String
    /// Where the note points, if anywhere.
    public var location: SourceLocation?

    /// Creates a note.
    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }
}

/// One finding of the compiler: data, rendered later by a renderer per output format.
public struct Diagnostic: Hashable, Sendable {
    /// Error, warning or note.
    public var severity: Severity
    /// The stable code (`HPC2004`).
    public var code: DiagnosticCode
    /// One-line message.
    public var message: String
    /// The offending node; nil only for findings that have no place in any file.
    public var location: SourceLocation?
    /// Extra context.
    public var notes: [DiagnosticNote]
    /// A suggested fix ("did you mean 'machine_type'?").
    public var help: String?
    /// Machine-applicable edits that fix the finding (an editor's quick fixes); empty when the span
    /// to replace is not exactly known.
    public var fixes: [DiagnosticFix] = []

    /// Creates a diagnostic; the severity defaults to the code's own.
    public init(
        _ code: DiagnosticCode,
        _ message: String,
        at location: SourceLocation?,
        severity: Severity? = nil,
        notes: [DiagnosticNote] = [],
        help: String? = nil,
        fixes: [DiagnosticFix] = []
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.severity = severity ?? code.defaultSeverity
        self.notes = notes
        self.help = help
        self.fixes = fixes
    }
}

extension Diagnostic {
    /// Sort key: position first (findings without a position last), then severity, code and message;
    /// findings alike in all of these by the rest of what they say, so that the order is total and
    /// the report the same on every run whatever order the findings came in.
    static func inReportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        switch (lhs.location, rhs.location) {
        case let (l?, r?) where l < r || r < l: return l < r
        case (nil, _?): return false
        case (_?, nil): return true
        default: break
        }
        if lhs.severity != rhs.severity { return lhs.severity < rhs.severity }
        if lhs.code != rhs.code { return lhs.code.rawValue < rhs.code.rawValue }
        if lhs.message != rhs.message { return lhs.message < rhs.message }
        let (left, right) = (lhs.location?.length ?? 0, rhs.location?.length ?? 0)
        if left != right { return left < right }
        return String(describing: lhs) < String(describing: rhs)
    }
}
