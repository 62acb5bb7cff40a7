/// Shell functions every emitted startup script shares: instance metadata, logging, package
/// installation, filesystem clients and one fstab mount with retries. No user string appears in them.
enum ShellFunctions {
    /// The functions, logging under `tag` (syslog and stdout).
    static func common(tag: String) -> String {
        #"""
        metadata() {
            curl --silent --fail -H 'Metadata-Flavor: Google' \
                "http://metadata.google.internal/computeMetadata/v1/instance/attributes/$1" 2>/dev/null || true
        }


        """# + log(tag: tag) + installPackage + "\n" + filesystemClients + mountEntry + "\n"
    }

    /// `log MESSAGE...` to stdout and syslog under `tag`.
    static func log(tag: String) -> String {
        #"""
        log() {
            echo "\#(tag): $*"
            logger -t \#(tag) -- "$*" 2>/dev/null || true
        }


        """#
    }

    /// `install_package RPM-NAME DEB-NAME` with whichever package manager the image has; it logs through `log`.
    static let installPackage = #"""
        install_package() { # rpm-name deb-name
            if command -v dnf >/dev/null; then dnf install -y -q "$1"
            elif command -v yum >/dev/null; then yum install -y -q "$1"
            elif command -v apt-get >/dev/null; then apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get \#
        install -y -q "$2"
            else log "no package manager to install $1"; return 1
            fi
        }

        """#

    /// `ensure_client TYPE`: installs the client of a filesystem type unless the image has it (through
    /// `install_package`, logging with `log`). Cloud Storage FUSE comes from Google's package repository,
    /// which `install_gcsfuse` adds first; a Lustre client is a kernel module matched to the image's kernel,
    /// so its absence is reported rather than repaired.
    static let filesystemClients = #"""
        install_gcsfuse() {
            if command -v apt-get >/dev/null; then
                local codename
                codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
                curl --silent --fail https://packages.cloud.google.com/apt/doc/apt-key.gpg \
                    >/usr/share/keyrings/hpcc-gcsfuse.asc || return 1
                echo "deb [signed-by=/usr/share/keyrings/hpcc-gcsfuse.asc] https://packages.cloud.google.com/apt \#
        gcsfuse-$codename main" >/etc/apt/sources.list.d/gcsfuse.list
            elif [ -d /etc/yum.repos.d ]; then
                printf '%s\n' '[gcsfuse]' 'name=gcsfuse' \
                    "baseurl=https://packages.cloud.google.com/yum/repos/gcsfuse-el7-$(uname -m)" 'enabled=1' \
                    'gpgcheck=1' 'repo_gpgcheck=0' \
                    'gpgkey=https://packages.cloud.google.com/yum/doc/yum-key.gpg' \
                    '       https://packages.cloud.google.com/yum/doc/rpm-package-key.gpg' \
                    >/etc/yum.repos.d/gcsfuse.repo
            fi
            install_package gcsfuse gcsfuse
        }

        ensure_client() { # filesystem-type
            case $1 in
            nfs) command -v mount.nfs >/dev/null || install_package nfs-utils nfs-common ;;
            gcsfuse) command -v gcsfuse >/dev/null || install_gcsfuse ;;
            lustre)
                if ! command -v mount.lustre >/dev/null; then
                    log "this image has no Lustre client (mount.lustre); use an image with the Managed Lustre client"
                    return 1
                fi ;;
            esac
        }


        """#

    /// `mount_entry SOURCE TARGET TYPE OPTIONS`: the client, the mount point, one fstab line for
    /// the target (kept when there is one already) and the mount, retried; a mounted target is left as it is.
    static let mountEntry = #"""
        mount_entry() { # source target type options
            local source=$1 target=$2 type=$3 options=$4
            ensure_client "$type" || return 1
            mkdir -p "$target"
            if ! grep -qs "[[:space:]]${target}[[:space:]]" /etc/fstab; then
                echo "$source $target $type $options 0 0" >>/etc/fstab
            fi
            for attempt in $(seq 1 30); do
                mountpoint -q "$target" && return 0
                mount "$target" && return 0
                log "mounting $target failed (attempt $attempt); retrying"
                sleep 10
            done
            log "could not mount $target"
            return 1
        }

        """#

    /// `mount_one` and `mount_all`: mount the filesystems of the `hpcc-mounts` metadata (a JSON list
    /// of server, remote, local, type, options), each through `mount_entry`.
    static let mounting = #"""
        mount_one() { # server remote local type options
            local server=$1 remote=$2 target=$3 type=$4 options=${5:-defaults}
            local source="$server:$remote"
            [ "$type" = gcsfuse ] && source=$remote
            mount_entry "$source" "$target" "$type" "$options"
        }

        # An empty field would vanish between tabs (tab is IFS white space), so no server prints as '-'.
        mount_all() {
            metadata hpcc-mounts | python3 -c '
        import json, sys
        text = sys.stdin.read().strip()
        for m in json.loads(text) if text else []:
            print("\t".join([m["server"] or "-", m["remote"], m["local"], m["type"], m.get("options") or \#
        "defaults"]))
        ' | while IFS=$'\t' read -r server remote target type options; do
                mount_one "$server" "$remote" "$target" "$type" "$options"
            done
        }

        """#
}
