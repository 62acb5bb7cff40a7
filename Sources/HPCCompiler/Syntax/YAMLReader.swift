import Yams

/// Parse stage: blueprint text → `YAMLNode` tree with positions.
///
/// Yams (libyaml) does the scanning; this stage adds what a blueprint needs on top: every key a
/// scalar, duplicate keys reported at the second occurrence (and parsing resumed past them), YAML
/// merge keys, a limit on alias expansion, and only the standard tags.
public struct YAMLReader: Sendable {
    /// The most nodes a document may expand to (aliases included); guards against alias bombs.
    public var nodeLimit: Int
    /// How much input hpcc reads, and how big or deep its parts may be: far above any real
    /// blueprint, low enough that no input makes hpcc slow or large.
    public var limits: InputLimits

    /// Creates a reader.
    public init(nodeLimit: Int = 250_000, limits: InputLimits = InputLimits()) {
        self.nodeLimit = nodeLimit
        self.limits = limits
    }

    /// Parses `source`; reports problems into `diagnostics` and returns nil when no tree could be built.
    public func read(_ source: SourceFile, into diagnostics: inout Diagnostics) -> YAMLNode? {
        let size = source.text.utf8.count
        guard size <= limits.fileBytes else {
            diagnostics.report(.inputTooLarge, "the blueprint is \(size) bytes; hpcc reads at most \(limits.fileBytes)", at: SourceLocation(file: source.name, line: 1, column: 1),
                               help: "a blueprint describes infrastructure in a few kilobytes; move large script bodies into files a runner names with `source`")
            return nil
        }
        var text = source.text
        // A duplicate key stops libyaml's composer; each one is reported, renamed out of the way
        // and the text parsed again, so that one run finds them all.
        for _ in 0..<64 {
            do {
                guard let root = try Yams.compose(yaml: text, Yams.Resolver.basic) else {
                    diagnostics.report(.emptyDocument, "the blueprint is empty", at: SourceLocation(file: source.name, line: 1, column: 1))
                    return nil
                }
                var builder = TreeBuilder(file: source.name, source: source, limit: nodeLimit, limits: limits)
                let tree = builder.build(root)
                diagnostics.merge(builder.diagnostics)
                return builder.exceeded || builder.overLimit ? nil : tree
            } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
                guard let key = duplicates.first,
                      let patched = DuplicateKey.report(key, firstAt: context.mark, in: &text, source: source, into: &diagnostics)
                else { return nil }
                text = patched
            } catch {
                diagnostics.report(YAMLErrorMapping.diagnostic(for: error, in: source))
                return nil
            }
        }
        return nil
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

/// Converts Yams nodes to `YAMLNode`s, counting nodes against the expansion limit.
private struct TreeBuilder {
    let file: String
    /// The source's lines, for measuring quoted tokens.
    let lines: LineIndex
    let limit: Int
    let limits: InputLimits
    var count = 0
    var depth = 0
    var exceeded = false
    /// A value broke one of `limits` (reported).
    var overLimit = false
    var reported = Set<DiagnosticCode>()
    var diagnostics = Diagnostics()

    init(file: String, source: SourceFile, limit: Int, limits: InputLimits) {
        self.file = file
        self.lines = LineIndex(source.text)
        self.limit = limit
        self.limits = limits
    }

    mutating func build(_ node: Node) -> YAMLNode {
        count += 1
        if count > limit {
            if !exceeded {
                diagnostics.report(.aliasExpansion, "the document expands to more than \(limit) nodes (anchors and aliases?)", at: location(node.mark, length: 1))
            }
            exceeded = true
            return .scalar("", .plain, tag: nil, location(node.mark, length: 1))
        }
        depth += 1
        defer { depth -= 1 }
        if depth > limits.depth {
            report(.nestingTooDeep, "values nest \(depth) levels deep here; hpcc reads at most \(limits.depth)", at: node.mark,
                   help: "a blueprint's settings nest a few levels; flatten the value")
            return .scalar("", .plain, tag: nil, location(node.mark, length: 1))
        }
        switch node {
        case let .scalar(scalar):
            return buildScalar(scalar)
        case let .sequence(sequence):
            checkTag(sequence.tag, allowed: ["tag:yaml.org,2002:seq"], at: sequence.mark)
            if sequence.count > limits.listItems {
                report(.listTooLong, "this list has \(sequence.count) items; hpcc reads at most \(limits.listItems)", at: sequence.mark,
                       help: "no setting takes that many; a host range (`cn[001-200]`) names many nodes in one item")
                return .sequence([], location(sequence.mark, length: 1))
            }
            return .sequence(sequence.map { build($0) }, location(sequence.mark, length: 1))
        case let .mapping(mapping):
            checkTag(mapping.tag, allowed: ["tag:yaml.org,2002:map"], at: mapping.mark)
            if mapping.count > limits.listItems {
                report(.listTooLong, "this mapping has \(mapping.count) keys; hpcc reads at most \(limits.listItems)", at: mapping.mark)
                return .mapping([], location(mapping.mark, length: 1))
            }
            return .mapping(buildEntries(Array(mapping)), location(mapping.mark, length: 1))
        case .alias:
            return .scalar("", .plain, tag: nil, location(nil, length: 1))
        }
    }

