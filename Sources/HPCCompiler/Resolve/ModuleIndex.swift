/// Every declared module by id, with its schema when the source is built in.
struct ModuleIndex {
    let declarations: [ModuleID: ModuleDeclaration]
    let schemas: [ModuleID: ModuleSchema]
    /// Ids in declaration order.
    let ids: [ModuleID]

    /// Indexes `modules`; a repeated id is reported and the first declaration wins.
    init(_ modules: [ModuleDeclaration], catalog: ModuleCatalog, diagnostics: inout Diagnostics) {
        var declarations: [ModuleID: ModuleDeclaration] = [:]
        var schemas: [ModuleID: ModuleSchema] = [:]
        var ids: [ModuleID] = []
        for module in modules {
            if let first = declarations[module.id.value] {
                diagnostics.report(
                    .duplicateName, "module id '\(module.id.value)' is already used", at: module.id.location,
                    notes: [DiagnosticNote("first used here", at: first.id.location)])
                continue
            }
            declarations[module.id.value] = module
            ids.append(module.id.value)
            if let schema = catalog.module(module.source.value) {
                schemas[module.id.value] = schema
            } else if let toolkit = ToolkitSource(module.source.value), let schema = catalog.module(toolkit.path) {
                schemas[module.id.value] = schema
                diagnostics.report(
                    .toolkitRelease,
                    """
                    module source '\(module.source.value)' is the Cluster Toolkit's \(toolkit.path)\
                    \(toolkit.ref.map { " at \($0)" } ?? ""); hpcc compiles its built-in \(toolkit.path), which \
                    follows the Toolkit's current settings
                    """,
                    at: module.source.location, help: "write source: \(toolkit.path)")
            } else if !module.source.value.isEmpty {
                Self.reportUnknownSource(module.source, catalog: catalog, diagnostics: &diagnostics)
            }
        }
        self.declarations = declarations
        self.schemas = schemas
        self.ids = ids
    }

    private static func reportUnknownSource(
        _ source: Located<String>, catalog: ModuleCatalog, diagnostics: inout Diagnostics
    ) {
        let path = source.value
        if path.hasPrefix("./") || path.hasPrefix("../") || path.hasPrefix("/") {
            diagnostics.report(
                .unknownSource, "local module '\(path)' is not supported yet; hpcc compiles only its built-in modules",
                at: source.location, help: "run `hpcc modules` to list them")
        } else {
            let correction = Suggestion.correction(for: path, at: source.location, in: catalog.sources)
            diagnostics.report(
                .unknownSource, "unknown module source '\(path)'", at: source.location,
                help: correction.help ?? "run `hpcc modules` to list the built-in modules", fixes: correction.fixes)
        }
    }

    /// The help line and fix suggesting a module id close to `id`, written at `location`; no fix
    /// naming an id of `taken` (the module itself, or one its `use` lists already).
    func correction(for id: String, at location: SourceLocation, taken: Set<ModuleID>) -> Correction {
        Suggestion.correction(for: id, at: location, in: ids.map(\.rawValue), taken: Set(taken.map(\.rawValue)))
    }

    /// The module id closest to `id`, if plausible.
    func closest(to id: String) -> ModuleID? {
        Suggestion.closest(to: id, in: ids.map(\.rawValue)).map { ModuleID($0) }
    }

    /// True when `module` is declared but hpcc has no schema for it (its source was reported).
    func isUnknown(_ module: ModuleID) -> Bool {
        declarations[module] != nil && schemas[module] == nil
    }
}
