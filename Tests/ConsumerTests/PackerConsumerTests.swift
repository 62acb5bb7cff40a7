import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// Every emitted Packer template passes `packer validate` (Debian's packer 1.6), syntax and full.
@Suite("packer validates every emitted image template")
struct PackerConsumerTests {
    @Test(arguments: Repository.blueprintNames)
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

    /// The Cluster Toolkit's own image examples compile unchanged, and Packer accepts what they become.
    @Test(arguments: [
        "examples/image-builder.yaml", "community/examples/hpc-build-slurm-image.yaml",
        "community/examples/hpc-slurm6-apptainer.yaml",
    ])
    func upstreamImageExamplesValidate(_ path: String) throws {
        let folder: URL
        switch SharedFolder.upstream(for: "PackerConsumerTests.upstreamImageExamplesValidate") {
        case let .success(found): folder = found
        case let .failure(reason):
            if reason.mandatory { Issue.record("\(reason.message)") }
            return
        }
        let text = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
        let result = Compiler().compile(SourceFile(name: path, text: text), variables: ["project_id=demo-project"])
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        let templates = PackerCheck.templates(in: result.files.map(\.path))
        #expect(templates.count == 1)
        guard PackerCheck.executable != nil || ConsumerTools.required else {
            return ConsumerTools.record(
                path, "packer validate",
                ConsumerTools.skipped("packer validate for \(path)", because: PackerCheck.Unavailable().description))
        }
        let written = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: written) }
        for template in templates {
            #expect(throws: Never.self) {
                try PackerCheck.validate(folder: written.appendingPathComponent(template).deletingLastPathComponent())
            }
        }
        ConsumerTools.record(path, "packer validate", "\(templates.count) template(s) accepted")
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
