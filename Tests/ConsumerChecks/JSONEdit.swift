import Foundation

/// Edits a JSON document by path, for building broken copies of emitted files.
public enum JSONEdit {
    /// Sets (or, with `nil`, removes) the value at `path`, creating objects on the way; the result
    /// is pretty-printed with sorted keys.
    public static func apply(_ text: String, at path: [String], set value: Any?) throws -> String {
        let root = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let edited = edit(root, path[...], value)
        let data = try JSONSerialization.data(
            withJSONObject: edited, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    private static func edit(_ node: Any?, _ path: ArraySlice<String>, _ value: Any?) -> Any {
        guard let key = path.first else { return value ?? NSNull() }
        var object = node as? [String: Any] ?? [:]
        if path.count == 1, value == nil {
            object.removeValue(forKey: key)
        } else {
            object[key] = edit(object[key], path.dropFirst(), value)
        }
        return object
    }
}
