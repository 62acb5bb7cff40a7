import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// Prolog, epilog, task prolog and task epilog scripts (issue 20): checked at their place, installed
/// with one runner per kind that slurm.conf names, on existing clusters and on Google Cloud.
@Suite struct JobScriptTests {
    /// The minimal GCP blueprint with the controller's `settings` (written 8 spaces in) added.
    private func gcp(_ settings: String) -> String {
        minimalBlueprint + "    settings:\n"
            + settings.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.dropFirst(2)) }
            .joined(separator: "\n")
    }

    @Test func badNamesDuplicatesAndContentAreReportedWhereWritten() {
        let result = compile(
            gcp(
                """
                        prolog_scripts:
                        - filename: ../evil
                          content: "#!/bin/sh"
                        - filename: ok
                          content: "#!/bin/sh"
                        - filename: ok
                          content: "#!/bin/sh"
                        epilog_scripts:
                        - filename: noshebang
                          content: echo hi
                        - filename: both
                          content: "#!/bin/sh"
                          source: x.sh
                        - filename: .hidden
                          content: "#!/bin/sh"

                """))
        #expect(
            positions(result.diagnostics) == [
                "28:19 HPC3057", "32:19 HPC3057", "36:18 HPC3057", "37:9 HPC3057", "40:19 HPC3057",
            ], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.message.contains("'../evil' is not a plain file name") == true)
        #expect(result.diagnostics.map(\.message).contains { $0.contains("'ok' is named twice") })
    }

    @Test func gcpClusterNamesTheRunnersAndUploadsEveryScript() throws {
        let result = compile(
            gcp(
                """
                        prolog_scripts:
                        - filename: b
                          content: "#!/bin/sh\\necho b\\n"
                        - filename: a
                          content: "#!/bin/sh\\necho a\\n"
                        task_epilog_scripts:
                        - filename: t
                          content: "#!/bin/sh\\n"

                """))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("Prolog=/slurm/hpcc/job-scripts/prolog\n"))
        #expect(conf.contains("TaskEpilog=/slurm/hpcc/job-scripts/task_epilog\n"))
        #expect(!conf.contains("Epilog=/slurm/hpcc/job-scripts/epilog"))
        #expect(result.file("slurm/job-scripts/prolog.d/a") == "#!/bin/sh\necho a\n")
        let terraform = try #require(result.file("primary/main.tf.json"))
        for object in ["job_prolog", "job_prolog_0", "job_prolog_1", "job_task_epilog", "job_task_epilog_0"] {
            #expect(terraform.contains("\"controller_\(object)\""), "\(object)")
        }
        #expect(terraform.contains("\"hpcc-job-scripts\": \"/slurm/hpcc/job-scripts\""))
    }

    @Test func externalScriptsNeedTheSharedOptApps() {
        let shared = compile(gcp("        enable_external_prolog_epilog: true\n"))
        #expect(shared.diagnostics.isEmpty, "\(shared.diagnostics)")
        #expect(shared.file("slurm/slurm.conf")?.contains("Epilog=/slurm/hpcc/job-scripts/epilog") == true)
        #expect(shared.file("slurm/job-scripts/prolog")?.contains("/opt/apps/adm/slurm") == true)
        let unshared = compile(
            gcp("        enable_external_prolog_epilog: true\n        enable_default_mounts: false\n"))
        #expect(positions(unshared.diagnostics) == ["27:38 HPC2009"], "\(unshared.diagnostics)")
    }

    /// The runner, run by bash: scripts in name order, arguments passed, the first failure stops the
    /// rest and is the runner's status; task prolog output passes through.
    @Test func runnerRunsInNameOrderAndStopsAtTheFirstFailure() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hpcc-runner-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let log = folder.appendingPathComponent("log").path
        let scripts = JobScripts(
            directory: folder.path,
            scripts: [
                .taskProlog: [
                    .init(name: "10-a", content: "#!/bin/sh\necho \"a $*\" >>'\(log)'\necho export A=1\n"),
                    .init(name: "20-b", content: "#!/bin/sh\necho b >>'\(log)'\nexit 3\n"),
                    .init(name: "30-c", content: "#!/bin/sh\necho c >>'\(log)'\n"),
                ]
            ])
        for file in JobScriptFiles.files(scripts) {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.text.write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: scripts.runner(.taskProlog))
        process.arguments = ["x"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        #expect(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "export A=1\n")
        #expect(try String(contentsOfFile: log, encoding: .utf8) == "a x\nb\n")
    }
}
