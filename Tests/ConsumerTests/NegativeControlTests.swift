import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// Each consumer check must be able to fail: a deliberately broken artifact is fed to it and
/// must be rejected, with the consumer's own message printed to the log.
@Suite("Consumer checks reject broken artifacts", .serialized)
struct NegativeControlTests {
    static let awsControl = Repository.root.appendingPathComponent("Tests/Fixtures/aws-control/main.tf.json")
    /// Terraform with the AWS mirror and the Google schema stand-in.
    static let terraformRunnable: Bool = {
        if case .success = TerraformCLI.shared { return true }
        return ConsumerTools.required
    }()

    /// Prints what the consumer said, so the test log shows the rejection in its own words.
    private func show(_ control: String, _ message: String) {
        print(
            "negative control | \(control) | rejected:\n"
                + message.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
    }

    // MARK: provider schema

    private func googleRoot() throws -> String {
        let result = try Repository.compile("gcp-slurm")
        return try #require(result.files.first { $0.path == "primary/main.tf.json" }).text
    }

    private func schemaFindings(_ text: String, aws: Bool = false) throws -> [ConsumerFinding] {
        try TerraformSchemaCheck(schemas: ProviderSchemas.forRoot(requiringAWS: aws)).check(text, file: "main.tf.json")
            .findings
    }

    @Test("the unbroken Google root is accepted")
    func googleRootAccepted() throws {
        #expect(try schemaFindings(googleRoot()).isEmpty)
    }

    @Test("schema: an unknown attribute")
    func unknownAttribute() throws {
        let text = try JSONEdit.apply(
            googleRoot(), at: ["resource", "google_compute_instance", "slurm_controller", "machine_tpye"],
            set: "n2-standard-8")
        let findings = try schemaFindings(text)
        #expect(findings.contains { $0.message.contains("no argument or block named \"machine_tpye\"") && $0.line > 1 })
        show("unknown Terraform attribute", findings.map(\.description).joined(separator: "\n"))
    }

    @Test("schema: a missing required attribute")
    func missingRequiredAttribute() throws {
        let text = try JSONEdit.apply(
            googleRoot(), at: ["resource", "google_compute_instance", "slurm_controller", "machine_type"], set: nil)
        let findings = try schemaFindings(text)
        #expect(
            findings.contains {
                $0.message == "missing required argument \"machine_type\""
                    && $0.path == "resource.google_compute_instance.slurm_controller"
            })
        show("missing required Terraform attribute", findings.map(\.description).joined(separator: "\n"))
    }

    @Test("schema: a missing required block, a computed-only attribute, a wrong shape, an unknown type")
    func otherSchemaViolations() throws {
        var text = try JSONEdit.apply(
            googleRoot(), at: ["resource", "google_compute_instance", "slurm_controller", "network_interface"], set: nil
        )
        text = try JSONEdit.apply(
            text, at: ["resource", "google_compute_network", "network", "gateway_ipv4"], set: "10.0.0.1")
        text = try JSONEdit.apply(
            text, at: ["resource", "google_compute_instance", "slurm_controller", "tags"], set: "not-a-list")
        text = try JSONEdit.apply(text, at: ["resource", "google_compute_instanse", "x"], set: ["name": "x"])
        let messages = try schemaFindings(text).map(\.message)
        #expect(messages.contains("missing required block \"network_interface\""))
        #expect(messages.contains("\"gateway_ipv4\" is set by the provider and cannot be configured"))
        #expect(messages.contains("set(string) is required, found string"))
        #expect(messages.contains { $0.contains("no resource type \"google_compute_instanse\"") })
        show("schema violations", messages.joined(separator: "\n"))
    }

    @Test("schema: references to undeclared resources and attributes")
    func brokenReferences() throws {
        var text = try JSONEdit.apply(
            googleRoot(), at: ["output", "broken_a", "value"], set: "${google_compute_network.nonexistent.id}")
        text = try JSONEdit.apply(
            text, at: ["output", "broken_b", "value"], set: "${google_compute_network.network.self_lnk}")
        text = try JSONEdit.apply(text, at: ["output", "broken_c", "value"], set: "${var.not_declared}")
        let messages = try schemaFindings(text).map(\.message)
        #expect(messages.contains { $0.contains("undeclared resource \"google_compute_network.nonexistent\"") })
        #expect(messages.contains { $0.contains("google_compute_network has no attribute \"self_lnk\"") })
        #expect(messages.contains { $0.contains("undeclared variable \"var.not_declared\"") })
        show("broken references", messages.joined(separator: "\n"))
    }