    /// Reports a broken input limit, the first place of each kind; the tree is then not used.
    private mutating func report(_ code: DiagnosticCode, _ message: String, at mark: Mark?, help: String? = nil) {
        overLimit = true
        guard reported.insert(code).inserted else { return }
        diagnostics.report(code, message, at: location(mark, length: 1), help: help)
    }

    private mutating func buildScalar(_ scalar: Node.Scalar) -> YAMLNode {
        let style = ScalarStyle(scalar.style)
        // libyaml tags every quoted scalar `!!str`; only a tag on a plain scalar was written by the user.
        let tag = style == .plain ? explicitTag(scalar.tag) : nil
        if tag != nil {
            checkTag(scalar.tag, allowed: Self.scalarTags, at: scalar.mark)
        }
        let loc = location(scalar.mark, length: tokenLength(scalar, style: style))
        let length = scalar.string.utf8.count
        if length > limits.scalarBytes {
            report(.valueTooLong, "this value is \(length) bytes; hpcc reads at most \(limits.scalarBytes) in one value", at: scalar.mark,
                   help: "put a long script in a file and name it with a runner's `source`")
            return .scalar("", style, tag: tag, loc)
        }
        return .scalar(scalar.string, style, tag: tag, loc)
    }

    private mutating func buildEntries(_ pairs: [(Node, Node)]) -> [YAMLEntry] {
        var entries: [YAMLEntry] = []
        var merged: [YAMLEntry] = []
        for (keyNode, valueNode) in pairs {
            guard case let .scalar(keyScalar) = keyNode else {
                diagnostics.report(.nonStringKey, "mapping keys must be strings, not \(keyNode.isMapping ? "mappings" : "lists")", at: location(keyNode.mark, length: 1))
                _ = build(valueNode)
                continue
            }
            let keyLocation = location(keyScalar.mark, length: tokenLength(keyScalar, style: ScalarStyle(keyScalar.style)))
            if keyScalar.string.contains(DuplicateKey.marker) {
                continue // a duplicate already reported; the first occurrence wins
            }
            if keyScalar.style == .plain, keyScalar.string == "<<" {
                merged.append(contentsOf: mergeEntries(build(valueNode)))
                continue
            }
            let keyNodeBuilt = buildScalar(keyScalar)
            if keyNodeBuilt.isNull {
                diagnostics.report(.nonStringKey, "mapping keys must be non-empty strings", at: keyLocation)
                _ = build(valueNode)
                continue
            }
            entries.append(YAMLEntry(key: keyScalar.string, keyLocation: keyLocation, value: build(valueNode)))
        }
        let explicit = Set(entries.map(\.key))
        var seenMerged = Set<String>()
        for entry in merged where !explicit.contains(entry.key) && seenMerged.insert(entry.key).inserted {
            entries.append(entry)
        }
        return entries
    }

    /// `<<: *base` or `<<: [*a, *b]`: the entries to merge in, earlier sources winning.
    private mutating func mergeEntries(_ node: YAMLNode) -> [YAMLEntry] {
        switch node {
        case let .mapping(entries, _):
            return entries
        case let .sequence(elements, _):
            return elements.flatMap { element -> [YAMLEntry] in
                guard case let .mapping(entries, _) = element else {
                    diagnostics.report(.unsupportedYAML, "a merge key takes a mapping or a list of mappings", at: element.location)
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

    private func explicitTag(_ tag: Tag) -> String? {
        let name = tag.description
        return (name == "?" || name == "!" || name.isEmpty) ? nil : name
    }

    private mutating func checkTag(_ tag: Tag, allowed: Set<String>, at mark: Mark?) {
        guard let name = explicitTag(tag), !allowed.contains(name) else { return }
        diagnostics.report(.unsupportedYAML, "unsupported YAML tag '\(name)'", at: location(mark, length: 1),
                           help: "blueprints use plain YAML values; remove the tag")
    }

    private func location(_ mark: Mark?, length: Int) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, length: length)
    }

    /// How many columns the scalar's token covers on its first line.
    private func tokenLength(_ scalar: Node.Scalar, style: ScalarStyle) -> Int {
        switch style {
        case .plain:
            return scalar.string.utf8.contains(UInt8(ascii: "\n")) ? 1 : scalar.string.unicodeScalars.count
        case .singleQuoted, .doubleQuoted:
            guard let mark = scalar.mark, let line = lines.line(mark.line) else { return 1 }
            let scalars = Array(line.unicodeScalars)
            let start = mark.column - 1
            guard start < scalars.count else { return 1 }
            let quote = scalars[start]
            var index = start + 1
            while index < scalars.count {
                if scalars[index] == "\\", style == .doubleQuoted { index += 2; continue }
                if scalars[index] == quote {
                    if style == .singleQuoted, index + 1 < scalars.count, scalars[index + 1] == "'" { index += 2; continue }
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

private extension Node {
    var isMapping: Bool { if case .mapping = self { return true } else { return false } }
}

private extension ScalarStyle {
    init(_ style: Node.Scalar.Style) {
        switch style {
        case .singleQuoted: self = .singleQuoted
        case .doubleQuoted: self = .doubleQuoted
        case .literal: self = .literal
        case .folded: self = .folded
        default: self = .plain
        }
    }
}
