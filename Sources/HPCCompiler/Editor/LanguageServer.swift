/// `hpcc lsp`: a Language Server Protocol server for blueprints. It holds the open documents,
/// compiles each on every change and answers the editor's requests from the compiler's own
/// diagnostics, catalogs and documentation. Transport-free: bytes from the client go in, bytes
/// for the client come out, so the command line wires it to stdio and tests drive it in memory.
/// It reads what the compiler reads and writes no files.
@_spi(Tools) public struct LanguageServer: Sendable {
    /// What documents compile with.
    @_spi(Tools) public var settings: EditorSettings
    /// Set once the client sent `exit`: 0 after a `shutdown` request, 1 without one.
    @_spi(Tools) public private(set) var exitStatus: Int32?
    var documents: [String: EditorDocument] = [:]
    private var framing = MessageFraming()
    private var initialized = false
    private var shuttingDown = false

    /// A server compiling with `settings`.
    @_spi(Tools) public init(settings: EditorSettings = EditorSettings()) {
        self.settings = settings
    }

    /// Takes bytes the client sent; returns the bytes to send back (responses and notifications).
    /// Changes that arrive together are applied in order and compiled once, after the last of
    /// them (or before the next request), so a burst of keystrokes costs one compilation.
    @_spi(Tools) public mutating func receive(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var changed: [String] = []
        for message in framing.receive(bytes) {
            if case let .json(json) = message, initialized, !shuttingDown,
                json["method"] == "textDocument/didChange", json["id"] == nil,
                let uri = applyChanges(json["params"] ?? .null)
            {
                if !changed.contains(uri) { changed.append(uri) }
                continue
            }
            for reply in analyze(&changed) { output += MessageFraming.frame(reply) }
            let replies: [JSON]
            switch message {
            case let .json(json): replies = handle(json)
            case .unreadable: replies = [Self.error(id: .null, code: -32700, "the message is not JSON")]
            }
            for reply in replies { output += MessageFraming.frame(reply) }
        }
        for reply in analyze(&changed) { output += MessageFraming.frame(reply) }
        return output
    }

    /// Compiles the documents in `changed` and empties it; their diagnostics to publish.
    private mutating func analyze(_ changed: inout [String]) -> [JSON] {
        defer { changed = [] }
        return changed.compactMap { uri in
            guard var document = documents[uri] else { return nil }
            document.analyze(settings)
            documents[uri] = document
            return publish(document, uri: uri)
        }
    }

    /// Applies a `didChange`'s edits to its document; the document's URI, or nil when it is not open.
    private mutating func applyChanges(_ params: JSON) -> String? {
        guard let uri = params["textDocument"]?["uri"]?.text, var document = documents[uri] else { return nil }
        for change in params["contentChanges"]?.elements ?? [] {
            guard let text = change["text"]?.text else { continue }
            document.edit(change["range"].flatMap(Self.range), with: text)
        }
        document.version = params["textDocument"]?["version"]?.number ?? document.version &+ 1
        documents[uri] = document
        return uri
    }

    /// The replies to one message.
    mutating func handle(_ message: JSON) -> [JSON] {
        guard case .object = message else { return [Self.error(id: .null, code: -32600, "a message is an object")] }
        guard case let .string(method)? = message["method"] else {
            // A response (the server sends no requests, so none is awaited) is dropped.
            if message["result"] != nil || message["error"] != nil { return [] }
            return [Self.error(id: message["id"] ?? .null, code: -32600, "the message has no method")]
        }
        let id = message["id"]
        let params = message["params"] ?? .null
        guard let id else {
            // Before `initialize` only `exit` is heard.
            return initialized || method == "exit" ? notification(method, params) : []
        }
        if !initialized, method != "initialize" {
            return [Self.error(id: id, code: -32002, "the server is not initialized")]
        }
        if shuttingDown { return [Self.error(id: id, code: -32600, "the server is shutting down")] }
        switch request(method, params) {
        case let .success(result): return [.object(["jsonrpc": "2.0", "id": id, "result": result])]
        case let .failure(failure): return [Self.error(id: id, code: failure.code, failure.message)]
        }
    }

    /// A request's failure, as JSON-RPC reports it.
    struct Failure: Error {
        var code: Int
        var message: String
    }

    private mutating func request(_ method: String, _ params: JSON) -> Result<JSON, Failure> {
        switch method {
        case "initialize":
            guard !initialized else { return .failure(Failure(code: -32600, message: "initialize was sent already")) }
            initialized = true
            return .success(Self.capabilities)
        case "shutdown":
            shuttingDown = true
            return .success(.null)
        case "textDocument/completion", "textDocument/hover", "textDocument/definition", "textDocument/references",
            "textDocument/documentSymbol", "textDocument/codeAction":
            guard let uri = params["textDocument"]?["uri"]?.text else {
                return .failure(Failure(code: -32602, message: "textDocument.uri must be a string"))
            }
            guard let document = documents[uri] else {
                return .failure(Failure(code: -32602, message: "the document is not open"))
            }
            let needsPosition = !["textDocument/documentSymbol", "textDocument/codeAction"].contains(method)
            let position = params["position"].flatMap(Self.position)
            if needsPosition, position == nil {
                return .failure(Failure(code: -32602, message: "position must be {line, character} in numbers"))
            }
            if method == "textDocument/codeAction", params["range"].flatMap(Self.range) == nil {
                return .failure(Failure(code: -32602, message: "range must be {start, end} positions"))
            }
            let at = position ?? EditorPosition(line: 0, character: 0)
            return .success(answer(method, document: document, uri: uri, at: at, params: params))
        default:
            return .failure(Failure(code: -32601, message: "hpcc lsp does not handle \(method)"))
        }
    }

