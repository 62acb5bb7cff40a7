import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `enable_backup_controller`, `controller_ha_type` and `backup_zone`: a second slurmctld that
/// shares the primary's state through a filesystem mounted at StateSaveLocation.
@Suite("Backup controller")
struct BackupControllerTests {
    /// A cluster with a Filestore at /var/spool/slurm (unless `stateFS` is false) whose
    /// controller has `settings` (YAML lines under `settings:`).
    static func blueprint(_ settings: String, stateFS: Bool = true) -> String {
        let filestore = """
              - id: statefs
                source: modules/file-system/filestore
                use: [network]
                settings:
                  local_mount: /var/spool/slurm

            """
        let uses = stateFS ? "[network, partition, statefs]" : "[network, partition]"
        return minimalBlueprint.replacingOccurrences(
            of: "  - id: controller\n    source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller\n"
                + "    use: [network, partition]\n",
            with: (stateFS ? filestore : "")
                + "  - id: controller\n    source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller\n"
                + "    use: \(uses)\n    settings:\n" + settings)
    }

    static let regional = """
              enable_backup_controller: true
              controller_ha_type: regional
              backup_zone: us-central1-b
              static_ips: [10.0.0.10, 10.0.0.11]

        """

    /// The resources of `type` in the primary group, by name.
    static func resources(_ result: CompileResult, _ type: String) throws -> [String: [String: Any]] {
        let text = try #require(result.file("primary/main.tf.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require((root["resource"] as? [String: Any])?[type] as? [String: [String: Any]])
    }

    /// The 1-based line of the first line of `text` containing `needle`.
    static func line(of needle: String, in text: String) -> Int? {
        text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    /// The only diagnostic of `text`, with its code and line.
    static func only(_ text: String) -> (code: DiagnosticCode, line: Int?, message: String)? {
        let result = compile(text)
        guard result.diagnostics.count == 1, let finding = result.diagnostics.first else {
            Issue.record("expected one diagnostic, got \(result.diagnostics.map(\.message))")
            return nil
        }
        return (finding.code, finding.location?.line, finding.message)
    }

    @Test func aRegionalBackupRunsInBackupZoneAtTheSecondAddress() throws {
        let result = compile(Self.blueprint(Self.regional))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let cluster = try #require(result.deployment?.clusters.first)
        #expect(cluster.controller.backup == BackupController(zone: "us-central1-b", staticIP: "10.0.0.11"))
        #expect(cluster.controller.stateDisk == nil, "the default state disk gives way to the shared mount")
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(
            conf.contains(
                "SlurmctldHost=mini-controller(10.0.0.10)\nSlurmctldHost=mini-controller-backup(10.0.0.11)\n"))
        #expect(conf.contains("StateSaveLocation=/var/spool/slurm\n") && conf.contains("SlurmctldTimeout=120\n"))
        let instances = try Self.resources(result, "google_compute_instance")
        let backup = try #require(instances["controller_backup"])
        let metadata = try #require(backup["metadata"] as? [String: Any])
        #expect(backup["name"] as? String == "mini-controller-backup" && backup["zone"] as? String == "us-central1-b")
        #expect((backup["network_interface"] as? [[String: Any]])?.first?["network_ip"] as? String == "10.0.0.11")
        // Only the primary creates the authentication key in Secret Manager; the backup reads it.
        #expect(metadata["hpcc-auth-key-create"] == nil)
        #expect((instances["controller"]?["metadata"] as? [String: Any])?["hpcc-auth-key-create"] as? String == "yes")
        #expect(metadata["hpcc-static-nodes"] == nil, "the primary powers up static nodes")
        // Both controllers mount the state share; the nodes do not (it holds every job's script).
        #expect((metadata["hpcc-mounts"] as? String)?.contains("/var/spool/slurm") == true)
        let template = try #require(
            try Self.resources(result, "google_compute_instance_template")["nodeset"]?["metadata"] as? [String: Any])
        #expect((template["hpcc-mounts"] as? String)?.contains("/var/spool/slurm") == false)
        #expect(template["hpcc-backup-controller"] as? String == "mini-controller-backup")
        #expect(result.file("ansible/inventory.yml")?.contains("mini-controller-backup:") == true)
    }

    @Test func aZonalBackupRunsBesideThePrimary() throws {
        let result = compile(Self.blueprint("      enable_backup_controller: true\n"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let cluster = try #require(result.deployment?.clusters.first)
        #expect(cluster.controller.backup == BackupController(zone: "us-central1-a", staticIP: nil))
        #expect(
            result.file("slurm/slurm.conf")?.contains(
                "SlurmctldHost=mini-controller\nSlurmctldHost=mini-controller-backup\n")
                == true)
    }

    @Test func withoutABackupNothingChanges() throws {
        let result = compile(minimalBlueprint)
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("SlurmctldHost=mini-controller\nSlurmUser") && !conf.contains("SlurmctldTimeout"))
        #expect(result.file("primary/main.tf.json")?.contains("hpcc-ha-role") == false)
    }

