/// A cluster config value as ParallelCluster compares it: the package reads the file with PyYAML's
/// safe loader (YAML 1.1 scalars: `yes`/`on` are booleans) and compares the Python values, so a
/// quoted "4" differs from 4 and a mapping's key order does not matter.
enum ParallelClusterConfigValue: Hashable, Sendable {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([ParallelClusterConfigValue])
    case map([String: ParallelClusterConfigValue])

    /// The node's value; nil for an absent or null node.
    init?(_ node: YAMLNode?) {
        guard let node, !node.isNull else { return nil }
        switch node {
        case let .scalar(text, style, _, _):
            if style != .plain {
                self = .string(text)
            } else if let flag = YAMLCoreSchema.bool(text) ?? YAMLCoreSchema.yaml11Bool(text) {
                self = .bool(flag)
            } else if let number = YAMLCoreSchema.int(text) {
                self = .int(number)
            } else if let number = YAMLCoreSchema.float(text) {
                self = .double(number)
            } else {
                self = .string(text)
            }
        case let .sequence(elements, _):
            // PyYAML keeps a null element as None; hpcc writes none, so a null element is dropped.
            self = .list(elements.compactMap { ParallelClusterConfigValue($0) })
        case let .mapping(entries, _):
            var map: [String: ParallelClusterConfigValue] = [:]
            for entry in entries {
                if let value = ParallelClusterConfigValue(entry.value) { map[entry.key] = value }
            }
            self = .map(map)
        }
    }

    /// False where Python's truth test is false: an empty string, list or mapping, zero, false.
    var isTruthy: Bool {
        switch self {
        case let .bool(flag): flag
        case let .int(number): number != 0
        case let .double(number): number != 0
        case let .string(text): !text.isEmpty
        case let .list(items): !items.isEmpty
        case let .map(entries): !entries.isEmpty
        }
    }

    /// One line for the report: a scalar as written, a list or mapping in flow style with sorted keys.
    var text: String {
        switch self {
        case let .bool(flag): String(flag)
        case let .int(number): String(number)
        case let .double(number): String(number)
        case let .string(text): text
        case let .list(items): "[" + items.map(\.text).joined(separator: ", ") + "]"
        case let .map(entries):
            "{" + entries.keys.sorted().map { "\($0): \(entries[$0]!.text)" }.joined(separator: ", ") + "}"
        }
    }

    /// The value under `key`, if this is a mapping that has it.
    subscript(key: String) -> ParallelClusterConfigValue? {
        if case let .map(entries) = self { return entries[key] }
        return nil
    }

    /// The items, if this is a list.
    var items: [ParallelClusterConfigValue] {
        if case let .list(items) = self { return items }
        return []
    }

    /// The number, as Python's `int()` reads the config's value (a whole number or its digits as text).
    var integer: Int? {
        switch self {
        case let .int(number): number
        case let .string(text): Int(text)
        default: nil
        }
    }
}
