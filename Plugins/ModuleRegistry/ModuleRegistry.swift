import PackagePlugin

/// Lists the library's built-in modules at build time: every `BuiltInModule` type declared under
/// `Sources/HPCCompiler/Modules` becomes an entry of `BuiltInModules.declared`, so adding a module
/// is writing its one file, with no registry to edit by hand.
@main
struct ModuleRegistry: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let modules = target.sourceFiles(withSuffix: "swift").map(\.url).filter { $0.path.contains("/Modules/") }
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltInModules+Declared.swift")
        return [
            .buildCommand(
                displayName: "Listing the built-in modules of \(target.name)",
                executable: try context.tool(named: "hpcc-module-registry").url,
                arguments: [output.path] + modules.map(\.path),
                inputFiles: modules,
                outputFiles: [output]
            )
        ]
    }
}
