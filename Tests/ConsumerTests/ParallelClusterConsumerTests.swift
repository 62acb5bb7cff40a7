import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// Every emitted ParallelCluster config (`parallelcluster/*.yaml`) is loaded by the
/// `aws-parallelcluster` package's schema and judged by its validators, offline; validators that
/// need AWS are named as skipped in the log line, never counted as passed.
@Suite("ParallelCluster accepts every compiled cluster config")
struct ParallelClusterConsumerTests {
    @Test(arguments: Repository.blueprintNames)
    func clusterConfigsValidate(_ name: String) throws {
        let result = try Repository.compile(name)
        let configs = result.files.filter { $0.path.hasPrefix("parallelcluster/") && $0.path.hasSuffix(".yaml") }
        guard !configs.isEmpty else {
            return ConsumerTools.record(name, "pcluster validate", "no ParallelCluster config in this blueprint")
        }
        guard ParallelClusterCheck.available || ConsumerTools.required else {
            return ConsumerTools.record(
                name, "pcluster validate",
                ConsumerTools.skipped(
                    "ParallelCluster config of \(name)",
                    because: "aws-parallelcluster is not installed (.ci/run makes .venv-pcluster)"))
        }
        for config in configs {
            let cluster = String(config.path.dropFirst("parallelcluster/".count).dropLast(".yaml".count))
            let report = try ParallelClusterCheck.check(config.text, clusterName: cluster)
            #expect(report.accepted, "\(config.path):\n\(report.rejection)")
            ConsumerTools.record(name, "pcluster validate", "\(config.path) \(report.summary)")
        }
    }

