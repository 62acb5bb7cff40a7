/// A JSON document. Objects render with sorted keys, so output is deterministic whatever order
/// they were built in.
indirect enum JSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    /// The value under `key` when this is an object.
    subscript(key: String) -> JSON? {
        if case let .object(members) = self { return members[key] }
        return nil
    }

    /// The members, when this is an object.
    var members: [String: JSON]? {
        if case let .object(members) = self { return members }
        return nil
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    /// A string.
    init(stringLiteral value: String) { self = .string(value) }
    /// A number.
    init(integerLiteral value: Int) { self = .int(value) }
    /// A boolean.
    init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An array.
    init(arrayLiteral elements: JSON...) { self = .array(elements) }
    /// An object; a repeated key keeps its last value.
    init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
