/// A module's `id`, unique across the blueprint.
public struct ModuleID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written.
    public var rawValue: String
    /// Wraps a raw id.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    /// From a string literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The id as written.
    public var description: String { rawValue }
    /// Ids sort by their text.
    public static func < (lhs: ModuleID, rhs: ModuleID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A deployment group's name: one Terraform root folder.
@_spi(Tools)
public struct GroupName: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The name as written.
    @_spi(Tools) public var rawValue: String
    /// Wraps a raw name.
    @_spi(Tools) public init(_ rawValue: String) { self.rawValue = rawValue }
    /// From a string literal.
    @_spi(Tools) public init(stringLiteral value: String) { self.rawValue = value }
    /// The name as written.
    @_spi(Tools) public var description: String { rawValue }
    /// Names sort by their text.
    @_spi(Tools) public static func < (lhs: GroupName, rhs: GroupName) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A value together with where it was written.
struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    /// The value.
    var value: Value
    /// Its position.
    var location: SourceLocation

    /// Pairs a value with its position.
    init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
