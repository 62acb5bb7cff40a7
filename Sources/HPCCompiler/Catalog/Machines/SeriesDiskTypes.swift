// The disk types each accelerator-optimized machine series can use, as Google's
// accelerator-optimized machine family page lists them under "Supported disk types for <series>
// instances" (page last updated 2026-04-13, read 2026-12-05; catalogs/README.md records it).
// Local SSD is judged apart (DiskSupport.swift). Hyperdisk ML, Throughput and Extreme are data disks
// only, so a series' boot types are its Persistent Disk types and Hyperdisk Balanced.

/// The disk types one machine series documents, and where.
struct SeriesDiskTypes: Sendable {
    /// The series as Google names it in prose (`A3 Ultra`).
    let name: String
    /// Persistent Disk and Hyperdisk types an instance of the series can attach.
    let attachable: Set<String>
    /// The types among them it can boot from.
    let bootable: Set<String>
    /// The page and section that list them.
    let source: String
}

extension SeriesDiskTypes {
    /// Google's page on the accelerator-optimized families.
    private static let page = "https://cloud.google.com/compute/docs/accelerator-optimized-machines"

    /// The page's section on one series' disk types, as a reader finds it.
    private static func section(_ series: String) -> String {
        "\(page), \"Supported disk types for \(series) instances\""
    }

    /// The documented series, by `MachineType.diskSeries`.
    static let documented: [String: SeriesDiskTypes] = [
        // Standard Persistent Disk is supported; of Hyperdisk, only ML.
        "a2": SeriesDiskTypes(
            name: "A2", attachable: ["pd-balanced", "pd-ssd", "pd-standard", "hyperdisk-ml"],
            bootable: ["pd-balanced", "pd-ssd", "pd-standard"], source: section("A2")),
        // A3 Mega, High and Edge: no Standard Persistent Disk.
        "a3": SeriesDiskTypes(
            name: "A3",
            attachable: [
                "pd-balanced", "pd-ssd", "hyperdisk-balanced", "hyperdisk-balanced-high-availability", "hyperdisk-ml",
                "hyperdisk-extreme", "hyperdisk-throughput",
            ],
            bootable: ["pd-balanced", "pd-ssd", "hyperdisk-balanced"], source: section("A3")),
        // "Hyperdisk Balanced ... is the only disk type that is supported for the boot disk".
        "a3-ultragpu": SeriesDiskTypes(
            name: "A3 Ultra",
            attachable: [
                "hyperdisk-balanced", "hyperdisk-balanced-high-availability", "hyperdisk-extreme", "hyperdisk-ml",
            ],
            bootable: ["hyperdisk-balanced"], source: section("A3")),
        "a4": SeriesDiskTypes(
            name: "A4", attachable: ["hyperdisk-balanced", "hyperdisk-extreme", "hyperdisk-ml"],
            bootable: ["hyperdisk-balanced"], source: section("A4")),
        "a4x": SeriesDiskTypes(
            name: "A4X", attachable: ["hyperdisk-balanced", "hyperdisk-extreme", "hyperdisk-ml"],
            bootable: ["hyperdisk-balanced"], source: section("A4X Max and A4X")),
        "a4x-maxgpu": SeriesDiskTypes(
            name: "A4X Max",
            attachable: ["hyperdisk-balanced", "hyperdisk-extreme", "hyperdisk-ml", "hyperdisk-throughput"],
            bootable: ["hyperdisk-balanced"], source: section("A4X Max and A4X")),
        // "Standard Persistent Disk (pd-standard) isn't supported"; of Hyperdisk, only ML and Throughput.
        "g2": SeriesDiskTypes(
            name: "G2", attachable: ["pd-balanced", "pd-ssd", "hyperdisk-ml", "hyperdisk-throughput"],
            bootable: ["pd-balanced", "pd-ssd"], source: section("G2")),
        // No Persistent Disk; Hyperdisk Balanced is the only boot disk type; Hyperdisk Extreme needs
        // two or more GPUs (checked in DiskSupport.swift).
        "g4": SeriesDiskTypes(
            name: "G4",
            attachable: [
                "hyperdisk-balanced", "hyperdisk-balanced-high-availability", "hyperdisk-extreme", "hyperdisk-ml",
                "hyperdisk-throughput",
            ],
            bootable: ["hyperdisk-balanced"], source: section("G4")),
    ]
}

extension MachineType {
    /// The key of the type's series in `SeriesDiskTypes.documented`: the family, except for the
    /// types whose disk support differs from the rest of their family (A3 Ultra, A4X Max).
    var diskSeries: String {
        for series in ["a3-ultragpu", "a4x-maxgpu"] where name.hasPrefix(series + "-") { return series }
        return family
    }

    /// The documented disk types of the type's series; nil where hpcc has no table for it.
    var seriesDiskTypes: SeriesDiskTypes? { SeriesDiskTypes.documented[diskSeries] }
}
