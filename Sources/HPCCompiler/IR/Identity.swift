/// A service account hpcc creates, with the project roles it is granted.
public struct ManagedServiceAccount: Hashable, Sendable {
    /// The service-account module's origin.
    public var origin: Origin
    /// Project the account belongs to.
    public var project: String
    /// The account id (the part of the email before `@`).
    public var accountID: String
    /// Its display name.
    public var displayName: String
    /// Its description.
    public var description: String
    /// Full role names (`roles/...`), in blueprint order, without repeats.
    public var roles: [String]

    /// `<account id>@<project>.iam.gserviceaccount.com`.
    public var email: String { "\(accountID)@\(project).iam.gserviceaccount.com" }
}
