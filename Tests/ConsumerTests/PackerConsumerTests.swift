import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// Every emitted Packer template passes `packer validate` (Debian's packer 1.6), syntax and full:
/// those of the shipped blueprints and of every upstream example that compiles (`ctk:<path>`).
@Suite("packer validates every emitted image template")
struct PackerConsumerTests {
    @Test(arguments: Repository.checkedBlueprints)
    func templatesValidate(_ name: String) throws {
        let result = try Repository.compile(name)
        let deployment = try #require(result.deployment)
        let templates = PackerCheck.templates(in: result.files.map(\.path))
        #expect(templates.count == deployment.packerImages.count)
        guard !templates.isEmpty else { return ConsumerTools.record(name, "packer validate", "no packer group") }
        guard PackerCheck.executable != nil || ConsumerTools.required else {
            return ConsumerTools.record(
                name, "packer validate",
                ConsumerTools.skipped("packer validate for \(name)", because: PackerCheck.Unavailable().description))
        }
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        for template in templates {
            let directory = folder.appendingPathComponent(template).deletingLastPathComponent()
            #expect(throws: Never.self) { try PackerCheck.validate(folder: directory) }
        }
        ConsumerTools.record(name, "packer validate", "\(templates.count) template(s) accepted")
    }

    /// The check can fail: an argument the googlecompute builder does not have is rejected.
    @Test(.enabled(if: PackerCheck.executable != nil || ConsumerTools.required, "packer is not installed"))
    func packerRejectsAnUnknownArgument() throws {
        let result = try Repository.compile("gcp-slurm-image")
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let template = folder.appendingPathComponent("image/builder/image.pkr.hcl")
        let text = try String(contentsOf: template, encoding: .utf8)
        try text.replacingOccurrences(of: "  zone = var.zone\n", with: "  zone = var.zone\n  zone_name = \"x\"\n")
            .write(to: template, atomically: true, encoding: .utf8)
        #expect(throws: PackerCheck.Rejection.self) {
            try PackerCheck.validate(folder: template.deletingLastPathComponent())
        }
    }
}
