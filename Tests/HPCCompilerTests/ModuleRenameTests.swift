import Foundation
import Testing
import TestSupport

@testable @_spi(Tools) import HPCCompiler

/// A module whose id is renamed keeps its resources: the new build, made as the successor of the
/// old one, carries `moved` blocks, and only a true rename (same group, source, settings) counts.
@Suite("hpcc diff: module renames")
struct ModuleRenameTests {
    private func build(_ text: String, replacing previous: DeploymentSnapshot? = nil) throws -> CompileResult {
        let result = Compiler().compile(SourceFile(name: "aws-hpc-storage.yaml", text: text))
        #expect(result.succeeded, "\(result.diagnostics)")
        return previous.map { result.replacing($0) } ?? result
    }

    private var storage: String {
        get throws { try String(contentsOf: Repository.blueprints.appendingPathComponent("aws-hpc-storage.yaml")) }
    }

    private func moves(_ result: CompileResult) -> [String] {
        let root = result.files.first { $0.path == "storage/main.tf.json" }.flatMap { JSONText.parse($0.text) }
        return TerraformChanges.moves(root).map { "\($0.from) -> \($0.to)" }
    }

    @Test func aRenamedModulesResourcesMoveAndTheManifestListsTheRewrittenRoot() throws {
        let old = try build(storage)
        let renamed = try storage.replacingOccurrences(of: "- id: home\n", with: "- id: homefs\n")
        let new = try build(renamed, replacing: DeploymentSnapshot(files: old.files))
        #expect(
            moves(new) == [
                "aws_efs_backup_policy.home -> aws_efs_backup_policy.homefs",
                "aws_efs_file_system.home -> aws_efs_file_system.homefs",
                "aws_efs_mount_target.home_0 -> aws_efs_mount_target.homefs_0",
                "aws_efs_mount_target.home_1 -> aws_efs_mount_target.homefs_1",
                "aws_security_group.home -> aws_security_group.homefs",
                "aws_vpc_security_group_ingress_rule.home_nfs -> aws_vpc_security_group_ingress_rule.homefs_nfs",
            ])
        let manifest = try #require(new.files.first { $0.path == "hpcc-manifest.json" }?.text)
        let root = try #require(new.files.first { $0.path == "storage/main.tf.json" })
        #expect(manifest.contains(Digest.sha256(root.contents)))

        // Built again before anyone applied it, the moves stay; built with no predecessor, none are made.
        let again = try build(renamed, replacing: DeploymentSnapshot(files: new.files))
        #expect(moves(again) == moves(new))
        #expect(again.files == new.files)
        #expect(moves(try build(renamed)).isEmpty)
    }

    @Test func aModuleRemovedAndAnotherAddedWithOtherSettingsIsNoRename() throws {
        let old = try build(storage)
        let other = try storage.replacingOccurrences(of: "- id: home\n", with: "- id: homefs\n")
            .replacingOccurrences(of: "transition_to_ia: AFTER_30_DAYS", with: "transition_to_ia: AFTER_60_DAYS")
        let new = try build(other, replacing: DeploymentSnapshot(files: old.files))
        #expect(moves(new).isEmpty)
        let report = DeploymentChanges.compare(
            DeploymentSnapshot(files: old.files), DeploymentSnapshot(files: new.files))
        #expect(report.terraform.contains { $0.action == .destroy && $0.address == "aws_efs_file_system.home" })
        #expect(report.destroysData)
    }

    @Test func aResourceBelongsToTheLongestModuleIdItsNameStartsWith() {
        let renames = [ModuleRenames.Rename(group: "g", from: "net", to: "cluster_net")]
        let ids = ["net", "net_private"]
        #expect(ModuleRenames.movedAddress("aws_vpc.net", renames: renames, ids: ids) == "aws_vpc.cluster_net")
        #expect(
            ModuleRenames.movedAddress("aws_subnet.net_0", renames: renames, ids: ids) == "aws_subnet.cluster_net_0")
        #expect(ModuleRenames.movedAddress("aws_subnet.net_private_0", renames: renames, ids: ids) == nil)
        #expect(ModuleRenames.movedAddress("aws_vpc.network", renames: renames, ids: ids) == nil)
    }

    @Test func aRenamedModuleThatOthersUseIsStillARename() throws {
        let old = try build(storage)
        let renamed = try storage.replacingOccurrences(of: "- id: network\n", with: "- id: vpc\n")
            .replacingOccurrences(of: "use: [network]", with: "use: [vpc]")
        let new = try build(renamed, replacing: DeploymentSnapshot(files: old.files))
        #expect(moves(new).contains("aws_vpc.network -> aws_vpc.vpc"))
        let report = DeploymentChanges.compare(
            DeploymentSnapshot(files: old.files), DeploymentSnapshot(files: new.files))
        #expect(!report.terraform.contains { $0.action == .destroy || $0.action == .create }, "\(report.text)")
    }
}
