import Foundation
import TestSupport

/// `hpcc lsp` as two independent clients drive it: pygls' language client
/// (`Tests/Tools/lsp-client/check.py`) and Neovim's built-in client, configured with the snippet
/// docs/editors.md shows.
public enum LanguageServerCheck {
    /// The pygls check script.
    public static let script = Repository.root.appendingPathComponent("Tests/Tools/lsp-client/check.py").path
    /// The blueprint with mistakes both clients open.
    public static let fixture = Repository.root.appendingPathComponent("Tests/Fixtures/lsp/bad-cluster.yaml")
    /// The python of `.venv` (from .ci/requirements.txt), or HPCC_LSP_PYTHON.
    public static let python = ConsumerTools.python("HPCC_LSP_PYTHON", venv: ".venv")

    /// Whether the pygls check can run here.
    public static var pyglsAvailable: Bool { ConsumerTools.imports("pygls.lsp.client, lsprotocol", with: python) }

    /// Runs check.py against the `hpcc` binary at `hpcc`.
    public static func runPygls(hpcc: String) throws -> Shell.Outcome {
        guard let python else { throw ConsumerFailure(description: "no python for check.py") }
        return try Shell.run(python, [script, hpcc], directory: Repository.root)
    }

    /// The Lua between the `editors-nvim-config` markers of docs/editors.md, without its fence.
    public static func documentedNeovimConfig() throws -> String {
        let doc = try String(
            contentsOf: Repository.root.appendingPathComponent("docs/editors.md"), encoding: .utf8)
        guard let begin = doc.range(of: "<!-- editors-nvim-config: begin -->\n```lua\n"),
            let end = doc.range(of: "```\n<!-- editors-nvim-config: end -->", range: begin.upperBound..<doc.endIndex)
        else {
            throw ConsumerFailure(
                description: "docs/editors.md has no lua block between the editors-nvim-config markers")
        }
        return String(doc[begin.upperBound..<end.lowerBound])
    }

    /// What Neovim held after opening a blueprint: the diagnostics `vim.diagnostic.get` returned
    /// (positions 0-based, columns in bytes as Neovim counts them) and the attached clients.
    public struct NeovimReport: Decodable {
        /// Whether diagnostics arrived before the probe stopped waiting.
        public let waited: Bool
        /// One diagnostic as Neovim holds it.
        public struct Diagnostic: Decodable, Equatable, CustomStringConvertible {
            public let code: String?
            public let severity: Int
            public let lnum: Int
            public let col: Int
            public let end_lnum: Int
            public let end_col: Int
            /// `code severity lnum:col-end_lnum:end_col`, as the test compares them.
            public var description: String {
                "\(code ?? "-") \(severity) \(lnum):\(col)-\(end_lnum):\(end_col)"
            }
        }
        public let diagnostics: [Diagnostic]
        public let clients: [String]
    }

    /// Starts `nvim --headless` with the documented configuration as its only init file and
    /// `hpcc` first on the PATH, opens `blueprint` (copied to a scratch folder, the working
    /// directory), and returns what `Tests/Tools/lsp-client/nvim-probe.lua` saw.
    public static func runNeovim(
        nvim: String, hpccFolder: String, blueprint: URL
    ) throws -> (report: NeovimReport?, outcome: Shell.Outcome) {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-nvim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let initFile = work.appendingPathComponent("init.lua")
        try Data(try documentedNeovimConfig().utf8).write(to: initFile)
        let opened = work.appendingPathComponent(blueprint.lastPathComponent)
        try FileManager.default.copyItem(at: blueprint, to: opened)
        let report = work.appendingPathComponent("report.json")
        let probe = Repository.root.appendingPathComponent("Tests/Tools/lsp-client/nvim-probe.lua").path
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let environment = [
            "PATH": "\(hpccFolder):\(path)", "HPCC_NVIM_REPORT": report.path,
            "XDG_CONFIG_HOME": work.path, "XDG_DATA_HOME": work.path, "XDG_STATE_HOME": work.path,
            "XDG_CACHE_HOME": work.path,
        ]
        let outcome = try Shell.run(
            nvim,
            [
                "--headless", "-n", "-i", "NONE", "-u", initFile.path, opened.lastPathComponent, "-c",
                "luafile \(probe)",
            ],
            environment: environment, directory: work)
        let decoded = (try? Data(contentsOf: report)).flatMap { try? JSONDecoder().decode(NeovimReport.self, from: $0) }
        return (decoded, outcome)
    }
}
