import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// hpcc's own programs for Slurm on Google Cloud (scripts/hpcc-node.sh, slurm/resume.sh,
/// slurm/suspend.sh, the config-sync timer) run unchanged on a local twin of Compute Engine
/// (Tests/Tools/gcp-twin): `terraform apply` through the schema-only Google provider creates the
/// instances, each a set of namespaces with its own metadata, and Slurm grows, shrinks and
/// reconfigures the cluster through the twin's `gcloud`.
@Suite("hpcc's Google Cloud runtime on a local twin of Compute Engine")
struct GCPTwinTests {
    /// The zones each nodeset's nodes may be created in, in order, from the compiled blueprint.
    private func zones(_ blueprint: String) throws -> [String: [String]] {
        let result = try Repository.compile(blueprint)
        let cluster = try #require(result.deployment?.clusters.first)
        return Dictionary(uniqueKeysWithValues: cluster.nodesets.map { ($0.name, $0.zones) })
    }

    private func text(_ blueprint: String) throws -> String {
        try String(contentsOf: Repository.blueprints.appendingPathComponent("\(blueprint).yaml"), encoding: .utf8)
    }

    /// Whether the twin can run here; records a loud SKIPPED line when it cannot.
    private func available(_ blueprint: String, _ check: String) -> Bool {
        guard let reason = GCPTwin.unavailable else { return true }
        if ConsumerTools.required {
            Issue.record("the Google Cloud twin cannot run: \(reason)")
        } else {
            ConsumerTools.record(blueprint, check, ConsumerTools.skipped("the Google Cloud twin", because: reason))
        }
        return false
    }

    /// Prints the run's lines (gcloud calls, power and job states, per scenario) into the test log.
    private func report(_ blueprint: String, _ outcome: GCPTwin.Outcome) {
        for line in outcome.lines { print("twin | \(blueprint) | \(line)") }
        if outcome.status != 0 { print(outcome.stderr) }
    }

    /// Each of `scenarios` must have passed; one consumer-check line each.
    private func expectPassed(_ scenarios: [String], of blueprint: String, in outcome: GCPTwin.Outcome) {
        report(blueprint, outcome)
        for scenario in scenarios {
            let result = outcome.results[scenario]
            #expect(result?.ok == true, "scenario \(scenario): \(result?.detail ?? "did not run")")
            if let result {
                ConsumerTools.record(
                    blueprint, "twin \(scenario)",
                    "\(result.ok ? "ok" : "FAILED") in \(result.seconds) s: \(result.detail)")
            }
        }
        #expect(outcome.status == 0)
    }

    /// gcp-slurm.yaml with one more nodeset and partition, as an operator would add them.
    static func withExtraPartition(_ blueprint: String) throws -> String {
        let modules = """
              - id: extra_nodeset
                source: community/modules/compute/schedmd-slurm-gcp-v6-nodeset
                use: [network]
                settings:
                  machine_type: n2-standard-4
                  node_count_dynamic_max: 2
                  enable_placement: false
                  allow_automatic_updates: false

              - id: extra_partition
                source: community/modules/compute/schedmd-slurm-gcp-v6-partition
                use: [extra_nodeset]
                settings:
                  partition_name: extra


            """
        let login = "  - id: slurm_login\n"
        let use = "    - gpu_partition\n"
        #expect(blueprint.contains(login) && blueprint.contains(use))
        return
            blueprint
            .replacingOccurrences(of: login, with: modules.replacingOccurrences(of: "\n\n\n", with: "\n\n") + login)
            .replacingOccurrences(of: use, with: use + "    - extra_partition\n")
    }

