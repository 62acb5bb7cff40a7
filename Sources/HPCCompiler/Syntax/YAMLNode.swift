/// How a scalar was written: the style decides how hpcc types it (a plain `on` may be YAML 1.1's boolean,
/// a quoted "on" never is).
@_spi(Tools) public enum ScalarStyle: String, Sendable, Hashable {
    case plain
    case singleQuoted
    case doubleQuoted
    case literal
    case folded
}

/// A YAML syntax tree node that remembers where it was written.
@_spi(Tools) public indirect enum YAMLNode: Sendable, Hashable {
    /// A scalar with its raw text, style and explicit tag (nil when implicit).
    case scalar(String, ScalarStyle, tag: String?, SourceLocation)
    /// A sequence.
    case sequence([YAMLNode], SourceLocation)
    /// A mapping in source order. Keys are scalars (checked by the reader).
    case mapping([YAMLEntry], SourceLocation)

    /// Where the node starts.
    @_spi(Tools) public var location: SourceLocation {
        switch self {
        case let .scalar(_, _, _, location), let .sequence(_, location), let .mapping(_, location):
            location
        }
    }

    /// The scalar text, if this is a scalar.
    @_spi(Tools) public var scalarText: String? {
        if case let .scalar(text, _, _, _) = self { return text }
        return nil
    }

    /// True for a plain scalar YAML reads as null (`~`, `null`, empty).
    @_spi(Tools) public var isNull: Bool {
        guard case let .scalar(text, style, tag, _) = self else { return false }
        if tag == "tag:yaml.org,2002:null" { return true }
        return style == .plain && tag == nil && ["", "~", "null", "Null", "NULL"].contains(text)
    }

    /// The mapping entries, if this is a mapping.
    @_spi(Tools) public var entries: [YAMLEntry]? {
        if case let .mapping(entries, _) = self { return entries }
        return nil
    }

    /// The elements, if this is a sequence.
    @_spi(Tools) public var elements: [YAMLNode]? {
        if case let .sequence(elements, _) = self { return elements }
        return nil
    }

    /// The value under `key`, if this is a mapping that has it.
    @_spi(Tools) public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// A word for the node's kind, for messages ("a mapping").
    @_spi(Tools) public var kindDescription: String {
        switch self {
        case .scalar: isNull ? "null" : "a scalar"
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }
}

/// One `key: value` pair of a mapping.
@_spi(Tools) public struct YAMLEntry: Sendable, Hashable {
    /// The key text.
    @_spi(Tools) public var key: String
    /// Where the key was written (diagnostics about unknown keys point here).
    @_spi(Tools) public var keyLocation: SourceLocation
    /// The value.
    @_spi(Tools) public var value: YAMLNode

    /// Creates an entry.
    @_spi(Tools) public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
