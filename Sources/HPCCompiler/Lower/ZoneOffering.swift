/// A Compute Engine machine type, or a GPU attached to it, put into a zone that does not offer it,
/// found offline from the zone listing in hpcc's catalog (`MachineCatalog.zones(offering:in:)`).
/// Compute Engine refuses such an instance only when Terraform or Slurm creates it. A type the
/// listing does not cover (the families newer than it) or a zone it does not know is not judged:
/// missing data is not a finding.
extension InstanceLowering {
    /// Reports `machine` (and `attachedGPU`) for each zone of `zones` that does not offer it; `what`
    /// names the instance (`nodeset 'compute'`), `at` locates each zone's setting. With `anyOf`,
    /// the zones are alternatives (a nodeset's zone policy, where Compute Engine creates each node
    /// in whichever allowed zone has capacity): only a type none of them offers is reported.
    static func checkZoneOffering(
        _ machine: MachineType, attachedGPU: GPU? = nil, zones: [(zone: String, at: SourceLocation)],
        anyOf: Bool = false, what: String, diagnostics: inout Diagnostics
    ) {
        let catalog = MachineCatalog.gcp
        for (name, kind) in [(machine.name, "machine type")]
            + (attachedGPU.map { [(AttachableGPU.hardware($0.type), "GPU")] } ?? [])
        {
            func lacks(_ zone: String) -> [String]? {
                let region = CommonSettings.region(of: zone)
                guard region != zone, catalog.listsZone(zone),
                    let offering = catalog.zones(offering: name, in: region), !offering.contains(zone)
                else { return nil }
                return offering
            }
            if anyOf, zones.contains(where: { lacks($0.zone) == nil }) { continue }
            for (zone, at) in zones {
                let region = CommonSettings.region(of: zone)
                guard let offering = lacks(zone) else { continue }
                let elsewhere =
                    offering.isEmpty
                    ? "\(region) offers it in none of its zones; regions that do: "
                        + (catalog.regions(offering: name) ?? []).joined(separator: ", ")
                    : "in \(region) only \(Self.listed(offering)) offer\(offering.count == 1 ? "s" : "") it"
                diagnostics.report(
                    .instanceTypeNotInZone, "\(kind) \(name) of \(what) is not offered in zone \(zone); \(elsewhere)",
                    at: at,
                    help: """
                        choose a zone that offers it; hpcc reads zone offerings from the listing catalogs/README.md \
                        names, which may predate a zone Google has added since
                        """)
            }
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    static func listed(_ items: [String]) -> String {
        items.count < 3
            ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
