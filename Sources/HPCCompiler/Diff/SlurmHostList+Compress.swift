extension SlurmHostList {
    /// A short host list naming `hosts`: names that differ only in a trailing number share one bracket
    /// (`cn[01-04,07]`, `n[9-10]`; zero-padded numbers only with others of their width); other names
    /// stand alone. Sorted, so the same hosts always give the same text.
    static func compress(_ hosts: some Sequence<String>) -> String {
        var numbered: [String: [String]] = [:]  // "prefix|width" (or "prefix|*") → the numbers' texts
        var plain: [String] = []
        for host in Set(hosts) {
            let digits = host.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else {
                plain.append(host)
                continue
            }
            let prefix = String(host.dropLast(digits.count)), number = String(digits.reversed())
            // Zero-padded numbers keep their width; unpadded ones of any width share a bracket (`n[9-10]`).
            let padded = number.count > 1 && number.hasPrefix("0")
            numbered["\(prefix)|\(padded ? String(number.count) : "*")", default: []].append(number)
        }
        var items: [(String, String)] = plain.map { ($0, $0) }
        for (key, numbers) in numbered {
            let prefix = String(key.prefix { $0 != "|" })
            let sorted = numbers.sorted { Int($0) ?? 0 < Int($1) ?? 0 }
            guard sorted.count > 1 else {
                items.append((prefix + sorted[0], prefix + sorted[0]))
                continue
            }
            var runs: [[String]] = []
            for number in sorted {
                if let last = runs.last?.last, (Int(last) ?? 0) + 1 == Int(number) {
                    runs[runs.count - 1].append(number)
                } else {
                    runs.append([number])
                }
            }
            let ranges = runs.map { $0.count == 1 ? $0[0] : "\($0[0])-\($0[$0.count - 1])" }
            items.append((prefix + sorted[0], prefix + "[" + ranges.joined(separator: ",") + "]"))
        }
        return items.sorted { $0.0 < $1.0 }.map(\.1).joined(separator: ",")
    }
}
