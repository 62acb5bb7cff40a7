import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// The Cluster Toolkit's own examples, read from `../shared` (never copied here).
@Suite struct UpstreamExampleTests {
    /// Compiles an upstream example the way `hpcc validate` does, with the project it leaves open.
    static func compile(_ path: String, in folder: URL) throws -> CompileResult {
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        return Compiler().compile(SourceFile(name: path, text: text), variables: ["project_id=demo-project"])
    }

    static func folder(_ test: String) -> URL? {
        switch SharedFolder.upstream(for: test) {
        case let .success(folder): return folder
        case let .failure(reason):
            if reason.mandatory { Issue.record("\(reason.message)") }
            return nil
        }
    }

    /// hpc-slurm-kms.yaml asks for customer-managed keys: it must not build without them.
    @Test func theKMSExampleFailsNamingTheDiskKey() throws {
        guard let folder = Self.folder("UpstreamExampleTests.theKMSExampleFailsNamingTheDiskKey") else { return }
        let result = try Self.compile("community/examples/hpc-slurm-kms.yaml", in: folder)
        #expect(!result.succeeded)
        #expect(result.files.isEmpty)
        #expect(!result.diagnostics.contains { $0.code == .settingNoEffect })
        let unsupported = result.diagnostics.filter { $0.code == .settingNotSupported }
        #expect(
            unsupported.contains { $0.message.hasPrefix("setting 'disk_encryption_key' of module 'debug_nodeset'") })
        #expect(
            unsupported.contains { $0.message.hasPrefix("setting 'slurm_bucket_kms_key' of module 'slurm_controller'") }
        )
        #expect(unsupported.count == 6, "\(unsupported.map(\.message))")
    }
}
