import ConsumerChecks
import Foundation
@_spi(Tools) import HPCCompiler
import Testing
import TestSupport

/// End to end: `terraform apply` of the AWS control root and of every AWS group of every shipped
/// blueprint against moto, read-back with boto3, `terraform destroy`. Slow (about a minute per
/// root); `HPCC_SKIP_SLOW=1` skips it locally, and says so loudly. Resource types moto cannot
/// emulate are listed in `MotoApply.unsupported`; each exclusion is probed against moto.
@Suite("terraform apply against moto")
struct MotoApplyTests {
    static let skipSlow = ProcessInfo.processInfo.environment["HPCC_SKIP_SLOW"] == "1"

    /// nil when the test can run here, else why not (only outside CI: `.ci/run` requires it).
    static func unavailable(_ check: String) -> String? {
        if skipSlow {
            return ConsumerTools.skipped(check, because: "HPCC_SKIP_SLOW=1 (the moto apply test is slow; CI runs it)")
        }
        if ConsumerTools.required { return nil }
        if !MotoServer.available {
            return ConsumerTools.skipped(check, because: "moto is not installed (.ci/run makes .venv-moto)")
        }
        if case let .failure(error) = TerraformCLI.shared { return ConsumerTools.skipped(check, because: "\(error)") }
        return nil
    }

    private func record(_ name: String, _ root: String, _ report: MotoApply.Report) {
        let excluded =
            report.excluded.isEmpty
            ? "none" : report.excluded.map { "\($0.address) (\($0.reason))" }.joined(separator: "; ")
        ConsumerTools.record(
            name, "moto apply",
            """
            \(root) applied, read back and destroyed in \(String(format: "%.0f", report.seconds)) s: \
            \(report.applied.count) resources (\(report.applied.joined(separator: ", "))); excluded: \(excluded)
            """
        )
    }

