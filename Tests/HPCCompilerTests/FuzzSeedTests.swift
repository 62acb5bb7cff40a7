import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// The invalid blueprints of the rule tests are the fuzzer's seed corpus (with the shipped
/// blueprints), and every saved fuzzer finding is a regression input: all of them must keep the
/// pipeline's invariants (`PipelineInvariants`). `HPCC_FUZZ_SEEDS=<folder>` also writes the seeds
/// there, which is how `Tests/Fuzz/run.sh` collects them.
@Suite("Fuzz seeds and regressions")
struct FuzzSeedTests {
    /// Each invalid blueprint with its `--vars`, in the fuzz input format.
    static var seeds: [(name: String, input: String)] {
        let rules = [
            ("existing-slurm", existingSlurmCases), ("bwvisu", bwVisuCases), ("hpcstats", hpcStatsCases),
            ("htc-grid", htcGridCases),
        ]
        .flatMap { suite, cases in cases.enumerated().map { ("\(suite)-\($0.offset)", $0.element.blueprint) } }
        let invalid = [("invalid", invalidCases), ("parallelcluster", parallelClusterCases)].flatMap { suite, cases in
            cases.enumerated().map { index, testCase in
                (
                    "\(suite)-\(index)",
                    testCase.blueprint
                        + (testCase.variables.isEmpty
                            ? "" : PipelineInvariants.variablesMarker + testCase.variables.joined(separator: "\n"))
                )
            }
        }
        return rules + invalid
    }

    @Test func everySeedKeepsThePipelineInvariants() throws {
        let seeds = Self.seeds
        #expect(seeds.count > 200)
        for (name, input) in seeds {
            let problems = Array(input.utf8).withUnsafeBufferPointer { PipelineInvariants.violations(for: $0) }
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
        if let folder = ProcessInfo.processInfo.environment["HPCC_FUZZ_SEEDS"] {
            let url = URL(fileURLWithPath: folder)
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            for (name, input) in seeds {
                try Data(input.utf8).write(to: url.appendingPathComponent("\(name).yaml"))
            }
        }
    }

    /// Inputs the fuzzer once broke hpcc with, kept in Tests/Fuzz/regressions.
    @Test func savedFindingsStayFixed() throws {
        let folder = Repository.root.appendingPathComponent("Tests/Fuzz/regressions")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
            .sorted()
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
            let problems = bytes.withUnsafeBufferPointer { PipelineInvariants.violations(for: $0) }
            #expect(problems.isEmpty, "\(name): \(problems)")
        }
    }

    /// The fuzzer's first finding: a required object attribute written as null (`host: # ...`)
    /// passed, wrote `hostname = ` into hpcstats.conf, and its expanded blueprint did not compile.
    @Test func aRequiredAttributeWrittenNullIsMissing() {
        let result = compile(hpcStatsBlueprint(("database: {host: stats-db}", "database:\n        host: # stats-db")))
        #expect(positions(result.diagnostics) == ["46:14 HPC2008"], "\(result.diagnostics.map(\.message))")
        #expect(
            result.diagnostics.first?.message
                == "setting 'database' of module 'stats' needs attribute 'host', which is null here")
    }

    /// The second finding: a variable written as a plain `0684` (or `yes`) stays text until a
    /// number (or flag) setting reads it, but the expanded blueprint quoted it, and the quoted
    /// string no longer fed the setting. Such variables are now written plain, as they were.
    @Test func plainVariablesStayPlainInTheExpandedBlueprint() throws {
        let text = mini(
            "node_count_dynamic_max: 2", "node_count_dynamic_max: $(vars.count)\n      enable_placement: $(vars.flag)"
        )
        .replacingOccurrences(of: "  zone: us-central1-a\n", with: "  zone: us-central1-a\n  count: 010\n  flag: yes\n")
        #expect(PipelineInvariants.violations(blueprint: text, variables: []).isEmpty)
        let expanded = try #require(compile(text).file("expanded-blueprint.yaml"))
        #expect(expanded.contains("\n  count: 010\n") && expanded.contains("\n  flag: yes\n"), "\(expanded)")
    }

    /// The invariants can fail: each broken one is reported.
    @Test func invariantsReportWhatBreaksThem() {
        #expect(PipelineInvariants.violations(blueprint: minimalBlueprint, variables: []).isEmpty)
        #expect(PipelineInvariants.violations(blueprint: "blueprint_name: [", variables: []).isEmpty)
        let good = compile(minimalBlueprint)
        let bad = compile("blueprint_name: [")
        var unplaced = bad
        unplaced.diagnostics = [Diagnostic(.yamlSyntax, "somewhere", at: nil)]
        #expect(
            PipelineInvariants.violations(of: unplaced, second: nil, expanded: nil) == [
                "error without a position: HPC1001 somewhere"
            ])
        var leaky = bad
        leaky.files = good.files
        #expect(
            PipelineInvariants.violations(of: leaky, second: nil, expanded: nil).first?.hasPrefix("errors, but") == true
        )
        var changed = good
        changed.files.removeLast()
        #expect(
            PipelineInvariants.violations(of: good, second: changed, expanded: good) == [
                "a second compilation wrote different files"
            ])
        #expect(
            PipelineInvariants.violations(of: good, second: good, expanded: changed) == [
                "the expanded blueprint compiles to different files"
            ])
        #expect(
            PipelineInvariants.violations(of: good, second: good, expanded: bad).first?.hasPrefix(
                "the expanded blueprint does not compile") == true)
        var empty = good
        empty.files = []
        #expect(PipelineInvariants.violations(of: empty, second: empty, expanded: empty) == ["no error, but no files"])
        var chatty = good
        chatty.diagnostics = [Diagnostic(.yaml11Scalar, "a warning of its own", at: nil)]
        #expect(
            PipelineInvariants.violations(of: good, second: good, expanded: chatty) == [
                "the expanded blueprint gets a finding of its own: HPC2010 a warning of its own"
            ])
    }

    /// Every shipped blueprint keeps the invariants, its expanded blueprint among them: it
    /// recompiles to the same files with no finding of its own.
    @Test(arguments: Repository.blueprintNames)
    func everyShippedBlueprintKeepsThePipelineInvariants(_ name: String) throws {
        let text = try String(contentsOf: Repository.blueprints.appendingPathComponent("\(name).yaml"), encoding: .utf8)
        #expect(PipelineInvariants.violations(blueprint: text, variables: Repository.variables(for: name)).isEmpty)
    }
}
