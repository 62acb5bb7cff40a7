/// A restriction on a setting's value beyond its type.
public enum Constraint: Hashable, Sendable {
    /// One of these strings.
    case oneOf([String])
    /// A number within the closed range (either bound optional).
    case range(min: Double?, max: Double?)
    /// A whole number.
    case integer
    /// A multiple of the number.
    case multipleOf(Int)
    /// A string matching the regular expression entirely; the description says it in words.
    case pattern(String, description: String)
    /// A list of at most this many elements.
    case maxItems(Int)
    /// A string of at most this many characters.
    case maxLength(Int)

    /// The constraint in words, for the module reference.
    public var summary: String {
        switch self {
        case let .oneOf(values): "one of " + values.map { "`\($0)`" }.joined(separator: ", ")
        case let .range(min?, max?): "between \(ValueText.number(min)) and \(ValueText.number(max))"
        case let .range(min?, nil): "at least \(ValueText.number(min))"
        case let .range(nil, max?): "at most \(ValueText.number(max))"
        case .range(nil, nil): "any number"
        case .integer: "a whole number"
        case let .multipleOf(step): "a multiple of \(step)"
        case let .pattern(_, description): description
        case let .maxItems(count): "at most \(count) item\(count == 1 ? "" : "s")"
        case let .maxLength(count): "at most \(count) characters"
        }
    }
}
