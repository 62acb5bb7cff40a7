/// A service-account module's resources: the account and one project IAM binding per role.
enum IdentityResources {
    static func emit(_ account: ManagedServiceAccount, into document: inout TerraformDocument) {
        let id = account.origin.module.rawValue
        document.resource("google_service_account", id, [
            "account_id": .string(account.accountID),
            "project": .string(account.project),
            "display_name": .string(HCL.escapeTemplate(account.displayName)),
            "description": .string(HCL.escapeTemplate(account.description)),
        ])
        for role in account.roles {
            document.resource("google_project_iam_member", TerraformNames.roleBinding(id, role), [
                "project": .string(account.project),
                "role": .string(HCL.escapeTemplate(role)),
                "member": .string("${google_service_account.\(id).member}"),
            ])
        }
    }
}