    @Test func theStateNeedsASharedMount() throws {
        let text = Self.blueprint("      enable_backup_controller: true\n", stateFS: false)
        let finding = try #require(Self.only(text))
        #expect(finding.code == .missingSetting && finding.line == Self.line(of: "enable_backup_controller", in: text))
        #expect(finding.message.contains("/var/spool/slurm"))
    }

    /// slurmrestd binds the host name of the controller it runs on, so the API follows a failover;
    /// a fixed listen address belongs to one controller only.
    @Test func theRESTAPIFollowsTheActiveController() throws {
        let api = """
                  rest_api:
                    allowed_clients: [10.20.0.4/32]
                    jwks_url: https://idp.example.org/certs

            """
        let result = compile(Self.blueprint(Self.regional + api))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let unit = try #require(result.file("slurm/slurmrestd.service"))
        #expect(unit.contains(" %H:6820\n"), "\(unit)")
        let backup = try #require(try Self.resources(result, "google_compute_instance")["controller_backup"])
        #expect((backup["tags"] as? [String])?.contains("mini-slurmrestd") == true, "\(backup["tags"] ?? "")")

        let fixed = Self.blueprint(Self.regional + api + "        listen_address: 10.0.0.10\n")
        let finding = try #require(Self.only(fixed))
        #expect(
            finding.code == .restAPIService && finding.line == Self.line(of: "listen_address", in: fixed),
            "\(finding)")
    }

    @Test func aChosenStateDiskConflictsWithTheSharedMount() throws {
        let text = Self.blueprint(
            "      enable_backup_controller: true\n      controller_state_disk: {type: pd-ssd, size: 100}\n")
        let finding = try #require(Self.only(text))
        #expect(finding.code == .conflictingMounts && finding.line == Self.line(of: "controller_state_disk", in: text))
    }

    @Test func aRegionalBackupNeedsAnotherZoneOfTheRegion() throws {
        let missing = Self.blueprint("      enable_backup_controller: true\n      controller_ha_type: regional\n")
        let noZone = try #require(Self.only(missing))
        #expect(noZone.code == .missingSetting && noZone.line == Self.line(of: "controller_ha_type", in: missing))

        let same = Self.regional.replacingOccurrences(of: "us-central1-b", with: "us-central1-a")
        let sameZone = try #require(Self.only(Self.blueprint(same)))
        #expect(
            sameZone.code == .constraintViolation
                && sameZone.line == Self.line(of: "backup_zone", in: Self.blueprint(same)))

        let elsewhere = Self.regional.replacingOccurrences(of: "us-central1-b", with: "europe-west4-b")
        let otherRegion = try #require(Self.only(Self.blueprint(elsewhere)))
        #expect(
            otherRegion.code == .zoneNotInRegion
                && otherRegion.line == Self.line(of: "backup_zone", in: Self.blueprint(elsewhere)))

        let badName = Self.regional.replacingOccurrences(of: "us-central1-b", with: "central")
        #expect(Self.only(Self.blueprint(badName))?.code == .constraintViolation)
    }

    @Test func aZonalBackupIgnoresNoBackupZone() throws {
        let text = Self.blueprint("      enable_backup_controller: true\n      backup_zone: us-central1-c\n")
        let finding = try #require(Self.only(text))
        #expect(finding.code == .constraintViolation && finding.line == Self.line(of: "backup_zone", in: text))
    }

    @Test func staticIPsTakeOneAddressPerController() throws {
        let two = Self.blueprint("      static_ips: [10.0.0.10, 10.0.0.11]\n")
        #expect(Self.only(two)?.code == .constraintViolation)
        let three = Self.blueprint(
            Self.regional.replacingOccurrences(of: "10.0.0.11]", with: "10.0.0.11, 10.0.0.12]"))
        #expect(Self.only(three)?.code == .constraintViolation)
        let shared = Self.blueprint(Self.regional.replacingOccurrences(of: "10.0.0.11", with: "10.0.0.10"))
        #expect(Self.only(shared)?.code == .constraintViolation)
        let garbage = Self.blueprint(Self.regional.replacingOccurrences(of: "10.0.0.11", with: "'10.0.0.11 x'"))
        #expect(Self.only(garbage)?.message.contains("not an IPv4 address") == true)
    }

    @Test func haSettingsWithoutABackupWarn() throws {
        let text = Self.blueprint("      controller_ha_type: regional\n")
        let result = compile(text)
        #expect(result.diagnostics.map(\.code) == [.settingNoEffect])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.location?.line == Self.line(of: "controller_ha_type", in: text))
    }

    @Test func aBucketCannotHoldTheState() throws {
        let text = Self.blueprint(
            """
                  enable_backup_controller: true
                  network_storage:
                  - {server_ip: '', remote_mount: state-bucket, local_mount: /var/spool/slurm, fs_type: gcsfuse}

            """, stateFS: false)
        let result = compile(text)
        #expect(result.diagnostics.contains { $0.code == .constraintViolation && $0.message.contains("Cloud Storage") })
        #expect(!result.succeeded)
    }
}
