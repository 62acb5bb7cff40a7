import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// Which files a compilation may read (startup-script runners' `source`): none for a library
/// caller unless granted; the blueprint's folder for the command line; anything only when asked.
@Suite struct FileAccessTests {
    static func blueprint(source: String) -> String {
        miniPlus(
            """
              - id: startup
                source: modules/scripts/startup-script
                settings:
                  runners:
                  - {type: data, destination: /etc/copied, source: "\(source)"}

            """
        ).replacingOccurrences(of: "use: [network]", with: "use: [network, startup]")
    }

    /// A folder holding a blueprint that reads `source`, a script beside it, and a link out of it.
    static func folder(source: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("scripts"), withIntermediateDirectories: true)
        try Data("inside\n".utf8).write(to: folder.appendingPathComponent("scripts/inside.sh"))
        try Data("outside\n".utf8).write(to: folder.appendingPathComponent("outside.txt"))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("scripts/link").path, withDestinationPath: "/etc/hostname")
        try Data(blueprint(source: source).utf8).write(to: folder.appendingPathComponent("scripts/bp.yaml"))
        return folder
    }

    @Test func theLibraryReadsNoFileUnlessGranted() {
        let result = compile(Self.blueprint(source: "/etc/hostname"))
        #expect(result.diagnostics.map(\.code) == [.includedFileUnreadable])
        #expect(
            result.diagnostics.first?.message
                == "runner 1 of module 'startup': source file '/etc/hostname' is not read: this compiler reads no files"
        )
        #expect(result.files.isEmpty)
        let relative = compile(Self.blueprint(source: "scripts/setup.sh"))
        #expect(
            relative.diagnostics.first?.message
                == """
                runner 1 of module 'startup': source file 'scripts/setup.sh' is not read: this compiler reads no \
                files
                """
        )
    }

    @Test(
        arguments: [
            ("inside.sh", BlueprintFiles.blueprintFolder, "inside\n"),
            ("./inside.sh", .blueprintFolder, "inside\n"),
            ("/etc/hostname", .blueprintFolder, nil),
            ("../outside.txt", .blueprintFolder, nil),
            ("sub/../../outside.txt", .blueprintFolder, nil),
            ("link", .blueprintFolder, nil),
            ("../outside.txt", .anyFile, "outside\n"),
        ] as [(String, BlueprintFiles, String?)])
    func theBlueprintFolderIsTheLimit(source: String, files: BlueprintFiles, expected: String?) throws {
        let folder = try Self.folder(source: source)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("scripts/bp.yaml").path
        let result = Compiler(files: files).compile(
            SourceFile(name: path, text: try String(contentsOfFile: path, encoding: .utf8)))
        if let expected {
            #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
            #expect(
                result.file("scripts/startup/startup.sh")?.contains(Data(expected.utf8).base64EncodedString()) == true)
        } else {
            #expect(
                result.diagnostics.map(\.message) == [
                    "runner 1 of module 'startup': source file '\(source)' is outside the blueprint's folder"
                ])
        }
    }
}
