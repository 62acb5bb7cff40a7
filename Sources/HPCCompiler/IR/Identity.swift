/// A service account hpcc creates, with the project roles it is granted.
@_spi(Tools) public struct ManagedServiceAccount: Hashable, Sendable {
    /// The service-account module's origin.
    @_spi(Tools) public var origin: Origin
    /// Project the account belongs to.
    @_spi(Tools) public var project: String
    /// The account id (the part of the email before `@`).
    @_spi(Tools) public var accountID: String
    /// Its display name.
    @_spi(Tools) public var displayName: String
    /// Its description.
    @_spi(Tools) public var description: String
    /// Full role names (`roles/...`), in blueprint order, without repeats.
    @_spi(Tools) public var roles: [String]

    /// `<account id>@<project>.iam.gserviceaccount.com`.
    @_spi(Tools) public var email: String { "\(accountID)@\(project).iam.gserviceaccount.com" }
}
