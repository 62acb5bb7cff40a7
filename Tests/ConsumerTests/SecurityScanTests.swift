import ConsumerChecks
import Foundation
import HPCCompiler
import Testing
import TestSupport

/// checkov over every Terraform group of every shipped blueprint. A failed check is either fixed
/// in hpcc's defaults or waived in `docs/security.md` by check id with its reason; a waiver no
/// shipped blueprint needs any more is an error too, so the document stays the list of what is
/// left. checkov reports no severities in its open-source form, so none is waved through by one.
@Suite(
    "checkov finds nothing undocumented in the emitted Terraform",
    .enabled(
        if: (CheckovScan.available && (try? TerraformCLI.shared.get()) != nil && MotoServer.available)
            || ConsumerTools.required,
        "checkov, terraform or moto (for the plan's ephemeral values) is not installed"))
struct SecurityScanTests {
    static let document = Repository.root.appendingPathComponent("docs/security.md")

    /// Check id → reason, from the waiver table rows (`| CKV_... | applies to | reason |`).
    static func waivers() throws -> [String: String] {
        let text = try String(contentsOf: document, encoding: .utf8)
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| CKV") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 5 else { continue }
            #expect(table[cells[1]] == nil, "\(cells[1]) is waived twice in docs/security.md")
            table[cells[1]] = cells[3]
        }
        return table
    }

    static func scanGroups(_ files: [OutputFile]) throws -> [(group: String, report: CheckovScan.Report)] {
        let terraform = try TerraformCLI.shared.get()
        let folder = try ConsumerTools.writeDeployment(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A root with ephemeral values (the accounting password) opens them during plan: moto
        // answers that one Secrets Manager call.
        var moto: MotoServer?
        defer { moto?.stop() }
        return try ConsumerTools.terraformRoots(files).map { root in
            let group = String(root.path.dropLast("/main.tf.json".count))
            let aws = ConsumerTools.requiresAWS(root)
            if aws, root.text.contains("\"ephemeral\""), moto == nil { moto = try MotoServer() }
            return (
                group,
                try CheckovScan.scan(
                    group: folder.appendingPathComponent(group), aws: aws, terraform: terraform,
                    secretsEndpoint: aws && root.text.contains("\"ephemeral\"") ? moto?.endpoint : nil)
            )
        }
    }

    @Test func everyFailedCheckIsWaivedWithAReason() throws {
        let waivers = try Self.waivers()
        #expect(!waivers.isEmpty, "docs/security.md has no waiver table")
        for (id, reason) in waivers {
            #expect(reason.count > 40, "\(id): a waiver needs its reason, not '\(reason)'")
        }
        var needed: Set<String> = []
        for name in Repository.blueprintNames {
            let result = try Repository.compile(name)
            let scans = try Self.scanGroups(result.files)
            guard !scans.isEmpty else {
                ConsumerTools.record(name, "checkov", "no Terraform group in this blueprint")
                continue
            }
            // A group of resources checkov has no checks for (project services) runs none; every
            // blueprint's groups together must run some.
            let ran = scans.map { $0.1.passed + $0.1.failures.count }.reduce(0, +)
            #expect(ran > 0, "\(name): checkov ran no checks on any group")
            for (group, report) in scans {
                #expect(
                    report.parseErrors == 0, "\(name)/\(group): checkov could not parse the input (\(report.summary))")
                let undocumented = report.failures.filter { waivers[$0.checkID] == nil }
                #expect(
                    undocumented.isEmpty,
                    """
                    \(name)/\(group): failed checks neither fixed nor waived in \
                    docs/security.md:\n\(undocumented.map(\.description).joined(separator: "\n"))
                    """
                )
                let ids = Set(report.failures.map(\.checkID))
                needed.formUnion(ids)
                ConsumerTools.record(
                    name, "checkov",
                    """
                    \(group) \(report.summary); waived in docs/security.md: \
                    \(ids.isEmpty ? "none" : ids.sorted().joined(separator: " "))
                    """
                )
            }
        }
        let stale = Set(waivers.keys).subtracting(needed)
        #expect(stale.isEmpty, "docs/security.md waives checks no shipped blueprint fails any more: \(stale.sorted())")
    }

    /// The blueprint that names customer-managed keys passes checkov's disk-key checks, which the same
    /// blueprint without its disk key fails: the keys are where checkov, like the provider, looks.
    @Test func customerManagedKeysPassTheDiskKeyChecks() throws {
        let checks: Set = ["CKV_GCP_37", "CKV_GCP_38"]
        let keyed = try Self.scanGroups(try Repository.compile("gcp-slurm-cmek").files)
        let keyedFailures = Set(keyed.flatMap(\.report.failures).map(\.checkID))
        #expect(keyedFailures.isDisjoint(with: checks), "\(keyedFailures.sorted())")
        let text = try String(
            contentsOf: Repository.blueprints.appendingPathComponent("gcp-slurm-cmek.yaml"), encoding: .utf8)
        let unkeyed = text.split(separator: "\n", omittingEmptySubsequences: false).filter {
            !$0.contains("disk_key")
        }.joined(separator: "\n")
        #expect(unkeyed != text)
        let result = Compiler().compile(
            SourceFile(name: "blueprints/gcp-slurm-cmek.yaml", text: unkeyed), variables: [])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let unkeyedFailures = Set(try Self.scanGroups(result.files).flatMap(\.report.failures).map(\.checkID))
        #expect(checks.isSubset(of: unkeyedFailures), "\(unkeyedFailures.sorted())")
        ConsumerTools.record(
            "gcp-slurm-cmek", "checkov",
            """
            with its disk key: \(checks.sorted().joined(separator: " ")) pass; without it they fail \
            (\(checks.intersection(unkeyedFailures).sorted().joined(separator: " ")))
            """
        )
    }

    /// The scan must see what it is there to see: SSH opened to the world on Google (hpcc warns,
    /// HPC3049, and checkov fails CKV_GCP_2), and an unencrypted EFS in an AWS plan (CKV_AWS_42).
    @Test("negative controls: SSH from anywhere on Google, an unencrypted EFS on AWS")
    func brokenCopiesFail() throws {
        let workbench = try String(
            contentsOf: Repository.blueprints.appendingPathComponent("gcp-workbench.yaml"), encoding: .utf8)
        let blueprint = workbench.replacingOccurrences(
            of: "    source: modules/network/vpc\n",
            with: "    source: modules/network/vpc\n    settings:\n      allowed_ssh_ip_ranges: [0.0.0.0/0]\n")
        #expect(blueprint != workbench)
        let open = Compiler().compile(SourceFile(name: "blueprints/gcp-workbench.yaml", text: blueprint), variables: [])
        #expect(open.diagnostics.map(\.code) == [.sshFromInternet], "\(open.diagnostics.map(\.message))")
        let google = try Self.scanGroups(open.files)
        #expect(
            google.flatMap(\.report.failures).contains { $0.checkID == "CKV_GCP_2" }, "\(google.map(\.report.summary))")
        ConsumerTools.record(
            "negative control", "checkov",
            """
            SSH from 0.0.0.0/0 on Google: \
            \(google.flatMap(\.report.failures).filter { $0.checkID == "CKV_GCP_2" }.map(\.description))
            """
        )

        let storage = try Repository.compile("aws-hpc-storage")
        let files = try storage.files.map { file -> OutputFile in
            guard file.path == "storage/main.tf.json" else { return file }
            return OutputFile(
                path: file.path,
                text: try JSONEdit.apply(
                    file.text, at: ["resource", "aws_efs_file_system", "home", "encrypted"], set: false))
        }
        let aws = try Self.scanGroups(files)
        #expect(aws.flatMap(\.report.failures).contains { $0.checkID == "CKV_AWS_42" }, "\(aws.map(\.report.summary))")
        ConsumerTools.record(
            "negative control", "checkov",
            """
            unencrypted EFS in an AWS plan: \
            \(aws.flatMap(\.report.failures).filter { $0.checkID == "CKV_AWS_42" }.map(\.description))
            """
        )
    }
}
