import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// The fuzz corpus replayed as an editor session: each input typed into `hpcc lsp` in pieces cut
/// anywhere (mid-line, mid-key, mid-expression), with every feature asked about at the cursor and
/// at arbitrary positions, some of them outside the text, after each piece; then a span deleted
/// and typed again. The server must answer everything without crashing, and end with the text
/// and the diagnostics `hpcc validate` gives for the input.
@Suite("Editor replay of the fuzz corpus")
struct EditorReplayTests {
    /// The fuzz inputs: the seeds of the rule tests, the shipped blueprints, the fixtures and the
    /// saved regressions.
    static var corpus: [(name: String, text: String)] {
        let seeds = FuzzSeedTests.seeds.map { seed in
            (seed.name, seed.input.components(separatedBy: PipelineInvariants.variablesMarker)[0])
        }
        let folders = ["blueprints", "Tests/Fixtures", "Tests/Fuzz/regressions"].map {
            Repository.root.appendingPathComponent($0)
        }
        let files = folders.flatMap { folder in
            Repository.files(under: folder).filter { $0.hasSuffix(".yaml") }.compactMap { path in
                (try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)).map {
                    (folder.lastPathComponent + "/" + path, $0)
                }
            }
        }
        return seeds + files
    }

    @Test func theCorpusReplaysWithoutACrash() {
        let corpus = Self.corpus
        #expect(corpus.count > 250)
        for (name, text) in corpus { Self.replay(text, name: name) }
    }

    @Test func theClusterToolkitExamplesReplayWithoutACrash() throws {
        guard let folder = UpstreamExampleTests.folder("EditorReplayTests.theClusterToolkitExamplesReplayWithoutACrash")
        else { return }
        let examples = UpstreamExamples.all(in: folder)
        #expect(examples.count > 40)
        for example in examples {
            let text = try String(contentsOf: folder.appendingPathComponent(example.path), encoding: .utf8)
            Self.replay(text, name: example.path)
        }
    }

    /// Types `text` in eight pieces, asking every question after each, then deletes and retypes
    /// a span; checks the end state against the compiler.
    static func replay(_ text: String, name: String) {
        let session = LanguageServerSession(uri: "file:///replay/\(name)")
        _ = session.open("")
        let characters = Array(text)
        var random = SeededRandom(seed: UInt64(truncatingIfNeeded: text.utf8.count &* 2_654_435_761))
        var typed = 0
        var version = 1
        for piece in 1...8 {
            let end = characters.count * piece / 8
            guard end > typed else { continue }
            let insertion = String(characters[typed..<end])
            let at = endPosition(of: String(characters[..<typed]))
            version += 1
            _ = session.change((at.line, at.character, at.line, at.character), to: insertion, version: version)
            typed = end
            let cursor = endPosition(of: String(characters[..<typed]))
            askEverything(session, at: cursor)
            askEverything(session, at: (random.next(below: cursor.line + 3), random.next(below: 90)))
        }
        // Delete a span of lines and type it back.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 4 {
            let first = random.next(below: lines.count - 2)
            let last = min(lines.count - 1, first + 1 + random.next(below: 3))
            let removed = lines[first..<last].joined(separator: "\n") + "\n"
            version += 1
            _ = session.change((first, 0, last, 0), to: "", version: version)
            askEverything(session, at: (first, 0))
            version += 1
            _ = session.change((first, 0, first, 0), to: removed, version: version)
        }
        let document = session.server.documents[session.uri]
        #expect(document?.text.text == text, "\(name): the replayed text differs")
        let compiled = Compiler().compile(SourceFile(name: "/replay/\(name)", text: text)).diagnostics
        #expect(
            document?.diagnostics.map(\.code) == compiled.map(\.code),
            "\(name): diagnostics differ from the compiler's")
    }

    /// Every request the server answers, at `position`.
    static func askEverything(_ session: LanguageServerSession, at position: (line: Int, character: Int)) {
        for method in ["completion", "hover", "definition", "references", "codeAction"] {
            _ = session.ask(
                method, position.line, position.character,
                extra: [
                    "context": ["includeDeclaration": true],
                    "range": [
                        "start": ["line": .int(position.line), "character": 0],
                        "end": ["line": .int(position.line + 1), "character": 0],
                    ],
                ])
        }
        _ = session.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(session.uri)]])
    }

    /// Where a text ends, in editor coordinates.
    static func endPosition(of text: String) -> (line: Int, character: Int) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return (lines.count - 1, lines.last.map { $0.utf16.count } ?? 0)
    }
}

/// A small deterministic generator (SplitMix64), so a replay is the same on every run.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        value ^= value >> 31
        return bound <= 0 ? 0 : Int(value % UInt64(bound))
    }
}
