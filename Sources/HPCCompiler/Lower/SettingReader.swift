/// Typed access to one resolved module's settings during Lower, with the compile-time checks
/// every lowering needs. Settings are read through their keys (`SettingKey`), declared once
/// beside the module's schema; the name-taking forms are this file's own.
struct SettingReader {
    let module: ResolvedModule
    let context: LoweringContext

    var id: ModuleID { module.id }
    var schema: ModuleSchema { module.schema }

    private func value(_ name: String) -> Value {
        assert(
            schema.setting(name) != nil,
            "module \(schema.source) reads setting '\(name)', which its schema does not declare")
        return module.value(name)
    }
    private func location(_ name: String) -> SourceLocation { module.location(of: name) }
    private func isExplicit(_ name: String) -> Bool { module.settings[name]?.origin == .explicit }

    /// Written by the user to something other than what hpcc would take anyway: neither the
    /// schema's default, nor exactly what `use` wires (`$(module.NAME)`, or a list of them, of a
    /// used module's output of the setting's own name). Rules that find fault with a setting
    /// because the user set it ask this, not `isExplicit`: the expanded blueprint spells defaults
    /// and wiring out, and compiling it must not turn them into choices. `isExplicit` stays right
    /// for where a finding points.
    private func isChosen(_ name: String) -> Bool {
        guard isExplicit(name) else { return false }
        if let defaultValue = schema.setting(name)?.defaultValue, value(name) == defaultValue { return false }
        let used = Set(module.declaration.uses.map(\.value))
        func wired(_ value: Value) -> Bool {
            guard case let .output(reference) = value else { return false }
            return reference.path.isEmpty && reference.output == name && used.contains(reference.module)
        }
        switch value(name) {
        case let .list(elements) where !elements.isEmpty: return !elements.allSatisfy(wired)
        case let single: return !wired(single)
        }
    }

    /// Where a value inside an explicit setting was written (`queues[1].name`): the deepest node
    /// of `path` present in the source, or the setting itself when its value came from elsewhere.
    private func location(_ name: String, _ path: [Accessor]) -> SourceLocation {
        guard isExplicit(name), var node = module.declaration.settings.first(where: { $0.key == name })?.value else {
            return location(name)
        }
        for step in path {
            let next: YAMLNode? =
                switch step {
                case let .index(index): node.elements.flatMap { $0.indices.contains(index) ? $0[index] : nil }
                case let .key(key): node[key]
                }
            guard let next else { break }
            node = next
        }
        return node.location
    }

    /// Whether `value` reads an output of a module that did not become an entity (its errors are
    /// reported already): what reads it is skipped, not reported again.
    func readsUnlowered(_ value: Value) -> Bool {
        value.outputReferences.contains { context.entities[$0.module] == nil }
    }

    /// Whether `value` reads an output of a module that did not lower, or lowered with errors:
    /// rules about the whole of what it holds (a cluster has a default partition) hold back.
    func readsIncomplete(_ value: Value) -> Bool {
        value.outputReferences.contains { context.entities[$0.module] == nil || context.flawed.contains($0.module) }
    }

    /// Whether the module uses a module that never resolved (an unknown source or id, reported
    /// already): inputs it would have wired are missing, and are not reported again.
    var usesUnresolved: Bool {
        module.declaration.uses.contains { context.resolved.module($0.value) == nil }
    }

    /// A value hpcc must know at compile time; reports when it comes from Terraform.
    private func literal(_ name: String, diagnostics: inout Diagnostics) -> Value? {
        let value = value(name)
        if value.isLiteral { return value }
        // Module outputs known at compile time, alone or inside a list, map or string (a runner's content
        // naming a partition).
        if let known = value.substitutingKnown({ context.known($0) }), known.isLiteral {
            return known
        }
        if readsUnlowered(value) { return nil }
        diagnostics.report(
            .notKnownAtCompileTime, "setting '\(name)' of module '\(id)' must be known at compile time",
            at: location(name),
            help: "hpcc derives names, shapes and Slurm configuration from it; give it a literal value or a variable")
        return nil
    }

    /// The setting's literal value; nil when it is null or could not be read (reported).
    func read<T>(_ key: SettingKey<T>, diagnostics: inout Diagnostics) -> T? {
        literal(key.name, diagnostics: &diagnostics).flatMap { $0.isNull ? nil : T(setting: $0) }
    }

    /// A setting the schema gives a default: its value, or the default when the read failed
    /// (reported), so that Lower goes on and finds the blueprint's other mistakes. The default is
    /// the schema's, stated nowhere else.
    func read<T>(defaulted key: SettingKey<T>, diagnostics: inout Diagnostics) -> T {
        guard
            let value = read(key, diagnostics: &diagnostics)
                ?? schema.setting(key.name)?.defaultValue.flatMap(T.init(setting:))
        else {
            preconditionFailure("setting '\(key.name)' of \(schema.source) has no default of type \(T.self)")
        }
        return value
    }

    /// Where the setting was written, or the module when it was not.
    func location<T>(_ key: SettingKey<T>) -> SourceLocation { location(key.name) }

    /// Whether the blueprint sets it; see `isChosen`.
    func isExplicit<T>(_ key: SettingKey<T>) -> Bool { isExplicit(key.name) }

