/// Parse stage: blueprint text → `YAMLNode` tree with positions.
///
/// libyaml does the scanning and parsing (`YAMLEvents`); this stage builds hpcc's tree from its
/// events and adds what a blueprint needs on top: every key a scalar, each duplicate key reported
/// at its second occurrence (the first wins), YAML merge keys, aliases with a limit on how far
/// they expand, input size limits, and only the standard tags.
@_spi(Tools) public struct YAMLReader: Sendable {
    /// The most nodes a document may expand to (aliases included); guards against alias bombs.
    @_spi(Tools) public var nodeLimit: Int
    /// How much input hpcc reads, and how big or deep its parts may be: far above any real
    /// blueprint, low enough that no input makes hpcc slow or large.
    @_spi(Tools) public var limits: InputLimits

    /// Creates a reader.
    @_spi(Tools) public init(nodeLimit: Int = 250_000, limits: InputLimits = InputLimits()) {
        self.nodeLimit = nodeLimit
        self.limits = limits
    }

    /// Parses `source`; reports problems into `diagnostics` and returns nil when no tree could be built.
    @_spi(Tools) public func read(_ source: SourceFile, into diagnostics: inout Diagnostics) -> YAMLNode? {
        let size = source.text.utf8.count
        guard size <= limits.fileBytes else {
            diagnostics.report(
                .inputTooLarge, "the blueprint is \(size) bytes; hpcc reads at most \(limits.fileBytes)",
                at: SourceLocation(file: source.name, line: 1, column: 1),
                help:
                    """
                    a blueprint describes infrastructure in a few kilobytes; move large script bodies into files a \
                    runner names with `source`
                    """
            )
            return nil
        }
        let read = { (bytes: UnsafeBufferPointer<UInt8>) -> (YAMLNode?, Diagnostics) in
            var builder = TreeBuilder(source: source, bytes: bytes, limit: nodeLimit, limits: limits)
            return builder.document()
        }
        let (tree, found) =
            source.text.utf8.withContiguousStorageIfAvailable(read)
            ?? Array(source.text.utf8).withUnsafeBufferPointer(read)
        diagnostics.merge(found)
        return tree
    }
}

/// How big a blueprint and its parts may be.
public struct InputLimits: Hashable, Sendable {
    /// Bytes of blueprint text.
    public var fileBytes = 4 * 1024 * 1024
    /// Bytes of one scalar (an inline script is the largest a blueprint holds).
    public var scalarBytes = 512 * 1024
    /// Items of one list, keys of one mapping.
    public var listItems = 100_000
    /// Levels of nested lists and mappings.
    public var depth = 64

    public init() {}
}

/// Builds `YAMLNode`s from libyaml's events, counting nodes (aliases expanded) against the limit.
private struct TreeBuilder {
    let file: String
    let source: SourceFile
    /// The source's lines, for measuring quoted tokens.
    let lines: LineIndex
    let limit: Int
    let limits: InputLimits
    let events: YAMLEvents
    var count = 0
    var depth = 0
    var exceeded = false
    /// A value broke one of `limits` (reported).
    var overLimit = false
    var reported = Set<DiagnosticCode>()
    /// Findings about the tree; dropped when libyaml fails later in the text.
    var diagnostics = Diagnostics()
    /// Duplicate keys of the mappings read so far; kept when libyaml fails later in the text.
    var duplicates = Diagnostics()
    /// Above 0 while reading a part of the document that is dropped (a duplicate key's value, a
    /// value past a limit): its nodes are built (anchors in it may be used later) but neither
    /// counted nor reported on.
    var skipping = 0
    /// Every anchored node, with the nodes it expands to and its height, for aliases to it.
    var anchors: [String: Built] = [:]

    /// A node with the number of nodes it stands for (aliases expanded) and its height.
    struct Built {
        var node: YAMLNode
        var size: Int
        var height: Int

        /// Counts `child` as one of this collection's members.
        mutating func adopt(_ child: Built) {
            size += child.size
            height = max(height, child.height + 1)
        }
    }

