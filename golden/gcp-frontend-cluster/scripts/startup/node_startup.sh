#!/bin/bash
# Startup script of module 'node_startup' in deployment 'ofe-cluster1', assembled by hpcc
# from 3 runner(s). Each runner's content is embedded base64-encoded, written out,
# then run (shell, ansible-local) or left in place (data), in blueprint order.
set -euo pipefail

log() {
    echo "hpcc-startup: $*"
    logger -t hpcc-startup -- "$*" 2>/dev/null || true
}

work=$(mktemp -d /tmp/hpcc-startup.XXXXXX)
trap 'rm -rf "$work"' EXIT

# unpack FILE MODE BASE64: writes one runner's content.
unpack() {
    mkdir -p "$(dirname "$1")"
    printf '%s' "$3" | base64 -d >"$1"
    chmod "$2" "$1"
}

ansible_venv='/usr/local/ghpc-venv'
if [ ! -x "$ansible_venv/bin/ansible-playbook" ]; then
    log "installing Ansible into $ansible_venv"
    python3 -m venv "$ansible_venv"
    "$ansible_venv/bin/pip" install --quiet --upgrade pip
    "$ansible_venv/bin/pip" install --quiet ansible-core
fi
ansible_playbook="$ansible_venv/bin/ansible-playbook"

log 'runner 1/3 (data): /etc/profile.d/ofe-cluster.sh'
unpack '/etc/profile.d/ofe-cluster.sh' 644 'ZXhwb3J0IE9GRV9DTFVTVEVSPWNsdXN0ZXIxCmV4cG9ydCBTQ1JBVENIPS9zY3JhdGNoLyRVU0VS
Cg=='

log 'runner 2/3 (shell): install-tools.sh'
unpack "$work"/'install-tools.sh' 700 'IyEvYmluL2Jhc2gKc2V0IC1ldQppZiBjb21tYW5kIC12IGRuZiA+L2Rldi9udWxsOyB0aGVuCiAg
ZG5mIGluc3RhbGwgLXkgLXEgZW52aXJvbm1lbnQtbW9kdWxlcyB0bXV4CmZpCg=='
"$work"/'install-tools.sh'

log 'runner 3/3 (ansible-local): motd.yml'
unpack "$work"/'motd.yml' 600 'LSBob3N0czogbG9jYWxob3N0CiAgYmVjb21lOiB0cnVlCiAgdGFza3M6CiAgLSBuYW1lOiBNZXNz
YWdlIG9mIHRoZSBkYXkKICAgIGFuc2libGUuYnVpbHRpbi5jb3B5OgogICAgICBkZXN0OiAvZXRj
L21vdGQKICAgICAgY29udGVudDogIkZyb250RW5kIGNsdXN0ZXIgY2x1c3RlcjE6IC9ob21lIChO
RlMpLCAvc2NyYXRjaCAoTHVzdHJlKVxuIgogICAgICBtb2RlOiAiMDY0NCIK'
"$ansible_playbook" --connection=local --inventory=localhost, --limit=localhost "$work"/'motd.yml'

log 'done'
