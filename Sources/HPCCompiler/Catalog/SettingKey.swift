/// A setting's name with the Swift type Lower reads it as, declared once beside the module's
/// schema: the schema entry is written with the key (`SettingSpec(Keys.size, .number, …)`), and
/// Lower reads `settings.read(Keys.size)`. The default lives in the schema only; a read that
/// fails (reported) falls back to it.
struct SettingKey<Value: SettingValue>: Hashable, Sendable {
    /// The setting's name in blueprints (Cluster Toolkit's where it has one).
    let name: String

    init(_ name: String) {
        self.name = name
    }
}

/// A setting's key whatever type it is read as, for code that goes over several settings as data
/// (which of them are set, which modules their values come from). Made only from a key.
struct AnySettingKey: Hashable, Sendable {
    let name: String

    init<Value>(_ key: SettingKey<Value>) {
        name = key.name
    }
}

/// What a setting holds as Lower reads it: a literal blueprint value of one shape.
protocol SettingValue: Sendable {
    /// The value, when `value` has this shape.
    init?(setting value: HPCCompiler.Value)
}

extension String: SettingValue {
    init?(setting value: HPCCompiler.Value) {
        guard let string = value.string else { return nil }
        self = string
    }
}

extension Int: SettingValue {
    init?(setting value: HPCCompiler.Value) {
        guard let number = value.int else { return nil }
        self = number
    }
}

extension Double: SettingValue {
    init?(setting value: HPCCompiler.Value) {
        guard let number = value.number else { return nil }
        self = number
    }
}

extension Bool: SettingValue {
    init?(setting value: HPCCompiler.Value) {
        guard let flag = value.bool else { return nil }
        self = flag
    }
}

extension Array: SettingValue where Element == String {
    /// The strings of a list (other elements, already reported by Resolve, left out).
    init?(setting value: HPCCompiler.Value) {
        guard let elements = value.list else { return nil }
        self = elements.compactMap(\.string)
    }
}

extension Dictionary: SettingValue where Key == String, Value == String {
    /// The scalar members of a map as text.
    init?(setting value: HPCCompiler.Value) {
        guard let members = value.map else { return nil }
        self = members.compactMapValues { Conformance.scalarText($0) }
    }
}

/// A setting whose values are an enumeration's raw values (its schema's `oneOf`) reads as the
/// case; like a value of the wrong shape, one that names no case fails the read.
extension SettingValue where Self: RawRepresentable, RawValue == String {
    init?(setting value: HPCCompiler.Value) {
        guard let text = value.string else { return nil }
        self.init(rawValue: text)
    }
}

// The enumerations settings are read as.
extension OnHostMaintenance: SettingValue {}
extension BandwidthTier: SettingValue {}
extension NFSProtocol: SettingValue {}
extension FilestoreConnectMode: SettingValue {}
extension BucketStorageClass: SettingValue {}
extension NetworkRoutingMode: SettingValue {}
extension ProcessTracking: SettingValue {}
extension HTCAPIEndpointType: SettingValue {}
extension FSxCompression: SettingValue {}
extension EFSThroughputMode: SettingValue {}
extension EFSPerformanceMode: SettingValue {}
extension PClusterOS: SettingValue {}
extension PClusterQueueUpdateStrategy: SettingValue {}

extension HPCCompiler.Value: SettingValue {
    init?(setting value: HPCCompiler.Value) {
        self = value
    }
}

extension SettingSpec {
    /// A setting whose name is the key's.
    init<Value>(
        _ key: SettingKey<Value>, _ type: SettingType, _ description: String, required: Bool = false,
        default defaultValue: HPCCompiler.Value? = nil,
        constraints: [Constraint] = [], effect: SettingEffect = .implemented, defaultsToModuleID: Bool = false,
        nullTurnsOff: Bool = false
    ) {
        self.init(
            key.name, type, description, required: required, default: defaultValue, constraints: constraints,
            effect: effect,
            defaultsToModuleID: defaultsToModuleID, nullTurnsOff: nullTurnsOff)
    }
}
