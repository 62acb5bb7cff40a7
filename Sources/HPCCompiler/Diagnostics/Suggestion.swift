/// "Did you mean" by edit distance under a small threshold.
enum Suggestion {
    /// The closest candidate to `word`, when it is close enough to be a plausible typo: one edit
    /// in a word of up to 4 characters, two up to 14, then one per 5 characters. (`nope` is not
    /// a typo of `zone`, nor `modules/monitoring/dashboard` of `modules/monitoring/hpcstats`.)
    static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let limit = word.count <= 4 ? 1 : max(2, word.count / 5)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let distance = editDistance(word.lowercased(), candidate.lowercased())
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && candidate < best!.name) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    /// The help line and the fix for `word`, written at `location`: "did you mean 'x'?" and the
    /// edit that puts the closest candidate in its place; no help and no fix when nothing is close.
    /// No fix either when the candidate is `taken` (a key its mapping has already: renaming the
    /// misspelled key to it would write the key twice).
    static func correction<S: Sequence>(
        for word: String, at location: SourceLocation?, in candidates: S, taken: Set<String> = []
    ) -> Correction where S.Element == String {
        guard let meant = closest(to: word, in: candidates) else { return Correction(help: nil, fixes: []) }
        let fix = location.map { DiagnosticFix(replacing: word, at: $0, with: meant) }
        return Correction(help: "did you mean '\(meant)'?", fixes: taken.contains(meant) ? [] : fix.map { [$0] } ?? [])
    }

    /// A help line for `closest`, or nil.
    static func help<S: Sequence>(for word: String, in candidates: S) -> String? where S.Element == String {
        closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }

    /// Levenshtein distance with transpositions counted as one edit (optimal string alignment).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}

/// What a "did you mean" gives a diagnostic: the help line and the edit that applies it.
struct Correction {
    /// "did you mean 'machine_type'?", or nil when no candidate is close.
    var help: String?
    /// The edit replacing the misspelled word; empty when there is none to offer.
    var fixes: [DiagnosticFix]
}