    init(source: SourceFile, bytes: UnsafeBufferPointer<UInt8>, limit: Int, limits: InputLimits) {
        self.file = source.name
        self.source = source
        self.lines = LineIndex(source.text)
        self.limit = limit
        self.limits = limits
        self.events = YAMLEvents(bytes)
    }

    /// The one document of the stream, and what was found in it.
    mutating func document() -> (YAMLNode?, Diagnostics) {
        do {
            _ = try events.next()  // stream start
            let start = try events.next()
            guard start.kind != .streamEnd else {
                var empty = Diagnostics()
                empty.report(
                    .emptyDocument, "the blueprint is empty", at: SourceLocation(file: file, line: 1, column: 1))
                return (nil, empty)
            }
            let root = try build(try events.next())
            _ = try events.next()  // document end
            let after = try events.next()
            if after.kind != .streamEnd {
                throw YAMLEvents.Failure(
                    kind: .composer, problem: "but found another document", line: after.line, column: after.column,
                    offset: 0, context: ("expected a single document in the stream", 1, 1))
            }
            var found = duplicates
            found.merge(diagnostics)
            return (exceeded || overLimit ? nil : root.node, found)
        } catch {
            var found = duplicates
            found.report(YAMLErrorMapping.diagnostic(for: error, in: source))
            return (nil, found)
        }
    }

    /// The node that starts with `event`, read to its end.
    private mutating func build(_ event: YAMLEvents.Event) throws(YAMLEvents.Failure) -> Built {
        if event.kind == .alias {
            return try alias(event)
        }
        depth += 1
        defer { depth -= 1 }
        var dropped = false
        if skipping == 0 {
            if !counted(1, at: event) {
                dropped = true
            } else if depth > limits.depth {
                reportDepth(depth, at: event)
                dropped = true
            }
        }
        if dropped { skipping += 1 }
        var built: Built
        switch event.kind {
        case .scalar:
            built = Built(node: scalar(event), size: 1, height: 1)
        case .sequenceStart:
            built = try sequence(event)
        case .mappingStart:
            built = try mapping(event)
        default:
            throw YAMLEvents.Failure(
                kind: .parser, problem: "unexpected event", line: event.line, column: event.column, offset: 0,
                context: nil)
        }
        if dropped {
            skipping -= 1
            built.node = .scalar("", .plain, tag: nil, location(event, length: 1))
        }
        if let anchor = event.anchor { anchors[anchor] = built }
        return built
    }

    /// `*name`: the anchored node again, counted as often as it is used.
    private mutating func alias(_ event: YAMLEvents.Event) throws(YAMLEvents.Failure) -> Built {
        let anchored = try self.anchored(event)
        guard skipping == 0 else { return anchored }
        if counted(anchored.size, at: event), depth + anchored.height > limits.depth {
            reportDepth(depth + anchored.height, at: event)
        }
        return anchored
    }

    /// The node an alias names.
    private func anchored(_ event: YAMLEvents.Event) throws(YAMLEvents.Failure) -> Built {
        guard let name = event.anchor, let anchored = anchors[name] else {
            throw YAMLEvents.Failure(
                kind: .composer, problem: "found undefined alias", line: event.line, column: event.column, offset: 0,
                context: nil)
        }
        return anchored
    }

    /// Counts `nodes` more against the node limit; false once the document has expanded past it
    /// (reported at the first node that does).
    private mutating func counted(_ nodes: Int, at event: YAMLEvents.Event) -> Bool {
        count += nodes
        guard count > limit else { return true }
        if !exceeded {
            diagnostics.report(
                .aliasExpansion, "the document expands to more than \(limit) nodes (anchors and aliases?)",
                at: location(event, length: 1))
        }
        exceeded = true
        return false
    }

    private mutating func reportDepth(_ levels: Int, at event: YAMLEvents.Event) {
        report(
            .nestingTooDeep, "values nest \(levels) levels deep here; hpcc reads at most \(limits.depth)", at: event,
            help: "a blueprint's settings nest a few levels; flatten the value")
    }

