#!/bin/bash
# The Compute Engine twin's instance runtime: one instance is a network namespace on the twin's
# bridge plus a mount, UTS and PID namespace whose root is a private copy of this machine's files
# (an overlay over / with a tmpfs upper layer) carrying the twin image (image/).
#
#   instance.sh boot WORK NAME     start instance NAME from WORK/instances/NAME/instance.json
#   instance.sh exec WORK NAME [--user U] -- CMD...   run CMD inside it (exit status of CMD)
#   instance.sh delete WORK NAME   kill it and remove its namespaces, interfaces and root
#
# WORK/twin.json (written by twin.py up) gives the tag that names namespaces and interfaces, the
# subnet and the services address (the instance's default gateway, behind which the metadata
# server and Google APIs live). boot returns once the instance runs its guest-init (the startup
# script then runs in the background, like on a real VM); WORK/instances/NAME/holder.pid is the
# host PID of the instance's PID 1, so killing it ends every process of the instance.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
guest_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

usage() {
    echo "usage: instance.sh boot|delete WORK NAME | instance.sh exec WORK NAME [--user U] -- CMD..." >&2
    exit 2
}
die() { echo "instance.sh: $*" >&2; exit 1; }

# The fields of twin.json and instance.json the runtime uses, one per line, in one python3 start
# (it is slow on a small machine). A missing field is an error: the control plane's files are the
# contract, so a missing one must not silently become empty.
read_fields() { # twin.json instance.json
    python3 -c 'import json, sys
twin, instance = (json.load(open(path)) for path in sys.argv[1:3])
for source, key in (("twin", "tag"), ("twin", "subnet"), ("twin", "services_ip"), ("twin", "socket"),
                    ("instance", "index"), ("instance", "ip"), ("instance", "hostname")):
    value = (twin if source == "twin" else instance).get(key)
    if value in (None, ""):
        sys.exit(f"instance.sh: no {key} in {source}.json")
    print(value)' "$1" "$2"
}

[ $# -ge 3 ] || usage
verb=$1 work=$2 name=$3
shift 3
dir=$work/instances/$name
[ -f "$work/twin.json" ] || die "no $work/twin.json (twin.py up makes it)"
[ -f "$dir/instance.json" ] || die "no $dir/instance.json (the control plane writes it before boot)"
fields=$(read_fields "$work/twin.json" "$dir/instance.json") || exit 1
{ read -r tag; read -r subnet; read -r services_ip; read -r socket; read -r index; read -r ip; read -r host_name; } <<<"$fields"
ns=${tag}i$index
bridge_ns=${tag}br
bridge_port=${tag}v${index}a

# The live holder's PID, or nothing. A PID is only trusted while it is in the instance's network
# namespace: a holder that died long ago may have left its number to an unrelated process.
holder() {
    local pid
    pid=$(cat "$dir/holder.pid" 2>/dev/null) || return 0
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    local inode
    inode=$(stat -L -c %i "/var/run/netns/$ns" 2>/dev/null) || return 0
    [ "$(stat -L -c %i "/proc/$pid/ns/net" 2>/dev/null)" = "$inode" ] && echo "$pid"
    return 0
}

# Removes every trace of the instance except its console and logs: its processes (by PID), the
# network namespace and the bridge port (by name), slurmd's cgroups named after it, its root.
delete() {
    local pid ns_pid dir_
    pid=$(holder)
    if [ -n "$pid" ]; then
        kill -KILL "$pid"
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
        kill -0 "$pid" 2>/dev/null && die "holder $pid of $name survived SIGKILL"
    fi
    # Processes that joined only the network namespace (an nsenter waiting for its child, the
    # unshare that forked the holder) end with the PID namespace; whatever remains is killed.
    if [ -e "/var/run/netns/$ns" ]; then
        for ns_pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$ns_pid" 2>/dev/null || true; done
        for _ in $(seq 100); do [ -z "$(ip netns pids "$ns" 2>/dev/null)" ] && break; sleep 0.05; done
        ip netns del "$ns"
    fi
    # Deleting the namespace takes its end of the veth pair, and the kernel removes the bridge's end
    # a moment later: the port may vanish between a look and a delete, so only a port still there
    # after a failed delete is an error.
    if ! ip -n "$bridge_ns" link del "$bridge_port" 2>/dev/null \
        && ip -n "$bridge_ns" link show "$bridge_port" >/dev/null 2>&1; then
        die "could not remove bridge port $bridge_port of $name"
    fi
    # The overlay and its tmpfs lived only in the instance's mount namespace: these are empty folders.
    rm -f "$dir/holder.pid"
    for dir_ in "$dir/root" "$dir/layer"; do
        if [ -d "$dir_" ]; then rmdir "$dir_"; fi
    done
    # slurmd (cgroup v1) makes slurm_<node> under every controller; its processes are dead, but the
    # kernel may take a moment to empty a cgroup, so removal (deepest first) is retried briefly.
    local left=""
    for _ in $(seq 200); do
        left=""
        for dir_ in /sys/fs/cgroup/*/"slurm_$name"; do
            if [ -d "$dir_" ]; then find "$dir_" -depth -type d -exec rmdir {} + 2>/dev/null || left+=" $dir_"; fi
        done
        [ -z "$left" ] && return 0
        sleep 0.05
    done
    die "cannot remove the cgroups of $name:$left"
}

# shellcheck disable=SC2317  # run by boot's EXIT trap
undo_boot() {
    local status=$?
    trap - EXIT
    [ "$status" = 0 ] || delete
    exit "$status"
}

boot() {
    [ -z "$(holder)" ] || die "instance $name is already running (holder $(holder))"
    [ ! -e "/var/run/netns/$ns" ] || die "network namespace $ns exists already"
    # From here a failure undoes what was made.
    trap undo_boot EXIT
    ip netns add "$ns"
    # The pair is made inside the two namespaces: nothing appears in this machine's network.
    ip -n "$ns" link add eth0 type veth peer name "$bridge_port" netns "$bridge_ns"
    ip -n "$bridge_ns" link set "$bridge_port" master br0 up
    ip -n "$ns" addr add "$ip/${subnet#*/}" dev eth0
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
    # onlink: the services address need not be inside the subnet for the route to hold.
    ip -n "$ns" route add default via "$services_ip" dev eth0 onlink
    mkdir -p "$dir/log" "$dir/layer" "$dir/root" "$work/exports" "$work/buckets" "$work/log"
    rm -f "$dir/holder.pid" "$dir/startup.status"
    # A time namespace whose boot clock starts now, as a new VM's does: slurmctld (22.05) keeps a
    # powering-up node "still waiting for boot" while its slurmd reports a boot time (in whole
    # seconds) before the resume request. A VM also boots a while after it is asked for: two
    # seconds here, so the boot time never rounds to the request's second.
    local uptime
    sleep 2
    uptime=$(cut -d. -f1 /proc/uptime)
    setsid nsenter --net="/var/run/netns/$ns" \
        unshare --mount --uts --pid --time --boottime "-$uptime" --fork --propagation private -- \
        "$here/instance.sh" hold "$work" "$name" </dev/null >>"$dir/console.log" 2>&1 &
    local starter=$!
    for _ in $(seq 200); do
        [ -s "$dir/holder.pid" ] && break
        kill -0 "$starter" 2>/dev/null || break
        sleep 0.05
    done
    [ -s "$dir/holder.pid" ] || die "instance $name did not start (see $dir/console.log)"
    trap - EXIT
}

