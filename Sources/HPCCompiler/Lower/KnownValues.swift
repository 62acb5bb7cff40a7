extension Value {
    /// The value with every module output inside it (in lists, maps and interpolated strings)
    /// replaced by what `known` says it is at compile time; nil when one is not known, or when an
    /// interpolated output is not a single text, number or truth value, or when Terraform text is inside.
    func substitutingKnown(_ known: (OutputReference) -> Value?) -> Value? {
        switch self {
        case let .output(reference):
            return known(reference)
        case let .template(parts):
            var text = ""
            for part in parts {
                switch part {
                case let .literal(literal): text += literal
                case let .output(reference):
                    guard let value = known(reference), let scalar = Conformance.scalarText(value) else { return nil }
                    text += scalar
                case .terraform: return nil
                }
            }
            return .string(text)
        case .terraform:
            return nil
        case let .list(elements):
            var substituted: [Value] = []
            for element in elements {
                guard let value = element.substitutingKnown(known) else { return nil }
                substituted.append(value)
            }
            return .list(substituted)
        case let .map(members):
            var substituted: [String: Value] = [:]
            for (key, member) in members {
                guard let value = member.substitutingKnown(known) else { return nil }
                substituted[key] = value
            }
            return .map(substituted)
        default:
            return self
        }
    }
}