    private mutating func sequence(_ start: YAMLEvents.Event) throws(YAMLEvents.Failure) -> Built {
        checkTag(start.tag, allowed: ["tag:yaml.org,2002:seq"], at: start)
        var built = Built(node: .sequence([], location(start, length: 1)), size: 1, height: 1)
        var elements: [YAMLNode] = []
        var items = 0
        while true {
            let event = try events.next()
            if event.kind == .sequenceEnd { break }
            items += 1
            if items == limits.listItems + 1 { skipping += 1 }
            let element = try build(event)
            built.adopt(element)
            if items <= limits.listItems { elements.append(element.node) }
        }
        if items > limits.listItems {
            skipping -= 1
            report(
                .listTooLong, "this list has \(items) items; hpcc reads at most \(limits.listItems)", at: start,
                help: "no setting takes that many; a host range (`cn[001-200]`) names many nodes in one item")
            return built
        }
        built.node = .sequence(elements, location(start, length: 1))
        return built
    }

    private mutating func mapping(_ start: YAMLEvents.Event) throws(YAMLEvents.Failure) -> Built {
        checkTag(start.tag, allowed: ["tag:yaml.org,2002:map"], at: start)
        var built = Built(node: .mapping([], location(start, length: 1)), size: 1, height: 1)
        var entries: [YAMLEntry] = []
        var merged: [YAMLEntry] = []
        var firstKeys: [String: SourceLocation] = [:]
        var keys = 0
        while true {
            let keyEvent = try events.next()
            if keyEvent.kind == .mappingEnd { break }
            keys += 1
            if keys == limits.listItems + 1 { skipping += 1 }
            let key = try self.key(keyEvent)
            guard case let .scalar(text, style, _, keyLocation) = key.node else {
                // Not a scalar: reported, and the value read but not kept.
                if skipping == 0 {
                    diagnostics.report(
                        .nonStringKey,
                        "mapping keys must be strings, not \(key.node.elements != nil ? "lists" : "mappings")",
                        at: key.node.location)
                }
                built.adopt(try build(try events.next()))
                continue
            }
            if let first = firstKeys[text] {
                // Reported wherever it is, even in a part that is dropped: a duplicate is wrong YAML.
                // Its value is read but neither kept nor counted: the first occurrence is the one read.
                duplicates.report(
                    .duplicateKey, "duplicate key '\(text)'",
                    at: SourceLocation(
                        file: file, line: keyLocation.line, column: keyLocation.column, length: text.count),
                    notes: [
                        DiagnosticNote(
                            "first defined here",
                            at: SourceLocation(file: file, line: first.line, column: first.column, length: text.count))
                    ],
                    help: "remove one of them; YAML keeps neither silently")
                skipping += 1
                _ = try build(try events.next())
                skipping -= 1
                continue
            }
            firstKeys[text] = keyLocation
            let value = try build(try events.next())
            built.adopt(value)
            if style == .plain, text == "<<" {
                if skipping == 0 { merged.append(contentsOf: mergeEntries(value.node)) }
            } else if key.node.isNull {
                if skipping == 0 {
                    diagnostics.report(.nonStringKey, "mapping keys must be non-empty strings", at: keyLocation)
                }
            } else if keys <= limits.listItems {
                entries.append(YAMLEntry(key: text, keyLocation: keyLocation, value: value.node))
            }
        }
        if keys > limits.listItems {
            skipping -= 1
            report(.listTooLong, "this mapping has \(keys) keys; hpcc reads at most \(limits.listItems)", at: start)
            return built
        }
        let explicit = Set(entries.map(\.key))
        var seenMerged = Set<String>()
        for entry in merged where !explicit.contains(entry.key) && seenMerged.insert(entry.key).inserted {
            entries.append(entry)
        }
        built.node = .mapping(entries, location(start, length: 1))
        return built
    }

    /// A mapping key: a scalar (checked like any scalar, but not counted as a node), an alias to
    /// one, or a collection, which the caller reports (read without counting or findings).
    private mutating func key(_ event: YAMLEvents.Event) throws(YAMLEvents.Failure) -> Built {
        switch event.kind {
        case .scalar:
            let node = scalar(event)
            if let anchor = event.anchor { anchors[anchor] = Built(node: node, size: 1, height: 1) }
            return Built(node: node, size: 0, height: 0)
        case .alias:
            return try anchored(event)
        default:
            skipping += 1
            defer { skipping -= 1 }
            return try build(event)
        }
    }

