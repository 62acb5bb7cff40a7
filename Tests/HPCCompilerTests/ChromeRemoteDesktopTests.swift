import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// chrome-remote-desktop: vm-instance's instances with the Toolkit's desktop defaults, its own
/// spellings of vm-instance settings, and hpcc's setup script after the blueprint's.
@Suite("chrome-remote-desktop")
struct ChromeRemoteDesktopTests {
    /// A VPC and one chrome-remote-desktop module `desktop` with the settings `desktop`.
    private func blueprint(_ desktop: String = "") -> String {
        """
        blueprint_name: crdtest
        vars:
          project_id: demo-project
          deployment_name: lab
          region: us-central1
          zone: us-central1-a
        deployment_groups:
        - group: primary
          modules:
          - id: network
            source: modules/network/vpc
          - id: desktop
            source: community/modules/remote-desktop/chrome-remote-desktop
            use: [network]
            settings:
              install_nvidia_driver: true

        """ + desktop
    }

    /// The instance `name` of the primary group's root.
    private func instance(_ result: CompileResult, _ name: String = "desktop_0") throws -> [String: Any] {
        let text = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics)")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let resources = json?["resource"] as? [String: [String: [String: Any]]]
        return try #require(resources?["google_compute_instance"]?[name], "\(result.diagnostics)")
    }

    /// The first element of the block `key` of `body`.
    private func block(_ body: [String: Any], _ key: String) -> [String: Any]? {
        (body[key] as? [[String: Any]])?.first
    }

    @Test func theDefaultsAreTheToolkitsDesktop() throws {
        let result = compile(blueprint())
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let vm = try instance(result)
        #expect(vm["name"] as? String == "lab-0")
        #expect(vm["machine_type"] as? String == "n1-standard-8")
        let gpu = (vm["guest_accelerator"] as? [[String: Any]])?.first
        #expect(gpu?["type"] as? String == "nvidia-tesla-t4-vws")
        #expect(gpu?["count"] as? Int == 1)
        let boot = block(try #require(block(vm, "boot_disk")), "initialize_params")
        #expect(boot?["type"] as? String == "pd-balanced")
        #expect(boot?["size"] as? Int == 200)
        #expect(boot?["image"] as? String == "projects/debian-cloud/global/images/debian-12-bookworm-v20250610")
        #expect(block(vm, "advanced_machine_features")?["threads_per_core"] as? Int == 2)
        #expect(block(vm, "scheduling")?["on_host_maintenance"] as? String == "TERMINATE")
        #expect(block(vm, "scheduling")?["provisioning_model"] as? String == "STANDARD")
        #expect(block(vm, "network_interface")?["access_config"] as? [[String: String]] == [[:]])
        let metadata = try #require(vm["metadata"] as? [String: String])
        #expect(metadata["hpcc-setup-script"] == #"${file("${path.module}/../scripts/hpcc-remote-desktop.sh")}"#)
        #expect(metadata["hpcc-remote-desktop-grid-driver"] == "TRUE")
        #expect(metadata["hpcc-user-script"] == nil)
    }

    @Test func theModulesOwnSpellingsShapeTheInstances() throws {
        let result = compile(
            blueprint(
                """
                      instance_count: 2
                      name_prefix: ws
                      add_deployment_name_before_prefix: true
                      install_nvidia_driver: false
                      enable_public_ips: false
                      spot: true
                      disk_type: pd-ssd
                      service_account:
                        email: desk@demo-project.iam.gserviceaccount.com
                        scopes: [https://www.googleapis.com/auth/devstorage.read_only]
                      startup_script: echo hello

                """
            ).replacingOccurrences(of: "      install_nvidia_driver: true\n", with: ""))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let vm = try instance(result, "desktop_1")
        #expect(vm["name"] as? String == "lab-ws-1")
        #expect(block(vm, "network_interface")?["access_config"] == nil)
        #expect(block(vm, "scheduling")?["provisioning_model"] as? String == "SPOT")
        #expect(block(try #require(block(vm, "boot_disk")), "initialize_params")?["type"] as? String == "pd-ssd")
        let account = block(vm, "service_account")
        #expect(account?["email"] as? String == "desk@demo-project.iam.gserviceaccount.com")
        #expect(account?["scopes"] as? [String] == ["https://www.googleapis.com/auth/devstorage.read_only"])
        let metadata = try #require(vm["metadata"] as? [String: String])
        #expect(metadata["hpcc-remote-desktop-grid-driver"] == "FALSE")
        #expect(metadata["hpcc-user-script"] == "echo hello")
    }

    @Test func theDriverNeedsAGPUAndOnlyN1sTakeWorkstationGPUs() {
        let bare = compile(blueprint("      guest_accelerator: []\n"))
        #expect(positions(bare.diagnostics) == ["16:30 HPC3024"], "\(bare.diagnostics)")
        let volta = compile(blueprint("      guest_accelerator:\n      - {type: nvidia-tesla-v100-vws, count: 1}\n"))
        #expect(positions(volta.diagnostics) == ["18:7 HPC3024"], "\(volta.diagnostics)")
        let g2 = compile(blueprint("      machine_type: g2-standard-8\n      guest_accelerator: []\n"))
        #expect(g2.diagnostics.isEmpty, "\(g2.diagnostics)")
    }

    @Test func theSetupRunsAfterTheBlueprintsScriptAndIsWrittenOnce() throws {
        let twice =
            blueprint() + """
                  - id: second
                    source: community/modules/remote-desktop/chrome-remote-desktop
                    use: [network]
                    settings:
                      install_nvidia_driver: false
                      name_prefix: other

                """
        let result = compile(twice)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(
            result.files.map(\.path).filter { $0.hasPrefix("scripts/") }.sorted() == [
                "scripts/hpcc-remote-desktop.sh", "scripts/hpcc-vm.sh",
            ])
        let boot = try #require(result.file("scripts/hpcc-vm.sh"))
        let user = try #require(boot.range(of: "bash \"$program_dir/user-startup.sh\""))
        let setup = try #require(boot.range(of: "bash \"$program_dir/module-setup.sh\""))
        #expect(user.upperBound < setup.lowerBound)
        let script = try #require(result.file("scripts/hpcc-remote-desktop.sh"))
        #expect(script.contains(#"if [ "$(metadata hpcc-remote-desktop-grid-driver)" = TRUE ]; then"#))
        #expect(script.contains("bookworm) grid_version=vGPU17.1 grid_file=NVIDIA-Linux-x86_64-550.54.15-grid.run ;;"))
        #expect(script.contains("systemctl mask sleep.target suspend.target hibernate.target hybrid-sleep.target"))
    }

    @Test func theOutputsNameTheFirstInstance() throws {
        let result = compile(blueprint())
        let group = try #require(result.deployment?.virtualMachines.first)
        #expect(ChromeRemoteDesktopModule.knownValue(of: .instanceName, entity: group) == .string("lab-0"))
        let instructions = ChromeRemoteDesktopModule.instructions(group)
        #expect(instructions.hasPrefix("SSH into the first instance:\n  gcloud compute ssh lab-0 --zone us-central1-a"))
        #expect(instructions.contains("open https://remotedesktop.google.com/headless"))
        var none = group
        none.count = 0
        #expect(ChromeRemoteDesktopModule.knownValue(of: .instanceName, entity: none) == .null)
        #expect(ChromeRemoteDesktopModule.instructions(none) == "No instances were created.")
    }
}
