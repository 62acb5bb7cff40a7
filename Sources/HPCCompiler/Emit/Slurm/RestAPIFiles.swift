/// The files of a cluster's REST API: the slurm.conf (and slurmdbd.conf) lines that let slurmctld
/// (and slurmdbd) accept the identity provider's tokens, and the systemd units that run slurmrestd
/// and fetch the provider's JWKS. The same text serves existing clusters and Google Cloud
/// controllers; only where slurmrestd listens by default differs.
enum RestAPIFiles {
    /// `slurmrestd.service`, `jwks.json` or `jwks-fetch.service`, and (`firewall`) `slurmrestd.nft`.
    static func files(
        _ api: SlurmRestAPI, cluster: String, folder: String, listenDefault: String, firewall: Bool
    ) -> [OutputFile] {
        var files = [
            OutputFile(
                path: "\(folder)/slurmrestd.service", text: unit(api, cluster: cluster, listenDefault: listenDefault))
        ]
        switch api.keys {
        case let .document(json): files.append(OutputFile(path: "\(folder)/jwks.json", text: json + "\n"))
        case let .url(url):
            files.append(
                OutputFile(path: "\(folder)/jwks-fetch.service", text: fetchUnit(api, url: url, cluster: cluster)))
        }
        if firewall {
            files.append(OutputFile(path: "\(folder)/slurmrestd.nft", text: nftables(api, cluster: cluster)))
        }
        return files
    }

    /// slurmctld and slurmdbd accept RS256 tokens the JWKS file's keys signed, besides MUNGE.
    static func authLines(_ api: SlurmRestAPI, into conf: inout SlurmConfWriter) {
        conf.set("AuthAltTypes", "auth/jwt")
        conf.set("AuthAltParameters", api.authAltParameters)
    }

    /// `host:port` slurmrestd binds.
    static func listen(_ api: SlurmRestAPI, listenDefault: String) -> String {
        "\(api.listenAddress ?? listenDefault):\(api.port)"
    }

    /// slurmrestd as `user`, taking tokens (`rest_auth/jwt` only: no local socket trust), on the
    /// blueprint's address and port. `DynamicUser` creates the account when the host has none.
    /// `binary` is where the host's Slurm keeps slurmrestd.
    static func unit(
        _ api: SlurmRestAPI, cluster: String, listenDefault: String, binary: String = "/usr/sbin/slurmrestd"
    ) -> String {
        let plugins = api.openAPIPlugins.isEmpty ? "" : " -s \(api.openAPIPlugins.joined(separator: ","))"
        return """
            # slurmrestd of cluster \(cluster), compiled by hpcc: Slurm's REST API for services holding a token of
            # the identity provider. Install as /etc/systemd/system/slurmrestd.service on the controller.
            [Unit]
            Description=Slurm REST API of cluster \(cluster) (JWT)
            Documentation=man:slurmrestd(8)
            After=network-online.target slurmctld.service
            Wants=network-online.target

            [Service]
            Type=simple
            User=\(api.user)
            DynamicUser=yes
            Environment=SLURM_JWT=daemon
            ExecStart=\(binary) -a rest_auth/jwt\(plugins) \(listen(api, listenDefault: listenDefault))
            Restart=on-failure
            NoNewPrivileges=yes
            ProtectSystem=strict
            ProtectHome=yes
            PrivateTmp=yes
            PrivateDevices=yes
            RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX

            [Install]
            WantedBy=multi-user.target

            """
    }

    /// Fetches the JWKS over HTTPS before slurmctld starts; the file is public keys, mode 0644.
    static func fetchUnit(_ api: SlurmRestAPI, url: String, cluster: String) -> String {
        """
        # Fetches the identity provider's public keys (JWKS) for cluster \(cluster) before slurmctld and slurmdbd
        # start, compiled by hpcc. Install as /etc/systemd/system/jwks-fetch.service on the controller.
        [Unit]
        Description=Fetch the JWKS slurmctld checks REST API tokens with
        Wants=network-online.target
        After=network-online.target
        Before=slurmctld.service slurmdbd.service

        [Service]
        Type=oneshot
        RemainAfterExit=yes
        ExecStart=/usr/bin/curl --fail --silent --show-error --proto =https --max-time 30 --retry 5 \
        --output \(api.jwksFile).new \(url)
        ExecStart=/bin/chmod 0644 \(api.jwksFile).new
        ExecStart=/bin/mv -f \(api.jwksFile).new \(api.jwksFile)

        [Install]
        WantedBy=slurmctld.service slurmdbd.service

        """
    }

    /// An nftables table that drops connections to slurmrestd's port from anything but the
    /// allowed clients (and the host itself): `nft -f slurmrestd.nft` on the controller.
    static func nftables(_ api: SlurmRestAPI, cluster: String) -> String {
        """
        # Only the REST API's clients reach slurmrestd of cluster \(cluster) (port \(api.port)); compiled by hpcc.
        # Load on the controller with `nft -f slurmrestd.nft` (or include it from /etc/nftables.conf).
        table inet hpcc_slurmrestd
        delete table inet hpcc_slurmrestd
        table inet hpcc_slurmrestd {
            set clients {
                type ipv4_addr
                flags interval
                elements = { \(api.allowedClients.joined(separator: ", ")) }
            }
            chain input {
                type filter hook input priority filter - 1; policy accept;
                iifname "lo" accept
                tcp dport \(api.port) ip saddr @clients accept
                tcp dport \(api.port) drop
            }
        }

        """
    }
}
