import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// Each built-in module is one `BuiltInModule` type, listed once; what the compiler cannot check
/// about that is checked here.
@Suite("Built-in modules")
struct BuiltInModuleTests {
    /// The ModuleRegistry build plugin lists the modules from their declaration lines. A module
    /// it missed (declared in another shape, or made a module by an extension) would never lower:
    /// every type the library makes a `BuiltInModule`, found more loosely here, is on the list.
    @Test func everyModuleTypeIsListed() throws {
        let folder = Repository.root.appendingPathComponent("Sources/HPCCompiler")
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
        var declared: Set<String> = []
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n") where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
                let words = line.split(whereSeparator: { " ,:{".contains($0) })
                guard let kind = words.firstIndex(where: { ["enum", "struct", "class", "extension"].contains($0) }),
                    words.indices.contains(kind + 1), words[(kind + 2)...].contains("BuiltInModule")
                else { continue }
                declared.insert(String(words[kind + 1]))
            }
        }
        let listed = BuiltInModules.all.map { String(describing: $0) }
        #expect(Set(listed) == declared, "not listed: \(declared.subtracting(listed).sorted())")
        #expect(Set(listed).count == listed.count, "listed twice")
        let sources = BuiltInModules.all.map { $0.schema.source }
        #expect(Set(sources).count == sources.count, "two modules share a source")
        #expect(ModuleCatalog.builtIn.sources == sources)
    }

    /// The outputs a module exposes by default are outputs it declares, each once.
    @Test func defaultOutputsAreDeclared() {
        for module in BuiltInModules.all {
            let names = module.defaultOutputNames
            #expect(Set(names).count == names.count, "\(module.schema.source)")
            for name in names {
                #expect(module.schema.output(name) != nil, "\(module.schema.source): \(name)")
            }
        }
    }

    /// Every output of every module that lowered has a value: a Terraform expression over its
    /// resources, or a value Lower knows at compile time. Nothing becomes `null` unnoticed.
    @Test(arguments: Repository.blueprintNames)
    func everyOutputHasAValue(_ name: String) throws {
        let result = try Repository.compile(name)
        let deployment = try #require(result.deployment, "\(name) does not compile")
        #expect(!deployment.modules.isEmpty)
        let index = DeploymentIndex(deployment)
        for (module, lowered) in deployment.modules {
            let definition = try #require(BuiltInModules.definition(lowered.source))
            for output in definition.schema.outputs {
                let value = index.value(of: output.name, module: module, path: [])
                #expect(value != nil, "\(name): \(module).\(output.name) has no value")
                if value == .known, lowered.entity.as(SharedFilesystem.self)?.backing.isCreatedByParallelCluster == true
                {
                    // Storage ParallelCluster creates with its cluster has no resource here and no
                    // compile-time id: its outputs have no value, and none is exposed.
                    #expect(
                        !deployment.exposedOutputs.contains { $0.reference.module == module },
                        "\(name): \(module).\(output.name) is exposed")
                } else if value == .known {
                    #expect(
                        lowered.known(output.name) != nil,
                        "\(name): \(module).\(output.name) has no Terraform expression and Lower knows no value for it")
                }
            }
        }
    }

    /// Reading an output nothing gives a value is an internal error, never `null` in the root.
    @Test func anOutputWithNoValueStopsTheBuild() throws {
        var deployment = try #require(try Repository.compile("gcp-slurm").deployment)
        let id = try #require(deployment.modules.first { $0.value.source == SlurmControllerModule.schema.source }?.key)
        deployment.modules[id]?.knownOutputs = [:]
        deployment.exposedOutputs.append(
            ExposedModuleOutput(
                reference: ModuleReference(module: id, output: "slurm_bucket_name", path: [], known: nil),
                description: nil, sensitive: false
            ))
        let emitted = TerraformEmitter.emit(deployment, catalog: .builtIn)
        #expect(emitted.unexpressed.map(\.output) == ["slurm_bucket_name"])
    }
}