    /// Whether the blueprint chose a value of its own; see `isChosen(_:)`.
    func isChosen<T>(_ key: SettingKey<T>) -> Bool { isChosen(key.name) }

    /// The resolved value, whatever it holds (module outputs, Terraform text).
    func value<T>(_ key: SettingKey<T>) -> Value { value(key.name) }

    /// The setting as Terraform text (module outputs and `((...))` kept).
    func text(_ key: SettingKey<String>) -> TerraformText? { text(key.name) }

    /// A setting the schema gives a default, as Terraform text; the default is the schema's,
    /// stated nowhere else.
    func text(defaulted key: SettingKey<String>) -> TerraformText {
        guard let text = text(key) ?? schema.setting(key.name)?.defaultValue.map(text(from:)) else {
            preconditionFailure("setting '\(key.name)' of \(schema.source) has no default")
        }
        return text
    }

    /// Where a value inside the setting was written; see `location(_:_:)`.
    func location<T>(_ key: SettingKey<T>, _ path: [Accessor]) -> SourceLocation { location(key.name, path) }

    /// The resolved value of a setting whatever type it is read as; see `AnySettingKey`.
    func value(_ key: AnySettingKey) -> Value { value(key.name) }

    /// Where a setting whatever type it is read as was written; see `AnySettingKey`.
    func location(_ key: AnySettingKey) -> SourceLocation { location(key.name) }

    /// Whether the blueprint sets a setting whatever type it is read as; see `AnySettingKey`.
    func isExplicit(_ key: AnySettingKey) -> Bool { isExplicit(key.name) }

    /// Whether the blueprint chose a value of its own for a setting whatever type it is read as; see `isChosen(_:)`.
    func isChosen(_ key: AnySettingKey) -> Bool { isChosen(key.name) }

    /// A value hpcc must know at compile time, whatever its shape; see `literal(_:diagnostics:)`.
    func literal<T>(_ key: SettingKey<T>, diagnostics: inout Diagnostics) -> Value? {
        literal(key.name, diagnostics: &diagnostics)
    }

    /// A string that may hold module outputs and Terraform expressions.
    private func text(_ name: String) -> TerraformText? {
        let value = value(name)
        return value.isNull ? nil : text(from: value)
    }

    /// Converts a string-typed value to Terraform text.
    func text(from value: Value) -> TerraformText {
        switch value {
        case let .output(reference):
            return TerraformText(parts: [.reference(moduleReference(reference))])
        case let .template(parts):
            return TerraformText(
                parts: parts.map { part in
                    switch part {
                    case let .literal(text): .literal(text)
                    case let .output(reference): .reference(moduleReference(reference))
                    case let .terraform(text): .raw(text)
                    }
                })
        case let .terraform(text):
            return TerraformText(parts: [.raw(text)])
        default:
            return TerraformText(Conformance.scalarText(value) ?? "")
        }
    }

    func moduleReference(_ reference: OutputReference) -> ModuleReference {
        ModuleReference(
            module: reference.module, output: reference.output, path: reference.path,
            known: context.known(reference), merged: reference.merged)
    }

    /// The module's labels: hpcc's, then vars.labels and the module's own (already merged by Resolve).
    /// A label that breaks its cloud's rules is reported where it is written: one from vars.labels
    /// once, at the variable, however many modules it reaches.
    func origin(diagnostics: inout Diagnostics) -> Origin {
        // Modules whose resources take no labels (a partition) declare no `labels` setting.
        let labels =
            schema.setting(CommonKey.labels.name) == nil
            ? [:] : read(defaulted: CommonKey.labels, diagnostics: &diagnostics)
        let aws = schema.cloud == .aws
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) {
            guard
                aws
                    ? !AWSTags.isValid(key: key, value: value)
                    : !GCPLabels.isValidKey(key) || !GCPLabels.isValidValue(value)
            else { continue }
            let shared = context.resolved.blueprint.variable("labels")
            let sharedValues = context.resolved.variables["labels"]?.map ?? [:]
            let kind = aws ? "AWS tag" : "GCP label"
            let help =
                aws
                ? "keys: 1-128 characters, not starting with 'aws:'; values: at most 256 characters"
                : """
                keys: a lowercase letter, then up to 62 lowercase letters, digits, '_' or '-'; values: up to 63 of \
                the same
                """
            if let shared, sharedValues[key] == .string(value) {
                diagnostics.report(
                    .invalidName, "'\(key): \(value)' in vars.labels is not a valid \(kind)", at: shared.value.location,
                    help: help)
            } else {
                diagnostics.report(
                    .invalidName,
                    "\(aws ? "tag" : "label") '\(key): \(value)' of module '\(id)' is not a valid \(kind)",
                    at: location(CommonKey.labels), help: help)
            }
        }
        return context.origin(of: module, userLabels: labels)
    }

    /// The entity of the module an output reference points at.
    func entity(of value: Value) -> (ModuleID, LoweredEntity)? {
        guard case let .output(reference) = value, let entity = context.entities[reference.module] else { return nil }
        return (reference.module, entity)
    }
}

/// AWS tag rules (looser than GCP labels: any case, spaces and most punctuation are fine).
enum AWSTags {
    static func isValid(key: String, value: String) -> Bool {
        (1...128).contains(key.count) && value.count <= 256 && !key.lowercased().hasPrefix("aws:")
    }
}
