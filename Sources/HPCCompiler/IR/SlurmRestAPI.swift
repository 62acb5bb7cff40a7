/// slurmrestd on a cluster's controller: Slurm's REST API for services, which authenticate with
/// JSON Web Tokens their organisation's identity provider signs (RS256, keys from its JWKS).
/// slurmctld checks each token against the JWKS file (`AuthAltTypes=auth/jwt`); slurmrestd only
/// passes it on.
@_spi(Tools) public struct SlurmRestAPI: Hashable, Sendable {
    /// The address slurmrestd binds; nil means the controller's own (its host name on Google
    /// Cloud, which resolves to the internal address; the controller address on premises).
    @_spi(Tools) public var listenAddress: String?
    /// slurmrestd's TCP port.
    @_spi(Tools) public var port: Int
    /// The only clients the firewall admits to `port` (IPv4 CIDR blocks).
    @_spi(Tools) public var allowedClients: [String]
    /// Where the public keys come from.
    @_spi(Tools) public var keys: JWKSSource
    /// The JWKS file slurmctld reads (`AuthAltParameters=jwks=...`).
    @_spi(Tools) public var jwksFile: String
    /// The token claim holding the Slurm user name (`userclaimfield=`, Slurm 23.02 or later); nil
    /// for Slurm's default (`sun`, then `username`).
    @_spi(Tools) public var userClaim: String?
    /// The unprivileged account slurmrestd runs as (it refuses root and SlurmUser).
    @_spi(Tools) public var user: String
    /// OpenAPI plugins slurmrestd loads (`-s`); empty for all it has.
    @_spi(Tools) public var openAPIPlugins: [String]

    /// `AuthAltParameters`: the JWKS file, and the user claim when one is named.
    @_spi(Tools) public var authAltParameters: String {
        "jwks=\(jwksFile)" + (userClaim.map { ",userclaimfield=\($0)" } ?? "")
    }
}

/// Where the identity provider's public keys (a JWKS) come from.
@_spi(Tools) public enum JWKSSource: Hashable, Sendable {
    /// Fetched over HTTPS from the identity provider when the controller boots.
    case url(String)
    /// Written from the blueprint: the JWKS as compact JSON, public members only.
    case document(String)
}
