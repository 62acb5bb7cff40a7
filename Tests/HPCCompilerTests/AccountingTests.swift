import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `modules/database/slurm-accounting`: the RDS instance and its network, the outputs other
/// modules read, slurmdbd.conf, and that no password reaches the deployment folder.
@Suite("Slurm accounting database")
struct AccountingTests {
    private func resources(_ result: CompileResult, _ type: String) throws -> [String: [String: Any]] {
        let main = try #require(result.file("storage/main.tf.json"), "\(result.diagnostics.map(\.message))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        return ((root["resource"] as? [String: Any])?[type] as? [String: [String: Any]]) ?? [:]
    }

    private func outputs(_ result: CompileResult) throws -> [String: [String: Any]] {
        let main = try #require(result.file("storage/main.tf.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        return root["output"] as? [String: [String: Any]] ?? [:]
    }

    @Test func instanceIsPrivateEncryptedAndProtected() throws {
        let instance = try #require(try resources(compile(accountingBlueprint("")), "aws_db_instance")["accounting"])
        #expect(instance["engine"] as? String == "mariadb" && instance["engine_version"] as? String == "10.11")
        #expect(
            instance["instance_class"] as? String == "db.t4g.small" && instance["allocated_storage"] as? Int == 20
                && instance["storage_type"] as? String == "gp3")
        #expect(instance["manage_master_user_password"] == nil && instance["password"] == nil)
        #expect(instance["storage_encrypted"] as? Bool == true && instance["publicly_accessible"] as? Bool == false)
        #expect(instance["deletion_protection"] as? Bool == true && instance["skip_final_snapshot"] as? Bool == false)
        #expect(
            instance["final_snapshot_identifier"] as? String == "aws-mini-accounting-final"
                && instance["identifier"] as? String == "aws-mini-accounting")
        #expect(instance["username"] as? String == "slurm" && instance["db_name"] as? String == "slurm_acct_db")
        #expect(
            instance["backup_retention_period"] as? Int == 7 && instance["multi_az"] as? Bool == false
                && instance["copy_tags_to_snapshot"] as? Bool == true)
        #expect(instance["db_subnet_group_name"] as? String == "${aws_db_subnet_group.accounting.name}")
        #expect(instance["vpc_security_group_ids"] as? [String] == ["${aws_security_group.accounting.id}"])
        #expect((instance["tags"] as? [String: String])?["Name"] == "aws-mini-accounting")
    }

    @Test func subnetGroupSpansThePrivateSubnetsAndOnlyTheClusterReachesPort3306() throws {
        let result = compile(accountingBlueprint("kms_key_id: arn:aws:kms:eu-west-1:111122223333:key/abcd"))
        let group = try #require(try resources(result, "aws_db_subnet_group")["accounting"])
        #expect(
            group["subnet_ids"] as? [String] == [
                "${aws_subnet.network_private_0.id}", "${aws_subnet.network_private_1.id}",
            ])
        let rule = try #require(try resources(result, "aws_vpc_security_group_ingress_rule")["accounting_mariadb"])
        #expect(
            rule["from_port"] as? Int == 3306 && rule["to_port"] as? Int == 3306
                && rule["ip_protocol"] as? String == "tcp")
        #expect(rule["referenced_security_group_id"] as? String == "${aws_security_group.network_cluster.id}")
        #expect(rule["description"] as? String == "MariaDB from the cluster")
        #expect(
            try resources(result, "aws_security_group")["accounting"]?["vpc_id"] as? String == "${aws_vpc.network.id}")
        #expect(
            try resources(result, "aws_db_instance")["accounting"]?["kms_key_id"] as? String
                == "arn:aws:kms:eu-west-1:111122223333:key/abcd")
    }

    /// ParallelCluster's head node writes the whole SecretString into slurmdbd.conf as StoragePass:
    /// the secret holds exactly the password, which Terraform makes as an ephemeral value and
    /// passes only to write-only arguments (never in the state), and nothing rotates it.
    @Test func thePasswordIsAPlainSecretOnlyWriteOnlyArgumentsSee() throws {
        let result = compile(accountingBlueprint(""))
        let main = try #require(result.file("storage/main.tf.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        #expect((root["terraform"] as? [String: Any])?["required_version"] as? String == ">= 1.11.0")
        let ephemeral = try #require(root["ephemeral"] as? [String: [String: [String: Any]]])
        let random = try #require(ephemeral["aws_secretsmanager_random_password"]?["accounting_password"])
        #expect(random["password_length"] as? Int == 40 && random["exclude_punctuation"] as? Bool == true)
        let readBack = try #require(ephemeral["aws_secretsmanager_secret_version"]?["accounting_password"])
        #expect(
            readBack["secret_id"] as? String == "${aws_secretsmanager_secret_version.accounting_password.secret_id}")
        let version = try #require(try resources(result, "aws_secretsmanager_secret_version")["accounting_password"])
        #expect(
            version["secret_string_wo"] as? String
                == "${ephemeral.aws_secretsmanager_random_password.accounting_password.random_password}")
        #expect(version["secret_string_wo_version"] as? Int == 1 && version["secret_string"] == nil)
        let instance = try #require(try resources(result, "aws_db_instance")["accounting"])
        #expect(
            instance["password_wo"] as? String
                == "${ephemeral.aws_secretsmanager_secret_version.accounting_password.secret_string}")
        #expect(instance["password_wo_version"] as? Int == 1)
        let secret = try #require(try resources(result, "aws_secretsmanager_secret")["accounting_password"])
        #expect(secret["name_prefix"] as? String == "aws-mini-accounting-slurmdbd-")
        #expect(
            try resources(result, "aws_secretsmanager_secret_rotation").isEmpty,
            "nothing rotates it: a running cluster would not follow")
        // password_version sets a new password for both.
        let renewed = compile(accountingBlueprint("password_version: 2"))
        #expect(try resources(renewed, "aws_db_instance")["accounting"]?["password_wo_version"] as? Int == 2)
        #expect(
            try resources(renewed, "aws_secretsmanager_secret_version")["accounting_password"]?[
                "secret_string_wo_version"] as? Int == 2)
    }

    @Test func outputsCarryTheContractParallelClusterReads() throws {
        let outputs = try outputs(compile(accountingBlueprint("")))
        let instance = "aws_db_instance.accounting"
        #expect(
            outputs["database_endpoint_accounting"]?["value"] as? String
                == "${\"${\(instance).address}:${\(instance).port}\"}")
        #expect(
            outputs["password_secret_arn_accounting"]?["value"] as? String
                == "${aws_secretsmanager_secret.accounting_password.arn}")
        let contract = try #require(outputs["slurm_database_accounting"]?["value"] as? String)
        for field in [
            "uri = \"${\(instance).address}:${\(instance).port}\"", "user_name = \"slurm\"",
            "password_secret_arn = aws_secretsmanager_secret.accounting_password.arn",
            "database_name = \"slurm_acct_db\"",
        ] {
            #expect(contract.contains(field), "\(field) in \(contract)")
        }
    }

    @Test func slurmdbdConfNamesTheDatabaseAndIncludesTheBootWrittenStorageFile() throws {
        let result = compile(accountingBlueprint("database_name: acct"))
        let conf = try #require(result.file("slurm/accounting/slurmdbd.conf"))
        let settings = conf.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        #expect(
            settings == [
                "DbdHost=localhost", "DbdPort=6819", "SlurmUser=slurm", "AuthType=auth/munge",
                "LogFile=/var/log/slurm/slurmdbd.log",
                "PidFile=/var/run/slurm/slurmdbd.pid", "StorageType=accounting_storage/mysql", "StoragePort=3306",
                "StorageUser=slurm",
                "StorageLoc=acct", "Include /etc/slurm/slurmdbd-storage.conf",
            ])
        #expect(
            conf.contains(
                """
                password=$(aws secretsmanager get-secret-value --secret-id \"$arn\" --query SecretString --output \
                text)\n
                """
            ))
        #expect(!conf.contains("jq"), "the secret's whole value is the password")
        #expect(conf.contains("terraform -chdir=storage output -raw password_secret_arn_accounting"))
        #expect(!settings.contains { $0.hasPrefix("StorageHost") || $0.hasPrefix("StoragePass") })
    }

    @Test func noPasswordAnywhereInTheDeployment() throws {
        let result = compile(accountingBlueprint(""))
        #expect(!result.files.isEmpty)
        for file in result.files {
            // Comments may say how the boot step writes StoragePass; no setting may carry one.
            for line in file.text.split(separator: "\n") where !line.hasPrefix("#") {
                for forbidden in ["password =", "\"password\"", "master_password", "StoragePass"]
                where line.contains(forbidden) {
                    Issue.record("\(file.path) contains '\(forbidden)': \(line)")
                }
                // Write-only arguments take the password only from an ephemeral value.
                for writeOnly in ["\"password_wo\":", "\"secret_string_wo\":"]
                where line.contains(writeOnly) && !line.contains("\"${ephemeral.") {
                    Issue.record("\(file.path): \(writeOnly) holds no ephemeral reference: \(line)")
                }
            }
        }
    }

    @Test func compilesTheSameTwice() {
        #expect(compile(accountingBlueprint("")).files == compile(accountingBlueprint("")).files)
    }

    @Test func accountingDatabaseIsInTheIR() throws {
        let deployment = try #require(compile(accountingBlueprint("multi_az: true")).deployment)
        let database = try #require(deployment.accountingDatabases.first)
        #expect(database.multiAZ && database.subnets.count == 2 && database.origin.group == "storage")
    }
}
