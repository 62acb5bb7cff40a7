import ArgumentParser
import HPCCompiler

/// `hpcc validate`: compile blueprints without writing anything; report every finding.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check blueprints and report every problem, without writing files.",
        discussion: "Exit status: 0 no errors (warnings allowed), 1 a blueprint has errors, 2 a file cannot be read."
    )

    @Argument(help: "Blueprint files.")
    var blueprints: [String]

    @OptionGroup var options: CompileOptions

    func run() throws {
        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        var unreadable = false
        for path in blueprints {
            do {
                let source = try BlueprintFile.read(path, format: options.format, report: false)
                let result = Compiler().compile(source, variables: options.variables)
                diagnostics += result.diagnostics
                sources += result.sources
            } catch let failure as BlueprintFile.Failure {
                diagnostics.append(failure.diagnostic)
                unreadable = unreadable || failure.status == 2
            }
        }
        Report.print(diagnostics, sources: sources, format: options.format)
        if unreadable { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