    @Test("the AWS control root applies against moto, every exclusion still needed")
    func control() throws {
        if let reason = Self.unavailable("moto apply of Tests/Fixtures/aws-control") {
            return ConsumerTools.record("aws-control", "moto apply", reason)
        }
        let terraform = try TerraformCLI.shared.get()
        let server = try MotoServer()
        defer { server.stop() }
        let probes = try MotoApply.probeExclusions(server: server)
        #expect(
            Set(probes.keys) == Set(MotoApply.unsupported.keys),
            "every exclusion needs a probe: \(probes.keys.sorted())")
        for (type, probe) in probes.sorted(by: { $0.key < $1.key }) {
            #expect(
                probe.stillUnsupported,
                "moto now emulates \(type) (\(probe.evidence)): remove it from MotoApply.unsupported")
            ConsumerTools.record(
                "aws-control", "moto exclusion probe",
                "\(type): \(probe.stillUnsupported ? "still unsupported" : "NOW SUPPORTED") — \(probe.evidence)")
        }
        let root = try String(
            contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/aws-control/main.tf.json"),
            encoding: .utf8)
        let report = try MotoApply.run(root, group: "aws-control", terraform: terraform, server: server)
        #expect(report.applied.contains("aws_efs_mount_target.home_a"))
        #expect(
            report.applied.contains("aws_fsx_lustre_file_system.scratch")
                && report.applied.contains("aws_fsx_data_repository_association.project"))
        #expect(report.excluded.isEmpty)
        record("aws-control", "Tests/Fixtures/aws-control/main.tf.json", report)
    }

    @Test("a root moto refuses fails the test, with moto's message")
    func refusedRootFails() throws {
        if let reason = Self.unavailable("moto apply negative control") {
            return ConsumerTools.record("aws-control", "moto apply", reason)
        }
        let terraform = try TerraformCLI.shared.get()
        let server = try MotoServer()
        defer { server.stop() }
        let control = try String(
            contentsOf: Repository.root.appendingPathComponent("Tests/Fixtures/aws-control/main.tf.json"),
            encoding: .utf8)
        // A subnet outside its VPC's 10.0.0.0/16.
        let broken = try JSONEdit.apply(
            control, at: ["resource", "aws_subnet", "private_a", "cidr_block"], set: "10.1.1.0/24")
        let error = try #require(throws: MotoApply.Failure.self) {
            try MotoApply.run(broken, group: "aws-control", terraform: terraform, server: server)
        }
        #expect(error.description.contains("InvalidSubnet.Range"), "\(error)")
        print(
            "negative control | moto apply, subnet outside its VPC | rejected:\n"
                + error.description.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
    }

    /// Each `cluster_config_<id>` output after apply is the emitted config with the deployment's
    /// real ids: no placeholder left, and ParallelCluster still accepts it.
    private func checkRenderedClusterConfigs(
        _ name: String, result: CompileResult, report: MotoApply.Report, server: MotoServer
    ) throws {
        for file in result.files where file.path.hasPrefix("parallelcluster/") {
            let id = String(file.path.dropFirst("parallelcluster/".count).dropLast(".yaml".count))
            guard let rendered = report.outputs["cluster_config_\(id)"] else { continue }
            #expect(!rendered.contains("hpcc0000"), "placeholders left in cluster_config_\(id)")
            #expect(rendered.split(separator: "\n").count == file.text.split(separator: "\n").count, "only ids change")
            guard ParallelClusterCheck.available || ConsumerTools.required else { continue }
            // Secrets Manager answered by moto: PasswordSecretArnValidator runs against the real
            // secret, and the accounting secret is read as the head node reads it.
            let check = try ParallelClusterCheck.check(rendered, clusterName: id, secretsEndpoint: server.endpoint)
            #expect(check.accepted, "\(check.rejection)")
            #expect(
                !check.skipped.contains { $0.validator == "PasswordSecretArnValidator" }
                    || !rendered.contains("PasswordSecretArn"), "\(check.skipped)")
            if rendered.contains("PasswordSecretArn") {
                let password = try #require(check.databasePassword)
                #expect(
                    password.usableAsStoragePass && !password.isJSON
                        && password.length == AccountingDatabaseRules.passwordLength, "\(password)")
                ConsumerTools.record(name, "pcluster validate", "accounting secret: \(password)")
            }
            ConsumerTools.record(
                name, "pcluster validate",
                "terraform output cluster_config_\(id) after the moto apply (real ids) \(check.summary)")
        }
    }

    @Test(arguments: Repository.blueprintNames)
    func awsGroupsApply(_ name: String) throws {
        let result = try Repository.compile(name)
        let roots = ConsumerTools.terraformRoots(result.files).filter(ConsumerTools.requiresAWS)
        guard !roots.isEmpty else { return ConsumerTools.record(name, "moto apply", "no AWS group in this blueprint") }
        if let reason = Self.unavailable("moto apply of \(name)") {
            return ConsumerTools.record(name, "moto apply", reason)
        }
        let terraform = try TerraformCLI.shared.get()
        let server = try MotoServer()
        defer { server.stop() }
        for root in roots {
            let group = String(root.path.dropLast("/main.tf.json".count))
            let beside = result.files.filter { $0.path.hasPrefix(group + "/") && $0.path != root.path }
                .map { (path: String($0.path.dropFirst(group.count + 1)), text: $0.text) }
            // The configs go through ParallelCluster's check while the deployment exists in moto.
            let report = try MotoApply.run(root.text, group: group, files: beside, terraform: terraform, server: server)
            { applied in
                try checkRenderedClusterConfigs(name, result: result, report: applied, server: server)
            }
            record(name, root.path, report)
            if name == "aws-parallelcluster" {
                // The provisioner's stack: network with endpoints (Session Manager's too), EFS home,
                // the projects FSx with backups, accounting database with its password's secret, key
                // pair stack (read back with the key and its parameter).
                let expected = [
                    "aws_vpc.network", "aws_subnet.network_private_1", "aws_vpc_endpoint.network_s3",
                    "aws_vpc_endpoint.network_secretsmanager", "aws_vpc_endpoint.network_ssm",
                    "aws_vpc_endpoint.network_ssmmessages", "aws_vpc_endpoint.network_ec2messages",
                    "aws_fsx_lustre_file_system.projects",
                    "aws_efs_file_system.home", "aws_efs_mount_target.home_1", "aws_db_instance.accounting",
                    "aws_db_subnet_group.accounting",
                    "aws_secretsmanager_secret.accounting_password",
                    "aws_secretsmanager_secret_version.accounting_password",
                    "aws_cloudformation_stack.cluster_key_pair",
                ]
                #expect(Set(report.applied).isSuperset(of: expected), "\(Set(expected).subtracting(report.applied))")
            }
            if name == "aws-parallelcluster" || name == "aws-hpc-storage" {
                // The EFS home's backup policy is in the root; moto cannot set one (the probe shows it).
                #expect(report.excluded.map(\.address) == ["aws_efs_backup_policy.home"])
                #expect(report.applied.contains("aws_efs_file_system.home"))
            }
            if name == "aws-htc-grid" {
                // The grid: queues with dead-letter queues, state table, payload bucket and Redis,
                // every control-plane function with its role and policy, schedules, API, EKS.
                let functions = HTCFunction.allCases.map(\.rawValue)
                let expected =
                    [
                        "aws_sqs_queue.grid_tasks_0", "aws_sqs_queue.grid_dead_letters_2",
                        "aws_sqs_queue_policy.grid_tasks_1", "aws_dynamodb_table.grid",
                        "aws_s3_bucket.grid_payloads", "aws_s3_bucket_public_access_block.grid_payloads",
                        "aws_kms_key.grid",
                        "aws_elasticache_replication_group.grid_redis",
                        "aws_cloudwatch_event_rule.grid_scaling_metrics",
                        "aws_cloudwatch_event_rule.grid_node_drainer", "aws_api_gateway_stage.grid",
                        "aws_eks_cluster.grid",
                        "aws_eks_node_group.grid_worker_small_spot", "aws_vpc_endpoint.network_sqs",
                    ]
                    + functions.flatMap {
                        ["aws_lambda_function.grid_\($0)", "aws_iam_role.grid_\($0)", "aws_iam_role_policy.grid_\($0)"]
                    }
                #expect(Set(report.applied).isSuperset(of: expected), "\(Set(expected).subtracting(report.applied))")
                #expect(
                    Set(report.excluded.map(\.address)) == [
                        "aws_eks_access_entry.grid_access_0", "aws_eks_access_policy_association.grid_access_0",
                    ])
            }
            // The accounting password: a plain value in its secret, never in the state.
            for secret in report.secrets {
                #expect(
                    !secret.isJSON && secret.lettersAndDigits && !secret.inState
                        && secret.length == AccountingDatabaseRules.passwordLength, "\(secret)")
                ConsumerTools.record(name, "moto apply", "secret \(secret)")
            }
            if result.deployment?.accountingDatabases.isEmpty == false {
                #expect(
                    report.secrets.map(\.address)
                        == result.deployment!.accountingDatabases.map {
                            "aws_secretsmanager_secret_version.\($0.origin.module)_password"
                        })
            }
        }
    }
}
