import Testing
@_spi(Tools) @testable import HPCCompiler

/// Disk types a machine family cannot attach are refused where they are written, or at the
/// machine type when the boot disk type is the module's default.
@Suite("Disk types per machine family")
struct DiskTypeTests {
    @Test func defaultPdStandardOnH3IsRefusedAtTheMachineType() {
        let result = compile(mini("machine_type: n2-standard-2", "machine_type: h3-standard-88"))
        #expect(positions(result.diagnostics) == ["16:21 HPC3028"])
        #expect(
            result.diagnostics.first?.message
                == """
                boot disk type pd-standard (the default) cannot be used with h3-standard-88: H3 machines do not \
                support pd-standard disks
                """
        )
        #expect(result.diagnostics.first?.help == "set disk_type: pd-balanced")
    }

    @Test func explicitTypesAreCheckedWhereWritten() {
        let cases: [(String, String, String)] = [
            ("c3-standard-8", "pd-standard", "C3 machines do not support pd-standard disks"),
            ("h3-standard-88", "pd-ssd", "H3 machines do not support pd-ssd disks"),
            ("n2-standard-32", "pd-extreme", "pd-extreme disks need an N2 machine with at least 64 vCPUs"),
            ("c2-standard-60", "hyperdisk-balanced", "C2 machines do not support Hyperdisk"),
            ("c3-standard-8", "hyperdisk-throughput", "only hyperdisk-balanced can be a boot disk"),
            ("n2-standard-8", "hyperdisk-balanced", "N2 machines cannot boot from Hyperdisk"),
            ("g2-standard-4", "pd-standard", "G2 machines do not support pd-standard disks"),
        ]
        for (machine, disk, reason) in cases {
            let result = compile(
                mini("machine_type: n2-standard-2", "machine_type: \(machine)\n      disk_type: \(disk)"))
            #expect(
                positions(result.diagnostics) == ["17:18 HPC3028"],
                "\(machine) \(disk): \(result.diagnostics.map(\.message))")
            #expect(result.diagnostics.first?.message.hasSuffix(reason) == true, "\(machine) \(disk)")
        }
        for (machine, disk) in [
            ("n2-standard-64", "pd-extreme"), ("c3-standard-8", "hyperdisk-balanced"), ("c3-standard-8", "pd-balanced"),
            ("n1-standard-4", "pd-standard"),
        ] {
            let result = compile(
                mini("machine_type: n2-standard-2", "machine_type: \(machine)\n      disk_type: \(disk)"))
            #expect(!result.diagnostics.contains { $0.code == .diskTypeUnsupported }, "\(machine) \(disk)")
        }
    }

    @Test func additionalDisksAreCheckedToo() {
        let text = mini(
            "machine_type: n2-standard-2",
            """
            machine_type: c3-standard-8\n      disk_type: pd-balanced\n      additional_disks:\n      - {disk_type: \
            pd-standard, disk_size_gb: 100}
            """
        )
        let result = compile(text)
        #expect(positions(result.diagnostics) == ["19:21 HPC3028"], "\(result.diagnostics.map(\.message))")
        #expect(
            result.diagnostics.first?.message
                == """
                additional disk type pd-standard cannot be used with c3-standard-8: C3 machines do not support \
                pd-standard disks
                """
        )
    }

    /// Why the catalog's `machine` cannot have a disk of `type`.
    private func refusal(_ machine: String, _ type: String, boot: Bool) -> String? {
        MachineCatalog.gcp.machine(machine)?.diskRefusal(type, boot: boot)
    }

    // Google's accelerator-optimized page, "Supported disk types for G4 instances": Hyperdisk only,
    // Hyperdisk Balanced the only boot disk type, Hyperdisk Extreme with two or more GPUs.
    @Test func g4BootsFromHyperdiskBalancedOnly() {
        #expect(refusal("g4-standard-48", "hyperdisk-balanced", boot: true) == nil)
        #expect(refusal("g4-standard-12", "hyperdisk-balanced", boot: true) == nil)
        #expect(refusal("g4-standard-48", "pd-standard", boot: true) == "G4 machines do not support pd-standard disks")
        #expect(refusal("g4-standard-48", "pd-balanced", boot: false) == "G4 machines do not support pd-balanced disks")
        #expect(
            refusal("g4-standard-48", "hyperdisk-ml", boot: true) == "G4 machines cannot boot from a hyperdisk-ml disk")
        #expect(refusal("g4-standard-48", "hyperdisk-throughput", boot: false) == nil)
        #expect(
            refusal("g4-standard-48", "hyperdisk-extreme", boot: false)
                == "G4 machines take hyperdisk-extreme disks only with two or more GPUs")
        #expect(refusal("g4-standard-96", "hyperdisk-extreme", boot: false) == nil)
    }

    // "Supported disk types for G2 instances": pd-balanced, pd-ssd, Hyperdisk ML and Throughput;
    // "Standard Persistent Disk (pd-standard) isn't supported", as a boot disk or any other.
    @Test func g2TakesNoPdStandardAndNoHyperdiskBalanced() {
        #expect(refusal("g2-standard-4", "pd-standard", boot: false) == "G2 machines do not support pd-standard disks")
        #expect(
            refusal("g2-standard-4", "hyperdisk-balanced", boot: true)
                == "G2 machines do not support hyperdisk-balanced disks")
        #expect(refusal("g2-standard-4", "pd-balanced", boot: true) == nil)
        #expect(refusal("g2-standard-4", "pd-ssd", boot: true) == nil)
        #expect(refusal("g2-standard-4", "hyperdisk-ml", boot: false) == nil)
        #expect(refusal("g2-standard-4", "local-ssd", boot: false) == nil)
    }

    // A3 Ultra is Hyperdisk only; A3 High, Mega and Edge take pd-balanced and pd-ssd but not
    // pd-standard; A2 takes pd-standard and, of Hyperdisk, only ML.
    @Test func a3UltraDiffersFromTheRestOfA3AndA2TakesPdStandard() {
        #expect(
            refusal("a3-ultragpu-8g", "pd-balanced", boot: true) == "A3 Ultra machines do not support pd-balanced disks"
        )
        #expect(refusal("a3-ultragpu-8g", "hyperdisk-balanced", boot: true) == nil)
        #expect(refusal("a3-highgpu-8g", "pd-balanced", boot: true) == nil)
        #expect(refusal("a3-highgpu-8g", "pd-standard", boot: true) == "A3 machines do not support pd-standard disks")
        #expect(refusal("a2-highgpu-1g", "pd-standard", boot: true) == nil)
        #expect(
            refusal("a2-highgpu-1g", "hyperdisk-balanced", boot: true)
                == "A2 machines do not support hyperdisk-balanced disks")
        #expect(
            refusal("a4-highgpu-8g", "local-ssd", boot: false)
                == "A4 machines get local SSDs only with their machine type (the -lssd types), not as added disks")
    }

    // The nodeset's default boot disk (pd-standard, as Cluster Toolkit's nodeset) on G2 is refused at
    // the machine type, and the help names the series' boot disk types and Google's page.
    @Test func defaultPdStandardOnG2IsRefusedWithTheDocumentedTypes() {
        let result = compile(mini("machine_type: n2-standard-2", "machine_type: g2-standard-4"))
        #expect(positions(result.diagnostics) == ["16:21 HPC3028"], "\(result.diagnostics.map(\.message))")
        #expect(
            result.diagnostics.first?.message
                == """
                boot disk type pd-standard (the default) cannot be used with g2-standard-4: G2 machines do not \
                support pd-standard disks
                """)
        #expect(
            result.diagnostics.first?.help
                == """
                set disk_type: pd-balanced (G2 boot disk types: pd-balanced, pd-ssd; \
                https://cloud.google.com/compute/docs/accelerator-optimized-machines, "Supported disk types for G2 \
                instances")
                """)
    }

    @Test func hyperdiskBalancedOnG4Compiles() {
        let result = compile(
            mini("machine_type: n2-standard-2", "machine_type: g4-standard-48\n      disk_type: hyperdisk-balanced"))
        #expect(
            !result.diagnostics.contains { $0.code == .diskTypeUnsupported }, "\(result.diagnostics.map(\.message))")
    }
}
