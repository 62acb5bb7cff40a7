/// `modules/project/service-account`: one module, whole.
enum ServiceAccountModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let name = SettingKey<String>("name")
        static let displayName = SettingKey<String>("display_name")
        static let description = SettingKey<String>("description")
        static let projectRoles = SettingKey<[String]>("project_roles")
        static let generateKeys = SettingKey<Bool>("generate_keys")
    }

    static let schema = ModuleSchema(
        source: "modules/project/service-account", cloud: .gcp,
        summary: "Service account with project roles",
        description: """
            Creates a service account named `<deployment_name>-<name>` and grants it each of `project_roles` on \
            the project (one IAM member binding per role). Modules with a `service_account_email` setting (the \
            Slurm controller, login nodes and nodesets) take its email through `use`.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName,
            SettingSpec(
                Key.name, .string,
                """
                Name of the account; the account id is `<deployment_name>-<name>` (6-30 lowercase letters, digits and \
                '-').
                """,
                required: true),
            SettingSpec(
                Key.displayName, .string, "Display name; hpcc appends ` (<deployment_name>)`.",
                default: .string("Service Account"), constraints: [.maxLength(100)]),
            SettingSpec(
                Key.description, .string, "Description; hpcc appends ` (<deployment_name>)`.",
                default: .string("Service Account"), constraints: [.maxLength(256)]),
            SettingSpec(
                Key.projectRoles, .list(.string),
                """
                Roles granted on the project: short names such as `compute.instanceAdmin.v1` or full `roles/...` names.
                """,
                required: true),
            SettingSpec(
                Key.generateKeys, .bool,
                """
                Must stay false: hpcc creates no account keys (a key would be a secret in the Terraform state); \
                instances run as the account without one.
                """,
                default: .bool(false)),
        ]
            + CommonSettings.moot([
                (
                    "grant_xpn_roles", .bool, .bool(true),
                    "the Shared VPC roles it grants need org_id, which hpcc does not support"
                ),
                (
                    "billing_account_id", .string, .string(""),
                    "it only names the account grant_billing_role grants on, which hpcc does not support"
                ),
            ])
            + CommonSettings.unsupported([
                ("grant_billing_role", .bool, .bool(false), "granting the billing user role"),
                ("org_id", .string, .string(""), "organization-level Shared VPC roles"),
            ])
            + CommonSettings.deprecated([
                ("names", "create one account per module with name"),
                ("descriptions", "use description"),
                ("prefix", "the prefix is deployment_name"),
            ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case serviceAccountEmail = "service_account_email"
        case serviceAccountIAMEmail = "service_account_iam_email"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .serviceAccountEmail: (.string, "Email of the account.")
            case .serviceAccountIAMEmail: (.string, "The account as an IAM member (`serviceAccount:<email>`).")
            }
        }
    }

    static let exposedByDefault: [Output] = [.serviceAccountEmail]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> ManagedServiceAccount? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let deployment = settings.read(CommonKey.deploymentName, diagnostics: &diagnostics),
            let name = settings.read(Key.name, diagnostics: &diagnostics)
        else { return nil }
        if settings.read(defaulted: Key.generateKeys, diagnostics: &diagnostics) {
            diagnostics.report(
                .constraintViolation,
                "hpcc does not create service account keys: a key would be a secret in the Terraform state",
                at: settings.location(Key.generateKeys),
                help: "remove generate_keys; instances and the FrontEnd use the account without a key")
            return nil
        }
        // Cluster Toolkit prefixes the account with the deployment name; the rule applies to the result.
        let accountID = "\(deployment)-\(name)"
        guard isAccountID(accountID) else {
            diagnostics.report(
                .invalidName, "service account id '\(accountID)' (deployment_name '-' name) is not valid",
                at: settings.location(Key.name),
                help:
                    """
                    an account id has 6-30 characters: a lowercase letter, then lowercase letters, digits or '-', not \
                    ending in '-'
                    """
                        + (accountID.count > 30
                            ? "; shorten name (the deployment name takes \(deployment.count + 1))" : "")
            )
            return nil
        }
        var roles: [String] = []
        // Required, without a default: missing or unreadable (reported), it grants nothing.
        for role in settings.read(Key.projectRoles, diagnostics: &diagnostics) ?? [] {
            let full =
                role.hasPrefix("roles/") || role.hasPrefix("projects/") || role.hasPrefix("organizations/")
                ? role : "roles/\(role)"
            guard isRole(full) else {
                diagnostics.report(
                    .invalidName, "'\(role)' is not an IAM role name", at: settings.location(Key.projectRoles),
                    help: "write a predefined role as `compute.instanceAdmin.v1` or `roles/compute.instanceAdmin.v1`")
                continue
            }
            if !roles.contains(full) { roles.append(full) }
        }
        // Cluster Toolkit appends the deployment name; Google's limits apply to the result.
        var texts: [String] = []
        for (key, limit) in [(Key.displayName, 100), (Key.description, 256)] {
            let text = settings.read(defaulted: key, diagnostics: &diagnostics) + " (\(deployment))"
            if text.count > limit {
                diagnostics.report(
                    .constraintViolation,
                    "\(key.name) '\(text)' (with the deployment name appended) is longer than \(limit) characters",
                    at: settings.location(key))
            }
            texts.append(text)
        }
        let account = ManagedServiceAccount(
            origin: settings.origin(diagnostics: &diagnostics), project: project, accountID: accountID,
            displayName: texts[0], description: texts[1], roles: roles
        )
        settings.context.deployment.serviceAccounts.append(account)
        settings.context.knownOutputs[settings.id] = [
            Output.serviceAccountEmail.rawValue: .string(account.email),
            Output.serviceAccountIAMEmail.rawValue: .string("serviceAccount:\(account.email)"),
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

    static func emit(_ entity: ManagedServiceAccount, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in IdentityResources.emit(entity, into: &document)
        }
    }

    static func value(
        of output: Output, entity: ManagedServiceAccount, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        let account = IdentityResources.account(module)
        return switch output {
        case .serviceAccountEmail: .expression(account.attribute("email") + HCL.access(path))
        case .serviceAccountIAMEmail: .expression(account.attribute("member") + HCL.access(path))
        }
    }
}
