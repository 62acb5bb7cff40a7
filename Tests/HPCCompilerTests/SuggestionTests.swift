import Testing
@_spi(Tools) @testable import HPCCompiler

/// "Did you mean" only where the candidate is a plausible typo.
@Suite struct SuggestionTests {
    @Test func typosAreSuggested() {
        #expect(Suggestion.closest(to: "machine_typ", in: ["machine_type", "disk_type"]) == "machine_type")
        #expect(Suggestion.closest(to: "regoin", in: ["region", "zone"]) == "region")
        #expect(Suggestion.closest(to: "zoen", in: ["zone", "name"]) == "zone")
        #expect(
            Suggestion.closest(to: "modules/file-sytem/filestore", in: ModuleCatalog.builtIn.sources)
                == "modules/file-system/filestore")
    }

    @Test func unrelatedNamesAreNot() {
        #expect(Suggestion.closest(to: "nope", in: ["zone", "name"]) == nil)
        #expect(Suggestion.closest(to: "modules/telemetry/exporter", in: ModuleCatalog.builtIn.sources) == nil)
    }

    /// A machine type of a family the catalog lacks is said to be that, not mistaken for another family's.
    @Test func aMachineFamilyTheCatalogLacksIsNamed() {
        #expect(MachineCatalog.gcp.suggestion(for: "x9-standard-96") == nil)
        #expect(MachineCatalog.gcp.suggestion(for: "c2-standard-61") == "c2-standard-60")
        let result = compile(mini("machine_type: n2-standard-2", "machine_type: x9-standard-96"))
        #expect(
            result.diagnostics.map(\.message) == [
                "unknown machine type 'x9-standard-96': hpcc's machine catalog has no x9 family"
            ])
        #expect(result.diagnostics.first?.help?.hasPrefix("hpcc knows the families ") == true)
        let source = compile(mini("source: modules/network/vpc", "source: modules/telemetry/exporter"))
        #expect(
            source.diagnostics.first { $0.code == .unknownSource }?.help
                == "run `hpcc modules` to list the built-in modules")
    }
}
