import Foundation

/// Compute Engine style names derived from blueprint names: lowercase letters, digits and '-',
/// starting with a letter, at most 63 characters. Too-long names keep a stable hash suffix, so the
/// same input always gives the same name.
enum ResourceName {
    static func make(_ parts: String..., limit: Int = 63) -> String {
        make(parts, limit: limit)
    }

    static func make(_ parts: [String], limit: Int = 63) -> String {
        let joined = parts.filter { !$0.isEmpty }.joined(separator: "-")
        var cleaned = ""
        for scalar in joined.lowercased().unicodeScalars {
            let keep = NameRules.isLower(scalar) || NameRules.isDigit(scalar)
            if keep {
                cleaned.unicodeScalars.append(scalar)
            } else if !cleaned.hasSuffix("-"), !cleaned.isEmpty {
                cleaned += "-"
            }
        }
        while cleaned.hasSuffix("-") { cleaned.removeLast() }
        if let first = cleaned.unicodeScalars.first, !NameRules.isLower(first) { cleaned = "x" + cleaned }
        if cleaned.isEmpty { cleaned = "x" }
        guard cleaned.count > limit else { return cleaned }
        let digest = String(Digest.sha256(joined).prefix(6))
        var head = String(cleaned.prefix(limit - 7))
        while head.hasSuffix("-") { head.removeLast() }
        return "\(head)-\(digest)"
    }

    /// The deployment name as Cluster Toolkit's modules use it in names (`_` becomes `-`).
    static func autoName(_ deployment: String) -> String {
        deployment.replacingOccurrences(of: "_", with: "-")
    }
}
