/// Types YAML values against setting types and evaluates the expressions inside them.
/// Shared by variables, module settings and Terraform configuration.
struct ValueResolver {
    /// Where a value is being resolved, for messages and for the rules on module references.
    struct Site {
        /// "setting 'size_gb' of module 'homefs'".
        var what: String
        /// The group of the module the value belongs to; nil where module outputs may not be referenced (vars,
        /// backends).
        var groupIndex: Int?
        /// The module whose setting this is (a module may not reference itself).
        var module: ModuleID?
        /// True while typing the elements of a list: a list output there is spliced in.
        var inList = false
        /// The setting the value is for, when it is one.
        var setting: String?

        init(what: String, groupIndex: Int? = nil, module: ModuleID? = nil, setting: String? = nil) {
            self.what = what
            self.groupIndex = groupIndex
            self.module = module
            self.setting = setting
        }
    }

    var variables: [String: VariableDeclaration]
    let modules: ModuleIndex
    /// Variables in a cycle or otherwise broken; references to them resolve to nothing, silently.
    var poisoned: Set<String> = []
    /// Variables something read.
    var usedVariables: Set<String> = []
    /// Module references met, by referencing module.
    var references: [ModuleID: [OutputReference]] = [:]
    /// Files `ghpc_stage()` copies into the deployment, by the path it was given.
    var staged: [String: StagedFile] = [:]
    private var untypedCache: [String: Value?] = [:]
    /// The variables each cached value read.
    private var untypedReads: [String: Set<String>] = [:]
    private var resolving: [String] = []

