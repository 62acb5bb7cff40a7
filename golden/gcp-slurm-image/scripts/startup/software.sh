#!/bin/bash
# Startup script of module 'software' in deployment 'lab', assembled by hpcc
# from 2 runner(s). Each runner's content is embedded base64-encoded, written out,
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

log 'runner 1/2 (shell): install-openmpi.sh'
unpack "$work"/'install-openmpi.sh' 700 'IyEvYmluL2Jhc2gKc2V0IC1ldW8gcGlwZWZhaWwKZG5mIGluc3RhbGwgLXkgb3Blbm1waSBvcGVu
bXBpLWRldmVsIGVudmlyb25tZW50LW1vZHVsZXMK'
"$work"/'install-openmpi.sh'

log 'runner 2/2 (data): /etc/profile.d/lab-modules.sh'
unpack '/etc/profile.d/lab-modules.sh' 644 'bW9kdWxlIHVzZSAvb3B0L2xhYi9tb2R1bGVmaWxlcyAyPi9kZXYvbnVsbCB8fCB0cnVlCg=='

log 'done'
