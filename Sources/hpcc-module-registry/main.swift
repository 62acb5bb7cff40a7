import Foundation

// Writes `BuiltInModules.declared`: the types that conform to `BuiltInModule` in the Swift files
// given, found by their declaration line (`enum Name: BuiltInModule {`, `struct Name: …`). Run by
// the ModuleRegistry build plugin; the order of the list is the types' names, and the library
// orders the catalog itself.
let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: hpcc-module-registry OUTPUT FILE...\n".utf8))
    exit(2)
}
var names: [String] = []
for path in arguments.dropFirst() {
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        FileHandle.standardError.write(Data("hpcc-module-registry: cannot read \(path)\n".utf8))
        exit(1)
    }
    for line in text.split(separator: "\n") {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "{" })
        guard let kind = words.firstIndex(where: { $0 == "enum" || $0 == "struct" }), words.indices.contains(kind + 2),
            words[kind + 1].hasSuffix(":"), words[(kind + 2)...].contains("BuiltInModule")
        else { continue }
        names.append(String(words[kind + 1].dropLast()))
    }
}
let entries = names.sorted().map { "        \($0).self," }.joined(separator: "\n")
let source = """
    // Generated at build time by the ModuleRegistry plugin from the BuiltInModule types in
    // Sources/HPCCompiler/Modules; do not edit.

    extension BuiltInModules {
        /// Every `BuiltInModule` type declared in the library.
        static let declared: [any BuiltInModule.Type] = [
    \(entries)
        ]
    }

    """
// Rewritten only when it changes, so an unchanged list does not recompile the library.
if (try? String(contentsOfFile: output, encoding: .utf8)) != source {
    do {
        try source.write(toFile: output, atomically: true, encoding: .utf8)
    } catch {
        FileHandle.standardError.write(Data("hpcc-module-registry: cannot write \(output): \(error)\n".utf8))
        exit(1)
    }
}
