/// The `rest_api` setting the GCP controller and the existing-slurm module share: slurmrestd on
/// the controller, tokens checked against the identity provider's public keys.
enum RestAPISettings {
    static let defaultPort = 6820
    static let defaultUser = "slurmrestd"

    static let type = settingType(defaultPort: defaultPort)

    /// The setting's shape; ParallelCluster's slurmctld already holds 6820-6829, so its default differs.
    static func settingType(defaultPort: Int) -> SettingType {
        .object([
            .optional(
                "listen_address", .string,
                constraints: [
                    .pattern("[A-Za-z0-9][A-Za-z0-9.-]{0,252}", description: "an IPv4 address or a host name")
                ]),
            .optional(
                "port", .number, .int(defaultPort), constraints: [.integer, .range(min: 1024, max: 65535)]),
            .required("allowed_clients", .list(.string)),
            .optional(
                "jwks_url", .string,
                constraints: [
                    .pattern(
                        "https://[A-Za-z0-9._~:/?#@!&'()*+,;=\\[\\]-]+",
                        description: "an https:// URL without spaces, quotes, '%', '$' or '\\\\'")
                ]),
            .optional("jwks", .map(.any)),
            .optional(
                "jwks_file", .string,
                constraints: [
                    .pattern(
                        "/[A-Za-z0-9._/-]*", description: "an absolute path of letters, digits, '.', '_', '-' and '/'")
                ]),
            .optional(
                "user_claim", .string,
                constraints: [.pattern("[A-Za-z0-9_.:-]{1,64}", description: "a claim name such as preferred_username")]
            ),
            .optional(
                "user", .string, .string(defaultUser),
                constraints: [.pattern("[a-z_][a-z0-9_-]{0,31}", description: "a Unix user name")]),
            .optional(
                "openapi_plugins", .list(.string), .list([]),
                constraints: [.pattern("openapi/[a-z0-9._]+", description: "an OpenAPI plugin such as openapi/v0.0.38")]
            ),
        ])
    }

    static let description = description(port: defaultPort, listen: "null: the controller's own address")

    /// What the setting does; `listen` says what `listen_address` takes and what null means.
    static func description(port: Int, listen: String) -> String {
        """
        Slurm's REST API for services (slurmrestd on the controller, JWT from the organisation's identity \
        provider): `allowed_clients` (the only IPv4 CIDR blocks admitted to the port), `port` (\(port)), \
        `listen_address` (\(listen)), the identity provider's public keys as \
        `jwks_url` (an https:// JWKS URL the controller fetches, e.g. Keycloak's \
        `/realms/R/protocol/openid-connect/certs`) or `jwks` (the JWKS itself; public RSA keys with `kid`, `n` and \
        `e`, no private member), `jwks_file` (where slurmctld reads it), `user_claim` (the claim naming the Slurm \
        user, e.g. `preferred_username`; Slurm 23.02 or later; null reads `sun`, then `username`), `user` (the \
        unprivileged account slurmrestd runs as; never root or SlurmUser) and `openapi_plugins` (slurmrestd's `-s`; \
        empty loads all, and Slurm 22.05 without accounting needs `[openapi/v0.0.38]`). slurm.conf gets \
        `AuthAltTypes=auth/jwt` and `AuthAltParameters=jwks=...`. Null turns the API off.
        """
    }

    /// The members of a JSON Web Key that hold private or secret key material (RFC 7518 §6).
    static let privateMembers: Set<String> = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

    /// The API `key` describes; nil when it is off or wrong (reported).
    static func read(
        _ key: SettingKey<Value>, settings: SettingReader, slurmUser: String?, defaultJWKSFile: String,
        defaultPort: Int = defaultPort, diagnostics: inout Diagnostics
    ) -> SlurmRestAPI? {
        guard let fields = settings.read(key, diagnostics: &diagnostics)?.map else { return nil }
        func at(_ path: Accessor...) -> SourceLocation { settings.location(key, path) }
        var valid = true
        let clients = fields["allowed_clients"]?.list?.compactMap(\.string) ?? []
        if clients.isEmpty {
            diagnostics.report(
                .restAPIService, "rest_api admits no client", at: at(.key("allowed_clients")),
                help: "list the CIDR blocks of the services that call the API, e.g. [10.20.0.4/32]")
            valid = false
        }
        for (index, client) in clients.enumerated() where CIDR(client) == nil {
            diagnostics.report(
                .invalidNetworkRange, "allowed client '\(client)' is not an IPv4 CIDR block",
                at: at(.key("allowed_clients"), .index(index)), help: "write a network address and prefix: 10.20.0.4/32"
            )
            valid = false
        }
        for (index, range) in clients.compactMap(CIDR.init).enumerated() where range.isInternetWide {
            diagnostics.report(
                .restAPIService, "rest_api admits \(range), which is most of the internet",
                at: at(.key("allowed_clients"), .index(index)),
                help: "a REST API that submits jobs is for the services you name; list their addresses")
            valid = false
        }
        let user = fields["user"]?.string ?? defaultUser
        if user == "root" || user == slurmUser {
            diagnostics.report(
                .restAPIService, "slurmrestd would run as \(user), which it refuses (root or SlurmUser)",
                at: at(.key("user")), help: "name an unprivileged account, e.g. \(defaultUser)")
            valid = false
        }
        guard let keys = keySource(fields, at: at, diagnostics: &diagnostics), valid else { return nil }
        return SlurmRestAPI(
            listenAddress: fields["listen_address"]?.string, port: fields["port"]?.int ?? defaultPort,
            allowedClients: clients, keys: keys, jwksFile: fields["jwks_file"]?.string ?? defaultJWKSFile,
            userClaim: fields["user_claim"]?.string, user: user,
            openAPIPlugins: fields["openapi_plugins"]?.list?.compactMap(\.string) ?? [])
    }

