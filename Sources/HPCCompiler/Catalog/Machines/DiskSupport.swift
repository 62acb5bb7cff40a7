// Which disk types a Compute Engine machine family can attach, where Google documents that it
// cannot. The accelerator-optimized series (A2, A3, A3 Ultra, A4, A4X, A4X Max, G2, G4) are judged
// by their documented lists (SeriesDiskTypes.swift, with the page). For the rest (2026): C3, C3D and
// H3 take no pd-standard, H3 no pd-ssd, N1, C2 and C2D no Hyperdisk, only hyperdisk-balanced boots
// (on C3, C3D, H3), and pd-extreme is for N2 with 64 vCPUs or more. The fourth-generation families
// (C4, C4A, C4D, N4, N4A, N4D, H4D, M4) attach Hyperdisk only, and boot from hyperdisk-balanced.
// E2 and H3 have no local SSDs; C3, C3D, A3, A4, A4X and the Hyperdisk-only families get theirs only
// with the machine type (the -lssd types, the accelerator types' own), never as added disks.
// Families and types not listed are not judged.

extension MachineType {
    /// The families that attach Hyperdisk only.
    static let hyperdiskOnlyFamilies: Set<String> = ["c4", "c4a", "c4d", "n4", "n4a", "n4d", "h4d", "m4"]

    /// Families whose local SSDs come only with the machine type.
    private var bundlesLocalSSDOnly: Bool {
        ["c3", "c3d", "a3", "a4", "a4x"].contains(family) || Self.hyperdiskOnlyFamilies.contains(family)
    }

    /// Families that boot from Hyperdisk.
    private var bootsFromHyperdisk: Bool {
        ["c3", "c3d", "h3"].contains(family) || Self.hyperdiskOnlyFamilies.contains(family)
    }

    /// Why an instance of this type cannot have a disk of `type` (as its boot disk when `boot`);
    /// nil when it can, or when hpcc has no documented answer.
    func diskRefusal(_ type: String, boot: Bool) -> String? {
        if type != "local-ssd", let series = seriesDiskTypes { return seriesRefusal(series, type, boot: boot) }
        let name = family.uppercased()
        switch type {
        case let persistent where persistent.hasPrefix("pd-") && Self.hyperdiskOnlyFamilies.contains(family):
            return "\(name) machines attach Hyperdisk only, not \(persistent) disks"
        case "pd-standard" where ["c3", "c3d", "h3"].contains(family):
            return "\(name) machines do not support pd-standard disks"
        case "pd-ssd" where family == "h3":
            return "H3 machines do not support pd-ssd disks"
        case "pd-extreme" where !(family == "n2" && vCPUs >= 64):
            return "pd-extreme disks need an N2 machine with at least 64 vCPUs"
        case "local-ssd" where ["e2", "h3"].contains(family):
            return "\(name) machines cannot have local SSDs"
        case "local-ssd" where bundlesLocalSSDOnly:
            return "\(name) machines get local SSDs only with their machine type (the -lssd types), not as added disks"
        case let hyperdisk where hyperdisk.hasPrefix("hyperdisk-"):
            if ["n1", "c2", "c2d"].contains(family) { return "\(name) machines do not support Hyperdisk" }
            if boot && hyperdisk != "hyperdisk-balanced" { return "only hyperdisk-balanced can be a boot disk" }
            if boot && !bootsFromHyperdisk {
                return "\(name) machines cannot boot from Hyperdisk"
            }
            return nil
        default:
            return nil
        }
    }

    /// Why a series with a documented list cannot have a disk of `type`; nil when it can.
    private func seriesRefusal(_ series: SeriesDiskTypes, _ type: String, boot: Bool) -> String? {
        guard series.attachable.contains(type) else { return "\(series.name) machines do not support \(type) disks" }
        if boot && !series.bootable.contains(type) { return "\(series.name) machines cannot boot from a \(type) disk" }
        // G4's page: Hyperdisk Extreme only on the types with two or more (whole) GPUs.
        if diskSeries == "g4", type == "hyperdisk-extreme", (gpu?.count ?? 0) < 2 {
            return "G4 machines take hyperdisk-extreme disks only with two or more GPUs"
        }
        return nil
    }

    /// The interface a local SSD is attached with: NVMe, the faster one, which the families hpcc lets
    /// add local SSDs (N1, N2, N2D, C2, C2D, A2) all take, and which Cluster Toolkit chooses too.
    var localSSDInterface: String { "NVME" }

    /// A disk type the family boots from, for the help, with the page that lists it where hpcc has one.
    var bootDiskSuggestion: String {
        if let series = seriesDiskTypes {
            let type = series.bootable.contains("pd-balanced") ? "pd-balanced" : "hyperdisk-balanced"
            return
                "\(type) (\(series.name) boot disk types: "
                + "\(series.bootable.sorted().joined(separator: ", ")); \(series.source))"
        }
        if Self.hyperdiskOnlyFamilies.contains(family) { return "hyperdisk-balanced" }
        return ["c3", "c3d", "h3"].contains(family) ? "pd-balanced" : "pd-standard or pd-balanced"
    }
}
