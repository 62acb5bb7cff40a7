/// Required settings that nothing sets, reported once per setting rather than once per module:
/// a variable the blueprint forgot (or misspelled) is one mistake, however many modules need it.
struct MissingSettings {
    let missing: [(setting: String, module: ResolvedModule)]
    let blueprint: Blueprint
    /// Variables something read; a misspelled one is among those that nothing read.
    let used: Set<String>

    init(_ missing: [(setting: String, module: ResolvedModule)], blueprint: Blueprint, used: Set<String>) {
        self.missing = missing
        self.blueprint = blueprint
        self.used = used
    }

    /// Reports every missing setting; returns the variables found to be misspellings of one, which
    /// are accounted for (not also unused).
    func report(into diagnostics: inout Diagnostics) -> Set<String> {
        var order: [String] = []
        var modules: [String: [ResolvedModule]] = [:]
        for (setting, module) in missing {
            if modules[setting] == nil { order.append(setting) }
            modules[setting, default: []].append(module)
        }
        let unread = blueprint.variables.filter { !used.contains($0.name) }
        var misspellings = Set<String>()
        for setting in order {
            let needing = modules[setting]!
            let names = Self.list(needing.map { "'\($0.id)'" })
            // A variable nothing read whose name is a plausible misspelling of the setting.
            if let meant = Suggestion.closest(to: setting, in: unread.map(\.name)).flatMap({ name in
                unread.first { $0.name == name }
            }),
                !misspellings.contains(meant.name)
            {
                misspellings.insert(meant.name)
                diagnostics.report(
                    .missingSetting,
                    """
                    variable '\(meant.name)' is read by no module, and \(names) \
                    \(needing.count == 1 ? "needs" : "need") setting '\(setting)'
                    """,
                    at: meant.nameLocation, help: "did you mean '\(setting)'? rename the variable",
                    fixes: [DiagnosticFix(replacing: meant.name, at: meant.nameLocation, with: setting)])
                continue
            }
            guard needing.count > 1 else {
                let module = needing[0]
                diagnostics.report(
                    .missingSetting, "module '\(module.id)' (\(module.schema.source)) needs setting '\(setting)'",
                    at: module.declaration.id.location,
                    help: "set it under 'settings', add a variable '\(setting)', or 'use' a module that outputs it")
                continue
            }
            diagnostics.report(
                .missingSetting,
                "modules \(names) need setting '\(setting)', and no variable or used module provides it",
                at: needing[0].declaration.id.location,
                notes: needing.dropFirst().map {
                    DiagnosticNote("'\($0.id)' needs it too", at: $0.declaration.id.location)
                },
                help:
                    """
                    add a variable '\(setting)' under 'vars' (or pass --vars \(setting)=VALUE), or set it in each \
                    module
                    """
            )
        }
        return misspellings
    }

    /// `'a'`, `'a' and 'b'`, `'a', 'b' and 3 more`.
    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: ""
        case 1: items[0]
        case 2...3: items.dropLast().joined(separator: ", ") + " and " + items.last!
        default: items.prefix(2).joined(separator: ", ") + " and \(items.count - 2) more"
        }
    }
}
