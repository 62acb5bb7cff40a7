import ArgumentParser
import Foundation
import HPCCompiler

/// `hpcc build`: compile one blueprint and write its deployment folder.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a blueprint into a deployment folder.",
        discussion: "Writes OUTPUT/<deployment_name>/ atomically: nothing is written when the blueprint has errors."
    )

    @Argument(help: "The blueprint file.")
    var blueprint: String

    @Option(name: .shortAndLong, help: "Folder to write the deployment folder into.")
    var output: String = "out"

    @Flag(help: "Replace OUTPUT/<deployment_name> even if hpcc did not write it (it has no hpcc-manifest.json).")
    var force = false

    @OptionGroup var options: CompileOptions

    func run() throws {
        let source = try BlueprintFile.read(blueprint, format: options.format)
        let result = Compiler().compile(source, variables: options.variables)
        Report.print(result.diagnostics, sources: result.sources, format: options.format)
        guard result.succeeded, let name = result.deploymentName else {
            if options.format == .text { Report.stderr("hpcc: nothing written\n") }
            throw ExitCode(1)
        }
        let target = URL(fileURLWithPath: output).appendingPathComponent(name)
        do {
            try DeploymentWriter(force: force).write(result.files, to: target)
        } catch let refusal as DeploymentWriter.Refusal {
            Report.print([Diagnostic(.foreignFolder, "not writing \(target.path): \(refusal.description)", at: nil)], sources: [], format: options.format)
            throw ExitCode(2)
        } catch {
            Report.print([Diagnostic(.writeFailed, "cannot write \(target.path): \(error.localizedDescription)", at: nil)], sources: [], format: options.format)
            throw ExitCode(2)
        }
        if options.format == .text {
            Report.stderr("hpcc: wrote \(output)/\(name) (\(result.files.count) files)\n")
            for plan in result.plans { print(plan) }
        }
    }
}
