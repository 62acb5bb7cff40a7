import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `ghpc_stage(PATH)`: the file or folder lands in the deployment's `staged/` folder, the call's
/// value is its path from a group's folder, and a runner whose `source` is inside it reads it.
@Suite struct StagedFileTests {
    static let blueprint = miniPlus(
        """
          - id: startup
            source: modules/scripts/startup-script
            settings:
              runners:
              - {type: shell, destination: one.sh, source: $(ghpc_stage("tools/one.sh"))}
              - {type: shell, destination: two.sh, source: $(vars.kit)/two.sh}

        """
    ).replacingOccurrences(of: "use: [network]", with: "use: [network, startup]")
        .replacingOccurrences(
            of: "  zone: us-central1-a\n", with: "  zone: us-central1-a\n  kit: $(ghpc_stage(\"kit\"))\n")

    static let files = BlueprintFiles.memory([
        "bp/tools/one.sh": "echo one\n", "bp/kit/two.sh": "echo two\n", "bp/kit/sub/three.txt": "3\n",
    ])

    @Test func stagedFilesAreCopiedAndReadByRunners() throws {
        let result = Compiler(files: Self.files).compile(SourceFile(name: "bp/test.yaml", text: Self.blueprint))
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        let one = StagedFile("tools/one.sh", at: SourceLocation(file: "", line: 1, column: 1))
        let kit = StagedFile("kit", at: SourceLocation(file: "", line: 1, column: 1))
        #expect(one.destination.hasPrefix("staged/one.sh_") && one.destination.count == "staged/one.sh_".count + 10)
        #expect(one.value == "../" + one.destination)
        #expect(result.file(one.destination) == "echo one\n")
        #expect(result.file(kit.destination + "/two.sh") == "echo two\n")
        #expect(result.file(kit.destination + "/sub/three.txt") == "3\n")
        let scripts = result.files.filter { !$0.path.hasPrefix("staged/") }.map(\.text).joined()
        #expect(scripts.contains("echo one") && scripts.contains("echo two"))
    }

    @Test func aMissingStagedFileIsAnErrorAtTheCall() {
        let result = Compiler(files: .memory([:])).compile(SourceFile(name: "bp/test.yaml", text: Self.blueprint))
        let staged = result.diagnostics.filter { $0.message.hasPrefix("ghpc_stage() cannot copy") }
        #expect(staged.count == 2)
        #expect(staged.allSatisfy { $0.code == .includedFileUnreadable && $0.location?.file == "bp/test.yaml" })
        #expect(!result.succeeded)
    }

    @Test func theSamePathAlwaysStagesToTheSamePlace() {
        let here = SourceLocation(file: "a", line: 1, column: 1)
        #expect(StagedFile("x/run.sh", at: here).destination == StagedFile("x/run.sh", at: here).destination)
        #expect(StagedFile("x/run.sh", at: here).destination != StagedFile("y/run.sh", at: here).destination)
        #expect(StagedFile("..", at: here).destination.hasPrefix("staged/file_"))
    }
}
