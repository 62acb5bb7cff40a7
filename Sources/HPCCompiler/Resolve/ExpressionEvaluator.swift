extension ValueResolver {
    /// Evaluates an expression. Module outputs stay symbolic (`.output`); arithmetic and the
    /// functions hpcc knows (`merge`, `flatten`) are computed here.
    mutating func evaluate(_ expression: Expression, site: Site, diagnostics: inout Diagnostics) -> Value? {
        switch expression {
        case let .int(number): return .int(number)
        case let .float(number): return .float(number)
        case let .string(text): return .string(text)
        case let .bool(flag): return .bool(flag)
        case .null: return .null
        case let .list(elements, _):
            var values: [Value] = []
            for element in elements {
                guard let value = evaluate(element, site: site, diagnostics: &diagnostics) else { return nil }
                values.append(value)
            }
            return .list(values)
        case let .object(members, _):
            var values: [String: Value] = [:]
            for member in members {
                guard let value = evaluate(member.value, site: site, diagnostics: &diagnostics) else { return nil }
                values[member.key] = value
            }
            return .map(values)
        case let .variable(name, location):
            guard checkVariable(name, at: location, site: site, diagnostics: &diagnostics) else { return nil }
            return untypedValue(of: name, diagnostics: &diagnostics)
        case let .output(module, output, location):
            return outputReference(module, output, at: location, site: site, diagnostics: &diagnostics).map(
                Value.output)
        case let .attribute(base, name, location):
            guard let value = evaluate(base, site: site, diagnostics: &diagnostics) else { return nil }
            return access(
                value, .key(name), at: location, named: location.part(at: 1, length: name.unicodeScalars.count),
                site: site, diagnostics: &diagnostics)
        case let .index(base, index, location):
            guard let value = evaluate(base, site: site, diagnostics: &diagnostics),
                let key = evaluate(index, site: site, diagnostics: &diagnostics)
            else { return nil }
            if let position = key.int {
                return access(value, .index(position), at: location, site: site, diagnostics: &diagnostics)
            }
            if let name = key.string {
                return access(value, .key(name), at: location, site: site, diagnostics: &diagnostics)
            }
            diagnostics.report(.typeMismatch, "an index must be a number or a string", at: location)
            return nil
        case let .negate(operand, location):
            guard let value = evaluate(operand, site: site, diagnostics: &diagnostics) else { return nil }
            return arithmetic(.subtract, .int(0), value, at: location, diagnostics: &diagnostics)
        case let .binary(op, lhs, rhs, location):
            guard let left = evaluate(lhs, site: site, diagnostics: &diagnostics),
                let right = evaluate(rhs, site: site, diagnostics: &diagnostics)
            else { return nil }
            return arithmetic(op, left, right, at: location, diagnostics: &diagnostics)
        case let .call(name, arguments, location):
            var values: [Value] = []
            for argument in arguments {
                guard let value = evaluate(argument, site: site, diagnostics: &diagnostics) else { return nil }
                values.append(value)
            }
            return call(name, values, at: location, diagnostics: &diagnostics)
        }
    }

    /// Validates `module.output` from `site` and records the reference.
    private mutating func outputReference(
        _ module: ModuleID, _ output: String, at location: SourceLocation, site: Site, diagnostics: inout Diagnostics
    ) -> OutputReference? {
        guard let groupIndex = site.groupIndex else {
            diagnostics.report(
                .variableReferencesModule, "\(site.what) cannot reference module output '\(module).\(output)'",
                at: location,
                help: "only module settings may reference module outputs")
            return nil
        }
        guard let declaration = modules.declarations[module] else {
            // No fix naming a module this one cannot read the output of: itself, one of a later
            // group, or one without an output of that name.
            let unreadable = modules.ids.filter { candidate in
                candidate == site.module || modules.declarations[candidate]!.groupIndex > groupIndex
                    || modules.schemas[candidate]?.output(output) == nil
            }
            let correction = modules.correction(
                for: module.rawValue, at: location.part(at: 0, length: module.rawValue.unicodeScalars.count),
                taken: Set(unreadable))
            diagnostics.report(
                .unknownModule, "unknown module '\(module)'", at: location, help: correction.help,
                fixes: correction.fixes)
            return nil
        }
        if module == site.module {
            diagnostics.report(.moduleCycle, "module '\(module)' references its own output '\(output)'", at: location)
            return nil
        }
        if declaration.groupIndex > groupIndex {
            diagnostics.report(
                .laterGroupReference, "'\(module)' is in the later group '\(declaration.group)'", at: location,
                notes: [DiagnosticNote("'\(module)' is declared here", at: declaration.id.location)],
                help: "move '\(module)' to this group or an earlier one")
            return nil
        }
        if let schema = modules.schemas[module], schema.output(output) == nil {
            // `location` is where `MODULE.OUTPUT` starts.
            let correction = Suggestion.correction(
                for: output,
                at: location.part(
                    at: module.rawValue.unicodeScalars.count + 1, length: output.unicodeScalars.count),
                in: schema.outputs.map(\.name))
            diagnostics.report(
                .unknownOutput, "module '\(module)' (\(schema.source)) has no output '\(output)'", at: location,
                help: correction.help ?? "its outputs: " + schema.outputs.map(\.name).joined(separator: ", "),
                fixes: correction.fixes)
            return nil
        }
        let reference = OutputReference(module: module, output: output, path: [], location: location)
        if let user = site.module { references[user, default: []].append(reference) }
        return reference
    }

    /// `value` under `accessor`, written at `location`; `name` is where a `.key` accessor's key is
    /// written, when it is known.
    private func access(
        _ value: Value, _ accessor: Accessor, at location: SourceLocation, named name: SourceLocation? = nil,
        site: Site, diagnostics: inout Diagnostics
    ) -> Value? {
        switch (value, accessor) {
        case var (.output(reference), _):
            // A member of a deferred merge: the written one, else the output's own.
            if case let .key(key) = accessor, let member = reference.merged[key] { return member }
            if !reference.merged.isEmpty, case .index = accessor {
                diagnostics.report(
                    .typeMismatch, "cannot apply '\(accessor.text)' to the mapping merge() makes", at: location)
                return nil
            }
            reference.merged = [:]
            reference.path.append(accessor)
            return .output(reference)
        case (.terraform, _), (.template, _):
            diagnostics.report(
                .notKnownAtCompileTime, "cannot index into a value known only at apply time in \(site.what)",
                at: location)
            return nil
        case let (.list(elements), .index(index)):
            guard elements.indices.contains(index) else {
                diagnostics.report(
                    .constraintViolation, "index \(index) is out of range (the list has \(elements.count) elements)",
                    at: location)
                return nil
            }
            return elements[index]
        case let (.map(members), .key(key)):
            guard let member = members[key] else {
                let correction = Suggestion.correction(for: key, at: name, in: members.keys.sorted())
                diagnostics.report(
                    .unknownAttribute, "no key '\(key)' in the mapping", at: location, help: correction.help,
                    fixes: correction.fixes)
                return nil
            }
            return member
        default:
            diagnostics.report(
                .typeMismatch, "cannot apply '\(accessor.text)' to \(TypeWords.describe(value))", at: location)
            return nil
        }
    }

    private func arithmetic(
        _ op: BinaryOperator, _ lhs: Value, _ rhs: Value, at location: SourceLocation, diagnostics: inout Diagnostics
    ) -> Value? {
        guard lhs.isLiteral, rhs.isLiteral else {
            diagnostics.report(
                .notKnownAtCompileTime, "arithmetic on a value known only at apply time", at: location,
                help: "write the whole computation as a Terraform expression: ((...))")
            return nil
        }
        if case let .int(a) = lhs, case let .int(b) = rhs {
            // Whole numbers stay whole unless the result overflows; then the double path below applies.
            let result: (partialValue: Int, overflow: Bool)? =
                switch op {
                case .add: a.addingReportingOverflow(b)
                case .subtract: a.subtractingReportingOverflow(b)
                case .multiply: a.multipliedReportingOverflow(by: b)
                case .divide where b != 0 && a.remainderReportingOverflow(dividingBy: b) == (0, false):
                    a.dividedReportingOverflow(by: b)
                case .remainder where b != 0: a.remainderReportingOverflow(dividingBy: b)
                default: nil
                }
            if let result, !result.overflow { return .int(result.partialValue) }
        }
        guard let a = lhs.number, let b = rhs.number else {
            diagnostics.report(
                .typeMismatch,
                "'\(op.rawValue)' needs numbers, not \(TypeWords.describe(lhs.number == nil ? lhs : rhs))", at: location
            )
            return nil
        }
        if (op == .divide || op == .remainder) && b == 0 {
            diagnostics.report(.constraintViolation, "division by zero", at: location)
            return nil
        }
        switch op {
        case .add: return .float(a + b)
        case .subtract: return .float(a - b)
        case .multiply: return .float(a * b)
        case .divide: return .float(a / b)
        case .remainder: return .float(a.truncatingRemainder(dividingBy: b))
        }
    }

    private mutating func call(
        _ name: String, _ arguments: [Value], at location: SourceLocation, diagnostics: inout Diagnostics
    ) -> Value? {
        switch name {
        case "merge":
            if case .output = arguments.first {
                return deferredMerge(arguments, at: location, diagnostics: &diagnostics)
            }
            var merged: [String: Value] = [:]
            for argument in arguments {
                guard let members = argument.map else {
                    diagnostics.report(
                        .typeMismatch, "merge() takes mappings, not \(TypeWords.describe(argument))", at: location,
                        help: argument.outputReferences.isEmpty
                            ? nil : "a module output may be merge()'s first argument, with literal mappings after it")
                    return nil
                }
                merged.merge(members) { _, later in later }
            }
            return .map(merged)
        case "flatten":
            guard arguments.count == 1, let list = arguments[0].list else {
                diagnostics.report(.typeMismatch, "flatten() takes one list", at: location)
                return nil
            }
            return .list(flatten(list))
        case "concat":
            var joined: [Value] = []
            for argument in arguments {
                if let list = argument.list {
                    joined += list
                } else if case let .output(reference) = argument, reference.path.isEmpty,
                    modules.schemas[reference.module]?.output(reference.output)?.type.isList == true
                {
                    // A whole list output: spliced in where the value lands in a list setting, as flatten() leaves it.
                    joined.append(argument)
                } else {
                    diagnostics.report(
                        .typeMismatch, "concat() joins lists, not \(TypeWords.describe(argument))", at: location)
                    return nil
                }
            }
            return .list(joined)
        case "ghpc_stage":
            guard arguments.count == 1, let path = arguments[0].string, !path.isEmpty else {
                diagnostics.report(
                    .typeMismatch, "ghpc_stage() takes one path, a string relative to the blueprint's folder",
                    at: location)
                return nil
            }
            let file = StagedFile(path, at: location)
            if staged[path] == nil { staged[path] = file }
            return .string(file.value)
        default:
            diagnostics.report(
                .unsupportedFunction, "hpcc evaluates merge(), flatten(), concat() and ghpc_stage(), not \(name)()",
                at: location,
                help:
                    """
                    if it is a Terraform function, pass the whole value through as a Terraform expression: \
                    ((\(name)(...)))
                    """
            )
            return nil
        }
    }

    /// `merge(module.output..., {...}, ...)`: the output's object is known only in Lower, so the
    /// literal mappings after it ride on the reference (`OutputReference.merged`). Only this shape
    /// is taken: an output after a mapping would override members hpcc cannot see, and a
    /// mapping holding outputs could not be written into Terraform's `merge()` as a literal.
    private func deferredMerge(
        _ arguments: [Value], at location: SourceLocation, diagnostics: inout Diagnostics
    ) -> Value? {
        guard case var .output(reference) = arguments[0] else { return nil }
        for argument in arguments.dropFirst() {
            guard let members = argument.map, argument.isLiteral else {
                diagnostics.report(
                    .typeMismatch,
                    "merge() of a module output takes literal mappings after it, not \(TypeWords.describe(argument))",
                    at: location,
                    help: "write the module output first, then mappings of literal values")
                return nil
            }
            reference.merged.merge(members) { _, later in later }
        }
        return .output(reference)
    }

    /// The elements of `values` with nested lists spliced in. A whole list output stays one
    /// element: where the value lands in a list setting, it is spliced in there.
    private func flatten(_ values: [Value]) -> [Value] {
        values.flatMap { value -> [Value] in
            if let inner = value.list { return flatten(inner) }
            return [value]
        }
    }
}
