/// Every built-in module, in the order `hpcc modules` shows them: Google Cloud's, then AWS's, then
/// those for machines that exist already, each by source path. The list is `declared`, which the
/// ModuleRegistry build plugin writes from the `BuiltInModule` types in `Modules/`, so a module is
/// listed by being written; `ModuleCatalog` and Lower's dispatch derive from it.
enum BuiltInModules {
    static let all: [any BuiltInModule.Type] = declared.sorted { first, second in
        let (one, other) = (first.schema, second.schema)
        return (rank(one.cloud), one.source) < (rank(other.cloud), other.source)
    }

    private static func rank(_ cloud: Cloud) -> Int {
        switch cloud {
        case .gcp: 0
        case .aws: 1
        case .any: 2
        case .onPremises: 3
        }
    }

    private static let bySource: [String: any BuiltInModule.Type] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.schema.source, $0) })

    /// The module at `source`.
    static func definition(_ source: String) -> (any BuiltInModule.Type)? {
        bySource[source]
    }
}
