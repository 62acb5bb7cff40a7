/// The accounting database of a slurm-cloudsql-federation module: a Cloud SQL for MySQL instance
/// with no public address, its database and user, and a Secret Manager secret holding the user's
/// password.
///
/// The password never reaches the Terraform state or hpcc's output. The google provider 6.x has
/// no ephemeral resource that makes a password or reads a secret version, so the local
/// `<module>_password` is Terraform's `uuid()` without dashes: a function Terraform evaluates
/// anew in every run (unknown while planning), once per run, and whose value goes only to the
/// write-only `password_wo` of the user and `secret_data_wo` of the secret version. Both take it
/// in the same run: the secret version is replaced whenever the user is (`replace_triggered_by`),
/// and the user whenever the instance or the secret is, so a replaced instance or user never
/// leaves the secret holding an old password. `password_version` raises both write-only versions.
enum CloudSQLResources {
    static func instance(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_sql_database_instance", module.rawValue)
    }
    static func database(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_sql_database", module.rawValue)
    }
    static func user(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_sql_user", module.rawValue)
    }
    static func secret(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_secret_manager_secret", "\(module.rawValue)_password")
    }
    static func secretVersion(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_secret_manager_secret_version", "\(module.rawValue)_password")
    }
    /// The internal address of the Private Service Connect endpoint.
    static func endpointAddress(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_address", "\(module.rawValue)_psc")
    }
    /// The forwarding rule from that address to the instance's service attachment.
    static func forwardingRule(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_forwarding_rule", "\(module.rawValue)_psc")
    }
    /// The password as made in this run.
    static func password(_ module: ModuleID) -> TerraformLocal {
        TerraformLocal("\(module.rawValue)_password")
    }

    /// The HCL expression of the address clients connect to.
    static func address(_ database: CloudSQLDatabase, module: ModuleID) -> String {
        switch database.connection {
        case .privateServiceAccess: instance(module).attribute("private_ip_address")
        case .privateServiceConnect: endpointAddress(module).attribute("address")
        }
    }

    static func emit(
        _ database: CloudSQLDatabase, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = database.origin.module
        let project = JSON.string(database.project)
        var ip: [String: JSON] = ["ipv4_enabled": false]
        var dependsOn = JSON.null
        switch database.connection {
        case let .privateServiceAccess(network, waitsFor, authorizedNetworks):
            ip["private_network"] = references.networkID(network)
            ip["enable_private_path_for_google_cloud_services"] = true
            ip["authorized_networks"] = .when(
                !authorizedNetworks.isEmpty, .array(authorizedNetworks.map { .object(["value": .string($0)]) }))
            dependsOn = references.dependencies(waitsFor.map { ($0, StorageResources.peering($0)) })
        case .privateServiceConnect:
            ip["psc_config"] = .block(["psc_enabled": true, "allowed_consumer_projects": .strings([database.project])])
        }
        document.resource(
            instance(module),
            [
                "name": .string(database.instanceName),
                "project": project,
                "region": .string(database.region),
                "database_version": .string(database.databaseVersion),
                "deletion_protection": .bool(database.deletionProtection),
                "settings": .block([
                    "tier": .string(database.tier),
                    "edition": .string(database.edition),
                    "user_labels": .stringMap(database.origin.labels),
                    "data_cache_config": .when(
                        database.edition == "ENTERPRISE_PLUS", .block(["data_cache_enabled": .bool(database.dataCache)])
                    ),
                    "ip_configuration": .block(ip),
                    // Daily backups with binary logs: the accounting history can be restored to a point in time.
                    "backup_configuration": .block(["enabled": true, "binary_log_enabled": true]),
                    "database_flags": .array([.object(["name": "local_infile", "value": "off"])]),
                ]),
                "depends_on": dependsOn,
            ])
        if case let .privateServiceConnect(subnetwork) = database.connection {
            let subnet = references.subnetwork(subnetwork)
            document.resource(
                endpointAddress(module),
                [
                    "name": .string("\(database.instanceName)-psc"), "project": project,
                    "region": .string(database.region), "address_type": "INTERNAL", "subnetwork": subnet,
                    "labels": .stringMap(database.origin.labels),
                ])
            document.resource(
                forwardingRule(module),
                [
                    "name": .string("\(database.instanceName)-psc"), "project": project,
                    "region": .string(database.region), "subnetwork": subnet,
                    "ip_address": endpointAddress(module).json("self_link"),
                    // Empty: a Private Service Connect endpoint, not a load balancer.
                    "load_balancing_scheme": "",
                    "target": instance(module).json("psc_service_attachment_link"),
                ])
        }
        document.resource(
            Self.database(module),
            ["name": .string(database.databaseName), "project": project, "instance": instance(module).json("name")])
        emitPassword(database, into: &document, references: &references)
    }

    private static func emitPassword(
        _ database: CloudSQLDatabase, into document: inout TerraformDocument, references: inout TerraformReferences
    ) {
        let module = database.origin.module
        let local = "${\(password(module).reference)}"
        document.local(password(module), .string("${replace(uuid(), \"-\", \"\")}"))
        document.requiredVersion = ">= 1.11.0"
        document.resource(
            user(module),
            [
                "name": .string(database.userName), "project": .string(database.project),
                "instance": instance(module).json("name"),
                "password_wo": .string(local), "password_wo_version": .int(database.passwordVersion),
                "lifecycle": .object([
                    "replace_triggered_by": .array([
                        .string(instance(module).reference + ".id"), .string(secret(module).reference + ".id"),
                    ])
                ]),
            ])
        let replication: JSON =
            database.secretReplicas.isEmpty
            ? .block(["auto": .block([:])])
            : .block([
                "user_managed": .block([
                    "replicas": .array(
                        database.secretReplicas.map { replica -> JSON in
                            var body: [String: JSON] = ["location": .string(replica.location)]
                            if let key = replica.kmsKeyName {
                                body["customer_managed_encryption"] = .block(["kms_key_name": references.json(key)])
                            }
                            return .object(body)
                        })
                ])
            ])
        document.resource(
            secret(module),
            [
                "secret_id": .string(database.secretID), "project": .string(database.project),
                "labels": .stringMap(database.origin.labels), "replication": replication,
            ])
        document.resource(
            secretVersion(module),
            [
                "secret": secret(module).json("id"),
                "secret_data_wo": .string(local), "secret_data_wo_version": .int(database.passwordVersion),
                "lifecycle": .object(["replace_triggered_by": .addresses([user(module)])]),
            ])
    }
}
