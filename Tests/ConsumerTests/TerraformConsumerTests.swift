import ConsumerChecks
import Foundation
import HPCCompiler
import Testing
import TestSupport

/// Every emitted Terraform root is judged by Terraform's rules: against the provider schemas
/// (Google from the committed extract of provider 6.50, AWS from the installed plugin), and,
/// for roots on AWS, by `terraform validate` itself with the real provider.
@Suite("Terraform accepts every compiled group", .serialized)
struct TerraformConsumerTests {
    @Test(arguments: Repository.blueprintNames)
    func groupsMatchProviderSchemas(_ name: String) throws {
        let result = try Repository.compile(name)
        let roots = ConsumerTools.terraformRoots(result.files)
        for root in roots {
            let aws = ConsumerTools.requiresAWS(root)
            if aws, !ConsumerTools.required, case let .failure(error) = TerraformCLI.shared {
                ConsumerTools.record(name, "provider schema", ConsumerTools.skipped("AWS schema of \(root.path)", because: "\(error)"))
                continue
            }
            let report = TerraformSchemaCheck(schemas: try ProviderSchemas.forRoot(requiringAWS: aws)).check(root.text, file: root.path)
            #expect(report.findings.isEmpty, "\(report.findings.map(\.description).joined(separator: "\n"))")
            #expect(report.resources + report.dataSources > 0, "\(root.path) declares nothing")
            let against = try ProviderSchemas.forRoot(requiringAWS: aws).map(\.label).joined(separator: " + ")
            ConsumerTools.record(name, "provider schema", "\(root.path) \(report.findings.isEmpty ? "accepted" : "REJECTED"): \(report.resources) resources, \(report.dataSources) data sources of \(report.types.count) types against \(against)")
        }
    }

    @Test(arguments: Repository.blueprintNames)
    func awsGroupsPassTerraformValidate(_ name: String) throws {
        let result = try Repository.compile(name)
        let roots = ConsumerTools.terraformRoots(result.files).filter(ConsumerTools.requiresAWS)
        guard !roots.isEmpty else {
            return ConsumerTools.record(name, "terraform validate", "no AWS group (no Google plugin offline: its groups are judged by the provider schema)")
        }
        if !ConsumerTools.required, case let .failure(error) = TerraformCLI.shared {
            return ConsumerTools.record(name, "terraform validate", ConsumerTools.skipped("terraform validate of \(name)", because: "\(error)"))
        }
        let terraform = try TerraformCLI.shared.get()
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        for root in roots {
            let group = String(root.path.dropLast("/main.tf.json".count))
            let directory = folder.appendingPathComponent(group)
            try terraform.initialize(directory)
            let findings = try terraform.validate(directory, displayPath: group)
            #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
            ConsumerTools.record(name, "terraform validate", "\(root.path) \(findings.isEmpty ? "valid" : "INVALID") with hashicorp/aws \(terraform.awsVersion)")
        }
    }
}
