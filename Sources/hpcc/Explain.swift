import ArgumentParser
import HPCCompiler

/// `hpcc explain CODE`: a diagnostic code's long explanation; without a code, every code.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain a diagnostic code (HPC3014), or list every code.")

    @Argument(help: "A diagnostic code, e.g. HPC3014.")
    var code: String?

    func run() throws {
        guard let code else {
            for known in DiagnosticCode.allCases {
                print(
                    """
                    \(known.rawValue)  \
                    \(known.defaultSeverity.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \
                    \(known.summary)
                    """
                )
            }
            return
        }
        // `3014` and `hpc3014` mean HPC3014.
        let normalized = code.allSatisfy(\.isNumber) ? "HPC" + code : code.uppercased()
        guard let known = DiagnosticCode(rawValue: normalized) else {
            Report.stderr("hpcc: '\(code)' is not a diagnostic code; `hpcc explain` lists them\n")
            throw ExitCode(2)
        }
        print(known.manual, terminator: "")
    }
}
