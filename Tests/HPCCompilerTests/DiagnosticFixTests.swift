import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// The fixes diagnostics carry are edits an editor applies as they are: each one, applied to the
/// blueprint's text, makes its finding go away without an error in its place.
@Suite struct DiagnosticFixTests {
    /// `text` with `fix` applied: its span (1-based line, columns in Unicode scalars) replaced.
    static func applying(_ fix: DiagnosticFix, to text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let line = fix.location.line - 1, start = fix.location.column - 1
        lines[line].replaceSubrange(start..<start + fix.location.length, with: fix.replacement.unicodeScalars)
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }

    /// Applies every fix of every finding of `text` in turn (each to the original text), recompiles,
    /// and checks the finding is gone and no error took its place; returns the fixes offered.
    @discardableResult
    static func checkEveryFix(in text: String, file: String = "test.yaml") -> [(Diagnostic, DiagnosticFix)] {
        let before = compile(text, file: file).diagnostics
        var offered: [(Diagnostic, DiagnosticFix)] = []
        for finding in before {
            for fix in finding.fixes {
                offered.append((finding, fix))
                let fixed = applying(fix, to: text)
                let after = compile(fixed, file: file).diagnostics
                let what = "\(finding.location?.description ?? "-") \(finding.code.rawValue) → '\(fix.replacement)'"
                func count(_ list: [Diagnostic], code: DiagnosticCode, line: Int) -> Int {
                    list.filter { $0.code == code && $0.location?.line == line }.count
                }
                let line = finding.location?.line ?? 0
                #expect(
                    count(after, code: finding.code, line: line) == count(before, code: finding.code, line: line) - 1,
                    "\(what): the finding is gone")
                var remaining = before.filter { $0.severity == .error && $0.location?.line == fix.location.line }
                    .map(\.code)
                if let index = remaining.firstIndex(of: finding.code), finding.location?.line == fix.location.line {
                    remaining.remove(at: index)
                }
                for error in after where error.severity == .error && error.location?.line == fix.location.line {
                    if let index = remaining.firstIndex(of: error.code) {
                        remaining.remove(at: index)
                    } else {
                        Issue.record("\(what): new error \(error.code.rawValue) \(error.message)")
                    }
                }
                #expect(
                    after.filter { $0.severity == .error }.count <= before.filter { $0.severity == .error }.count,
                    "\(what): no more errors than before")
            }
        }
        return offered
    }

    static let fixtures: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: ManyMistakesTests.folder.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted().map { "many-mistakes/" + $0 }
        + ["three-mistakes.yaml", "pcluster-three-mistakes.yaml"]

    @Test(arguments: fixtures)
    func fixesOfTheMistakeFixturesFixTheirFindings(_ name: String) throws {
        let url = Repository.root.appendingPathComponent("Tests/Fixtures/" + name)
        let offered = Self.checkEveryFix(in: try String(contentsOf: url, encoding: .utf8), file: name)
        #expect(!offered.isEmpty, "the fixture has findings with fixes")
    }

    /// A small blueprint per kind of suggestion site: the mistake, the code it gives, the replacement.
    static let cases: [(String, String, DiagnosticCode, String)] = [
        ("blueprint_name: mini", "blueprint_nme: mini", .unknownKey, "blueprint_name"),
        ("machine_type: n2-standard-2", "machine_tpye: n2-standard-2", .unknownSetting, "machine_type"),
        ("machine_type: n2-standard-2", "\"machine_typ\": n2-standard-2", .unknownSetting, "machine_type"),
        ("source: modules/network/vpc", "source: modules/network/vcp", .unknownSource, "modules/network/vpc"),
        ("partition_name: batch", "partition_name: $(vars.zoen)", .unknownVariable, "zone"),
        ("partition_name: batch", "partition_name: \"a-$(vars.zoen)\"", .unknownVariable, "zone"),
        ("partition_name: batch", "partition_name: >-\n        a\n        $(vars.zoen)", .unknownVariable, "zone"),
        (
            "node_count_dynamic_max: 2",
            "node_count_dynamic_max: 2\n      subnetwork_self_link: $(netwrk.subnetwork_self_link)",
            .unknownModule, "network"
        ),
        (
            "node_count_dynamic_max: 2",
            "node_count_dynamic_max: 2\n      subnetwork_self_link: $(network.subnetwork_self_lnk)",
            .unknownOutput, "subnetwork_self_link"
        ),
        ("use: [network, partition]", "use: [netwrok, partition]", .unknownModule, "network"),
        (
            "machine_type: n2-standard-2", "machine_type: n2-standard-2\n      disk_type: pd-balancd",
            .constraintViolation, "pd-balanced"
        ),
        ("machine_type: n2-standard-2", "machine_type: n2-standard-3", .unknownMachineType, "n2-standard-4"),
        ("machine_type: n2-standard-2", "machine_type: 'n2-standard-3'", .unknownMachineType, "n2-standard-4"),
        ("node_count_dynamic_max: 2", "node_count_dynamic_max: 02", .yaml11Scalar, "2"),
        ("node_count_dynamic_max: 2", "node_count_dynamic_max: \"2\"", .typeMismatch, "2"),
        ("node_count_dynamic_max: 2", "node_count_dynamic_max: 2\n      enable_placement: yes", .yaml11Scalar, "true"),
    ]

    static let filestore =
        minimalBlueprint + """
              - id: homefs
                source: modules/file-system/filestore
                use: [network]
                settings:
                  local_mount: /home
                  filestore_tier: ZONAL
                  size_gb: 10000

            """

    @Test(arguments: cases.indices)
    func eachKindOfSiteOffersAFixThatWorks(_ index: Int) {
        let (original, mistake, code, replacement) = Self.cases[index]
        let text = minimalBlueprint.replacingOccurrences(of: original, with: mistake)
        #expect(text != minimalBlueprint)
        let offered = Self.checkEveryFix(in: text)
        #expect(
            offered.contains { $0.0.code == code && $0.1.replacement == replacement },
            "\(mistake): \(offered.map { "\($0.0.code.rawValue) \($0.1.replacement)" })")
    }

    @Test func aCapacityGetsOneFixPerNearestSize() throws {
        let offered = Self.checkEveryFix(in: Self.filestore)
        let sizes = offered.filter { $0.0.code == .capacityOutOfRange }
        #expect(sizes.map(\.1.replacement) == ["9984", "10240"])
        let fix = try #require(sizes.first?.1)
        #expect((fix.location.line, fix.location.column, fix.location.length) == (32, 16, 5))
    }

    @Test func fixesPointAtExactlyTheTextTheyReplace() throws {
        let url = Repository.root.appendingPathComponent("Tests/Fixtures/three-mistakes.yaml")
        let result = compile(try String(contentsOf: url, encoding: .utf8), file: "three-mistakes.yaml")
        let fixes = result.diagnostics.flatMap(\.fixes)
        #expect(
            fixes.map { "\($0.location.line):\($0.location.column)+\($0.location.length) \($0.replacement)" } == [
                "23:7+11 machine_type", "28:11+14 compute_nodeset",
            ])
        #expect(fixes.first?.title == "Replace with 'machine_type'")
    }

    @Test func aQuotedValueKeepsItsQuotes() throws {
        let text = minimalBlueprint.replacingOccurrences(
            of: "machine_type: n2-standard-2", with: "machine_type: \"n2-standard-3\"")
        let fix = try #require(compile(text).diagnostics.flatMap(\.fixes).first)
        // Line 16: `      machine_type: "n2-standard-3"`; the span is inside the quotes.
        #expect((fix.location.line, fix.location.column, fix.location.length) == (16, 22, 13))
        #expect(Self.applying(fix, to: text).contains("machine_type: \"n2-standard-4\""))
    }

    @Test func aNameInsideAFoldedScalarIsPlacedOnItsOwnLine() throws {
        let text = minimalBlueprint.replacingOccurrences(
            of: "partition_name: batch", with: "partition_name: >-\n        a\n        $(vars.zoen)")
        let fix = try #require(compile(text).diagnostics.first { $0.code == .unknownVariable }?.fixes.first)
        #expect((fix.location.line, fix.location.column, fix.location.length) == (24, 16, 4))
    }

    @Test func noFixRenamesAKeyToOneTheMappingHasAlready() {
        let text = minimalBlueprint.replacingOccurrences(
            of: "machine_type: n2-standard-2", with: "machine_typ: n2-standard-2\n      machine_type: n2-standard-2")
        let finding = compile(text).diagnostics.first { $0.code == .unknownSetting }
        #expect(finding?.help == "did you mean 'machine_type'?")
        #expect(finding?.fixes == [])
    }

    @Test func anAnchoredOrTaggedScalarGetsNoFix() {
        for written in ["machine_type: &m n2-standard-3", "machine_type: !!str n2-standard-3"] {
            let text = minimalBlueprint.replacingOccurrences(of: "machine_type: n2-standard-2", with: written)
            let finding = compile(text).diagnostics.first { $0.code == .unknownMachineType }
            #expect(finding != nil, "\(written)")
            #expect(finding?.fixes == [], "\(written): the span is not the name")
        }
    }

    @Test func aRenamedSettingIsRenamed() {
        let text = minimalBlueprint.replacingOccurrences(
            of: "source: modules/network/vpc",
            with: "source: modules/network/vpc\n    settings:\n      subnetwork_size: 20")
        let offered = Self.checkEveryFix(in: text)
        #expect(
            offered.map { "\($0.0.code.rawValue) \($0.1.replacement)" } == ["HPC2018 default_primary_subnetwork_size"])
    }
}
