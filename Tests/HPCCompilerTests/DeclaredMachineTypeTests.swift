import Testing

@_spi(Tools) @testable import HPCCompiler

/// `machine_types:`: a type newer than hpcc's catalog is declared with its shape and then used like
/// a catalog type; a type the catalog has keeps the catalog's facts.
@Suite struct DeclaredMachineTypeTests {
    static func blueprint(declarations: String, machine: String) -> String {
        mini("deployment_groups:", "machine_types:\n\(declarations)deployment_groups:")
            .replacingOccurrences(of: "machine_type: n2-standard-2", with: "machine_type: \(machine)")
    }

    @Test func aDeclaredTypeIsShapedAsDeclared() throws {
        let text = Self.blueprint(
            declarations:
                "  c9-standard-64: {vcpus: 64, memory_gb: 256, sockets: 2, gpu_type: nvidia-b300, gpu_count: 4}\n",
            machine: "c9-standard-64")
        let result = compile(text)
        #expect(result.succeeded, "\(positions(result.diagnostics))")
        let conf = try #require(result.file("slurm/slurm.conf"))
        // 64 vCPUs with SMT = 32 cores on two sockets; the nodeset runs one thread per core.
        #expect(
            conf.contains(
                "CPUs=32 Boards=1 SocketsPerBoard=2 CoresPerSocket=16 ThreadsPerCore=1 RealMemory=254064 "
                    + "Gres=gpu:b300:4 Features=c9,x86_64\n"))
        // The expanded blueprint declares it too, and compiles to the same slurm.conf.
        let expanded = try #require(result.file("expanded-blueprint.yaml"))
        #expect(expanded.contains("machine_types:\n  c9-standard-64:\n    vcpus: 64\n    memory_gb: 256"))
        #expect(compile(expanded, file: "expanded-blueprint.yaml").file("slurm/slurm.conf") == conf)
    }

    @Test func aTypeTheCatalogHasKeepsItsFacts() throws {
        let result = compile(
            Self.blueprint(declarations: "  n2-standard-2: {vcpus: 4, memory_gb: 64}\n", machine: "n2-standard-2"))
        #expect(positions(result.diagnostics) == ["8:3 HPC2009"])
        #expect(
            result.diagnostics.first?.message
                == "machine type 'n2-standard-2' is in hpcc's catalog (2 vCPUs, 8 GiB); its declaration is not used")
        #expect(try #require(result.file("slurm/slurm.conf")).contains("CPUs=1 Boards=1"))
    }

    @Test func aBadDeclarationIsReportedWhereItIsWritten() {
        let result = compile(
            Self.blueprint(
                declarations: """
                      bad_name: {vcpus: 2, memory_gb: 4}
                      c9-a-2: {vcpus: 0, memory_gb: 4, colour: red}
                      c9-b-2: {memory_gb: 4}
                      c9-c-6: {vcpus: 6, memory_gb: 4, sockets: 4, threads_per_core: 2}

                    """, machine: "n2-standard-2"))
        #expect(
            positions(result.diagnostics) == [
                "8:3 HPC2011", "9:19 HPC2007", "9:36 HPC2001", "10:11 HPC2002", "11:45 HPC2007",
            ])
    }

    /// An unknown type of a known family names the sizes the catalog has and the way to declare one.
    @Test func anUnknownTypeNamesTheFamilysSizes() throws {
        let result = compile(mini("machine_type: n2-standard-2", "machine_type: h4d-highmem-190"))
        let diagnostic = try #require(result.diagnostics.first { $0.code == .unknownMachineType })
        #expect(diagnostic.message == "unknown machine type 'h4d-highmem-190'")
        #expect(
            diagnostic.help
                == """
                did you mean 'h4d-highmem-192'? hpcc's catalog has h4d-highmem-{192}, h4d-standard-{192} (some also \
                -lssd); a type newer than hpcc's catalog can be declared under machine_types: with its vcpus and \
                memory_gb
                """)
    }
}
