@_spi(Tools) @testable import HPCCompiler

/// Drives a `LanguageServer` in memory the way an editor does over stdio: every message goes
/// through the framing, in bytes, and every reply is read back from bytes.
final class LanguageServerSession {
    var server = LanguageServer()
    private var framing = MessageFraming()
    private var nextID = 1
    /// Notifications the server sent, oldest first.
    private(set) var notifications: [JSON] = []
    let uri: String

    init(uri: String = "file:///work/blueprints/demo%20one.yaml", settings: EditorSettings = EditorSettings()) {
        self.uri = uri
        server = LanguageServer(settings: settings)
        _ = request("initialize", ["capabilities": .object([:])])
        send(["jsonrpc": "2.0", "method": "initialized", "params": .object([:])])
    }

    /// Sends one message, framed; returns the messages that came back.
    @discardableResult
    func send(_ message: JSON) -> [JSON] {
        let replies = framing.receive(server.receive(MessageFraming.frame(message))).compactMap { reply -> JSON? in
            if case let .json(json) = reply { return json }
            return nil
        }
        notifications += replies.filter { $0["id"] == nil }
        return replies
    }

    /// A request's result (or its error object).
    func request(_ method: String, _ params: JSON) -> JSON {
        let id = nextID
        nextID += 1
        let replies = send(["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params])
        guard let reply = replies.first(where: { $0["id"] == .int(id) }) else { return .null }
        return reply["result"] ?? reply["error"] ?? .null
    }

    /// Opens the document; returns the diagnostics published for it.
    func open(_ text: String, version: Int = 1) -> [JSON] {
        let replies = send([
            "jsonrpc": "2.0", "method": "textDocument/didOpen",
            "params": [
                "textDocument": [
                    "uri": .string(uri), "languageId": "yaml", "version": .int(version), "text": .string(text),
                ]
            ],
        ])
        return Self.diagnostics(in: replies, version: version)
    }

    /// Replaces `range` (0-based line and UTF-16 character) with `text`; returns the diagnostics
    /// published for the new version.
    func change(
        _ range: (Int, Int, Int, Int)?, to text: String, version: Int
    ) -> [JSON] {
        var change: [String: JSON] = ["text": .string(text)]
        if let (startLine, startCharacter, endLine, endCharacter) = range {
            change["range"] = [
                "start": ["line": .int(startLine), "character": .int(startCharacter)],
                "end": ["line": .int(endLine), "character": .int(endCharacter)],
            ]
        }
        let replies = send([
            "jsonrpc": "2.0", "method": "textDocument/didChange",
            "params": [
                "textDocument": ["uri": .string(uri), "version": .int(version)], "contentChanges": [.object(change)],
            ],
        ])
        return Self.diagnostics(in: replies, version: version)
    }

    /// A request about the position `line`:`character` of the document.
    func ask(_ method: String, _ line: Int, _ character: Int, extra: [String: JSON] = [:]) -> JSON {
        var params: [String: JSON] = [
            "textDocument": ["uri": .string(uri)], "position": ["line": .int(line), "character": .int(character)],
        ]
        params.merge(extra) { $1 }
        return request("textDocument/\(method)", .object(params))
    }

    /// The labels of the completion at `line`:`character`.
    func completionLabels(_ line: Int, _ character: Int) -> [String] {
        (ask("completion", line, character)["items"]?.elements ?? []).compactMap { $0["label"]?.text }
    }

    /// The Markdown of the hover at `line`:`character`, or nil.
    func hoverText(_ line: Int, _ character: Int) -> String? {
        ask("hover", line, character)["contents"]?["value"]?.text
    }

    private static func diagnostics(in replies: [JSON], version: Int) -> [JSON] {
        replies.first {
            $0["method"] == "textDocument/publishDiagnostics" && $0["params"]?["version"] == .int(version)
        }?["params"]?["diagnostics"]?.elements ?? []
    }
}

extension JSON {
    /// `[line, character, line, character]` of a range.
    var span: [Int] {
        [self["start"]?["line"], self["start"]?["character"], self["end"]?["line"], self["end"]?["character"]]
            .map { $0?.number ?? -1 }
    }
}