    /// Reports a broken input limit, the first place of each kind; the tree is then not used.
    private mutating func report(
        _ code: DiagnosticCode, _ message: String, at event: YAMLEvents.Event, help: String? = nil
    ) {
        guard skipping == 0 else { return }
        overLimit = true
        guard reported.insert(code).inserted else { return }
        diagnostics.report(code, message, at: location(event, length: 1), help: help)
    }

    private mutating func scalar(_ event: YAMLEvents.Event) -> YAMLNode {
        // Only a tag on a plain scalar was written for its meaning; quoted text is text.
        let tag = event.style == .plain ? explicitTag(event.tag) : nil
        if tag != nil {
            checkTag(event.tag, allowed: Self.scalarTags, at: event)
        }
        let loc = location(event, length: tokenLength(event))
        let length = event.value.utf8.count
        if length > limits.scalarBytes {
            report(
                .valueTooLong, "this value is \(length) bytes; hpcc reads at most \(limits.scalarBytes) in one value",
                at: event,
                help: "put a long script in a file and name it with a runner's `source`")
            return .scalar("", event.style, tag: tag, loc)
        }
        return .scalar(event.value, event.style, tag: tag, loc)
    }

    /// `<<: *base` or `<<: [*a, *b]`: the entries to merge in, earlier sources winning.
    private mutating func mergeEntries(_ node: YAMLNode) -> [YAMLEntry] {
        switch node {
        case let .mapping(entries, _):
            return entries
        case let .sequence(elements, _):
            return elements.flatMap { element -> [YAMLEntry] in
                guard case let .mapping(entries, _) = element else {
                    diagnostics.report(
                        .unsupportedYAML, "a merge key takes a mapping or a list of mappings", at: element.location)
                    return []
                }
                return entries
            }
        default:
            diagnostics.report(.unsupportedYAML, "a merge key takes a mapping or a list of mappings", at: node.location)
            return []
        }
    }

    static let scalarTags: Set<String> = [
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    ]

    /// A tag the user wrote: nil for none and for the non-specific `!`.
    private func explicitTag(_ tag: String?) -> String? {
        guard let tag, tag != "!", tag != "?", !tag.isEmpty else { return nil }
        return tag
    }

    private mutating func checkTag(_ tag: String?, allowed: Set<String>, at event: YAMLEvents.Event) {
        guard skipping == 0, let name = explicitTag(tag), !allowed.contains(name) else { return }
        diagnostics.report(
            .unsupportedYAML, "unsupported YAML tag '\(name)'", at: location(event, length: 1),
            help: "blueprints use plain YAML values; remove the tag")
    }

    private func location(_ event: YAMLEvents.Event, length: Int) -> SourceLocation {
        SourceLocation(file: file, line: event.line, column: event.column, length: length)
    }

    /// How many columns the scalar's token covers on its first line.
    private func tokenLength(_ event: YAMLEvents.Event) -> Int {
        switch event.style {
        case .plain:
            return event.value.utf8.contains(UInt8(ascii: "\n")) ? 1 : event.value.unicodeScalars.count
        case .singleQuoted, .doubleQuoted:
            guard let line = lines.line(event.line) else { return 1 }
            let scalars = Array(line.unicodeScalars)
            let start = event.column - 1
            guard start < scalars.count else { return 1 }
            let quote = scalars[start]
            var index = start + 1
            while index < scalars.count {
                if scalars[index] == "\\", event.style == .doubleQuoted {
                    index += 2
                    continue
                }
                if scalars[index] == quote {
                    if event.style == .singleQuoted, index + 1 < scalars.count, scalars[index + 1] == "'" {
                        index += 2
                        continue
                    }
                    return index - start + 1
                }
                index += 1
            }
            return scalars.count - start
        case .literal, .folded:
            return 1
        }
    }
}
