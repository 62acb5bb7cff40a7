#!/bin/bash
# Runs the authentication-key part of an emitted scripts/hpcc-node.sh (install_auth_key and what
# it calls, taken from the file unchanged) against a fake metadata server and a fake Secret Manager
# (fake-secret-manager.py) in a private network and mount namespace, where
# metadata.google.internal and secretmanager.googleapis.com are 127.0.0.1 and curl trusts the fake's
# certificate through CURL_CA_BUNDLE. Plays three nodes in turn:
#   controller  token `controller`, hpcc-auth-key-create=yes: adds the key, installs it
#   compute     token `reader`: installs the same key
#   stranger    token `other` (an account without access): must fail, installing nothing
#
#   auth-key-secret-run.sh NODE_SCRIPT
#
# Prints `installed <node> <sha256 of the key>`, `refused <node>`, and the fake's request log as
# `request <method> <path> <token>`. Exit status: 0 when the run went as above, 1 otherwise,
# 3 when unshare, openssl, python3 or curl is missing.
set -u
script=${1:?usage: auth-key-secret-run.sh NODE_SCRIPT}
for tool in unshare openssl python3 curl; do
    command -v "$tool" >/dev/null || { echo "auth-key-secret-run: $tool is not installed" >&2; exit 3; }
done
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/hpcc-authkey-XXXXXX)
# Not exec: the trap removes the work folder (a test key and TLS key) when the namespace is done.
trap 'rm -rf "$work"' EXIT
# shellcheck disable=SC2016  # expanded inside the namespace
unshare --net --mount --fork bash -c '
set -u
script=$1 here=$2 work=$3
ip link set lo up
printf "127.0.0.1 localhost metadata.google.internal secretmanager.googleapis.com\n" >"$work/hosts"
mount --bind "$work/hosts" /etc/hosts
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=secretmanager.googleapis.com \
    -addext subjectAltName=DNS:secretmanager.googleapis.com -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
export CURL_CA_BUNDLE=$work/tls.crt
echo "controller yes" >"$work/node"
# The interpreter itself, not a wrapper (pyenv) that would outlive a kill of its PID.
python=$(python3 -c "import sys; print(sys.executable)")
"$python" "$here/fake-secret-manager.py" "$work" "$work/tls.crt" "$work/tls.key" &
server=$!
trap "kill -KILL $server 2>/dev/null" EXIT
for _ in $(seq 100); do [ -f "$work/ready" ] && break; sleep 0.1; done

# The functions, as the node script defines them.
{
    sed -n "/^metadata() {/,/^}/p" "$script"
    sed -n "/^log() {/,/^}/p" "$script"
    sed -n "/^# --- authentication key from Secret Manager/,/^# --- end authentication key/p" "$script"
} >"$work/functions.sh"
grep -q "^install_auth_key() {" "$work/functions.sh" || { echo "auth-key-secret-run: no install_auth_key in $script" >&2; exit 1; }

play() { # node token create
    echo "$2 $3" >"$work/node"
    mkdir -p "$work/$1"
    (
        # What the rest of the node script provides: where the key goes, the auth kind, services.
        auth=munge
        keys=$work/$1
        key_file() { echo "$keys/munge.key"; }
        systemctl() { :; }
        sleep() { :; }
        # shellcheck disable=SC1091
        source "$work/functions.sh"
        install_auth_key >"$work/$1.out" 2>&1
    )
}
failed=0
for node in controller:controller:yes compute:reader:no; do
    IFS=: read -r name token create <<<"$node"
    if play "$name" "$token" "$create" && [ -s "$work/$name/munge.key" ]; then
        echo "installed $name $(sha256sum <"$work/$name/munge.key" | cut -d" " -f1) $(stat -c %a "$work/$name/munge.key")"
    else
        echo "failed $name"; cat "$work/$name.out" >&2; failed=1
    fi
done
if play stranger other no || [ -e "$work/stranger/munge.key" ]; then
    echo "installed stranger"; failed=1
else
    echo "refused stranger"
fi
sort "$work/log" | uniq -c | while read -r count method path token; do echo "request $method $path $token x$count"; done
exit "$failed"
' run "$script" "$here" "$work"
