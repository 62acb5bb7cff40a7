/// Builds an INI file as Python's ConfigParser reads it: `[section]` headers and `key = value`
/// lines. Values were checked by Lower (`INIText`); comments start with '#'.
struct INIWriter {
    private(set) var text = ""

    mutating func comment(_ line: String) {
        text += "# \(line)\n"
    }

    mutating func section(_ name: String) {
        if !text.isEmpty { text += "\n" }
        text += "[\(name)]\n"
    }

    mutating func set(_ key: String, _ value: String) {
        text += "\(key) = \(value)\n"
    }

    mutating func set(_ key: String, _ value: Int) {
        set(key, String(value))
    }

    /// A list as HPCStats splits it: at ',' with no blank around.
    mutating func set(_ key: String, _ values: [String]) {
        set(key, values.joined(separator: ","))
    }
}
