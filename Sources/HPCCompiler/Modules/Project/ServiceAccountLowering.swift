/// `modules/project/service-account` → `ManagedServiceAccount`.
enum ServiceAccountLowering {
    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ManagedServiceAccount? {
        let context = settings.context
        guard let project = settings.string("project_id", diagnostics: &diagnostics),
              let deployment = settings.string("deployment_name", diagnostics: &diagnostics),
              let name = settings.string("name", diagnostics: &diagnostics)
        else { return nil }
        if settings.bool("generate_keys", diagnostics: &diagnostics) == true {
            diagnostics.report(.constraintViolation, "hpcc does not create service account keys: a key would be a secret in the Terraform state",
                               at: settings.location("generate_keys"), help: "remove generate_keys; instances and the FrontEnd use the account without a key")
            return nil
        }
        // Cluster Toolkit prefixes the account with the deployment name; the rule applies to the result.
        let accountID = "\(deployment)-\(name)"
        guard isAccountID(accountID) else {
            diagnostics.report(.invalidName, "service account id '\(accountID)' (deployment_name '-' name) is not valid", at: settings.location("name"),
                               help: "an account id has 6-30 characters: a lowercase letter, then lowercase letters, digits or '-', not ending in '-'"
                                   + (accountID.count > 30 ? "; shorten name (the deployment name takes \(deployment.count + 1))" : ""))
            return nil
        }
        var roles: [String] = []
        for role in settings.strings("project_roles", diagnostics: &diagnostics) {
            let full = role.hasPrefix("roles/") || role.hasPrefix("projects/") || role.hasPrefix("organizations/") ? role : "roles/\(role)"
            guard isRole(full) else {
                diagnostics.report(.invalidName, "'\(role)' is not an IAM role name", at: settings.location("project_roles"),
                                   help: "write a predefined role as `compute.instanceAdmin.v1` or `roles/compute.instanceAdmin.v1`")
                continue
            }
            if !roles.contains(full) { roles.append(full) }
        }
        // Cluster Toolkit appends the deployment name; Google's limits apply to the result.
        var texts: [String: String] = [:]
        for (setting, limit) in [("display_name", 100), ("description", 256)] {
            let text = (settings.string(setting, diagnostics: &diagnostics) ?? "Service Account") + " (\(deployment))"
            if text.count > limit {
                diagnostics.report(.constraintViolation, "\(setting) '\(text)' (with the deployment name appended) is longer than \(limit) characters",
                                   at: settings.location(setting))
            }
            texts[setting] = text
        }
        let account = ManagedServiceAccount(
            origin: settings.origin(diagnostics: &diagnostics), project: project, accountID: accountID,
            displayName: texts["display_name"]!, description: texts["description"]!, roles: roles
        )
        context.deployment.serviceAccounts.append(account)
        context.knownOutputs[settings.id] = [
            "service_account_email": .string(account.email),
            "service_account_iam_email": .string("serviceAccount:\(account.email)"),
        ]
        return account
    }

    /// `[a-z]([-a-z0-9]*[a-z0-9])`, 6 to 30 characters.
    static func isAccountID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard (6...30).contains(scalars.count), NameRules.isLower(scalars[0]), scalars.last != "-" else { return false }
        return scalars.allSatisfy { NameRules.isLower($0) || NameRules.isDigit($0) || $0 == "-" }
    }

    /// `roles/a.b`, or a custom role `projects/P/roles/R` / `organizations/O/roles/R`.
    private static func isRole(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 4, parts.allSatisfy({ !$0.isEmpty }) else { return false }
        return parts.joined().unicodeScalars.allSatisfy { NameRules.isWord($0) || $0 == "." || $0 == "-" }
    }
}