    /// One of `jwks_url` and `jwks`; an inline JWKS holds public RSA keys slurmctld can match.
    private static func keySource(
        _ fields: [String: Value], at: (Accessor...) -> SourceLocation, diagnostics: inout Diagnostics
    ) -> JWKSSource? {
        switch (fields["jwks_url"]?.string, fields["jwks"]?.map) {
        case (nil, nil):
            diagnostics.report(
                .restAPIKeys, "rest_api names no identity provider keys", at: at(),
                help: "set jwks_url to the provider's JWKS URL, or jwks to its public keys")
            return nil
        case (.some, .some):
            diagnostics.report(
                .restAPIKeys, "rest_api sets both jwks_url and jwks", at: at(.key("jwks")),
                help: "keep one: the URL (fetched at boot) or the keys themselves")
            return nil
        case let (url?, nil):
            return .url(url)
        case let (nil, jwks?):
            guard checkJWKS(jwks, at: at, diagnostics: &diagnostics) else { return nil }
            var computed = false
            let json = Value.map(jwks).json(text: { $0 }) { _ in
                computed = true
                return ""
            }
            if computed {
                diagnostics.report(
                    .notKnownAtCompileTime, "jwks reads a value only known after apply", at: at(.key("jwks")),
                    help: "write the keys themselves, or fetch them with jwks_url")
                return nil
            }
            return .document(JSONWriter.compact(json))
        }
    }

    private static func checkJWKS(
        _ jwks: [String: Value], at: (Accessor...) -> SourceLocation, diagnostics: inout Diagnostics
    ) -> Bool {
        guard let keys = jwks["keys"]?.list, !keys.isEmpty else {
            diagnostics.report(
                .restAPIKeys, "jwks has no `keys` list", at: at(.key("jwks")),
                help: "a JWKS is {keys: [{kty: RSA, kid: ..., n: ..., e: ...}]}")
            return false
        }
        var valid = true
        var usable = 0
        for (index, value) in keys.enumerated() {
            guard let members = value.map else {
                diagnostics.report(
                    .restAPIKeys, "key \(index + 1) of jwks is not an object",
                    at: at(.key("jwks"), .key("keys"), .index(index)))
                valid = false
                continue
            }
            for member in members.keys.sorted() where privateMembers.contains(member) {
                diagnostics.report(
                    .restAPIKeys,
                    """
                    key \(index + 1) of jwks holds private key material ('\(member)'); it would be written to the \
                    output
                    """,
                    at: at(.key("jwks"), .key("keys"), .index(index), .key(member)),
                    help: "publish the public key only: kty, kid, n, e (and use, alg); rotate the leaked key")
                valid = false
            }
            guard members["kty"]?.string == "RSA" else { continue }
            let missing = ["kid", "n", "e"].filter { members[$0]?.string?.isEmpty ?? true }
            if missing.isEmpty {
                usable += 1
            } else {
                diagnostics.report(
                    .restAPIKeys,
                    """
                    RSA key \(index + 1) of jwks lacks \(missing.joined(separator: ", ")): slurmctld matches tokens \
                    by kid
                    """,
                    at: at(.key("jwks"), .key("keys"), .index(index)))
                valid = false
            }
        }
        if valid, usable == 0 {
            diagnostics.report(
                .restAPIKeys, "jwks holds no RSA key: Slurm checks RS256 tokens only",
                at: at(.key("jwks"), .key("keys")))
            valid = false
        }
        return valid
    }
}