    @Test func gcpSlurmBootsGrowsRetriesZonesSyncsMountsAndShrinksOnTheTwin() throws {
        guard available("gcp-slurm", "Google Cloud twin") else { return }
        let blueprint = try text("gcp-slurm")
        // Shrink before sync: the sync restarts slurmctld, which starts every node's idle time again.
        let scenarios = ["boot", "growth", "failed", "mounts", "shrink", "sync"]
        let outcome = try GCPTwin.run(
            blueprint: blueprint, scenarios: scenarios, zones: try zones("gcp-slurm"),
            rebuild: try Self.withExtraPartition(blueprint))
        expectPassed(scenarios, of: "gcp-slurm", in: outcome)
        let gcloud = outcome.lines("gcloud")
        #expect(gcloud.contains { $0.contains("compute instances create atlas-debugnodeset-") })
        #expect(gcloud.contains { $0.contains("compute instances delete atlas-debugnodeset-") })
        #expect(
            gcloud.contains { $0.contains("storage cp gs://atlas-hpc-demo-atlas-slurm/atlas-files/slurm/slurm.conf") })
    }

    @Test func gcpSlurmLustreBootsAndMountsOnTheTwin() throws {
        guard available("gcp-slurm-lustre", "Google Cloud twin") else { return }
        let outcome = try GCPTwin.run(
            blueprint: try text("gcp-slurm-lustre"), scenarios: ["boot", "powerup", "mounts"],
            zones: try zones("gcp-slurm-lustre"))
        expectPassed(["boot", "powerup", "mounts"], of: "gcp-slurm-lustre", in: outcome)
        // Every node of the cluster mounts the Lustre file system: the controller, the login node
        // and a node of each nodeset.
        let lustre = outcome.lines("mount").filter { $0.contains(" /scratch lustre ") }
        for instance in ["orion-controller", "orion-login-0", "orion-hpcnodeset-0", "orion-gpunodeset-0"] {
            #expect(lustre.contains { $0.hasPrefix("mount \(instance) ") }, "\(instance): \(outcome.lines("mount"))")
        }
    }

    /// The twin's own parts show they do what they stand for before they judge hpcc: the control
    /// plane, gcloud and the hook (selftest.sh), the runtime and the image (runtime-selftest.sh).
    @Test(arguments: ["selftest.sh", "runtime-selftest.sh"]) func theTwinsOwnSelfTestsPass(_ script: String) throws {
        guard available("gcp-twin", "Google Cloud twin self-test") else { return }
        let path = Repository.root.appendingPathComponent("Tests/Tools/gcp-twin/\(script)").path
        let outcome = try Shell.run("/bin/bash", [path])
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n")
        let passed = lines.filter { $0.hasPrefix("ok ") || $0.hasPrefix("check ") && $0.contains(" ok") }.count
        let failed = lines.filter { $0.hasPrefix("FAIL ") || $0.hasPrefix("check ") && $0.contains(" FAIL") }
        #expect(failed.isEmpty && passed > 0, "\(failed)")
        ConsumerTools.record(
            "gcp-twin", script, "exit \(outcome.status): \(passed) checks passed, \(failed.count) failed")
    }

    /// A deliberately broken deployment the twin must catch: which file is changed, how, and the
    /// scenario and message it must fail with.
    struct Breakage: CustomStringConvertible, Sendable {
        let description: String
        let file: String
        let from: String
        let to: String
        let scenarios: [String]
        let failing: String
        let message: String
    }

    static let breakages = [
        Breakage(
            description: "resume.sh maps the debug nodeset to the compute template", file: "slurm/resume.sh",
            from: "debugnodeset) template=atlas-debugnodeset;", to: "debugnodeset) template=atlas-computenodeset;",
            scenarios: ["boot", "growth"], failing: "growth",
            message: "created from template atlas-computenodeset, expected atlas-debugnodeset"),
        Breakage(
            description: "slurm.conf names the debug nodes unlike their instances", file: "slurm/slurm.conf",
            from: "atlas-debugnodeset-", to: "atlas-dbg-", scenarios: ["boot"], failing: "boot",
            message: "the static nodes atlas-dbg-0 atlas-dbg-1 register: not within 90 s"),
        Breakage(
            description: "the nodesets' templates lack the hpcc-controller metadata key", file: "primary/main.tf.json",
            from: "\"hpcc-controller\": \"atlas-controller\",\n          \"hpcc-job-scripts\"",
            to: "\"hpcc-job-scripts\"", scenarios: ["boot"], failing: "boot",
            message: "startup script failed: {'atlas-debugnodeset-0': '1'"),
    ]

    @Test(arguments: breakages) func theTwinCatchesABrokenDeployment(_ breakage: Breakage) throws {
        guard available("gcp-slurm", "Google Cloud twin negative control") else { return }
        let outcome = try GCPTwin.run(
            blueprint: try text("gcp-slurm"), scenarios: breakage.scenarios, zones: try zones("gcp-slurm"), bound: 90
        ) { deployment in
            let url = deployment.appendingPathComponent(breakage.file)
            let original = try String(contentsOf: url, encoding: .utf8)
            let broken = original.replacingOccurrences(of: breakage.from, with: breakage.to)
            try #require(broken != original, "the breakage does not apply to \(breakage.file)")
            try Data(broken.utf8).write(to: url)
        }
        report("gcp-slurm (\(breakage))", outcome)
        let result = try #require(outcome.results[breakage.failing], "\(outcome.lines.suffix(20))")
        #expect(!result.ok, "the twin did not catch: \(breakage)")
        #expect(result.detail.contains(breakage.message), "\(result.detail)")
        #expect(outcome.status == 1)
        ConsumerTools.record(
            "gcp-slurm", "twin negative control",
            "\(breakage): scenario \(breakage.failing) failed as it must in \(result.seconds) s: \(result.detail)")
    }
}
