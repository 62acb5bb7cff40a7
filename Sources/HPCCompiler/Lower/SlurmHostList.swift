/// Slurm host lists as blueprints write them: `cn[001-200]`, `gpu[01-04,07],login1`,
/// `r[1-2]n[01-16]`. A bracket holds numbers and ranges separated by commas; a range keeps the
/// zero padding of its first number; several brackets in one name multiply.
enum SlurmHostList {
    /// The most hosts one cluster may name, all its lists together: the largest machines have
    /// about 160,000 nodes, and expanding millions of names would make hpcc slow and large on
    /// one short line of input.
    static let limit = 200_000

    enum Failure: Error, Equatable {
        case syntax(String)
        case tooLarge(Int)

        var message: String {
            switch self {
            case let .syntax(reason): reason
            case let .tooLarge(count): "it names \(count) hosts; hpcc stops at \(SlurmHostList.limit)"
            }
        }
    }

    /// Every host `list` names, in order; `tooLarge` past `budget` hosts (what the cluster has
    /// left of `limit`).
    static func expand(_ list: String, budget: Int = limit) -> Result<[String], Failure> {
        let limit = min(budget, Self.limit)
        guard !list.isEmpty else { return .failure(.syntax("the host list is empty")) }
        var hosts: [String] = []
        for item in splitItems(list) {
            switch expandItem(item, limit: limit) {
            case let .success(names):
                hosts += names
                if hosts.count > limit { return .failure(.tooLarge(hosts.count)) }
            case let .failure(failure):
                return .failure(failure)
            }
        }
        return .success(hosts)
    }

    /// Top-level items: commas outside brackets separate them.
    private static func splitItems(_ list: String) -> [String] {
        var items: [String] = [], current = "", depth = 0
        for character in list {
            switch character {
            case "[":
                depth += 1
                current.append(character)
            case "]":
                depth -= 1
                current.append(character)
            case "," where depth == 0:
                items.append(current)
                current = ""
            default: current.append(character)
            }
        }
        items.append(current)
        return items
    }

    private static func expandItem(_ item: String, limit: Int) -> Result<[String], Failure> {
        guard !item.isEmpty else {
            return .failure(.syntax("it has an empty entry (two commas, or one at either end)"))
        }
        var names = [""]
        var rest = Substring(item)
        while !rest.isEmpty {
            if rest.first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return .failure(.syntax("'[' is never closed")) }
                let body = rest[rest.index(after: rest.startIndex)..<close]
                let numbers: [String]
                switch Self.numbers(in: body, limit: limit) {
                case let .success(found): numbers = found
                case let .failure(failure): return .failure(failure)
                }
                if names.count * numbers.count > limit { return .failure(.tooLarge(names.count * numbers.count)) }
                names = names.flatMap { name in numbers.map { name + $0 } }
                rest = rest[rest.index(after: close)...]
            } else {
                let end = rest.firstIndex(where: { $0 == "[" }) ?? rest.endIndex
                let literal = rest[..<end]
                if let bad = literal.unicodeScalars.first(where: {
                    !(NameRules.isLetter($0) || NameRules.isDigit($0) || "-_.".unicodeScalars.contains($0))
                }) {
                    return .failure(.syntax("'\(bad)' cannot be in a host name"))
                }
                names = names.map { $0 + literal }
                rest = rest[end...]
            }
        }
        return .success(names)
    }

    /// `001-003,7` → ["001", "002", "003", "7"].
    private static func numbers(in body: Substring, limit: Int) -> Result<[String], Failure> {
        guard !body.isEmpty else { return .failure(.syntax("'[]' holds no number")) }
        var result: [String] = []
        for part in body.split(separator: ",", omittingEmptySubsequences: false) {
            let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count),
                bounds.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                let first = Int(bounds[0]), let last = Int(bounds[bounds.count - 1])
            else {
                return .failure(.syntax("'\(part)' in brackets is not a number or a range like 001-200"))
            }
            guard first <= last else { return .failure(.syntax("the range '\(part)' runs backwards")) }
            // Both are at least 0, so the difference cannot overflow; its successor might.
            let span = last - first
            guard span < limit, result.count + span < limit else {
                return .failure(.tooLarge(span == .max ? span : result.count + span + 1))
            }
            let width = bounds[0].count
            for number in first...last {
                let digits = String(number)
                result.append(String(repeating: "0", count: max(0, width - digits.count)) + digits)
            }
        }
        return .success(result)
    }
}
