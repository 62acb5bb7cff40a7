/// What a setting does in hpcc. Every setting a blueprint may write is one of these, so that
/// nothing a blueprint asks for is dropped quietly: hpcc either honours it, reaches the same end
/// another way (and says how), refuses it until it is implemented, or names its replacement.
public enum SettingEffect: Hashable, Sendable {
    /// hpcc implements it.
    case implemented
    /// Moot by design: hpcc reaches the same end another way (the text says how). A value that
    /// asks for something gives warning HPC2009 with that text.
    case moot(String)
    /// Not supported yet: the text names what is missing. A value that asks for it is error
    /// HPC2019, since the deployment would otherwise lack it.
    case unsupported(String)
    /// Removed upstream: any value but null is an error naming the replacement.
    case deprecated(String)

    /// True for settings removed upstream.
    public var isDeprecated: Bool {
        if case .deprecated = self { return true }
        return false
    }

    /// True for settings hpcc acts on.
    public var isImplemented: Bool { self == .implemented }
}

extension SettingSpec {
    /// Whether `value` asks for something of a setting that is not implemented: anything but
    /// null, false, an empty string, list or mapping, the setting's default, or a mapping whose
    /// `enabled` is false (`dws_flex: {enabled: false}`). A value hpcc only learns at apply time
    /// (a module output, Terraform text) counts as asking.
    func asksForSomething(_ value: Value) -> Bool {
        if let defaultValue, value == defaultValue { return false }
        switch value {
        case .null, .bool(false): return false
        case let .string(text): return !text.isEmpty
        case let .list(elements): return !elements.isEmpty
        case let .map(members): return !members.isEmpty && members["enabled"] != .bool(false)
        default: return true
        }
    }

    /// The values that ask for nothing, as `asksForSomething` judges them (for the JSON schema).
    var inertValues: [Value] {
        var values: [Value] = [.null]
        switch type {
        case .bool: values.append(.bool(false))
        case .string: values.append(.string(""))
        case .list: values.append(.list([]))
        case .map, .object: values.append(.map([:]))
        default: break
        }
        if let defaultValue, !values.contains(defaultValue) { values.append(defaultValue) }
        return values
    }
}
