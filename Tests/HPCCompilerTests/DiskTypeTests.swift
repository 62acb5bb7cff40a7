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
            ("g2-standard-4", "pd-standard", "G2 machines cannot boot from a pd-standard disk"),
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
}
