import Foundation
/// Checks a literal setting value against its schema constraints.
enum ConstraintChecker {
    /// True when `value` satisfies every constraint of `spec` and of the object attributes inside
    /// it (values known only later pass). `node` is where the value was written, so a finding about
    /// an attribute points at the attribute (`queues[1].capacity_type`).
    /// `subject` names what holds the value in messages ("setting 'x' of module 'm'").
    static func check(
        _ value: Value, _ spec: SettingSpec, node: YAMLNode?, at location: SourceLocation, subject what: String,
        diagnostics: inout Diagnostics
    ) -> Bool {
        guard value.isLiteral, value != .null else { return true }
        return check(value, spec.constraints, what: what, at: location, diagnostics: &diagnostics)
            && checkAttributes(value, spec.type, node: node, what: what, at: location, diagnostics: &diagnostics)
    }

    private static func check(
        _ value: Value, _ constraints: [Constraint], what: String, at location: SourceLocation,
        diagnostics: inout Diagnostics
    ) -> Bool {
        for constraint in constraints {
            if let problem = violation(of: constraint, by: value) {
                var correction = Correction(help: nil, fixes: [])
                if case let .oneOf(allowed) = constraint, let text = Conformance.scalarText(value) {
                    // `location` is where the value was written (checked against the text before it is offered).
                    correction = Suggestion.correction(for: text, at: location, in: allowed)
                }
                diagnostics.report(
                    .constraintViolation, "\(what) \(problem)", at: location, help: correction.help,
                    fixes: correction.fixes)
                return false
            }
        }
        return true
    }

    /// The constraints of the object attributes in `value`, through lists and nested objects.
    private static func checkAttributes(
        _ value: Value, _ type: SettingType, node: YAMLNode?, what: String, at location: SourceLocation,
        diagnostics: inout Diagnostics
    ) -> Bool {
        switch type {
        case let .list(element):
            var valid = true
            for (index, item) in (value.list ?? []).enumerated() {
                let itemNode = node?.elements.flatMap { $0.indices.contains(index) ? $0[index] : nil }
                valid =
                    checkAttributes(
                        item, element, node: itemNode, what: what, at: itemNode?.location ?? location,
                        diagnostics: &diagnostics) && valid
            }
            return valid
        case let .object(attributes):
            var valid = true
            for attribute in attributes {
                guard let member = value.map?[attribute.name], member.isLiteral, member != .null else { continue }
                let memberNode = node?[attribute.name]
                let here = memberNode?.location ?? location
                let label = "attribute '\(attribute.name)' of \(what)"
                valid =
                    check(member, attribute.constraints, what: label, at: here, diagnostics: &diagnostics)
                    && checkAttributes(
                        member, attribute.type, node: memberNode, what: what, at: here, diagnostics: &diagnostics)
                    && valid
            }
            return valid
        default:
            return true
        }
    }

    /// What is wrong, or nil.
    static func violation(of constraint: Constraint, by value: Value) -> String? {
        switch constraint {
        case let .oneOf(allowed):
            guard let text = Conformance.scalarText(value) else { return nil }
            return allowed.contains(text) ? nil : "must be \(constraint.summary), not '\(text)'"
        case let .range(min, max):
            guard let number = value.number else { return nil }
            if let min, number < min { return "must be \(constraint.summary), not \(ValueText.number(number))" }
            if let max, number > max { return "must be \(constraint.summary), not \(ValueText.number(number))" }
            return nil
        case .integer:
            guard let number = value.number else { return nil }
            return number == number.rounded() ? nil : "must be a whole number, not \(ValueText.number(number))"
        case let .multipleOf(step):
            guard let number = value.int else { return nil }
            return number % step == 0 ? nil : "must be a multiple of \(step), not \(number)"
        case let .pattern(pattern, description):
            guard let text = value.string else { return nil }
            return Pattern.matches(text, pattern) ? nil : "must be \(description), not '\(text)'"
        case let .maxItems(count):
            guard let list = value.list else { return nil }
            return list.count <= count ? nil : "must have \(constraint.summary), not \(list.count)"
        case let .maxLength(count):
            guard let text = value.string else { return nil }
            return text.count <= count ? nil : "must be \(constraint.summary), not \(text.count)"
        }
    }
}

/// Whole-string regular expression matching.
enum Pattern {
    /// Compiled patterns by their text: a blueprint checks the same few patterns once per module,
    /// and compiling one costs far more than matching it.
    /// (`Regex` is not Sendable, so the cache is guarded by a lock of its own.)
    nonisolated(unsafe) private static var compiled: [String: Regex<AnyRegexOutput>] = [:]
    private static let lock = NSLock()

    static func matches(_ text: String, _ pattern: String) -> Bool {
        let cached = lock.withLock { compiled[pattern] }
        guard let regex = cached ?? (try? Regex(pattern)) else { return false }
        if cached == nil { lock.withLock { compiled[pattern] = regex } }
        return (try? regex.wholeMatch(in: text)) != nil
    }
}
