import ArgumentParser
import Foundation
import HPCCompiler

/// `hpcc modules`: list the built-in modules, show one, or export the catalog.
struct Modules: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List, show or export the built-in modules.")

    @Argument(help: "A module source to show in full.")
    var source: String?

    @Option(help: "Write module.yaml and README.md for every module under this folder.")
    var export: String?

    func run() throws {
        let catalog = ModuleCatalog.builtIn
        if let export {
            for file in CatalogExport.files(catalog) {
                let url = URL(fileURLWithPath: export).appendingPathComponent(file.path)
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url)
            }
            print("hpcc: exported \(catalog.modules.count) modules to \(export)")
            return
        }
        if let source {
            guard let schema = catalog.module(source) else {
                Report.stderr("hpcc: unknown module source '\(source)'\n")
                throw ExitCode(2)
            }
            print(CatalogExport.readme(schema), terminator: "")
            return
        }
        let rows = [("SOURCE", "CLOUD", "SUMMARY")] + catalog.modules.map { ($0.source, $0.cloud.rawValue, $0.summary) }
        let sourceWidth = rows.map(\.0.count).max() ?? 0
        let cloudWidth = rows.map(\.1.count).max() ?? 0
        for (source, cloud, summary) in rows {
            print(
                source.padding(toLength: sourceWidth, withPad: " ", startingAt: 0) + "  "
                    + cloud.padding(toLength: cloudWidth, withPad: " ", startingAt: 0) + "  " + summary)
        }
    }
}
