/// The built-in modules, by source path.
public struct ModuleCatalog: Sendable {
    /// Every module, in the order `hpcc modules` lists them.
    public let modules: [ModuleSchema]

    /// The catalog hpcc ships.
    public static let builtIn = ModuleCatalog(modules: BuiltInModules.all.map { $0.schema })

    /// The module at `source`, if built in.
    public func module(_ source: String) -> ModuleSchema? {
        modules.first { $0.source == source }
    }

    /// Every source path.
    public var sources: [String] { modules.map(\.source) }
}
