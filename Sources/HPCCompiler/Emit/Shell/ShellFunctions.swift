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

        log() {
            echo "\#(tag): $*"
            logger -t \#(tag) -- "$*" 2>/dev/null || true
        }

        \#(installPackage)
        ensure_client() { # filesystem-type
            case $1 in
            nfs) command -v mount.nfs >/dev/null || install_package nfs-utils nfs-common ;;
            gcsfuse) command -v gcsfuse >/dev/null || install_package gcsfuse gcsfuse ;;
            lustre)
                if ! command -v mount.lustre >/dev/null; then
                    log "this image has no Lustre client (mount.lustre); use an image with the Managed Lustre client"
                    return 1
                fi ;;
            esac
        }

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
}
