import ArgumentParser
import Foundation
@_spi(Tools) import HPCCompiler

/// `hpcc build`: compile one blueprint and write its deployment folder.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile a blueprint into a deployment folder.",
        discussion: """
            Writes OUTPUT/<deployment_name>/ atomically: nothing is written when the blueprint has errors. \
            Files hpcc did not write there (Terraform's state, .terraform) are kept.
            """
    )

    @Argument(help: "The blueprint file.")
    var blueprint: String

    @Option(name: .shortAndLong, help: "Folder to write the deployment folder into.")
    var output: String = "out"

    @Flag(help: "Replace OUTPUT/<deployment_name> even if hpcc did not write it (it has no hpcc-manifest.json).")
    var force = false

    @Flag(
        help:
            """
            Write nothing; compare OUTPUT/<deployment_name> with what would be written, list every file that differs, \
            and exit 1 if any does.
            """
    )
    var check = false

    @OptionGroup var options: CompileOptions

    func run() throws {
        let source = try BlueprintFile.read(blueprint, format: options.format)
        var result = try options.compile(source)
        // Built into the folder of the deployment it replaces, a renamed module keeps its resources.
        if let name = result.deploymentName,
            let previous = try? DeploymentSnapshot.read(
                folder: URL(fileURLWithPath: output).appendingPathComponent(name))
        {
            result = result.replacing(previous)
        }
        if check, result.succeeded, let name = result.deploymentName {
            try checkDrift(
                result, folder: URL(fileURLWithPath: output).appendingPathComponent(name), shown: "\(output)/\(name)")
        }
        Report.print(result.diagnostics, sources: result.sources, format: options.format)
        guard result.succeeded, let name = result.deploymentName else {
            if options.format == .text { Report.stderr("hpcc: nothing written\n") }
            throw ExitCode(1)
        }
        let target = URL(fileURLWithPath: output).appendingPathComponent(name)
        do {
            try DeploymentWriter(force: force).write(result.files, to: target)
        } catch let refusal as DeploymentWriter.Refusal {
            Report.print(
                [Diagnostic(.foreignFolder, "not writing \(target.path): \(refusal.description)", at: nil)],
                sources: [], format: options.format)
            throw ExitCode(2)
        } catch {
            Report.print(
                [Diagnostic(.writeFailed, "cannot write \(target.path): \(error.localizedDescription)", at: nil)],
                sources: [], format: options.format)
            throw ExitCode(2)
        }
        if options.format == .text {
            Report.stderr("hpcc: wrote \(output)/\(name) (\(result.files.count) files)\n")
            for plan in result.plans { print(plan) }
        }
    }

    /// `--check`: the compile's findings and the folder's differences in one report; exit 0 only
    /// when the folder is current.
    private func checkDrift(_ result: CompileResult, folder: URL, shown: String) throws {
        let drift: DeploymentDrift
        do {
            drift = try DeploymentDrift.compare(result.files, with: folder)
        } catch {
            Report.print(
                [Diagnostic(.readFailed, "cannot read \(shown): \(error.localizedDescription)", at: nil)], sources: [],
                format: options.format)
            throw ExitCode(2)
        }
        Report.print(
            result.diagnostics + drift.diagnostics(folder: shown), sources: result.sources, format: options.format)
        if options.format == .text {
            Report.stderr(
                drift.isCurrent
                    ? "hpcc: \(shown) is current (\(result.files.count) files)\n"
                    : "hpcc: \(shown) is stale: \(drift.differences.count) of its files differ\n")
        }
        throw ExitCode(drift.isCurrent ? 0 : 1)
    }
}
