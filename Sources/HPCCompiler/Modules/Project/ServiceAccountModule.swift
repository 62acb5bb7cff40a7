/// `modules/project/service-account`: one module, whole.
enum ServiceAccountModule: BuiltInModule {
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
            SettingSpec("name", .string, "Name of the account; the account id is `<deployment_name>-<name>` (6-30 lowercase letters, digits and '-').", required: true),
            SettingSpec("display_name", .string, "Display name; hpcc appends ` (<deployment_name>)`.", default: .string("Service Account"), constraints: [.maxLength(100)]),
            SettingSpec("description", .string, "Description; hpcc appends ` (<deployment_name>)`.", default: .string("Service Account"), constraints: [.maxLength(256)]),
            SettingSpec("project_roles", .list(.string), "Roles granted on the project: short names such as `compute.instanceAdmin.v1` or full `roles/...` names.",
                        required: true),
            SettingSpec("generate_keys", .bool, "Must stay false: hpcc creates no account keys (a key would be a secret in the Terraform state); instances run as the account without one.",
                        default: .bool(false)),
        ] + CommonSettings.moot([
            ("grant_xpn_roles", .bool, .bool(true), "the Shared VPC roles it grants need org_id, which hpcc does not support"),
            ("billing_account_id", .string, .string(""), "it only names the account grant_billing_role grants on, which hpcc does not support"),
        ]) + CommonSettings.unsupported([
            ("grant_billing_role", .bool, .bool(false), "granting the billing user role"),
            ("org_id", .string, .string(""), "organization-level Shared VPC roles"),
        ]) + CommonSettings.deprecated([
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
        ServiceAccountLowering.lower(settings, diagnostics: &diagnostics)
    }

    static func emit(_ entity: ManagedServiceAccount, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in IdentityResources.emit(entity, into: &document) }
    }

    static func value(of output: Output, entity: ManagedServiceAccount, module: ModuleID, path: [Accessor]) -> OutputValue {
        let account = "google_service_account.\(module.rawValue)"
        return switch output {
        case .serviceAccountEmail: .expression("\(account).email" + HCL.access(path))
        case .serviceAccountIAMEmail: .expression("\(account).member" + HCL.access(path))
        }
    }
}