    private mutating func notification(_ method: String, _ params: JSON) -> [JSON] {
        switch method {
        case "exit":
            exitStatus = shuttingDown ? 0 : 1
            return []
        case "textDocument/didOpen":
            guard let item = params["textDocument"], let uri = item["uri"]?.text, let text = item["text"]?.text else {
                return []
            }
            let document = EditorDocument(
                file: Self.file(of: uri), version: item["version"]?.number ?? 0, text: text, settings: settings)
            documents[uri] = document
            return [publish(document, uri: uri)]
        case "textDocument/didChange":
            guard let uri = applyChanges(params) else { return [] }
            var changed = [uri]
            return analyze(&changed)
        case "textDocument/didClose":
            guard let uri = params["textDocument"]?["uri"]?.text else { return [] }
            documents[uri] = nil
            return [
                .object([
                    "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
                    "params": .object(["uri": .string(uri), "diagnostics": []]),
                ])
            ]
        default:
            return []
        }
    }

    private func publish(_ document: EditorDocument, uri: String) -> JSON {
        .object([
            "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics",
            "params": .object([
                "uri": .string(uri), "version": .int(document.version),
                "diagnostics": .array(document.diagnostics.map { ProtocolJSON.diagnostic($0, in: document, uri: uri) }),
            ]),
        ])
    }

    private func answer(
        _ method: String, document: EditorDocument, uri: String, at position: EditorPosition, params: JSON
    )
        -> JSON
    {
        switch method {
        case "textDocument/completion":
            let (range, items) = document.completions(at: position, settings: settings)
            return .object([
                "isIncomplete": false, "items": .array(items.map { ProtocolJSON.completion($0, replacing: range) }),
            ])
        case "textDocument/hover":
            guard let (range, markdown) = document.hover(at: position, settings: settings) else { return .null }
            return .object([
                "contents": .object(["kind": "markdown", "value": .string(markdown)]),
                "range": ProtocolJSON.range(range),
            ])
        case "textDocument/definition":
            return document.definition(at: position).map { ProtocolJSON.location(uri, $0) } ?? .null
        case "textDocument/references":
            let declaration = params["context"]?["includeDeclaration"] == .bool(true)
            return .array(
                document.references(at: position, includingDeclaration: declaration).map {
                    ProtocolJSON.location(uri, $0)
                })
        case "textDocument/documentSymbol":
            return .array(document.symbols().map(ProtocolJSON.symbol))
        default:
            let range = params["range"].flatMap(Self.range) ?? EditorRange(start: position, end: position)
            return .array(document.quickFixes(in: range).map { ProtocolJSON.codeAction($0, in: document, uri: uri) })
        }
    }

    private static let capabilities: JSON = .object([
        "capabilities": .object([
            "positionEncoding": "utf-16",
            "textDocumentSync": .object(["openClose": true, "change": 2]),
            "completionProvider": .object(["triggerCharacters": [".", "(", " ", "-", "/"]]),
            "hoverProvider": true,
            "definitionProvider": true,
            "referencesProvider": true,
            "documentSymbolProvider": true,
            "codeActionProvider": .object(["codeActionKinds": ["quickfix"]]),
        ]),
        "serverInfo": .object(["name": "hpcc", "version": .string(Compiler.version)]),
    ])

    private static func error(id: JSON, code: Int, _ message: String) -> JSON {
        .object([
            "jsonrpc": "2.0", "id": id, "error": .object(["code": .int(code), "message": .string(message)]),
        ])
    }

    /// A position from the client, clamped to what a text can have (a client's position past the
    /// text, or absurd, must not overflow the arithmetic on it); nil when it is not one.
    static func position(_ json: JSON) -> EditorPosition? {
        guard let line = json["line"]?.number, let character = json["character"]?.number else { return nil }
        func clamped(_ value: Int) -> Int { min(max(value, 0), 1 << 31) }
        return EditorPosition(line: clamped(line), character: clamped(character))
    }

    static func range(_ json: JSON) -> EditorRange? {
        guard let start = json["start"].flatMap(position), let end = json["end"].flatMap(position) else { return nil }
        return EditorRange(start: start, end: end)
    }

    /// The file name diagnostics carry for `uri`: the path of a `file:` URI, percent-decoded;
    /// any other URI as it is.
    static func file(of uri: String) -> String {
        guard uri.hasPrefix("file://") else { return uri }
        var bytes: [UInt8] = []
        var path = Array(uri.dropFirst("file://".count).utf8)[...]
        while let byte = path.popFirst() {
            if byte == UInt8(ascii: "%"), path.count >= 2,
                let value = UInt8(String(decoding: path.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                path = path.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSON {
    /// The string, when this is one.
    var text: String? {
        if case let .string(text) = self { return text }
        return nil
    }

    /// The whole number, when this is one.
    var number: Int? {
        switch self {
        case let .int(number): number
        case let .double(number) where number.rounded() == number && abs(number) < 1e15: Int(number)
        default: nil
        }
    }

    /// The elements, when this is an array.
    var elements: [JSON]? {
        if case let .array(elements) = self { return elements }
        return nil
    }
}
