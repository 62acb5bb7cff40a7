import Foundation
import Testing
import HPCCompiler
import TestSupport

/// The `hpcc` command as users and CI run it: exit statuses, diagnostics, files on disk.
@Suite("hpcc command line")
struct CLITests {
    private func scratchFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func version() throws {
        let outcome = try HPCCBinary.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "hpcc 0.1.0\n")
    }

    @Test(arguments: [
        ("gcp-slurm", [String](), "atlas", ["primary/main.tf.json"]),
        ("gcp-slurm-starter", ["--vars", "project_id=demo-project"], "starter", ["primary/main.tf.json"]),
        (
            "gcp-slurm-managed-lustre", ["--vars", "project_id=demo-project"], "lustre-scratch",
            ["storage/main.tf.json", "cluster/main.tf.json"]
        ),
    ])
    func buildWritesTheDeploymentFolder(
        blueprint: String, variables: [String], deployment: String, roots: [String]
    ) throws {
        let output = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try HPCCBinary.run(["build", "blueprints/\(blueprint).yaml", "-o", output.path] + variables)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let files = Set(Repository.files(under: output.appendingPathComponent(deployment)))
        let expected = Set(
            roots + [
                "slurm/slurm.conf", "slurm/cgroup.conf", "slurm/resume.sh", "slurm/suspend.sh",
                "ansible/inventory.yml", "expanded-blueprint.yaml", "hpcc-manifest.json", "scripts/hpcc-node.sh",
            ])
        #expect(expected.isSubset(of: files), "missing: \(expected.subtracting(files).sorted())")
        let script = output.appendingPathComponent("\(deployment)/slurm/resume.sh").path
        #expect(FileManager.default.isExecutableFile(atPath: script))
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let first = try scratchFolder(), second = try scratchFolder()
        defer {
            try? FileManager.default.removeItem(at: first)
            try? FileManager.default.removeItem(at: second)
        }
        #expect(try HPCCBinary.run(["build", "blueprints/gcp-slurm.yaml", "-o", first.path]).status == 0)
        #expect(try HPCCBinary.run(["build", "./blueprints/gcp-slurm.yaml", "-o", second.path]).status == 0)
        let files = Repository.files(under: first.appendingPathComponent("atlas"))
        #expect(files == Repository.files(under: second.appendingPathComponent("atlas")))
        for file in files {
            let a = FileManager.default.contents(atPath: first.appendingPathComponent("atlas/\(file)").path)
            let b = FileManager.default.contents(atPath: second.appendingPathComponent("atlas/\(file)").path)
            #expect(a == b, "\(file) differs between builds")
        }
    }

    /// One `--vars` list for a folder that mixes Google Cloud, AWS and on-premises blueprints:
    /// project_id serves the GCP ones, and the others do not report it unused.
    @Test func validateAFolderOfMixedBlueprintsWithSharedVariables() throws {
        let blueprints = Repository.blueprintNames.map { "blueprints/\($0).yaml" }
        let outcome = try HPCCBinary.run(["validate"] + blueprints + ["--vars", "project_id=demo-project"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.isEmpty)
        // A variable no blueprint uses is one error, for the command line, not one per blueprint.
        let unused = try HPCCBinary.run(
            ["validate"] + blueprints + [
                "--vars", "project_id=demo-project", "--vars", "projet_id=x", "--format", "json",
            ])
        #expect(unused.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(unused.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.map { $0["code"] as? String } == ["HPC3019"])
        #expect(
            diagnostics.first?["message"] as? String
                == "--vars projet_id is used by none of the \(blueprints.count) blueprints")
        // A finding about a --vars value names the blueprint, in JSON too.
        let wrong = try HPCCBinary.run([
            "validate", "blueprints/aws-hpc-storage.yaml", "blueprints/gcp-slurm-starter.yaml", "--vars",
            "project_id=x",
            "--format", "json",
        ])
        let findings = try #require(
            (try JSONSerialization.jsonObject(with: Data(wrong.stdout.utf8)) as? [String: Any])?["diagnostics"]
                as? [[String: Any]])
        #expect(
            findings.map { "\($0["file"] ?? "-"):\($0["line"] ?? "-") \($0["code"] ?? "-")" } == [
                "blueprints/gcp-slurm-starter.yaml:8 HPC2007"
            ])
    }

    /// A misspelled setting, an unknown `use` id and a variable cycle: all three reported in one
    /// run, at their exact positions, with codes and suggestions; exit 1; nothing written.
    @Test func threeMistakesAreReportedTogether() throws {
        let output = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try HPCCBinary.run(["build", "Tests/Fixtures/three-mistakes.yaml", "-o", output.path])
        #expect(outcome.status == 1)
        let headlines = outcome.stderr.split(separator: "\n").filter { $0.contains(": error[") }.map(String.init)
        #expect(
            headlines == [
                """
                Tests/Fixtures/three-mistakes.yaml:11:19: error[HPC3002]: variables reference each other in a cycle: \
                work_root → scratch_root → work_root
                """,
                """
                Tests/Fixtures/three-mistakes.yaml:23:7: error[HPC2004]: unknown setting 'machine_typ' for module \
                'compute_nodeset' (community/modules/compute/schedmd-slurm-gcp-v6-nodeset)
                """,
                """
                Tests/Fixtures/three-mistakes.yaml:28:11: error[HPC3003]: module 'compute_partition' uses unknown \
                module 'compute_nodset'
                """,
            ])
        #expect(outcome.stderr.contains("   = help: did you mean 'machine_type'?\n"))
        #expect(outcome.stderr.contains("   = help: did you mean 'compute_nodeset'?\n"))
        #expect(outcome.stderr.contains(" 23 |       machine_typ: c2-standard-60\n    |       ^~~~~~~~~~~\n"))
        #expect(outcome.stderr.contains("3 errors, 0 warnings\n"))
        #expect(Repository.files(under: output).isEmpty, "a failed build must not write anything")
    }

    @Test func validateReportsJSON() throws {
        let outcome = try HPCCBinary.run([
            "validate", "--format", "json", "Tests/Fixtures/three-mistakes.yaml", "blueprints/gcp-slurm.yaml",
        ])
        #expect(outcome.status == 1)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
        #expect(
            diagnostics.map { "\($0["line"]!):\($0["column"]!) \($0["code"]!)" } == [
                "11:19 HPC3002", "23:7 HPC2004", "28:11 HPC3003",
            ])
        #expect(document["errors"] as? Int == 3)
    }

    @Test func validatePassesCleanBlueprints() throws {
        let outcome = try HPCCBinary.run(["validate", "blueprints/gcp-slurm.yaml"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
    }

    @Test(arguments: [
        ["build"],
        ["build", "blueprints/gcp-slurm.yaml", "--vars", "no-equals-sign"],
        ["validate", "--format", "xml", "blueprints/gcp-slurm.yaml"],
        ["frobnicate"],
        ["build", "does/not/exist.yaml"],
    ])
    func usageAndIOErrorsExitWithTwo(_ arguments: [String]) throws {
        let outcome = try HPCCBinary.run(arguments)
        #expect(outcome.status == 2, "\(arguments): \(outcome.stderr)")
    }

    @Test func aFailedBuildLeavesThePreviousDeploymentIntact() throws {
        let output = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        #expect(try HPCCBinary.run(["build", "blueprints/gcp-slurm.yaml", "-o", output.path]).status == 0)
        let before = Repository.files(under: output)
        // Same deployment name, broken machine type: the build fails and must not touch the folder.
        let broken = output.appendingPathComponent("broken.yaml")
        let text = try String(
            contentsOf: Repository.blueprints.appendingPathComponent("gcp-slurm.yaml"), encoding: .utf8)
        try text.replacingOccurrences(of: "machine_type: g2-standard-24", with: "machine_type: g2-standard-25").write(
            to: broken, atomically: true, encoding: .utf8)
        #expect(try HPCCBinary.run(["build", broken.path, "-o", output.path]).status == 1)
        #expect(Repository.files(under: output).filter { $0 != "broken.yaml" } == before)
    }

    /// `hpcc build` prints each HTC grid's throughput plan with the blueprint's own figures.
    @Test func buildPrintsTheThroughputPlan() throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-plan-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        let outcome = try HPCCBinary.run([
            "build", Repository.blueprints.appendingPathComponent("aws-htc-grid.yaml").path, "-o", output.path,
        ])
        #expect(outcome.status == 0)
        #expect(
            outcome.stdout.contains(
                "htc grid 'grid': max 100 agents × 800m CPU / 1200 MiB (worker groups at max size hold 135"),
            "\(outcome.stdout)")
        #expect(
            outcome.stdout.contains(
                """
                at 2 s per task the agents sustain 50 tasks/s; the state table's 300 WCU ÷ 3 writes per task sustain \
                100 tasks/s
                """
            ))
        #expect(outcome.stdout.contains("plan: 50 tasks/s, bound by agents (target 50)"))
    }

    @Test func modulesListsTheCatalog() throws {
        let outcome = try HPCCBinary.run(["modules"])
        #expect(outcome.status == 0)
        // One line per built-in module: every module directory `modules --export` wrote.
        let exported = try FileManager.default.subpathsOfDirectory(atPath: Repository.modules.path).filter {
            $0.hasSuffix("/module.yaml")
        }
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == exported.count + 1)
        #expect(exported.count == ModuleCatalog.builtIn.modules.count)
        #expect(lines.first?.hasPrefix("SOURCE ") == true)
        #expect(outcome.stdout.contains("community/modules/compute/notebook"))
        #expect(outcome.stdout.contains("modules/file-system/filestore"))
        // Columns: two blanks between source, cloud and summary, also for the longest cloud.
        let existing = try #require(lines.first { $0.hasPrefix("modules/scheduler/existing-slurm ") })
        #expect(existing.contains(" none   An existing"), "\(existing)")
    }

    /// `hpcc explain` lists every code, and explains each one it lists.
    @Test func explainWorksForEveryCode() throws {
        let listing = try HPCCBinary.run(["explain"])
        #expect(listing.status == 0)
        let codes = listing.stdout.split(separator: "\n").map { String($0.prefix(7)) }
        #expect(codes.count >= 100 && codes.allSatisfy { $0.hasPrefix("HPC") })
        for code in codes {
            let page = try HPCCBinary.run(["explain", code])
            #expect(page.status == 0, "\(code): \(page.stderr)")
            #expect(page.stdout.hasPrefix("\(code) ("), "\(code)")
            #expect(page.stdout.contains("\nExample:\n    ") && page.stdout.contains("\nFix: "), "\(code)")
        }
        #expect(try HPCCBinary.run(["explain", "3014"]).stdout.hasPrefix("HPC3014 (error)"))
        let unknown = try HPCCBinary.run(["explain", "HPC0000"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("'HPC0000' is not a diagnostic code"))
    }

    @Test func helpEverywhere() throws {
        for command in [[], ["build"], ["validate"], ["modules"]] {
            let outcome = try HPCCBinary.run(command + ["--help"])
            #expect(outcome.status == 0, "\(command) --help")
            #expect(outcome.stdout.contains("USAGE"), "\(command) --help")
        }
    }
}

/// The library example runs and shows both a rejected and a compiled request.
@Suite("examples")
struct ExampleTests {
    @Test func compileInMemoryRuns() throws {
        let binary = HPCCBinary.url.deletingLastPathComponent().appendingPathComponent("compile-in-memory")
        let outcome = try Shell.run(binary.path, [])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("lab.yaml:16:21: error[HPC3011]: unknown machine type 'c2-standard-61'"))
        #expect(outcome.stdout.contains("nodeset cpu: 16 × c2-standard-30, 15 CPUs, 118880 MiB for Slurm"))
        #expect(outcome.stdout.contains("PartitionName=batch Nodes=cpu State=UP"))
    }
}
