import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// HPC3065 on Google Cloud: a machine type or attached GPU in a zone that does not offer it, by the
/// zone listing in catalogs/gcp/zones.tsv (us-central1 offers a2-ultragpu-8g in -a and -c only,
/// us-east1 the V100 in -c only, a2-megagpu-16g in none of its zones).
@Suite("Google Cloud zone offerings")
struct GCPZoneOfferingTests {
    @Test func theWrongZoneFixtureNamesTheZonesThatWouldWork() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../Fixtures/gcp-wrong-zone.yaml")
        let result = compile(try String(contentsOf: url, encoding: .utf8))
        #expect(
            positions(result.diagnostics) == ["26:13 HPC3065", "27:14 HPC3065", "34:13 HPC3065", "44:13 HPC3065"])
        #expect(
            result.diagnostics.map(\.message) == [
                """
                machine type a2-ultragpu-8g of nodeset 'ultranodeset' is not offered in zone us-central1-b; in \
                us-central1 only us-central1-a and us-central1-c offer it
                """,
                """
                machine type a2-ultragpu-8g of nodeset 'ultranodeset' is not offered in zone us-central1-f; in \
                us-central1 only us-central1-a and us-central1-c offer it
                """,
                "GPU nvidia-tesla-v100 of nodeset 'v100nodeset' is not offered in zone us-east1-b; in us-east1 only "
                    + "us-east1-c offers it",
                """
                machine type a2-megagpu-16g of nodeset 'a2nodeset' is not offered in zone us-east1-c; us-east1 offers \
                it in none of its zones; regions that do: asia-southeast1, europe-west4, us-central1
                """,
            ])
        #expect(result.files.isEmpty)
    }

    /// A nodeset's `zones` are alternatives (Compute Engine creates each node in whichever allowed
    /// zone has capacity), as in the Toolkit's hpc-enterprise-slurm example: one zone that offers the
    /// type is enough.
    @Test func aZonePolicyNeedsOneZoneThatOffersTheType() {
        let policy = compile(
            mini(
                "machine_type: n2-standard-2",
                "machine_type: a2-ultragpu-8g\n      zones: [us-central1-a, us-central1-b, us-central1-f]"))
        #expect(!policy.diagnostics.contains { $0.code == .instanceTypeNotInZone }, "\(policy.diagnostics)")
    }

    /// What the listing does not cover is not judged: a family newer than it, a zone it does not name.
    @Test func missingDataIsNoFinding() {
        #expect(MachineCatalog.gcp.zones(offering: "c4-standard-96", in: "us-central1") == nil)
        #expect(!MachineCatalog.gcp.listsZone("us-central1-z"))
        let newer = compile(
            mini("machine_type: n2-standard-2", "machine_type: c4-standard-8\n      disk_type: hyperdisk-balanced"))
        #expect(!newer.diagnostics.contains { $0.code == .instanceTypeNotInZone })
    }

    /// The controller is judged in its zone too.
    @Test func theControllerIsJudgedInItsZone() {
        let blueprint = mini("zone: us-central1-a", "zone: us-central1-b").replacingOccurrences(
            of: "use: [network, partition]\n",
            with: "use: [network, partition]\n    settings:\n      machine_type: a2-ultragpu-1g\n")
        let result = compile(blueprint)
        #expect(
            result.diagnostics.filter { $0.code == .instanceTypeNotInZone }.map(\.message) == [
                """
                machine type a2-ultragpu-1g of the controller is not offered in zone us-central1-b; in us-central1 \
                only us-central1-a and us-central1-c offer it
                """
            ])
    }
}
