/// The head-node program of a ParallelCluster cluster with a REST API,
/// `parallelcluster/<id>-slurmrestd.sh`. hpcc's Terraform puts it in the cluster's script bucket and
/// the cluster config names it in `HeadNode.CustomActions`; ParallelCluster runs it as root with
/// one argument:
/// - `keys` at OnNodeStart, before its cookbook starts slurmctld, which does not start without the
///   JWKS that `AuthAltParameters` names;
/// - `start` at OnNodeConfigured and OnNodeUpdated: slurmdbd takes tokens too (the cookbook writes
///   slurmdbd.conf at configuration and on every update, with no custom settings of its own), and
///   slurmrestd runs from the same unit as on other clusters, on ParallelCluster's Slurm.
/// The units and the JWKS are the shared `RestAPIFiles` text, written with quoted here-documents.
enum HeadNodeRestAPIScript {
    /// Where the script goes in the deployment folder.
    static func path(_ cluster: ParallelCluster) -> String {
        "parallelcluster/\(cluster.origin.module.rawValue)-slurmrestd.sh"
    }

    /// The object key in the script bucket.
    static func objectKey(_ cluster: ParallelCluster) -> String {
        "hpcc/\(cluster.origin.module.rawValue)-slurmrestd.sh"
    }

    /// The argument of each custom action: ParallelCluster's event name and the script's phase.
    static let actions = [("OnNodeStart", "keys"), ("OnNodeConfigured", "start"), ("OnNodeUpdated", "start")]

    /// The address slurmrestd binds when the blueprint names none: the head node's host name
    /// (systemd's `%H`), which resolves to its private address.
    static let listenDefault = "%H"

    static func text(_ cluster: ParallelCluster, _ api: SlurmRestAPI) -> String {
        let name = cluster.name, prefix = ParallelClusterLimits.slurmPrefix
        let unit = RestAPIFiles.unit(
            api, cluster: name, listenDefault: listenDefault, binary: "\(prefix)/sbin/slurmrestd")
        let keys: String
        switch api.keys {
        case let .document(json):
            keys = """
                keys() {
                    write_file \(ShellWord.quote(api.jwksFile)) 0644 <<'HPCC_JWKS'
                \(json)
                HPCC_JWKS
                }
                """
        case let .url(url):
            keys = """
                keys() {
                    write_file "$units/jwks-fetch.service" 0644 <<'HPCC_UNIT'
                \(RestAPIFiles.fetchUnit(api, url: url, cluster: name))HPCC_UNIT
                    systemctl daemon-reload
                    systemctl enable jwks-fetch.service
                    # Fetches now: the head node fails to start when the identity provider cannot be reached.
                    systemctl start jwks-fetch.service
                }
                """
        }
        return """
            #!/bin/bash
            # Slurm REST API on the head node of ParallelCluster cluster '\(name)', compiled by hpcc (module \
            '\(cluster.origin.module)').
            # ParallelCluster runs it as root (HeadNode.CustomActions in parallelcluster/\(cluster.origin.module).yaml):
            #   OnNodeStart       keys   the identity provider's public keys where AuthAltParameters names them
            #                            (\(api.jwksFile)), before slurmctld starts
            #   OnNodeConfigured  start  slurmdbd.conf gets the AuthAlt lines (with accounting), slurmrestd runs
            #   OnNodeUpdated     start  again: a cluster update rewrites slurmdbd.conf
            # HPCC_SLURM_PREFIX and HPCC_UNIT_DIR move \(prefix) and /etc/systemd/system, to try it elsewhere.
            set -euo pipefail

            slurm=${HPCC_SLURM_PREFIX:-\(prefix)}
            units=${HPCC_UNIT_DIR:-/etc/systemd/system}
            auth_alt_types=auth/jwt
            auth_alt_parameters=\(ShellWord.quote(api.authAltParameters))

            # Standard input to $1 with mode $2, replacing it in one step.
            write_file() {
                mkdir -p "$(dirname "$1")"
                cat >"$1.new"
                chmod "$2" "$1.new"
                mv -f "$1.new" "$1"
            }

            \(keys)

            start() {
                local dbd="$slurm/etc/slurmdbd.conf"
                if [ -f "$dbd" ] && ! grep -q '^AuthAltTypes=' "$dbd"; then
                    printf 'AuthAltTypes=%s\\nAuthAltParameters=%s\\n' "$auth_alt_types" "$auth_alt_parameters" >>"$dbd"
                    systemctl try-restart slurmdbd.service
                fi
                write_file "$units/slurmrestd.service" 0644 <<'HPCC_UNIT'
            \(unit)HPCC_UNIT
                if [ "$slurm" != \(prefix) ]; then
                    sed -i "s|\(prefix)/sbin/slurmrestd|$slurm/sbin/slurmrestd|" "$units/slurmrestd.service"
                fi
                systemctl daemon-reload
                systemctl enable slurmrestd.service
                systemctl restart slurmrestd.service
            }

            case "${1:-}" in
            keys) keys ;;
            start) start ;;
            *)
                echo "usage: $0 keys|start" >&2
                exit 2
                ;;
            esac

            """
    }
}
