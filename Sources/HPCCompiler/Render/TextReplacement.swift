extension String {
    /// The text with every occurrence of `target` replaced, left to right and without overlaps
    /// (as Foundation's `replacingOccurrences` does). It compares UTF-8 bytes and returns the
    /// text itself, without copying, when the first byte of `target` does not occur: the common
    /// case for the escapes every emitted string goes through.
    func replacingEvery(_ target: String, with replacement: String) -> String {
        let pattern = Array(target.utf8)
        guard let lead = pattern.first, utf8.contains(lead) else { return self }
        let bytes = Array(utf8)
        var result: [UInt8] = []
        var start = 0, index = 0
        let last = bytes.count - pattern.count
        while index <= last {
            if bytes[index] == lead, bytes[index..<index + pattern.count].elementsEqual(pattern) {
                if result.isEmpty { result.reserveCapacity(bytes.count + replacement.utf8.count) }
                result += bytes[start..<index]
                result += replacement.utf8
                index += pattern.count
                start = index
            } else {
                index += 1
            }
        }
        guard start > 0 else { return self }
        result += bytes[start...]
        return String(decoding: result, as: UTF8.self)
    }
}

extension StringProtocol {
    /// Whether `target` occurs in the text, comparing UTF-8 bytes (Foundation's `contains`
    /// goes through NSString, which costs more than the search on the hot paths that ask this).
    func containsBytes(of target: String) -> Bool {
        let pattern = Array(target.utf8)
        guard let lead = pattern.first else { return true }
        var index = utf8.startIndex
        while let found = utf8[index...].firstIndex(of: lead) {
            if utf8[found...].starts(with: pattern) { return true }
            index = utf8.index(after: found)
        }
        return false
    }
}
