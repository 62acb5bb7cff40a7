import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
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
        var declared = 0
        var checked = 0
        defer { #expect(checked == 0 || declared > 0, "no Terraform root of \(name) declares anything") }
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
            // A group whose modules make no cloud resource (a startup script another group's image
            // build reads from scripts/) has a root with its provider only.
            declared += report.resources + report.dataSources
            checked += 1
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
        // In the blueprint's group order, as deployed: a group reads the outputs of those before it.
        let order = (result.deployment?.groups ?? []).map { "\($0.name.rawValue)/main.tf.json" }
        let roots = ConsumerTools.terraformRoots(result.files).filter { !ConsumerTools.requiresAWS($0) }.sorted {
            (order.firstIndex(of: $0.path) ?? order.count) < (order.firstIndex(of: $1.path) ?? order.count)
        }
        guard !roots.isEmpty else { return }
        if !ConsumerTools.required, case let .failure(error) = TerraformCLI.shared {
            return ConsumerTools.record(
                name, "terraform apply", ConsumerTools.skipped("terraform apply of \(name)", because: "\(error)"))
        }
        let terraform = try TerraformCLI.shared.get()
        let folder = try ConsumerTools.writeDeployment(result.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [String: Any] = [:]
        let gcloud = try StartupWaitGcloud(in: folder)
        for root in roots {
            let group = String(root.path.dropLast("/main.tf.json".count))
            let applied = try terraform.apply(
                deployment: folder, group: group, variables: outputs, environment: gcloud.environment)
            outputs.merge(applied.outputs) { _, new in new }
            // wait-for-startup ran once per instance it names, each an instance of this apply.
            let instances = Set(
                applied.resources.filter { $0.key.hasPrefix("google_compute_instance.") }.compactMap {
                    $0.value["name"] as? String
                })
            // A wait's input is the name of the instance it waits for.
            let waits = Set(
                applied.resources.filter { $0.key.hasPrefix("terraform_data.") }.compactMap {
                    $0.value["input"] as? String
                }.filter(instances.contains))
            let waited = try gcloud.waitedFor()
            #expect(waited == waits, "\(group): waited for \(waited), made \(instances)")
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

/// A `gcloud` for the apply's wait-for-startup provisioners: it logs the instance it is asked
/// about and answers with the status line hpcc's instance script writes on success.
struct StartupWaitGcloud {
    let folder: URL
    let log: URL

    init(in deployment: URL) throws {
        folder = deployment.appendingPathComponent(".gcloud-stand-in")
        log = folder.appendingPathComponent("calls.log")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let script = """
            #!/bin/bash
            echo "$*" >>'\(log.path)'
            echo "lab-0 google_metadata_script_runner: startup-script: hpcc-vm: startup finished with status 0"

            """
        let gcloud = folder.appendingPathComponent("gcloud")
        try Data(script.utf8).write(to: gcloud)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gcloud.path)
    }

    /// Terraform's PATH with the stand-in first.
    var environment: [String: String] {
        ["PATH": folder.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")]
    }

    /// The instances asked about so far (`compute instances get-serial-port-output NAME ...`), then forgets them.
    func waitedFor() throws -> Set<String> {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return [] }
        try FileManager.default.removeItem(at: log)
        return Set(
            text.split(separator: "\n").compactMap { line in
                let words = line.split(separator: " ")
                return words.firstIndex(of: "get-serial-port-output").flatMap {
                    words.indices.contains($0 + 1) ? String(words[$0 + 1]) : nil
                }
            })
    }
}
