/// Cloud Storage's bucket naming rules, applied to the name hpcc composes.
enum BucketName {
    /// What is wrong with `name`, or nil when Cloud Storage accepts it.
    static func problem(_ name: String) -> String? {
        let scalars = Array(name.unicodeScalars)
        if let bad = scalars.first(where: {
            !(NameRules.isLower($0) || NameRules.isDigit($0) || "-_.".unicodeScalars.contains($0))
        }) {
            return "'\(bad)' is not allowed (lowercase letters, digits, '-', '_' and '.' only)"
        }
        let components = name.split(separator: ".", omittingEmptySubsequences: false)
        if components.count == 1, !(3...63).contains(scalars.count) {
            return "it has \(scalars.count) characters; a bucket name has 3 to 63"
        }
        if components.count > 1 {
            if scalars.count > 222 { return "it has \(scalars.count) characters; a dotted bucket name has at most 222" }
            if let long = components.first(where: { $0.count > 63 || $0.isEmpty }) {
                return long.isEmpty
                    ? "it has an empty part between dots" : "its part '\(long)' is longer than 63 characters"
            }
        }
        guard let first = scalars.first, let last = scalars.last,
            NameRules.isLower(first) || NameRules.isDigit(first), NameRules.isLower(last) || NameRules.isDigit(last)
        else {
            return "it must start and end with a lowercase letter or digit"
        }
        if components.count == 4, components.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) {
            return "it looks like an IP address"
        }
        if name.hasPrefix("goog") { return "it starts with 'goog'" }
        let folded = name.replacingOccurrences(of: "0", with: "o")
        if folded.contains("google") || folded.contains("gogle") || folded.contains("googgle") {
            return "it contains 'google' or a look-alike"
        }
        return nil
    }
}