    @Test(
        "the committed positive control is accepted",
        .enabled(if: ParallelClusterCheck.available || ConsumerTools.required, "aws-parallelcluster is not installed"))
    func controlAccepted() throws {
        let text = try String(
            contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/pcluster-control/cluster.yaml"),
            encoding: .utf8)
        let report = try ParallelClusterCheck.check(text, clusterName: "control")
        #expect(report.accepted, "\(report.rejection)")
        #expect(report.validatorsRun > 100, "only \(report.validatorsRun) validators ran")
        // The key pair, the secret and the S3 buckets exist only in AWS: those validators must be
        // reported as skipped, not silently passed.
        let skipped = Set(report.skipped.map(\.validator))
        #expect(
            skipped.isSuperset(of: ["KeyPairValidator", "PasswordSecretArnValidator", "S3BucketUriValidator"]),
            "\(skipped)")
        ConsumerTools.record(
            "pcluster-control", "pcluster validate", "Tests/Fixtures/pcluster-control/cluster.yaml \(report.summary)")
    }

    /// The fixture's three mistakes, as hpcc reports them and as ParallelCluster does: the same
    /// blueprint with the three values corrected compiles; its config with the three values put
    /// back (a config built without hpcc's checks) is what `pcluster` judges.
    @Test(
        "pcluster's validators find the three mistakes hpcc reports at compile time",
        .enabled(if: ParallelClusterCheck.available || ConsumerTools.required, "aws-parallelcluster is not installed"))
    func threeMistakesAgree() throws {
        let path = "Tests/Fixtures/pcluster-three-mistakes.yaml"
        let text = try String(contentsOf: Repository.root.appendingPathComponent(path), encoding: .utf8)
        let ours = Compiler().compile(SourceFile(name: path, text: text), variables: [])
        #expect(
            ours.diagnostics.map { "\($0.location.map { "\($0.line):\($0.column)" } ?? "-") \($0.code.rawValue)" } == [
                "24:25 HPC3026", "32:15 HPC4004", "36:22 HPC4007",
            ])

        let mistakes = [
            ("storage_capacity: 2000", "storage_capacity: 2400", "StorageCapacity: 2400", "StorageCapacity: 2000"),
            ("name: Compute_Q", "name: compute-q", "Name: compute-q", "Name: Compute_Q"),
            ("min_count: 5", "min_count: 1", "MinCount: 1", "MinCount: 5"),
        ]
        var corrected = text
        for (wrong, right, _, _) in mistakes { corrected = corrected.replacingOccurrences(of: wrong, with: right) }
        let fixed = Compiler().compile(SourceFile(name: path, text: corrected), variables: [])
        let config = try #require(
            fixed.files.first { $0.path == "parallelcluster/cluster.yaml" }?.text, "\(fixed.diagnostics.map(\.message))"
        )
        #expect(
            try ParallelClusterCheck.check(config, clusterName: "mistakes").accepted, "the corrected config is accepted"
        )
        var unchecked = config
        for (_, _, right, wrong) in mistakes {
            #expect(unchecked.components(separatedBy: right).count == 2, "'\(right)' occurs once in the config")
            unchecked = unchecked.replacingOccurrences(of: right, with: wrong)
        }
        let report = try ParallelClusterCheck.check(unchecked, clusterName: "mistakes")
        #expect(report.schemaErrors.isEmpty, "\(report.schemaErrors)")
        #expect(
            Set(report.errors.map(\.validator)) == [
                "FsxStorageCapacityValidator", "NameValidator", "ComputeResourceSizeValidator",
            ], "\(report.rejection)")
        print(
            "negative control | pcluster validate, the three mistakes without hpcc's checks | rejected:\n"
                + report.errors.map { "    \($0)" }.joined(separator: "\n"))
    }

    /// FSx backups on a file system ParallelCluster creates: hpcc writes them where FSx offers them and
    /// ParallelCluster accepts that; on SCRATCH_2 hpcc refuses them at the setting (HPC4023), and
    /// ParallelCluster's FsxBackupOptionsValidator refuses the same config written without hpcc.
    @Test(
        "FSx backups: ParallelCluster accepts what hpcc writes and refuses what hpcc refuses",
        .enabled(if: ParallelClusterCheck.available || ConsumerTools.required, "aws-parallelcluster is not installed"))
    func fsxBackupsAgree() throws {
        func blueprint(_ fsx: String) -> String {
            """
            blueprint_name: pc-backups
            vars: {deployment_name: pc-backups, region: eu-west-1, availability_zones: [eu-west-1a]}
            deployment_groups:
            - group: cluster
              modules:
              - id: network
                source: modules/network/aws-vpc
              - id: projects
                source: modules/file-system/fsx-lustre
                settings:
                  managed_by: parallelcluster
                  local_mount: /projects
            \(fsx)
              - id: cluster
                source: modules/scheduler/parallelcluster
                use: [network, projects]
                settings:
                  queues:
                  - name: compute
                    compute_resources: [{name: small, instance_type: c7a.large, max_count: 2}]

            """
        }
        let persistent = Compiler().compile(
            SourceFile(
                name: "backups.yaml",
                text: blueprint(
                    """
                          per_unit_storage_throughput: 125
                          automatic_backup_retention_days: 14
                          daily_automatic_backup_start_time: "03:00"
                    """)), variables: [])
        let config = try #require(
            persistent.files.first { $0.path == "parallelcluster/cluster.yaml" }?.text,
            "\(persistent.diagnostics.map(\.message))")
        #expect(config.contains("AutomaticBackupRetentionDays: 14") && config.contains("CopyTagsToBackups: true"))
        let accepted = try ParallelClusterCheck.check(config, clusterName: "pc-backups")
        #expect(accepted.accepted, "\(accepted.rejection)")
        ConsumerTools.record("fsx-backups", "pcluster validate", "PERSISTENT_2 with backups \(accepted.summary)")

        let scratch = Compiler().compile(
            SourceFile(
                name: "backups.yaml",
                text: blueprint("      deployment_type: SCRATCH_2\n      automatic_backup_retention_days: 7")),
            variables: [])
        #expect(scratch.diagnostics.map(\.code) == [.fsxBackups] && scratch.files.isEmpty)
        // The same config as a tool without hpcc's rule would write it.
        let scratchConfig = config.replacingOccurrences(
            of: "DeploymentType: PERSISTENT_2", with: "DeploymentType: SCRATCH_2"
        )
        .replacingOccurrences(of: "    PerUnitStorageThroughput: 125\n", with: "")
        #expect(scratchConfig.contains("SCRATCH_2") && scratchConfig.contains("AutomaticBackupRetentionDays"))
        let refused = try ParallelClusterCheck.check(scratchConfig, clusterName: "pc-backups")
        #expect(!refused.accepted)
        #expect(
            refused.errors.contains { $0.validator == "FsxBackupOptionsValidator" }, "\(refused.findings)")
        print(
            "negative control | pcluster validate, FSx backups on SCRATCH_2 | rejected: "
                + refused.errors.map(\.description).joined(separator: "; "))
    }
}

extension ParallelClusterConsumerTests {
    /// The REST API's `AuthAlt*` lines pass ParallelCluster's custom Slurm settings validator, and
    /// that validator does judge the list: a deny-listed key in the same place is rejected.
    @Test(
        "CustomSlurmSettings: AuthAlt* accepted, a deny-listed key in their place rejected",
        .enabled(if: ParallelClusterCheck.available || ConsumerTools.required, "aws-parallelcluster is not installed"))
    func restAPISettingsPassTheDenyList() throws {
        let result = try Repository.compile("aws-parallelcluster")
        let config = try #require(result.files.first { $0.path == "parallelcluster/cluster.yaml" }?.text)
        let lines = "    - AuthAltTypes: auth/jwt\n"
        #expect(config.contains("    CustomSlurmSettings:\n" + lines))
        #expect(try ParallelClusterCheck.check(config, clusterName: "rest").accepted)
        let denied = config.replacingOccurrences(of: lines, with: "    - SlurmctldParameters: enable_configless\n")
        let report = try ParallelClusterCheck.check(denied, clusterName: "rest")
        #expect(
            !report.accepted && report.errors.map(\.validator) == ["CustomSlurmSettingsValidator"],
            "\(report.rejection)")
        print(
            "negative control | pcluster validate, a deny-listed key in CustomSlurmSettings | rejected:\n"
                + report.errors.map { "    \($0)" }.joined(separator: "\n"))
    }
}
