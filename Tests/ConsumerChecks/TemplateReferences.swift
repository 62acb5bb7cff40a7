/// The references (`google_compute_network.net.id`, `var.project_id`, ...) inside the
/// `${ ... }` interpolations of a Terraform JSON string. Quoted strings inside expressions are
/// skipped; a chain stops at its first index (`a.b[0].c` gives `a.b`).
public enum TemplateReferences {
    /// A dotted reference chain.
    public struct Reference: Equatable {
        public var parts: [String]
    }

    /// Whether the whole string is one interpolation (`"${...}"`), whose value may be of any type.
    public static func isWholeExpression(_ text: String) -> Bool {
        guard text.hasPrefix("${"), text.hasSuffix("}") else { return false }
        return expressions(in: text).count == 1 && expressions(in: text)[0].count == text.count - 3
    }

    /// Whether the string holds an interpolation at all.
    public static func hasInterpolation(_ text: String) -> Bool {
        !expressions(in: text).isEmpty
    }

    /// The expressions between `${` and their closing `}`; `$${` is a literal `${`.
    public static func expressions(in text: String) -> [String] {
        let chars = Array(text)
        var result: [String] = []
        var index = 0
        while index + 1 < chars.count {
            if chars[index] == "$", chars[index + 1] == "$", index + 2 < chars.count, chars[index + 2] == "{" {
                index += 3
                continue
            }
            guard chars[index] == "$", chars[index + 1] == "{" else {
                index += 1
                continue
            }
            let start = index + 2
            var depth = 1, cursor = start, inString = false
            while cursor < chars.count, depth > 0 {
                let char = chars[cursor]
                if inString {
                    if char == "\\" { cursor += 1 } else if char == "\"" { inString = false }
                } else if char == "\"" {
                    inString = true
                } else if char == "{" {
                    depth += 1
                } else if char == "}" {
                    depth -= 1
                }
                cursor += 1
            }
            guard depth == 0 else { break }
            result.append(String(chars[start..<(cursor - 1)]))
            index = cursor
        }
        return result
    }

    /// The reference chains in one expression, with the names its `for` expressions bind.
    public static func references(inExpression expression: String) -> (references: [Reference], bound: Set<String>) {
        let chars = Array(expression)
        var references: [Reference] = []
        var bound = Set<String>()
        var index = 0
        var inString = false
        func isStart(_ char: Character) -> Bool { char.isLetter || char == "_" }
        func isPart(_ char: Character) -> Bool { char.isLetter || char.isNumber || char == "_" || char == "-" }
        func name(at position: Int) -> (String, Int) {
            var end = position
            while end < chars.count, isPart(chars[end]) { end += 1 }
            return (String(chars[position..<end]), end)
        }
        while index < chars.count {
            let char = chars[index]
            if inString {
                if char == "\\" { index += 1 } else if char == "\"" { inString = false }
                index += 1
                continue
            }
            if char == "\"" {
                inString = true
                index += 1
                continue
            }
            let previous: Character? = index > 0 ? chars[index - 1] : nil
            guard isStart(char), previous.map({ !isPart($0) && $0 != "." }) ?? true else {
                index += 1
                continue
            }
            let (first, firstEnd) = name(at: index)
            var end = firstEnd
            var parts = [first]
            while end + 1 < chars.count, chars[end] == ".", isStart(chars[end + 1]) {
                let (next, after) = name(at: end + 1)
                parts.append(next)
                end = after
            }
            if first == "for" {
                // `for k, v in ...`: the names up to `in` are bound inside the expression.
                var cursor = end
                while true {
                    while cursor < chars.count, chars[cursor] == " " || chars[cursor] == "," { cursor += 1 }
                    guard cursor < chars.count, isStart(chars[cursor]) else { break }
                    let (bind, after) = name(at: cursor)
                    if bind == "in" { break }
                    bound.insert(bind)
                    cursor = after
                }
            }
            if parts.count > 1 { references.append(Reference(parts: parts)) }
            index = end
        }
        return (references, bound)
    }
}
