import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// vm-instance groups and wait-for-startup waits: names, mounts, scheduling, placement and the
/// Terraform that makes an apply wait for the startup scripts.
@Suite("vm-instance and wait-for-startup")
struct VMInstanceTests {
    /// A VPC, a Filestore, a startup script, one vm-instance (settings `vm`) and a wait (settings `wait`).
    private func blueprint(vm: String = "", wait: String = "      instance_names: $(vms.name)\n") -> String {
        """
        blueprint_name: vmtest
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
          - id: homefs
            source: modules/file-system/filestore
            use: [network]
            settings:
              local_mount: /home
          - id: tools
            source: modules/scripts/startup-script
            settings:
              runners:
              - type: shell
                destination: hello.sh
                content: echo hello
          - id: vms
            source: modules/compute/vm-instance
            use: [network, homefs, tools]
            settings:
              machine_type: n2-standard-4

        """ + vm + """
              - id: wait
                source: community/modules/scripts/wait-for-startup
                settings:

            """ + wait
    }

    /// The emitted resources of the primary group, by type and name.
    private func resources(_ result: CompileResult) throws -> [String: [String: [String: Any]]] {
        let text = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics)")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        return try #require(json?["resource"] as? [String: [String: [String: Any]]])
    }

    @Test func instancesAreNamedAsClusterToolkitNamesThem() throws {
        let plain = try resources(compile(blueprint(vm: "      instance_count: 2\n")))
        #expect(plain["google_compute_instance"]?["vms_0"]?["name"] as? String == "lab-0")
        #expect(plain["google_compute_instance"]?["vms_1"]?["name"] as? String == "lab-1")
        let prefixed = try resources(
            compile(blueprint(vm: "      name_prefix: ws\n      add_deployment_name_before_prefix: true\n")))
        #expect(prefixed["google_compute_instance"]?["vms_0"]?["name"] as? String == "lab-ws-0")
        let result = compile(blueprint(vm: "      name_prefix: Work_Station\n"))
        #expect(positions(result.diagnostics) == ["29:20 HPC2011"], "\(result.diagnostics)")
    }

    @Test func theBootScriptMountsTheFilesystemsAndRunsTheStartupScript() throws {
        let result = compile(blueprint())
        let instance = try #require(try resources(result)["google_compute_instance"]?["vms_0"])
        let metadata = try #require(instance["metadata"] as? [String: String])
        #expect(metadata["startup-script"] == #"${file("${path.module}/../scripts/hpcc-vm.sh")}"#)
        #expect(metadata["hpcc-user-script"] == #"${file("${path.module}/../scripts/startup/tools.sh")}"#)
        #expect(metadata["hpcc-mounts"]?.contains(#"local = "/home", type = "nfs""#) == true)
        #expect(metadata["enable-oslogin"] == "TRUE")
        let script = try #require(result.file("scripts/hpcc-vm.sh"))
        #expect(script.contains("\nmount_all\n"))
        #expect(script.contains(#"log "startup finished with status $status""#))
    }

    @Test func compactPlacementMakesAPolicyAndStopsLiveMigration() throws {
        let placed = try resources(
            compile(
                blueprint(vm: "      instance_count: 2\n      placement_policy:\n        collocation: COLLOCATED\n")))
        let policy = try #require(placed["google_compute_resource_policy"]?["vms"])
        #expect(policy["name"] as? String == "lab-vm-instance-placement")
        #expect(policy["region"] as? String == "us-central1")
        let instance = try #require(placed["google_compute_instance"]?["vms_1"])
        let scheduling = (instance["scheduling"] as? [[String: Any]])?.first
        #expect(scheduling?["on_host_maintenance"] as? String == "TERMINATE")
        #expect(scheduling?["automatic_restart"] as? Bool == false)
        #expect(instance["resource_policies"] as? [String] == ["${google_compute_resource_policy.vms.self_link}"])
        let mismatch = compile(
            blueprint(vm: "      instance_count: 2\n      placement_policy:\n        vm_count: 3\n"))
        #expect(positions(mismatch.diagnostics) == ["31:19 HPC2007"], "\(mismatch.diagnostics)")
        let distance = compile(
            blueprint(vm: "      placement_policy:\n        collocation: COLLOCATED\n        max_distance: 2\n"))
        #expect(positions(distance.diagnostics) == ["31:23 HPC2019"], "\(distance.diagnostics)")
    }

    @Test func threadsPerCoreFollowsTheToolkitRule() throws {
        let off = try resources(compile(blueprint()))
        let features = off["google_compute_instance"]?["vms_0"]?["advanced_machine_features"] as? [[String: Int]]
        #expect(features == [["threads_per_core": 1]])
        let left = try resources(
            compile(blueprint(vm: "      threads_per_core: null\n")))
        #expect(left["google_compute_instance"]?["vms_0"]?["advanced_machine_features"] == nil)
        let shared = compile(
            blueprint(vm: "      threads_per_core: 2\n").replacingOccurrences(
                of: "n2-standard-4", with: "e2-standard-4"))
        #expect(positions(shared.diagnostics) == ["29:25 HPC2007"], "\(shared.diagnostics)")
    }

    @Test func gpusCannotLiveMigrateAndListedInterfacesReplaceTheUsedSubnetwork() {
        let gpu = compile(
            blueprint(vm: "      on_host_maintenance: MIGRATE\n      disk_type: pd-balanced\n").replacingOccurrences(
                of: "n2-standard-4", with: "g2-standard-8"))
        #expect(positions(gpu.diagnostics) == ["29:28 HPC3024"], "\(gpu.diagnostics)")
        let nics = compile(blueprint(vm: "      network_interfaces:\n      - {network: default}\n"))
        #expect(positions(nics.diagnostics) == ["30:9 HPC2008"], "\(nics.diagnostics)")
        let both = compile(blueprint(vm: "      network_interfaces:\n      - {subnetwork: shared}\n"))
        #expect(positions(both.diagnostics) == ["30:7 HPC2007"], "\(both.diagnostics)")
    }

    @Test func aReservationAndSpotShapeScheduling() throws {
        let placed = try resources(
            compile(blueprint(vm: "      reservation_name: gpu-block\n      provisioning_model: SPOT\n")))
        let instance = try #require(placed["google_compute_instance"]?["vms_0"])
        let affinity = (instance["reservation_affinity"] as? [[String: Any]])?.first
        #expect(affinity?["type"] as? String == "SPECIFIC_RESERVATION")
        let specific = (affinity?["specific_reservation"] as? [[String: Any]])?.first
        #expect(specific?["values"] as? [String] == ["gpu-block"])
        let scheduling = (instance["scheduling"] as? [[String: Any]])?.first
        #expect(scheduling?["provisioning_model"] as? String == "SPOT")
        #expect(scheduling?["automatic_restart"] as? Bool == false)
    }

    @Test func localSSDsAndPersistentDisksAreAttachedToEachInstance() throws {
        let disks = try resources(
            compile(
                blueprint(
                    vm: """
                              instance_count: 2
                              local_ssd_count: 2
                              local_ssd_interface: SCSI
                              additional_persistent_disks: {count: 1, type: pd-ssd, size: 500}

                        """)))
        let instance = try #require(disks["google_compute_instance"]?["vms_1"])
        #expect(instance["scratch_disk"] as? [[String: String]] == [["interface": "SCSI"], ["interface": "SCSI"]])
        let attached = (instance["attached_disk"] as? [[String: String]])?.first
        #expect(attached?["device_name"] == "additional-disk-0")
        #expect(attached?["source"] == "${google_compute_disk.vms_1_disk_1.id}")
        let disk = try #require(disks["google_compute_disk"]?["vms_1_disk_1"])
        #expect(disk["name"] as? String == "lab-1-disk-1")
        #expect(disk["size"] as? Int == 500 && disk["type"] as? String == "pd-ssd")
    }

    /// `hpcc plan` counts the instances: cost at list price and vCPU and local SSD quota.
    @Test func thePlanCountsTheInstances() throws {
        let deployment = try #require(
            compile(blueprint(vm: "      instance_count: 3\n      local_ssd_count: 2\n")).deployment)
        let group = try #require(DeploymentCost(deployment).groups.first { $0.name == "vm-instance vms" })
        #expect(group.items.map(\.part) == ["instances vms"])
        #expect(group.items.first?.idleCount == 3 && group.items.first?.unit != nil)
        let quota = QuotaBill(deployment).lines.filter { $0.cloud == "gcp" }
        #expect(quota.first { $0.resource == "n2 vCPUs" }?.atMax == 12)
        #expect(quota.first { $0.resource == "local SSD GiB" }?.atMax == 2250)
    }

    @Test func theWaitRunsTheScriptOncePerInstanceName() throws {
        let result = compile(blueprint(vm: "      instance_count: 3\n", wait: "      instance_names: $(vms.name)\n"))
        let wait = try #require(try resources(result)["terraform_data"]?["wait"])
        let names =
            "[google_compute_instance.vms_0.name, google_compute_instance.vms_1.name, "
            + "google_compute_instance.vms_2.name]"
        #expect(wait["count"] as? String == "${length(\(names))}")
        #expect(wait["input"] as? String == "${\(names)[count.index]}")
        let exec = ((wait["provisioner"] as? [[String: Any]])?.first?["local-exec"]) as? [String: Any]
        #expect(exec?["command"] as? String == "/bin/bash ${path.module}/../scripts/hpcc-wait-for-startup.sh")
        let environment = exec?["environment"] as? [String: String]
        #expect(environment?["TIMEOUT"] == "1200" && environment?["ZONE"] == "us-central1-a")
        #expect(environment?["INSTANCE_NAME"] == "${self.input}")
        let single = try resources(compile(blueprint(wait: "      instance_name: $(vms.name[0])\n")))
        #expect(
            single["terraform_data"]?["wait"]?["input"] as? String
                == "${[[google_compute_instance.vms_0.name][0]][count.index]}")
        let none = compile(blueprint(wait: "      timeout: 60\n"))
        #expect(positions(none.diagnostics) == ["29:9 HPC2008"], "\(none.diagnostics)")
    }

    /// The wait script reads the status line the boot script writes: run its reader on that line.
    @Test func theWaitScriptReadsTheBootScriptsStatusLine() throws {
        let reader = try #require(
            StartupWaitScript.text.components(separatedBy: "last_status() {\n").last?.components(
                separatedBy: "\n}\n"
            ).first)
        for (line, status) in [
            (
                "Dec 5 lab-0 google_metadata_script_runner[9]: startup-script: hpcc-vm: startup finished with status 3",
                "3"
            ),
            ("Dec 5 lab-0 google_metadata_script_runner[9]: startup-script exit status 0", "0"),
        ] {
            let output = try Shell.run(
                "/bin/bash", ["-c", "last_status() {\n\(reader)\n}\nprintf '%s\\n' \"$1\" | last_status", "-", line]
            ).stdout
            #expect(output == status + "\n", "\(line)")
        }
    }
}