    init(variables: [VariableDeclaration], modules: ModuleIndex) {
        self.variables = Dictionary(variables.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
        self.modules = modules
    }

    /// A variable's value typed by YAML's core schema (memoized). The variables its value reads
    /// count as used each time it is read, also when the value comes from the cache.
    mutating func untypedValue(of name: String, diagnostics: inout Diagnostics) -> Value? {
        if let cached = untypedCache[name] {
            usedVariables.formUnion(untypedReads[name] ?? [])
            return cached
        }
        guard let declaration = variables[name], !poisoned.contains(name), !resolving.contains(name) else { return nil }
        resolving.append(name)
        let outer = usedVariables
        usedVariables = []
        let value = type(declaration.value, as: .any, site: Site(what: "variable '\(name)'"), diagnostics: &diagnostics)
        untypedReads[name] = usedVariables
        usedVariables.formUnion(outer)
        resolving.removeLast()
        untypedCache[name] = value
        return value
    }

    /// A variable's value typed as `type` for `site` (YAML rules apply at the variable's definition).
    mutating func typedValue(
        of name: String, as type: SettingType, site: Site, diagnostics: inout Diagnostics
    ) -> Value? {
        guard let declaration = variables[name], !poisoned.contains(name), !resolving.contains(name) else { return nil }
        usedVariables.insert(name)
        resolving.append(name)
        defer { resolving.removeLast() }
        var inner = site
        // Said without the module: a variable feeding many modules is one mistake, reported once.
        inner.what =
            site.setting.map { "variable '\(name)' (fed to setting '\($0)')" }
            ?? "variable '\(name)' (used as \(site.what))"
        inner.groupIndex = nil
        return self.type(declaration.value, as: type, site: inner, diagnostics: &diagnostics)
    }

    /// Types `node` as `type`. Null stays null (the caller decides what unset means); nil means an
    /// error was reported.
    mutating func type(_ node: YAMLNode, as type: SettingType, site: Site, diagnostics: inout Diagnostics) -> Value? {
        if node.isNull { return .null }
        switch node {
        case let .scalar(text, style, tag, location):
            let template = TemplateParser.parse(text, at: location, style: style, diagnostics: &diagnostics)
            if !template.isLiteral {
                return typeTemplate(template, as: type, at: location, site: site, diagnostics: &diagnostics)
            }
            let literal = template.literalText ?? text
            return SettingScalar.type(
                literal, style: style, tag: tag, as: type, at: location, what: site.what, diagnostics: &diagnostics)
        case let .sequence(elements, location):
            let elementType: SettingType
            switch type {
            case let .list(element): elementType = element
            case .any: elementType = .any
            default:
                diagnostics.report(
                    .typeMismatch, "\(site.what) must be \(TypeWords.describe(type)), not a list", at: location)
                return nil
            }
            var values: [Value] = []
            var failed = false
            var inner = site
            inner.inList = true
            for element in elements {
                if let value = self.type(element, as: elementType, site: inner, diagnostics: &diagnostics) {
                    values.append(value)
                } else {
                    failed = true
                }
            }
            return failed ? nil : .list(values)
        case let .mapping(entries, location):
            switch type {
            case let .map(element):
                return typeMap(entries, element: element, site: site, diagnostics: &diagnostics)
            case .any:
                return typeMap(entries, element: .any, site: site, diagnostics: &diagnostics)
            case let .object(attributes):
                return typeObject(entries, attributes: attributes, at: location, site: site, diagnostics: &diagnostics)
            default:
                diagnostics.report(
                    .typeMismatch, "\(site.what) must be \(TypeWords.describe(type)), not a mapping", at: location)
                return nil
            }
        }
    }

    private mutating func typeMap(
        _ entries: [YAMLEntry], element: SettingType, site: Site, diagnostics: inout Diagnostics
    ) -> Value? {
        var members: [String: Value] = [:]
        var failed = false
        for entry in entries {
            var inner = site
            inner.what = "'\(entry.key)' of \(site.what)"
            inner.inList = false
            if let value = type(entry.value, as: element, site: inner, diagnostics: &diagnostics) {
                members[entry.key] = value
            } else {
                failed = true
            }
        }
        return failed ? nil : .map(members)
    }

    private mutating func typeObject(
        _ entries: [YAMLEntry], attributes: [ObjectAttribute], at location: SourceLocation, site: Site,
        diagnostics: inout Diagnostics
    ) -> Value? {
        var members: [String: Value] = [:]
        var failed = false
        for entry in entries {
            guard let attribute = attributes.first(where: { $0.name == entry.key }) else {
                let correction = Suggestion.correction(
                    for: entry.key, at: entry.keyLocation, in: attributes.map(\.name), taken: Set(entries.map(\.key)))
                diagnostics.report(
                    .unknownAttribute, "unknown attribute '\(entry.key)' in \(site.what)", at: entry.keyLocation,
                    help: correction.help ?? "allowed: " + attributes.map(\.name).joined(separator: ", "),
                    fixes: correction.fixes)
                failed = true
                continue
            }
            var inner = site
            inner.what = "'\(entry.key)' of \(site.what)"
            inner.inList = false
            guard let value = type(entry.value, as: attribute.type, site: inner, diagnostics: &diagnostics) else {
                failed = true
                continue
            }
            if value != .null { members[entry.key] = value }
        }
        for attribute in attributes where members[attribute.name] == nil {
            if let written = entries.first(where: { $0.key == attribute.name }) {
                // Written as null: unset for an optional attribute, missing for a required one.
                if !attribute.optional, attribute.defaultValue == nil {
                    diagnostics.report(
                        .missingSetting, "\(site.what) needs attribute '\(attribute.name)', which is null here",
                        at: written.value.location,
                        help: "give it a value (a YAML comment after the key leaves it empty)")
                    failed = true
                }
                continue
            }
            if let defaultValue = attribute.defaultValue {
                members[attribute.name] = defaultValue
            } else if !attribute.optional {
                diagnostics.report(.missingSetting, "\(site.what) needs attribute '\(attribute.name)'", at: location)
                failed = true
            }
        }
        return failed ? nil : .map(members)
    }

    private mutating func typeTemplate(
        _ template: Template, as type: SettingType, at location: SourceLocation, site: Site,
        diagnostics: inout Diagnostics
    ) -> Value? {
        if let expression = template.soleExpression {
            if case let .variable(name, at) = expression {
                guard checkVariable(name, at: at, site: site, diagnostics: &diagnostics) else { return nil }
                return typedValue(of: name, as: type, site: site, diagnostics: &diagnostics)
            }
            guard let value = evaluate(expression, site: site, diagnostics: &diagnostics) else { return nil }
            return Conformance.conform(
                value, to: type, at: location, what: site.what, modules: modules, splicing: site.inList,
                diagnostics: &diagnostics)
        }
        if template.segments.count == 1, case let .terraform(text) = template.segments[0] {
            return .terraform(text)
        }
        return interpolate(template, as: type, at: location, site: site, diagnostics: &diagnostics)
    }

    /// Builds the string (or Terraform template) of an interpolated scalar.
    private mutating func interpolate(
        _ template: Template, as type: SettingType, at location: SourceLocation, site: Site,
        diagnostics: inout Diagnostics
    ) -> Value? {
        guard type == .string || type == .any else {
            diagnostics.report(
                .typeMismatch,
                "\(site.what) must be \(TypeWords.describe(type)), but an interpolated string is a string", at: location
            )
            return nil
        }
        var parts: [TemplatePart] = []
        var failed = false
        for segment in template.segments {
            switch segment {
            case let .literal(text): parts.append(.literal(text))
            case let .terraform(text): parts.append(.terraform(text))
            case let .expression(expression):
                guard let value = evaluate(expression, site: site, diagnostics: &diagnostics) else {
                    failed = true
                    continue
                }
                switch value {
                case let .string(text): parts.append(.literal(text))
                case .int, .float, .bool: parts.append(.literal(Conformance.scalarText(value)!))
                case let .output(reference): parts.append(.output(reference))
                case let .template(inner): parts.append(contentsOf: inner)
                case let .terraform(text): parts.append(.terraform(text))
                case .null, .list, .map:
                    diagnostics.report(
                        .typeMismatch, "cannot interpolate \(TypeWords.describe(value)) into a string in \(site.what)",
                        at: expression.location ?? location)
                    failed = true
                }
            }
        }
        if failed { return nil }
        return TemplateParts.normalize(parts)
    }

    /// Reports an unknown or broken variable; true when the reference can be followed.
    mutating func checkVariable(
        _ name: String, at location: SourceLocation, site: Site, diagnostics: inout Diagnostics
    ) -> Bool {
        guard variables[name] != nil else {
            // `location` is where `vars.NAME` starts.
            let correction = Suggestion.correction(
                for: name, at: location.part(at: 5, length: name.unicodeScalars.count), in: variables.keys.sorted())
            diagnostics.report(
                .unknownVariable, "unknown variable '\(name)'", at: location, help: correction.help,
                fixes: correction.fixes)
            return false
        }
        usedVariables.insert(name)
        return !poisoned.contains(name) && !resolving.contains(name)
    }
}
