import ConsumerChecks
import Foundation
import Testing
import TestSupport

/// `hpcc lsp` as real clients drive it. pygls' language client runs Tests/Tools/lsp-client/check.py:
/// diagnostics at exact UTF-16 ranges, completion, hover, definition, document symbols,
/// incremental edits and the quick fix, on Tests/Fixtures/lsp/bad-cluster.yaml. Neovim's built-in
/// client, configured with the snippet docs/editors.md shows (cut out of the doc here, so the doc
/// cannot drift), opens the same blueprint and must hold the server's diagnostics.
@Suite("Language server clients drive hpcc lsp")
struct LanguageServerClientTests {
    @Test func pyglsClientChecksEveryFeature() throws {
        guard LanguageServerCheck.pyglsAvailable else {
            let line = ConsumerTools.skipped(
                "lsp-client", because: "no python with pygls and lsprotocol (.venv, from .ci/requirements.txt)")
            #expect(!ConsumerTools.required, "\(line)")
            return
        }
        let hpcc = HPCCBinary.url.path
        try #require(FileManager.default.isExecutableFile(atPath: hpcc), "no hpcc binary at \(hpcc)")
        let outcome = try LanguageServerCheck.runPygls(hpcc: hpcc)
        let summary = outcome.stdout.split(separator: "\n").last { $0.contains(" passed, ") } ?? "no summary"
        #expect(
            outcome.status == 0,
            "check.py exited \(outcome.status):\n\(outcome.stdout)\n\(outcome.stderr)")
        if outcome.status == 0 { ConsumerTools.record("Tests/Fixtures/lsp/bad-cluster.yaml", "pygls", String(summary)) }
    }

    @Test func neovimWithTheDocumentedConfigShowsTheDiagnostics() throws {
        guard let nvim = Shell.which("nvim") else {
            let line = ConsumerTools.skipped(
                "neovim", because: "nvim is not installed: run .ci/run, or apt-get install neovim")
            #expect(!ConsumerTools.required, "\(line)")
            return
        }
        let hpcc = HPCCBinary.url
        try #require(FileManager.default.isExecutableFile(atPath: hpcc.path), "no hpcc binary at \(hpcc.path)")
        let (report, outcome) = try LanguageServerCheck.runNeovim(
            nvim: nvim, hpccFolder: hpcc.deletingLastPathComponent().path, blueprint: LanguageServerCheck.fixture)
        let output = "nvim exited \(outcome.status)\nstdout: \(outcome.stdout)\nstderr: \(outcome.stderr)"
        let held = try #require(report, "the probe wrote no report; \(output)")
        #expect(held.clients == ["hpcc"], "clients attached: \(held.clients); \(output)")
        #expect(held.waited, "no diagnostics within 20 s; \(output)")
        // Neovim counts columns in bytes: "Réseau de josé 🚀" before $(vars.deployment_nme) on line
        // 19 takes 4 bytes more than its UTF-16 code units, so the server's column 73 is byte 77.
        let expected = [
            "HPC2004 1 25:6-25:17",
            "HPC2010 2 41:23-41:25",
            "HPC3001 1 19:77-19:96",
        ]
        let found = held.diagnostics.map(\.description).sorted()
        #expect(found == expected, "Neovim holds \(found), expected \(expected); \(output)")
        if found == expected {
            ConsumerTools.record("Tests/Fixtures/lsp/bad-cluster.yaml", "neovim \(nvim)", found.joined(separator: ", "))
        }
    }
}