    @Test(
        "schema: the AWS control is accepted and its broken copies are not",
        .enabled(if: terraformRunnable, "terraform, the AWS provider mirror or the Google schema stand-in is missing"))
    func awsSchema() throws {
        let control = try String(contentsOf: Self.awsControl, encoding: .utf8)
        #expect(try schemaFindings(control, aws: true).isEmpty)
        let unknown = try JSONEdit.apply(
            control, at: ["resource", "aws_vpc", "main", "enable_dns_hostname"], set: true)
        let missing = try JSONEdit.apply(
            control, at: ["resource", "aws_efs_mount_target", "home_a", "subnet_id"], set: nil)
        let messages =
            try schemaFindings(unknown, aws: true).map(\.message) + schemaFindings(missing, aws: true).map(\.message)
        #expect(
            messages.contains("unsupported argument: aws_vpc has no argument or block named \"enable_dns_hostname\""))
        #expect(messages.contains("missing required argument \"subnet_id\""))
        show("AWS schema", messages.joined(separator: "\n"))
    }

    // MARK: terraform validate

    /// Validates `text` as the root of `group` inside a deployment written from `files`.
    private func validate(
        _ text: String, group: String = "aws-control", files: [OutputFile] = []
    ) throws -> [ConsumerFinding] {
        let terraform = try TerraformCLI.shared.get()
        let folder = try ConsumerTools.writeDeployment(files + [OutputFile(path: "\(group)/main.tf.json", text: text)])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try terraform.validate(group: folder.appendingPathComponent(group), displayPath: group)
    }

    @Test(
        "terraform validate: the AWS control is valid, an unknown and a missing attribute are not",
        .enabled(if: terraformRunnable, "terraform, the AWS provider mirror or the Google schema stand-in is missing"))
    func terraformValidateAWS() throws {
        let control = try String(contentsOf: Self.awsControl, encoding: .utf8)
        #expect(try validate(control).isEmpty)
        let unknown = try validate(
            JSONEdit.apply(control, at: ["resource", "aws_vpc", "main", "enable_dns_hostname"], set: true))
        #expect(
            unknown.contains {
                $0.message.contains("No argument or block type is named \"enable_dns_hostname\"") && $0.line > 1
            })
        show("terraform validate (AWS), unknown attribute", unknown.map(\.description).joined(separator: "\n"))
        let missing = try validate(
            JSONEdit.apply(control, at: ["resource", "aws_efs_mount_target", "home_a", "subnet_id"], set: nil))
        #expect(
            missing.contains {
                $0.message.contains("Missing required argument") && $0.message.contains("\"subnet_id\"")
            })
        show("terraform validate (AWS), missing required attribute", missing.map(\.description).joined(separator: "\n"))
    }

    @Test(
        "terraform validate: broken copies of a Google root are invalid",
        .enabled(if: terraformRunnable, "terraform, the AWS provider mirror or the Google schema stand-in is missing"))
    func terraformValidateGoogle() throws {
        let files = try Repository.compile("gcp-slurm").files.filter { $0.path != "primary/main.tf.json" }
        let root = try googleRoot()
        #expect(try validate(root, group: "primary", files: files).isEmpty)
        let instance = ["resource", "google_compute_instance", "slurm_controller"]
        let cases: [(String, String, String)] = [
            (
                "unknown attribute", try JSONEdit.apply(root, at: instance + ["machine_tpye"], set: "n2-standard-8"),
                "No argument or block type is named \"machine_tpye\""
            ),
            (
                "missing required attribute", try JSONEdit.apply(root, at: instance + ["machine_type"], set: nil),
                "The argument \"machine_type\" is required"
            ),
            (
                "undeclared reference",
                try JSONEdit.apply(
                    root, at: instance + ["description"], set: "${google_compute_network.nonexistent.name}"),
                "Reference to undeclared resource"
            ),
            (
                "expression syntax",
                try JSONEdit.apply(
                    root, at: instance + ["description"], set: "${google_compute_network.network.name +}"),
                "Invalid expression"
            ),
        ]
        for (control, text, expected) in cases {
            let findings = try validate(text, group: "primary", files: files)
            #expect(findings.contains { $0.message.contains(expected) }, "\(control): \(findings)")
            show("terraform validate (Google), \(control)", findings.map(\.description).joined(separator: "\n"))
        }
    }

    // MARK: slurmctld

    private func slurmFiles(replacing old: String, with new: String) throws -> [OutputFile] {
        var files = try Repository.compile("gcp-slurm").files
        let index = try #require(files.firstIndex { $0.path == "slurm/slurm.conf" })
        #expect(files[index].text.contains(old))
        files[index] = OutputFile(
            path: files[index].path, text: files[index].text.replacingOccurrences(of: old, with: new))
        return files
    }

    @Test(
        "slurmctld: a misspelled key",
        .enabled(if: SlurmctldCheck.available || ConsumerTools.required, "slurmctld and munged are not installed"))
    func misspelledSlurmKey() throws {
        let files = try slurmFiles(replacing: "PartitionName=debug ", with: "PartitionNmae=debug ")
        let error = try #require(throws: SlurmctldCheck.Rejection.self) {
            try SlurmctldCheck.load(files, folder: "slurm")
        }
        #expect(error.description.contains("PartitionNmae"))
        show("misspelled slurm.conf key", error.description)
    }

    @Test(
        "slurmctld: a partition naming an undefined node",
        .enabled(if: SlurmctldCheck.available || ConsumerTools.required, "slurmctld and munged are not installed"))
    func partitionWithUndefinedNode() throws {
        let files = try slurmFiles(
            replacing: "PartitionName=gpu Nodes=gpunodeset", with: "PartitionName=gpu Nodes=nosuchnodeset")
        let error = try #require(throws: SlurmctldCheck.Rejection.self) {
            try SlurmctldCheck.load(files, folder: "slurm")
        }
        #expect(error.description.contains("nosuchnodeset"))
        show("partition naming an undefined node", error.description)
    }

    @Test(
        "slurmctld: a value it runs with but logs as an error",
        .enabled(if: SlurmctldCheck.available || ConsumerTools.required, "slurmctld and munged are not installed"))
    func loggedConfigurationError() throws {
        let files = try slurmFiles(replacing: "MessageTimeout=60\n", with: "MessageTimeout=200\n")
        let error = try #require(throws: SlurmctldCheck.Rejection.self) {
            try SlurmctldCheck.load(files, folder: "slurm")
        }
        #expect(error.description.contains("MessageTimeout is too high"))
        show("value slurmctld logs as an error", error.description)
    }

    // MARK: ParallelCluster

    /// The committed ParallelCluster control with one line replaced.
    private func pclusterControl(replacing old: String, with new: String) throws -> String {
        let text = try String(
            contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/pcluster-control/cluster.yaml"),
            encoding: .utf8)
        #expect(text.contains(old))
        return text.replacingOccurrences(of: old, with: new)
    }

    @Test(
        "ParallelCluster: FSx capacity, queue name, MinCount above MaxCount",
        .enabled(if: ParallelClusterCheck.available || ConsumerTools.required, "aws-parallelcluster is not installed"))
    func parallelClusterRejections() throws {
        let cases: [(String, String, String, String)] = [
            (
                "FSx PERSISTENT_2 capacity 2000", "StorageCapacity: 1200", "StorageCapacity: 2000",
                "FsxStorageCapacityValidator"
            ),
            ("queue named Compute_Q", "- Name: debug", "- Name: Compute_Q", "NameValidator"),
            (
                "MinCount above MaxCount", "MinCount: 0\n          MaxCount: 4", "MinCount: 8\n          MaxCount: 4",
                "ComputeResourceSizeValidator"
            ),
        ]
        for (control, old, new, validator) in cases {
            let report = try ParallelClusterCheck.check(
                try pclusterControl(replacing: old, with: new), clusterName: "control")
            #expect(!report.accepted, "\(control) was accepted")
            #expect(report.errors.contains { $0.validator == validator }, "\(control): \(report.rejection)")
            show("ParallelCluster, \(control)", report.rejection)
        }
    }

    // MARK: ansible-inventory

    @Test(
        "ansible-inventory: a misspelled key",
        .enabled(
            if: AnsibleInventoryCheck.executable != nil || ConsumerTools.required, "ansible-inventory is not installed")
    )
    func inventoryTypo() throws {
        let inventory = try #require(
            try Repository.compile("gcp-slurm").files.first { $0.path == InventoryEmitter.path }
        ).text
        #expect(throws: Never.self) { try AnsibleInventoryCheck.list(inventory) }
        let broken = inventory.replacingOccurrences(
            of: "    slurm_compute:\n      children:", with: "    slurm_compute:\n      childern:")
        #expect(broken != inventory)
        let error = try #require(throws: AnsibleInventoryCheck.Rejection.self) {
            try AnsibleInventoryCheck.list(broken)
        }
        #expect(error.description.contains("childern"))
        show("inventory typo", error.description)
    }
}
