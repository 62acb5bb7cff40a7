import CYaml

/// libyaml's parser, one event at a time, with each event's fields copied out as Swift values (the
/// C event is freed at once). Yams' composer is not used: building a Yams node tree first and then
/// hpcc's tree cost five times as long as libyaml's parsing itself (docs/performance.md).
final class YAMLEvents {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case alias, scalar, sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    /// One event. Marks are 1-based, columns counted in characters (as libyaml counts them).
    struct Event {
        var kind: Kind
        var line: Int
        var column: Int
        var anchor: String?
        /// The explicit tag, as libyaml resolved it (`!!int` → `tag:yaml.org,2002:int`).
        var tag: String?
        /// A scalar's text, which may hold NUL characters.
        var value = ""
        var style = ScalarStyle.plain
    }

    /// What libyaml reported when it could not go on.
    struct Failure: Error {
        /// `composer`: what hpcc found while building the tree (an undefined alias, a second document).
        enum Kind { case reader, scanner, parser, composer, memory }
        var kind: Kind
        var problem: String
        /// The problem's position: 1-based line and column, and the UTF-8 offset (reader errors).
        var line: Int
        var column: Int
        var offset: Int
        /// What libyaml was reading when the problem came up, and where that began.
        var context: (text: String, line: Int, column: Int)?
    }

    private var parser = yaml_parser_t()

    /// A parser over `bytes`, which must stay valid (and unmoved) while events are read.
    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        yaml_parser_initialize(&parser)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, bytes.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(&parser)
    }

    /// The next event.
    func next() throws(Failure) -> Event {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw failure() }
        defer { yaml_event_delete(&event) }
        var result = Event(
            kind: .streamEnd, line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_STREAM_START_EVENT: result.kind = .streamStart
        case YAML_DOCUMENT_START_EVENT: result.kind = .documentStart
        case YAML_DOCUMENT_END_EVENT: result.kind = .documentEnd
        case YAML_ALIAS_EVENT:
            result.kind = .alias
            result.anchor = Self.text(event.data.alias.anchor)
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            result.kind = .scalar
            result.anchor = Self.text(scalar.anchor)
            result.tag = Self.text(scalar.tag)
            result.value = String(
                decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            result.style =
                switch scalar.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
        case YAML_SEQUENCE_START_EVENT:
            result.kind = .sequenceStart
            result.anchor = Self.text(event.data.sequence_start.anchor)
            if event.data.sequence_start.implicit == 0 { result.tag = Self.text(event.data.sequence_start.tag) }
        case YAML_SEQUENCE_END_EVENT: result.kind = .sequenceEnd
        case YAML_MAPPING_START_EVENT:
            result.kind = .mappingStart
            result.anchor = Self.text(event.data.mapping_start.anchor)
            if event.data.mapping_start.implicit == 0 { result.tag = Self.text(event.data.mapping_start.tag) }
        case YAML_MAPPING_END_EVENT: result.kind = .mappingEnd
        default: result.kind = .streamEnd
        }
        return result
    }

    private func failure() -> Failure {
        let kind: Failure.Kind =
            switch parser.error {
            case YAML_READER_ERROR: .reader
            case YAML_SCANNER_ERROR: .scanner
            case YAML_MEMORY_ERROR: .memory
            default: .parser
            }
        let context = Self.text(parser.context).map {
            ($0, Int(parser.context_mark.line) + 1, Int(parser.context_mark.column) + 1)
        }
        return Failure(
            kind: kind, problem: Self.text(parser.problem) ?? "cannot parse the input",
            line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1,
            offset: Int(parser.problem_offset), context: context)
    }

    private static func text(_ pointer: UnsafePointer<UInt8>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