# PID 1 of the instance (run by boot inside the new namespaces): builds the root and becomes guest-init.
hold() {
    local root=$dir/root layer=$dir/layer twin=/run/hpcc-twin host_pid
    # /proc is still this machine's here, so it names this process by its host PID.
    read -r host_pid _ </proc/self/stat
    hostname "$host_name"
    mount -t tmpfs -o mode=0755 tmpfs "$layer"
    mkdir "$layer/upper" "$layer/work"
    mount -t overlay overlay -o "lowerdir=/,upperdir=$layer/upper,workdir=$layer/work" "$root"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
    mount -t proc proc "$root/proc"
    mount -t tmpfs -o mode=0755 tmpfs "$root/run"
    mount -t tmpfs -o mode=1777 tmpfs "$root/tmp"
    mount --bind "$dir/log" "$root/var/log"
    # The control plane's API, the buckets, the export folders and the logs, where the gcloud
    # stand-in, the mount helper and exportfs look for them; the instance's own folder for guest-init.
    mkdir -p "$root$twin/buckets" "$root$twin/exports" "$root$twin/log" "$root$twin/instance"
    mount --bind "$work/buckets" "$root$twin/buckets"
    mount --bind "$work/exports" "$root$twin/exports"
    mount --bind "$work/log" "$root$twin/log"
    mount --bind "$dir" "$root$twin/instance"
    [ -S "$socket" ] || die "the control plane's socket $socket does not exist"
    touch "$root$twin/api.sock"
    mount --bind "$socket" "$root$twin/api.sock"
    python3 "$here/image/install.py" "$root" "$work" "$name"
    echo "$host_pid" >"$dir/holder.pid.new"
    mv "$dir/holder.pid.new" "$dir/holder.pid"
    cd "$root"
    exec chroot . /usr/bin/env -i PATH="$guest_path" HOME=/root LANG=C.UTF-8 /usr/local/lib/hpcc-twin/guest-init
}

# Runs CMD in every namespace of the instance, in its root, with a login-like environment.
run_inside() {
    local user=root pid
    if [ "${1:-}" = --user ]; then user=${2:?--user needs a name}; shift 2; fi
    [ "${1:-}" = -- ] || usage
    shift
    [ $# -gt 0 ] || usage
    pid=$(holder)
    [ -n "$pid" ] || die "instance $name is not running"
    local enter=(nsenter -t "$pid" -n -m -u -p -T -r -w)
    if [ "$user" = root ]; then
        exec "${enter[@]}" /usr/bin/env -i PATH="$guest_path" HOME=/root USER=root LOGNAME=root \
            SHELL=/bin/bash LANG=C.UTF-8 "$@"
    fi
    local entry gid home shell
    entry=$("${enter[@]}" getent passwd "$user") || die "no user $user in instance $name"
    IFS=: read -r _ _ _ gid _ home shell <<<"$entry"
    # Like OS Login's pam_mkhomedir: a first login makes the home folder (it may live on NFS).
    # shellcheck disable=SC2016  # expanded by the inner shell
    "${enter[@]}" /bin/sh -c '[ -d "$1" ] || { mkdir -p "$1" && cp -rT /etc/skel "$1" && chown -R "$2": "$1"; }' \
        home "$home" "$user"
    exec "${enter[@]}" /usr/bin/env -i PATH="$guest_path" HOME="$home" USER="$user" LOGNAME="$user" \
        SHELL="$shell" LANG=C.UTF-8 /usr/bin/env -C "$home" \
        setpriv --reuid="$user" --regid="$gid" --init-groups -- "$@"
}

case $verb in
boot) [ $# = 0 ] || usage; boot ;;
hold) [ $# = 0 ] || usage; hold ;;
exec) run_inside "$@" ;;
delete) [ $# = 0 ] || usage; delete ;;
*) usage ;;
esac
