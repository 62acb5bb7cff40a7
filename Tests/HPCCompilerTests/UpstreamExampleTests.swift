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

    /// hpc-slurm-ha.yaml keeps accounting in Cloud SQL over Private Service Connect: the database
    /// and the controller's `cloudsql` draw no diagnostic, and without the high-availability
    /// settings (another feature) the example builds with slurmdbd on the controller.
    @Test func theHAExamplesAccountingCompiles() throws {
        guard let folder = Self.folder("UpstreamExampleTests.theHAExamplesAccountingCompiles") else { return }
        let path = "community/examples/hpc-slurm-ha.yaml"
        let result = try Self.compile(path, in: folder)
        let accounting = result.diagnostics.filter {
            $0.message.contains("slurm_db") || $0.message.contains("cloudsql") || $0.code == .passwordInBlueprint
        }
        #expect(accounting.isEmpty, "\(accounting.map(\.message))")
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        let withoutHA = text.split(separator: "\n", omittingEmptySubsequences: false).filter { line in
            !["enable_backup_controller:", "controller_ha_type:", "backup_zone:", "- \"10.80.0.11\""].contains {
                line.trimmingCharacters(in: .whitespaces).hasPrefix($0)
            }
        }.joined(separator: "\n")
        let built = Compiler().compile(
            SourceFile(name: path, text: withoutHA), variables: ["project_id=demo-project"])
        #expect(built.diagnostics.isEmpty, "\(built.diagnostics.map(\.message))")
        let main = try #require(built.file("primary/main.tf.json"))
        #expect(main.contains("\"google_compute_forwarding_rule\""))
        #expect(built.file("slurm/slurmdbd.conf")?.contains("StorageUser=slurm\n") == true)
    }
}
