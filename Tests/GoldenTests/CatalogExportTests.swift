import Foundation
import HPCCompiler
import Testing
import TestSupport

/// The committed modules/ folder is exactly what `hpcc modules --export modules/` writes from the
/// Swift catalog; a change to a schema without re-exporting fails here.
@Suite("Module catalog export")
struct CatalogExportTests {
    @Test func committedCopiesMatchTheCatalog() throws {
        let exported = CatalogExport.files(.builtIn)
        #expect(
            Repository.files(under: Repository.modules) == exported.map(\.path).sorted(),
            "run `swift run hpcc modules --export modules/`")
        for file in exported {
            let committed = FileManager.default.contents(
                atPath: Repository.modules.appendingPathComponent(file.path).path
            ).map { Array($0) }
            if committed != file.contents {
                Issue.record(
                    Comment(
                        rawValue: "modules/\(file.path) is stale: run `swift run hpcc modules --export modules/`\n"
                            + LineDiff.describe(
                                expected: committed.map { String(decoding: $0, as: UTF8.self) } ?? "", actual: file.text
                            )))
            }
        }
    }

    @Test func everyModuleDocumentsEverySetting() {
        for schema in ModuleCatalog.builtIn.modules {
            let readme = CatalogExport.readme(schema)
            for setting in schema.settings {
                #expect(readme.contains("`\(setting.name)`"), "\(schema.source) README lacks \(setting.name)")
            }
        }
    }
}
