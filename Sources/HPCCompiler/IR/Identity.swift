/// A service account hpcc creates, with the project roles it is granted.
public struct ManagedServiceAccount: Hashable, Sendable {
    public var origin: Origin
    public var project: String
    /// The account id (the part of the email before `@`).
    public var accountID: String
    public var displayName: String
    public var description: String
    /// Full role names (`roles/...`), in blueprint order, without repeats.
    public var roles: [String]

    /// `<account id>@<project>.iam.gserviceaccount.com`.
    public var email: String { "\(accountID)@\(project).iam.gserviceaccount.com" }
}
