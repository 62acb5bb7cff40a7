/// `hpcstats/install.sh [ROOT]`: installs the architecture files and hpcstats.conf into the
/// configuration directory (under ROOT, for staging or tests), putting each password in from the
/// file its `{file:PATH}` names. A password HPCStats cannot carry (blanks, which its PostgreSQL
/// connection string does not quote, or '%(', which ConfigParser would interpolate) is refused.
enum HPCStatsInstaller {
    static func script(_ setup: HPCStatsSetup, deployment: Deployment) -> String {
        let directory = ShellWord.quote(setup.configDirectory)
        let copies = setup.clusters.map { cluster in
            let name = ShellWord.quote(cluster.name)
            return """
                install -d -m 0755 "$target"/\(name)
                install -m 0644 "$here"/\(name)/architecture.conf "$target"/\(name)/architecture.conf
                """
        }.joined(separator: "\n")
        return """
            #!/bin/sh
            # Installs HPCStats' configuration compiled by hpcc from blueprint \(deployment.blueprintName) (deployment \
            \(deployment.name)).
            # Usage: install.sh [ROOT]   (ROOT prefixes every path, for staging; empty for the host itself)
            set -eu
            here=$(cd "$(dirname "$0")" && pwd)
            root=${1:-}
            target="$root"\(directory)

            fail() {
              echo "install.sh: $*" >&2
              exit 1
            }

            # The password in file $1 (under ROOT), refused when HPCStats could not carry it.
            password() {
              [ -r "$root$1" ] || fail "cannot read $root$1"
              secret=$(cat "$root$1")
              case $secret in
                '' | *[[:space:]]* | *'%('*) fail "$root$1 must hold one password without blanks or '%('" ;;
              esac
              printf '%s' "$secret"
            }

            # HPCStats decodes phash as base64, then ROT47, then base64.
            phash() {
              secret=$(password "$1") || exit 1
              printf '%s' "$secret" | base64 | tr -d '\\n' | tr '!-~' 'P-~!-O' | base64 | tr -d '\\n'
            }

            umask 077
            install -d -m 0755 "$target"
            \(copies)
            staged="$target/.hpcstats.conf.$$"
            trap 'rm -f "$staged"' EXIT
            while IFS= read -r line; do
              case $line in
                *' = {file:'*'}')
                  file=${line#*'{file:'}
                  value=$(password "${file%'}'}") || exit 1
                  printf '%s = %s\\n' "${line%% = *}" "$value" ;;
                *' = {phash-of-file:'*'}')
                  file=${line#*'{phash-of-file:'}
                  value=$(phash "${file%'}'}") || exit 1
                  printf '%s = %s\\n' "${line%% = *}" "$value" ;;
                *) printf '%s\\n' "$line" ;;
              esac
            done < "$here"/hpcstats.conf > "$staged"
            chmod 0600 "$staged"
            mv "$staged" "$target"/hpcstats.conf
            trap - EXIT
            echo "installed HPCStats configuration in $target"

            """
    }
}
