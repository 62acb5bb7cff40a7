/// The naming rules of blueprint identifiers.
enum NameRules {
    /// A Compute Engine resource name (a disk, a firewall rule, a network tag): RFC 1035, at most 63.
    static let computeEngineName = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?"

    /// `blueprint_name`: a GCP label value (lowercase letters, digits, `_`, `-`), 1 to 63 characters.
    static func isLabelValue(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 63
            && text.unicodeScalars.allSatisfy { isLower($0) || isDigit($0) || $0 == "_" || $0 == "-" }
    }

    /// A group name: word characters separated by dashes (`^\w(-*\w)*$`).
    static func isGroupName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
            isWord(first), isWord(last)
        else { return false }
        return text.unicodeScalars.allSatisfy { isWord($0) || $0 == "-" }
    }

    /// A module id or variable name: a letter or `_`, then letters, digits, `_` and `-`.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLetter(first) || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { isWord($0) || $0 == "-" }
    }

    static func isLower(_ s: Unicode.Scalar) -> Bool { s >= "a" && s <= "z" }
    static func isDigit(_ s: Unicode.Scalar) -> Bool { s >= "0" && s <= "9" }
    static func isLetter(_ s: Unicode.Scalar) -> Bool { isLower(s) || (s >= "A" && s <= "Z") }
    static func isWord(_ s: Unicode.Scalar) -> Bool { isLetter(s) || isDigit(s) || s == "_" }
}

extension NameRules {
    /// `deployment_name`: a lowercase letter, then lowercase letters, digits, '-' or '_'; at most 63.
    static func isDeploymentName(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, isLower(first), text.count <= 63 else { return false }
        return text.unicodeScalars.allSatisfy { isLower($0) || isDigit($0) || $0 == "-" || $0 == "_" }
    }

    /// A valid deployment name as close to `text` as can be: what the modules lower with once the
    /// invalid one is reported, so names derived from it are not reported again.
    static func standInDeploymentName(_ text: String) -> String {
        let kept = String(
            String.UnicodeScalarView(
                text.lowercased().unicodeScalars.map { isLower($0) || isDigit($0) || $0 == "_" ? $0 : "-" }))
        let named = kept.unicodeScalars.first.map(isLower) == true ? kept : "d" + kept
        return String(named.prefix(63))
    }
}

/// GCP label rules.
enum GCPLabels {
    /// A key: a lowercase letter, then lowercase letters, digits, '_' or '-'; at most 63.
    static func isValidKey(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, NameRules.isLower(first) else { return false }
        return isValidValue(key)
    }

    /// A value: lowercase letters, digits, '_' or '-'; at most 63 (may be empty).
    static func isValidValue(_ value: String) -> Bool {
        value.count <= 63
            && value.unicodeScalars.allSatisfy {
                NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "_" || $0 == "-"
            }
    }
}
