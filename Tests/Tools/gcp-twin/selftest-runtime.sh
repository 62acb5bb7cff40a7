#!/bin/bash
# The instance runtime selftest.sh plays instead of instance.sh: an instance is only its network
# namespace on the twin's bridge (no processes, no root), enough for the control plane's DNS,
# metadata and Secret Manager to be reached from the instance's address. Every call is recorded
# in WORK/log/runtime-calls.
#
#   selftest-runtime.sh boot|delete WORK NAME
set -euo pipefail
verb=$1 work=$2 name=$3
field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
tag=$(field "$work/twin.json" tag)
index=$(field "$work/instances/$name/instance.json" index)
ns=${tag}i$index
echo "$verb $name $ns" >>"$work/log/runtime-calls"
case $verb in
boot)
    ip=$(field "$work/instances/$name/instance.json" ip)
    subnet=$(field "$work/twin.json" subnet)
    ip netns add "$ns"
    ip -n "$ns" link add eth0 type veth peer name "${tag}v${index}a" netns "${tag}br"
    ip -n "${tag}br" link set "${tag}v${index}a" master br0 up
    ip -n "$ns" addr add "$ip/${subnet#*/}" dev eth0
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    ip -n "$ns" route add default via "$(field "$work/twin.json" services_ip)" dev eth0 onlink
    ;;
delete)
    if [ -e "/var/run/netns/$ns" ]; then ip netns del "$ns"; fi
    # The namespace's end of the veth pair goes with it, and the kernel removes the bridge's end
    # a moment later: the port may vanish between a look and a delete, so only a port that is
    # still there after a failed delete is an error.
    if ! ip -n "${tag}br" link del "${tag}v${index}a" 2>/dev/null \
        && ip -n "${tag}br" link show "${tag}v${index}a" >/dev/null 2>&1; then
        echo "selftest-runtime.sh: could not remove bridge port ${tag}v${index}a" >&2
        exit 1
    fi
    ;;
*) echo "selftest-runtime.sh: unknown verb $verb" >&2; exit 2 ;;
esac
