import ArgumentParser
import Foundation
import HPCCompiler

/// Prints diagnostics in the chosen format: text to stderr (coloured on a terminal); JSON, SARIF
/// and GitHub workflow commands to stdout.
enum Report {
    static func print(_ diagnostics: [Diagnostic], sources: [SourceFile], format: OutputFormat) {
        switch format {
        case .json:
            Swift.print(DiagnosticJSONRenderer.render(diagnostics), terminator: "")
        case .sarif:
            Swift.print(DiagnosticSARIFRenderer.render(diagnostics, toolVersion: Compiler.version), terminator: "")
        case .github:
            Swift.print(DiagnosticGitHubRenderer.render(diagnostics), terminator: "")
        case .text:
            guard !diagnostics.isEmpty else { return }
            let renderer = TextRenderer(colored: isatty(STDERR_FILENO) == 1)
            var text = renderer.render(diagnostics, sources: sources)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            text += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
            stderr(text)
        }
    }

    /// For commands that print a view of the compiled blueprint on stdout (plan, graph): the
    /// result, with its findings as text on stderr whatever --format says (stdout carries the
    /// view); exit status 1 when it has errors.
    static func compiledForView(_ blueprint: String, options: CompileOptions) throws -> CompileResult {
        let source = try BlueprintFile.read(blueprint, format: options.format)
        let result = try options.compile(source)
        print(result.diagnostics, sources: result.sources, format: .text)
        guard result.succeeded else { throw ExitCode(1) }
        return result
    }

    static func stderr(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Reading a blueprint from disk; failures are I/O diagnostics (exit status 2).
enum BlueprintFile {
    struct Failure: Error {
        let diagnostic: Diagnostic
        /// 2 for I/O; 1 for a file hpcc refuses as input.
        var status: Int32 = 2
    }

    /// The file at `path` (a blueprint, or the `what` it is) as UTF-8 text; a failure is reported
    /// in `format` and exits, unless `report` is false (then it is thrown).
    static func read(
        _ path: String, what: String = "blueprint", format: OutputFormat, report: Bool = true
    ) throws -> SourceFile {
        do {
            // A file far past the limit is refused before it is read into memory.
            let limit = InputLimits().fileBytes
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
                throw Failure(
                    diagnostic: Diagnostic(
                        .inputTooLarge, "\(what) '\(path)' is \(size) bytes; hpcc reads at most \(limit)",
                        at: SourceLocation(file: path, line: 1, column: 1)), status: 1)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Failure(diagnostic: Diagnostic(.readFailed, "cannot read \(what) '\(path)'", at: nil))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw Failure(diagnostic: Diagnostic(.notUTF8, "\(what) '\(path)' is not UTF-8 text", at: nil))
            }
            return SourceFile(name: path, text: text)
        } catch let failure as Failure {
            guard report else { throw failure }
            Report.print([failure.diagnostic], sources: [], format: format)
            throw ExitCode(failure.status)
        }
    }
}
