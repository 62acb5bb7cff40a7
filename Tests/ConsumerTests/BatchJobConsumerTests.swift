import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// Every emitted Batch job file (`batch/*.json`) is a job the Batch API would decode as written
/// (`BatchJobCheck`: its published field set and types), and the check rejects broken ones.
@Suite("Batch job files hold only fields of the Batch API")
struct BatchJobConsumerTests {
    @Test(arguments: Repository.checkedBlueprints)
    func batchJobsDecode(_ name: String) throws {
        let result = try Repository.compile(name)
        let jobs = result.files.filter { $0.path.hasPrefix("batch/") && $0.path.hasSuffix(".json") }
        guard !jobs.isEmpty else { return ConsumerTools.record(name, "Batch job fields", "no Batch job") }
        for job in jobs {
            let findings = BatchJobCheck.check(job.text, file: job.path)
            #expect(findings.isEmpty, "\(name): \(findings.map(\.description).joined(separator: "\n"))")
        }
        ConsumerTools.record(name, "Batch job fields", "\(jobs.count) job file(s) checked")
    }

    /// The shipped MPI job, as emitted.
    private func shippedJob() throws -> String {
        let result = try Repository.compile("gcp-batch-mpi")
        return try #require(result.files.first { $0.path == "batch/osu-bench.json" }).text
    }

    @Test("the negative control: misspelt, mistyped, output-only and regional fields are rejected")
    func brokenJobsAreRejected() throws {
        let text = try shippedJob()
        #expect(BatchJobCheck.check(text, file: "job.json").isEmpty)
        let broken =
            text
            .replacingOccurrences(of: #""taskCount": "4""#, with: #""taskcount": "4""#)
            .replacingOccurrences(of: #""requireHostsFile": true"#, with: #""requireHostsFile": "true""#)
            .replacingOccurrences(of: #""destination": "CLOUD_LOGGING""#, with: #""destination": "STACKDRIVER""#)
            .replacingOccurrences(of: "/global/instanceTemplates/", with: "/regions/us-central1/instanceTemplates/")
            .replacingOccurrences(of: #""mountPath": "/apps","#, with: #""mountPath": "/apps", "uid": "x","#)
        let findings = BatchJobCheck.check(broken, file: "job.json")
        print(findings.map(\.description).joined(separator: "\n"))
        #expect(
            findings.map(\.path) == [
                "logsPolicy.destination", "taskGroups[0].requireHostsFile", "taskGroups[0].taskcount",
                "taskGroups[0].taskSpec.volumes[0].uid", "allocationPolicy.instances[0].instanceTemplate",
            ])
        #expect(findings.first?.message == "'STACKDRIVER' is none of DESTINATION_UNSPECIFIED, CLOUD_LOGGING, PATH")
        #expect(findings.dropFirst().first?.message == "a string where the API takes a bool")
    }

    @Test("an int64 as a number is taken, a fraction is not; two task groups are one too many")
    func numbersAndLimits() {
        let job = #"{"taskGroups": [{"taskCount": 3, "parallelism": "1.5"}, {}]}"#
        let findings = BatchJobCheck.check(job, file: "job.json")
        #expect(
            findings.map(\.description) == [
                "job.json:1: taskGroups[0].parallelism: '1.5' is not an int64",
                "job.json:1: taskGroups: must hold exactly one group",
            ])
    }
}
