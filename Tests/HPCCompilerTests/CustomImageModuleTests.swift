import Foundation
import Testing
@testable import HPCCompiler

/// `modules/packer/custom-image`: a packer group becomes a Packer template and its variables
/// file, fed by earlier groups; every setting shapes them, and what hpcc cannot build is an error.
@Suite("custom-image module (Packer)")
struct CustomImageModuleTests {
    private static func blueprint(_ settings: String, script: Bool = true, extra: String = "") -> String {
        """
        blueprint_name: img
        vars:
          project_id: demo-project
          deployment_name: img
          region: us-central1
          zone: us-central1-a
        deployment_groups:
        - group: base
          modules:
          - id: network
            source: modules/network/vpc
          - id: script
            source: modules/scripts/startup-script
            settings:
              runners:
              - type: shell
                destination: tools.sh
                content: "dnf install -y tmux"
        - group: packer
          modules:
          - id: image
            source: modules/packer/custom-image
            kind: packer
            use: [network\(script ? ", script" : "")]
            settings:
        \(settings)
        \(extra)
        """
    }

    private static let family = "      source_image_family: rocky-linux-9\n      image_family: tools"

    @Test func theGroupBecomesATemplateAndItsSettings() throws {
        let result = compile(Self.blueprint(Self.family + "\n      disk_size: 60\n      state_timeout: 15m"))
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        #expect(result.file("packer/main.tf.json") == nil)
        let template = try #require(result.file("packer/image/image.pkr.hcl"))
        let values = try #require(result.file("packer/image/hpcc.auto.pkrvars.hcl"))
        #expect(template.contains("source \"googlecompute\" \"image\" {\n  project_id = var.project_id\n"))
        #expect(template.contains("  subnetwork = var.subnetwork_name\n"))
        #expect(template.contains("startup-script = file(\"${path.root}/../../scripts/startup/script.sh\")"))
        #expect(template.contains("  use_internal_ip = var.omit_external_ip\n"))
        #expect(!template.contains("use_iap"))
        for line in [
            "subnetwork_name = \"img-primary-subnet\"", "source_image_family = \"rocky-linux-9\"",
            "image_family = \"tools\"", "disk_size = 60", "state_timeout = \"15m\"", "disk_type = \"pd-balanced\"",
            "on_host_maintenance = \"MIGRATE\"", "machine_type = \"n2-standard-4\"", "communicator = \"none\"",
        ] {
            #expect(values.contains(line + "\n"), "\(line)")
        }
    }

    /// A value hpcc does not know at compile time is a Packer variable the owner group exports.
    @Test func unknownValuesAreImportedFromTheirGroupsOutputs() throws {
        let result = compile(
            Self.blueprint(
                Self.family + "\n      metadata:\n        nat: $(network.nat_ips[0])", script: false))
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        let template = try #require(result.file("packer/image/image.pkr.hcl"))
        #expect(template.contains("  }, { \"nat\" = var.nat_ips_network[0] })\n"))
        #expect(template.contains("variable \"nat_ips_network\" {\n  type        = list(string)\n"))
        #expect(!template.contains("startup-script"))
        let base = try #require(result.file("base/main.tf.json"))
        #expect(base.contains("\"nat_ips_network\": {"))
    }

    @Test func acceleratorsAttachByPathAndStopMigration() throws {
        let result = compile(
            Self.blueprint(Self.family + "\n      accelerator_type: nvidia-l4\n      machine_type: g2-standard-8"))
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        let template = try #require(result.file("packer/image/image.pkr.hcl"))
        let values = try #require(result.file("packer/image/hpcc.auto.pkrvars.hcl"))
        #expect(
            template.contains(
                "  accelerator_type = \"projects/demo-project/zones/us-central1-a/acceleratorTypes/nvidia-l4\"\n"))
        #expect(values.contains("accelerator_count = 1\n"))
        #expect(values.contains("on_host_maintenance = \"TERMINATE\"\n"))
    }

    @Test func sshSettingsOnlyWithTheSSHCommunicator() throws {
        let result = compile(Self.blueprint(Self.family + "\n      communicator: ssh\n      use_iap: false"))
        let values = try #require(result.file("packer/image/hpcc.auto.pkrvars.hcl"))
        #expect(values.contains("use_iap = false\n"))
        #expect(values.contains("communicator = \"ssh\"\n"))
        let refused = compile(Self.blueprint(Self.family + "\n      use_os_login: true"))
        #expect(refused.diagnostics.map(\.code) == [.constraintViolation])
    }

    @Test(arguments: [
        ("      shell_scripts: [a.sh]", DiagnosticCode.settingNotSupported),
        ("      accelerator_count: 2", .acceleratorMismatch),
        ("      accelerator_type: nvidia-l4\n      on_host_maintenance: MIGRATE", .acceleratorMismatch),
        ("      image_name: Tools_1", .invalidName),
        ("      disk_size: 5", .constraintViolation),
    ])
    func mistakesAreErrors(_ setting: String, _ code: DiagnosticCode) {
        let result = compile(Self.blueprint("      image_family: tools\n" + setting))
        #expect(!result.succeeded)
        #expect(result.diagnostics.map(\.code).contains(code), "\(result.diagnostics.map(\.message))")
    }

    @Test func aPackerGroupHoldsItsModuleAlone() {
        let extra = "  - id: topic\n    source: community/modules/pubsub/topic"
        let result = compile(Self.blueprint(Self.family, extra: extra))
        #expect(positions(result.diagnostics) == ["28:9 HPC2013"])
    }

    @Test func kindMustFitTheModule() {
        let text = Self.blueprint(Self.family).replacingOccurrences(of: "kind: packer", with: "kind: terraform")
        #expect(positions(compile(text).diagnostics) == ["23:11 HPC2013"])
    }
}
