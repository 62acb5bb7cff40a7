/// A service-account module's resources: the account and one project IAM binding per role.
enum IdentityResources {
    /// The account of the service-account module `module`.
    static func account(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_service_account", module.rawValue)
    }

    /// The project binding of `role` to the account: `roles/compute.instanceAdmin.v1` →
    /// `google_project_iam_member.<module>_compute_instanceAdmin_v1`.
    static func roleBinding(_ module: ModuleID, _ role: String) -> TerraformAddress {
        let name = role.hasPrefix("roles/") ? String(role.dropFirst(6)) : role
        return TerraformAddress(
            "google_project_iam_member",
            module.rawValue + "_"
                + String(
                    String.UnicodeScalarView(name.unicodeScalars.map { NameRules.isWord($0) || $0 == "-" ? $0 : "_" })))
    }

    static func emit(_ account: ManagedServiceAccount, into document: inout TerraformDocument) {
        let module = account.origin.module
        document.resource(
            Self.account(module),
            [
                "account_id": .string(account.accountID),
                "project": .string(account.project),
                "display_name": .string(HCL.escapeTemplate(account.displayName)),
                "description": .string(HCL.escapeTemplate(account.description)),
            ])
        for role in account.roles {
            document.resource(
                roleBinding(module, role),
                [
                    "project": .string(account.project),
                    "role": .string(HCL.escapeTemplate(role)),
                    "member": Self.account(module).json("member"),
                ])
        }
    }
}
