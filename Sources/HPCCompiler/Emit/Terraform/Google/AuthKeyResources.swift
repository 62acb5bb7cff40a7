/// The cluster's MUNGE key (or `auth/slurm` key) in Secret Manager (issue 20). Terraform makes only
/// the empty secret and its IAM: every service account of the cluster's nodes may read it, the
/// controller's may also add a version. The primary controller creates the key at first boot and adds
/// it; no key material is in the Terraform configuration or state.
enum AuthKeyResources {
    static let accessorRole = "roles/secretmanager.secretAccessor"
    static let adderRole = "roles/secretmanager.secretVersionAdder"

    /// The secret's id: `<cluster>-munge-key` or `<cluster>-slurm-key`.
    static func secretID(_ cluster: SlurmCluster) -> String {
        "\(cluster.name)-\(cluster.parameters.authentication.rawValue)-key"
    }

    /// `projects/<project>/secrets/<id>`, known at compile time so nodes in any group can name it.
    static func secretPath(_ cluster: SlurmCluster) -> String {
        "projects/\(cluster.controller.instance.project)/secrets/\(secretID(cluster))"
    }

    static func secret(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_secret_manager_secret", "\(module.rawValue)_auth_key")
    }
    static func reader(_ module: ModuleID, _ index: Int) -> TerraformAddress {
        TerraformAddress("google_secret_manager_secret_iam_member", "\(module.rawValue)_auth_key_reader_\(index)")
    }
    static func adder(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_secret_manager_secret_iam_member", "\(module.rawValue)_auth_key_adder")
    }
    static func defaultAccount(_ module: ModuleID) -> TerraformAddress {
        .data("google_compute_default_service_account", module.rawValue)
    }

    /// The instances whose accounts read the key: controller, login groups, nodesets.
    private static func instances(_ cluster: SlurmCluster) -> [InstanceProperties] {
        [cluster.controller.instance] + cluster.loginGroups.map(\.instance) + cluster.nodesets.map(\.instance)
    }

    /// Emits the secret and its IAM into the controller's group; returns what the controller waits for.
    static func emit(
        _ cluster: SlurmCluster, into document: inout TerraformDocument, references: inout TerraformReferences
    ) -> [TerraformAddress] {
        let module = cluster.origin.module
        let project = cluster.controller.instance.project
        document.resource(
            secret(module),
            [
                "project": .string(project),
                "secret_id": .string(secretID(cluster)),
                "labels": .stringMap(cluster.origin.labels),
                "replication": .block(["auto": .block([:])]),
            ])
        var members: [String] = []
        func member(_ instance: InstanceProperties) -> String {
            if let email = instance.serviceAccount.email {
                return "serviceAccount:" + references.template(email)
            }
            document.data(defaultAccount(module), ["project": .string(project)])
            return defaultAccount(module).interpolation("member")
        }
        for instance in instances(cluster) {
            let account = member(instance)
            if !members.contains(account) { members.append(account) }
        }
        for (index, account) in members.enumerated() {
            document.resource(
                reader(module, index),
                [
                    "project": .string(project), "secret_id": secret(module).json("secret_id"),
                    "role": .string(accessorRole), "member": .string(account),
                ])
        }
        document.resource(
            adder(module),
            [
                "project": .string(project), "secret_id": secret(module).json("secret_id"),
                "role": .string(adderRole), "member": .string(member(cluster.controller.instance)),
            ])
        return [secret(module), adder(module)] + members.indices.map { reader(module, $0) }
    }
}
