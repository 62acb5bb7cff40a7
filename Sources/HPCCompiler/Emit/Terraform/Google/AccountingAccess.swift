/// Who may read the accounting database's password: the controller's service account alone,
/// on that one secret (`roles/secretmanager.secretAccessor`), so that slurmdbd on the controller
/// can read it at boot and no other node, user or workbench in the project can.
enum AccountingAccess {
    /// The binding of the controller's service account to the password secret.
    static func binding(_ controller: ModuleID) -> TerraformAddress {
        TerraformAddress("google_secret_manager_secret_iam_member", "\(controller.rawValue)_slurmdbd")
    }
    /// The project's default compute service account, for a controller that names no account.
    static func defaultAccount(_ controller: ModuleID) -> TerraformAddress {
        .data("google_compute_default_service_account", controller.rawValue)
    }

    /// Emits the binding; returns what the controller must wait for before it boots.
    static func emit(
        _ cluster: SlurmCluster, accounting: SlurmAccountingStorage, into document: inout TerraformDocument,
        references: inout TerraformReferences
    ) -> [TerraformAddress] {
        let module = cluster.origin.module
        let instance = cluster.controller.instance
        let email: String
        if let account = instance.serviceAccount.email {
            email = references.template(account)
        } else {
            document.data(defaultAccount(module), ["project": .string(instance.project)])
            email = defaultAccount(module).interpolation("email")
        }
        let project = JSON.string(instance.project)
        document.resource(
            binding(module),
            [
                "project": project,
                "secret_id": references.json(accounting.passwordSecret),
                "role": "roles/secretmanager.secretAccessor",
                "member": .string("serviceAccount:" + email),
            ])
        return [binding(module)]
    }
}
