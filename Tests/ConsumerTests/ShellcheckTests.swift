import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// The shell programs hpcc emits (node bootstrap, resume, suspend, startup-script modules, workbench startup, a
/// ParallelCluster head node's REST API script, vm-instance boot, wait-for-startup) pass shellcheck at warning level.
@Suite(
    "shellcheck accepts the emitted programs",
    .enabled(if: Shellcheck.usable, "shellcheck is not installed: run .ci/run, or apt-get install shellcheck"))
struct ShellcheckTests {
    @Test(arguments: Repository.checkedBlueprints)
    func scriptsPassShellcheck(_ name: String) throws {
        let result = try Repository.compile(name)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-sh-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        // hpcc's job script runners too (issue 20); the blueprint's own job scripts are the user's text.
        let runners = Set(JobScripts.Kind.allCases.map { "/job-scripts/\($0.rawValue)" })
        // Files a blueprint stages (`ghpc_stage`) are its author's, as its own job scripts are.
        for file in result.files
        where !file.path.hasPrefix("staged/")
            && (runners.contains(where: { file.path.hasSuffix($0) })
                || !file.path.contains("/job-scripts/")
                    && (file.path.hasSuffix(".sh") || file.path.hasSuffix(".sbatch")))
        {
            let url = directory.appendingPathComponent(file.path.replacingOccurrences(of: "/", with: "_"))
            try Data(file.contents).write(to: url)
            paths.append(url.path)
        }
        let deployment = try #require(result.deployment)
        let expected =
            (deployment.clusters.isEmpty ? 0 : 1) + 2 * deployment.clusters.count + deployment.workbenches.count
            + deployment.startupScripts.count
            // spack and ramble: each setup and execute script, and each environment's install job.
            + deployment.toolInstallations.count + deployment.toolExecutions.count
            + deployment.toolExecutions.flatMap(\.environments).filter { $0.partition != nil }.count
            + (deployment.hpcStats == nil ? 0 : 1)
            + (deployment.clusters.map(\.jobScripts) + deployment.onPremClusters.map(\.jobScripts)).reduce(0) {
                $0 + $1.kinds.count
            }
            + deployment.parallelClusters.filter { $0.restAPI != nil }.count
            + (deployment.virtualMachines.isEmpty ? 0 : 1) + (deployment.startupWaits.isEmpty ? 0 : 1)
        // The one kind of instance setup (chrome-remote-desktop's) is one script, however many groups use it.
        let setups = deployment.virtualMachines.contains { $0.setup != nil } ? 1 : 0
        #expect(paths.count == expected + setups)
        guard expected > 0 else {
            // Nothing to check: the blueprint has no cluster, workbench, startup script or HPCStats.
            ConsumerTools.record(name, "shellcheck", "no scripts in this blueprint")
            return
        }
        let outcome = try Shell.run("/usr/bin/env", ["shellcheck", "--severity=warning", "--shell=bash"] + paths)
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
        ConsumerTools.record(
            name, "shellcheck", "\(paths.count) scripts \(outcome.status == 0 ? "clean" : "REJECTED") at warning level")
    }

    /// The check can fail: a script with an unquoted, unset-variable bug is reported.
    @Test func shellcheckRejectsABrokenScript() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "hpcc-sh-broken-\(UUID().uuidString).sh")
        defer { try? FileManager.default.removeItem(at: url) }
        try "#!/bin/bash\nfor f in $(ls *.conf); do cp $f /etc/; done\nif [ $x = 1 ] then echo; fi\n".write(
            to: url, atomically: true, encoding: .utf8)
        let outcome = try Shell.run("/usr/bin/env", ["shellcheck", "--severity=warning", url.path])
        #expect(outcome.status != 0)
    }
}

enum Shellcheck {
    /// Installed, or required (CI), in which case its absence fails the tests.
    static let usable = Shell.has("shellcheck") || ConsumerTools.required
}
