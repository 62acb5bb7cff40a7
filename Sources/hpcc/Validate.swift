import ArgumentParser
@_spi(Tools) import HPCCompiler

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
        // With several blueprints, one --vars list serves them all (project_id for the GCP ones):
        // a variable a blueprint does not declare is an error only when no blueprint uses it.
        let shared = blueprints.count > 1
        var unusedEverywhere: [String]?
        for path in blueprints {
            do {
                let source = try BlueprintFile.read(path, format: options.format, report: false)
                let result = try options.compile(
                    source, undeclaredVariables: shared ? .mayBeForOtherBlueprints : .mustBeUsed, report: false)
                diagnostics += result.diagnostics
                sources += result.sources
                if result.resolved != nil {
                    let unused = Set(result.unusedCommandLineVariables)
                    unusedEverywhere = (unusedEverywhere ?? Array(unused)).filter(unused.contains)
                }
            } catch let failure as BlueprintFile.Failure {
                diagnostics.append(failure.diagnostic)
                unreadable = unreadable || failure.status == 2
            }
        }
        if shared {
            for name in unusedEverywhere ?? [] {
                diagnostics.append(
                    Diagnostic(
                        .unusedVariable, "--vars \(name) is used by none of the \(blueprints.count) blueprints",
                        at: nil,
                        help: "remove it, or check its name"))
            }
        }
        Report.print(diagnostics, sources: sources, format: options.format)
        if unreadable { throw ExitCode(2) }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    }
}
