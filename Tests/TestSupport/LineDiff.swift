/// A short, readable diff of two texts: the first differing lines with their numbers.
public enum LineDiff {
    public static func describe(expected: String, actual: String, context: Int = 2, limit: Int = 12) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        guard
            let first = zip(old, new).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset
                ?? (old.count == new.count ? nil : min(old.count, new.count))
        else { return "(no difference)" }
        var out = "first difference at line \(first + 1) (expected \(old.count) lines, got \(new.count)):\n"
        for index in max(0, first - context)..<first { out += "   \(index + 1) | \(old[index])\n" }
        var shown = 0
        var index = first
        while shown < limit, index < max(old.count, new.count) {
            let a = index < old.count ? String(old[index]) : nil
            let b = index < new.count ? String(new[index]) : nil
            if a != b {
                if let a { out += " - \(index + 1) | \(a)\n" }
                if let b { out += " + \(index + 1) | \(b)\n" }
                shown += 1
            }
            index += 1
        }
        return out
    }
}
