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
    @Test(arguments: Repository.checkedBlueprints)
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

    @Test(arguments: Repository.checkedBlueprints)
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

    /// Google groups also plan and apply with the stand-in (no hook): every expression renders,
    /// instances get addresses, and the mounts hpcc-node.sh reads name each Filestore instance's
    /// address. Later groups read earlier groups' outputs, as `hpcc deploy` passes them.
    @Test(arguments: Repository.blueprintNames)
    func googleGroupsApply(_ name: String) throws {
        let result = try Repository.compile(name)
        let roots = ConsumerTools.terraformRoots(result.files).filter { !ConsumerTools.requiresAWS($0) }
        guard !roots.isEmpty else { return }
        if !ConsumerTools.required, case let .failure(error) = TerraformCLI.shared {
            return ConsumerTools.record(
                name, "terraform apply", ConsumerTools.skipped("terraform apply of \(name)", because: "\(error)"))
        }
        let terraform = try TerraformCLI.shared.get()
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [String: Any] = [:]
        for root in roots {
            let group = String(root.path.dropLast("/main.tf.json".count))
            let applied = try terraform.apply(deployment: folder, group: group, variables: outputs)
            outputs.merge(applied.outputs) { _, new in new }
            let filestore = applied.resources.filter { $0.key.hasPrefix("google_filestore_instance.") }.compactMap {
                (($0.value["networks"] as? [[String: Any]])?.first?["ip_addresses"] as? [String])?.first
            }
            // Servers of network filesystems (a gcsfuse bucket mount has none), from every instance's mounts.
            var servers: Set<String> = []
            var mounting = false
            for (address, values) in applied.resources where address.hasPrefix("google_compute_instance.") {
                let interfaces = values["network_interface"] as? [[String: Any]] ?? []
                #expect(
                    interfaces.allSatisfy { ($0["network_ip"] as? String ?? "") != "" }, "\(address) has no address")
                guard let mounts = (values["metadata"] as? [String: Any])?["hpcc-mounts"] as? String else { continue }
                mounting = true
                let list = try JSONSerialization.jsonObject(with: Data(mounts.utf8)) as? [[String: Any]] ?? []
                servers.formUnion(
                    list.filter { ["nfs", "lustre"].contains($0["type"] as? String) }.map {
                        $0["server"] as? String ?? ""
                    })
            }
            #expect(!servers.contains(""), "\(group): a network filesystem mount without a server")
            #expect(
                !mounting || Set(filestore).isSubset(of: servers),
                "\(group): Filestore \(filestore) not mounted (\(servers))")
            ConsumerTools.record(
                name, "terraform apply",
                """
                \(root.path) applied with the hashicorp/google \(terraform.googleVersion) stand-in: \
                \(applied.resources.count) resources, mounts from \(servers.sorted())
                """)
        }
    }
}
