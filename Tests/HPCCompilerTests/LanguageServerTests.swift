import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// `hpcc lsp` in memory: the protocol's framing and life cycle, diagnostics equal to the
/// compiler's at exact UTF-16 ranges, and incremental edits.
@Suite("Language server")
struct LanguageServerTests {
    static let blueprint = """
        blueprint_name: demo
        vars:
          project_id: demo-project
          deployment_name: demo
          region: us-central1
          zone: us-central1-a
        deployment_groups:
        - group: primary
          modules:
          - id: network
            source: modules/network/vpc
          - id: nodes
            source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
            use: [network]
            settings:
              machine_tpye: n2-standard-4
              node_count_dynamic_max: 4
          - id: debug
            source: community/modules/compute/schedmd-slurm-gcp-v6-partition
            use: [nodes]
            settings:
              partition_name: debug
              exclusive: false
          - id: controller
            source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
            use: [network, debug]

        """

    @Test func framingSurvivesAnyChunkingAndAnswersGarbageWithAParseError() {
        var server = LanguageServer()
        let initialize = MessageFraming.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:]])
        let hover = MessageFraming.frame(["jsonrpc": "2.0", "id": "two", "method": "shutdown"])
        var replies: [UInt8] = []
        for byte in initialize + hover { replies += server.receive([byte]) }
        var framing = MessageFraming()
        let messages = framing.receive(replies)
        #expect(messages.count == 2)
        guard case let .json(first) = messages.first, case let .json(second) = messages.last else { return }
        #expect(first["result"]?["capabilities"]?["textDocumentSync"]?["change"] == .int(2))
        #expect(second["id"] == "two" && second["result"] == .null)
        let garbage = server.receive(Array("Content-Length: 5\r\n\r\n{oops".utf8))
        #expect(String(decoding: garbage, as: UTF8.self).contains("-32700"))
        // A frame without Content-Length: its body is skipped up to the next header.
        let headless = server.receive(
            Array("Content-Type: x\r\n\r\n{\"a\": 1}".utf8)
                + MessageFraming.frame(["jsonrpc": "2.0", "id": 7, "method": "shutdown"]))
        let text = String(decoding: headless, as: UTF8.self)
        #expect(text.contains("-32700") && text.contains("\"id\":7"), "\(text)")
        _ = server.receive(MessageFraming.frame(["jsonrpc": "2.0", "method": "exit"]))
        #expect(server.exitStatus == 0)
    }

    @Test func requestsBeforeInitializeAndUnknownMethodsAreErrors() {
        var server = LanguageServer()
        let early = server.receive(MessageFraming.frame(["jsonrpc": "2.0", "id": 1, "method": "textDocument/hover"]))
        #expect(String(decoding: early, as: UTF8.self).contains("-32002"))
        let session = LanguageServerSession()
        #expect(session.request("workspace/symbol", [:])["code"] == .int(-32601))
        #expect(session.ask("hover", 0, 0)["code"] == .int(-32602), "the document is not open")
        session.send(["jsonrpc": "2.0", "method": "exit"])
        #expect(session.server.exitStatus == 1, "exit without shutdown")
    }

    @Test func diagnosticsAreTheCompilersAtExactRanges() throws {
        let session = LanguageServerSession()
        let diagnostics = session.open(Self.blueprint)
        let compiled = Compiler().compile(SourceFile(name: "/work/blueprints/demo one.yaml", text: Self.blueprint))
        #expect(diagnostics.map { $0["code"]?.text } == compiled.diagnostics.map { $0.code.rawValue })
        let misspelled = try #require(diagnostics.first { $0["code"] == "HPC2004" })
        #expect(misspelled["range"]?.span == [15, 6, 15, 18])
        #expect(misspelled["severity"] == .int(1) && misspelled["source"] == "hpcc")
        #expect(misspelled["message"]?.text?.contains("help: did you mean 'machine_type'?") == true)
    }

    @Test func rangesCountUTF16CodeUnits() throws {
        // "é" is one UTF-16 unit, the rocket two: the unknown key starts at character 14 + 3.
        let text = "blueprint_name: x\nvars: {a: \"é🚀\", projet_id: p}\ndeployment_groups: []\n"
        let session = LanguageServerSession()
        let diagnostics = session.open(text)
        let compiled = Compiler().compile(SourceFile(name: "x.yaml", text: text)).diagnostics
        #expect(!compiled.isEmpty)
        let unknown = try #require(diagnostics.first { $0["message"]?.text?.contains("projet_id") == true })
        #expect(unknown["range"]?.span == [1, 17, 1, 26])
    }

    @Test func anIncrementalEditThatFixesTheErrorClearsItAndKeepsTheOthers() throws {
        let session = LanguageServerSession()
        let before = session.open(Self.blueprint)
        #expect(before.contains { $0["code"] == "HPC2004" })
        // Replace "tpye" with "type" (line 15, characters 14-18).
        let after = session.change((15, 14, 15, 18), to: "type", version: 2)
        #expect(!after.contains { $0["code"] == "HPC2004" })
        #expect(after.count == before.count - 1)
        // An edit across lines, then one that breaks the YAML: diagnostics follow each version.
        let broken = session.change((16, 0, 17, 0), to: "      node_count_dynamic_max: [4\n", version: 3)
        #expect(broken.contains { $0["code"] == "HPC1001" })
        let whole = session.change(nil, to: Self.blueprint, version: 4)
        #expect(whole.map { $0["code"] } == before.map { $0["code"] })
    }

    @Test func aQuickFixEditsTheMisspelledSetting() throws {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint)
        let actions = session.ask(
            "codeAction", 15, 8,
            extra: ["range": ["start": ["line": 15, "character": 8], "end": ["line": 15, "character": 8]]])
        let action = try #require(actions.elements?.first)
        #expect(action["title"] == "Replace with 'machine_type'" && action["kind"] == "quickfix")
        let edit = try #require(action["edit"]?["changes"]?[session.uri]?.elements?.first)
        #expect(edit["newText"] == "machine_type" && edit["range"]?.span == [15, 6, 15, 18])
    }

    @Test func theServerCompilesWithTheCommandLinesVariables() {
        let text = Self.blueprint.replacingOccurrences(of: "  project_id: demo-project\n", with: "")
        let bare = LanguageServerSession()
        #expect(bare.open(text).contains { $0["message"]?.text?.contains("project_id") == true })
        let given = LanguageServerSession(settings: EditorSettings(variables: ["project_id=demo-project"]))
        #expect(!given.open(text).contains { $0["message"]?.text?.contains("project_id") == true })
    }

    @Test func absurdPositionsLengthsAndVersionsAreAnsweredNotACrash() {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint, version: Int.max)
        for (line, character) in [(Int.max, Int.max), (-5, -7), (1 << 40, 3), (3, 1 << 40), (15, Int.min)] {
            for method in ["completion", "hover", "definition", "references", "codeAction"] {
                _ = session.ask(
                    method, line, character,
                    extra: [
                        "range": [
                            "start": ["line": .int(line), "character": .int(character)],
                            "end": ["line": .int(-line), "character": .int(character)],
                        ],
                        "context": ["includeDeclaration": true],
                    ])
            }
        }
        _ = session.send([
            "jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": [
                "textDocument": ["uri": .string(session.uri)],
                "contentChanges": [
                    [
                        "text": "x",
                        "range": ["start": ["line": 99, "character": -1], "end": ["line": -3, "character": 9]],
                    ]
                ],
            ],
        ])
        #expect(session.server.documents[session.uri] != nil)
        var server = LanguageServer()
        let negative = server.receive(Array("Content-Length: -5\r\n\r\n{}".utf8))
        #expect(String(decoding: negative, as: UTF8.self).contains("-32700"))
        let huge = server.receive(Array("Content-Length: 99999999999999999999\r\n\r\n".utf8))
        #expect(String(decoding: huge, as: UTF8.self).contains("-32700"))
    }

    @Test func changesThatArriveTogetherAreCompiledOnce() {
        var server = LanguageServer()
        var bytes = MessageFraming.frame(["jsonrpc": "2.0", "id": 1, "method": "initialize", "params": [:]])
        bytes += MessageFraming.frame([
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": ["textDocument": ["uri": "file:///a.yaml", "version": 1, "text": .string(Self.blueprint)]],
        ])
        for (version, letter) in zip(2..., ["t", "y", "p", "e"]) {
            let column = 14 + version - 2
            bytes += MessageFraming.frame([
                "jsonrpc": "2.0", "method": "textDocument/didChange",
                "params": [
                    "textDocument": ["uri": "file:///a.yaml", "version": .int(version)],
                    "contentChanges": [
                        [
                            "range": [
                                "start": ["line": 15, "character": .int(column)],
                                "end": ["line": 15, "character": .int(column + 1)],
                            ], "text": .string(letter),
                        ]
                    ],
                ],
            ])
        }
        var framing = MessageFraming()
        let published = framing.receive(server.receive(bytes)).compactMap { message -> JSON? in
            guard case let .json(json) = message, json["method"] == "textDocument/publishDiagnostics" else {
                return nil
            }
            return json["params"]
        }
        #expect(published.map { $0["version"] } == [.int(1), .int(5)], "didOpen's, then the last change's")
        #expect(published.last?["diagnostics"]?.elements?.contains { $0["code"] == "HPC2004" } == false)
        #expect(server.documents["file:///a.yaml"]?.text.text.contains("machine_type: n2") == true)
    }

    @Test func malformedMessagesGetTheProtocolsErrors() {
        let session = LanguageServerSession()
        _ = session.open(Self.blueprint)
        #expect(session.send(.array([])).first?["error"]?["code"] == .int(-32600))
        #expect(session.send(["jsonrpc": "2.0", "id": 5]).first?["error"]?["code"] == .int(-32600))
        #expect(session.send(["jsonrpc": "2.0", "id": 5, "result": .null]).isEmpty, "a response is dropped")
        #expect(session.request("initialize", [:])["code"] == .int(-32600), "a second initialize")
        #expect(
            session.request(
                "textDocument/hover", ["textDocument": ["uri": .string(session.uri)], "position": "1:2"])["code"]
                == .int(-32602))
        #expect(
            session.request(
                "textDocument/hover", ["textDocument": ["uri": 7], "position": ["line": 0, "character": 0]])[
                    "code"] == .int(-32602))
        var early = LanguageServer()
        let opened = early.receive(
            MessageFraming.frame([
                "jsonrpc": "2.0", "method": "textDocument/didOpen",
                "params": ["textDocument": ["uri": "file:///a.yaml", "version": 1, "text": "x: 1"]],
            ]))
        #expect(opened.isEmpty && early.documents.isEmpty, "a notification before initialize is dropped")
    }

    @Test func aFileURIIsItsDecodedPath() {
        #expect(LanguageServer.file(of: "file:///home/a%20b/c%C3%A9.yaml") == "/home/a b/cé.yaml")
        #expect(LanguageServer.file(of: "untitled:Untitled-1") == "untitled:Untitled-1")
    }
}
