import ConsumerChecks
import Foundation
import HPCCompiler
import Testing
import TestSupport

/// Every emitted Terraform root is judged twice: by the provider schema check (Google from the
/// committed extract of provider 6.50, AWS from the installed plugin), and by `terraform init` +
/// `terraform validate` offline (the real AWS plugin; for Google, a stand-in serving the schema).
@Suite("Terraform accepts every compiled group", .serialized)
struct TerraformConsumerTests {
    @Test(arguments: Repository.blueprintNames)
    func groupsMatchProviderSchemas(_ name: String) throws {
        let result = try Repository.compile(name)
        let roots = ConsumerTools.terraformRoots(result.files)
        for root in roots {
            let aws = ConsumerTools.requiresAWS(root)
            if aws, !ConsumerTools.required, case let .failure(error) = TerraformCLI.shared {
                ConsumerTools.record(
                    name, "provider schema", ConsumerTools.skipped("AWS schema of \(root.path)", because: "\(error)"))
                continue
            }
            let report = TerraformSchemaCheck(schemas: try ProviderSchemas.forRoot(requiringAWS: aws)).check(
                root.text, file: root.path)
            #expect(report.findings.isEmpty, "\(report.findings.map(\.description).joined(separator: "\n"))")
            #expect(report.resources + report.dataSources > 0, "\(root.path) declares nothing")
            let against = try ProviderSchemas.forRoot(requiringAWS: aws).map(\.label).joined(separator: " + ")
            ConsumerTools.record(
                name, "provider schema",
                """
                \(root.path) \(report.findings.isEmpty ? "accepted" : "REJECTED"): \(report.resources) resources, \
                \(report.dataSources) data sources of \(report.types.count) types against \(against)
                """
            )
        }
    }

    @Test(arguments: Repository.blueprintNames)
    func groupsPassTerraformValidate(_ name: String) throws {
        let result = try Repository.compile(name)
        let roots = ConsumerTools.terraformRoots(result.files)
        if !ConsumerTools.required, case let .failure(error) = TerraformCLI.shared {
            return ConsumerTools.record(
                name, "terraform validate", ConsumerTools.skipped("terraform validate of \(name)", because: "\(error)"))
        }
        let terraform = try TerraformCLI.shared.get()
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        for root in roots {
            let group = String(root.path.dropLast("/main.tf.json".count))
            let findings = try terraform.validate(group: folder.appendingPathComponent(group), displayPath: group)
            #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
            let provider =
                ConsumerTools.requiresAWS(root)
                ? "the hashicorp/aws \(terraform.awsVersion) plugin"
                : "the hashicorp/google \(terraform.googleVersion) schema stand-in"
            ConsumerTools.record(
                name, "terraform validate",
                "\(root.path) \(findings.isEmpty ? "valid" : "INVALID"), terraform init + validate with \(provider)")
        }
    }
}
