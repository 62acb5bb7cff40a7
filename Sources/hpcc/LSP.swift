import ArgumentParser
import Foundation
@_spi(Tools) import HPCCompiler

/// `hpcc lsp`: the language server, on stdin and stdout.
struct LSP: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lsp",
        abstract: "Run the language server for blueprints on stdin and stdout (Language Server Protocol).",
        discussion:
            """
            Editors start it; docs/editors.md shows how. Open blueprints are compiled on every change and get \
            `hpcc validate`'s diagnostics, with completion, hover, go to definition, references, an outline and \
            quick fixes. --vars and --deployment-file apply to every blueprint, as for `hpcc validate`. It writes \
            no files. Exit status: 0 after the client's shutdown and exit, 1 when the client leaves without them.
            """
    )

    @OptionGroup var inputs: CompileInputs

    func run() throws {
        let deployment = try inputs.deploymentFile.map {
            try BlueprintFile.read($0, what: "deployment file", format: .text, report: true)
        }
        var server = LanguageServer(
            settings: EditorSettings(compiler: inputs.compiler, variables: inputs.variables, deploymentFile: deployment)
        )
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            let reply = server.receive(Array(buffer[..<count]))
            Self.write(reply)
            if let status = server.exitStatus { throw ExitCode(status) }
        }
        // The client closed the stream without `exit`.
        throw ExitCode(server.exitStatus ?? 1)
    }

    private static func write(_ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else { return }
            written += result
        }
    }
}
