#!/bin/bash
# Runs the Slurm files hpcc emits for a Google Cloud cluster with accounting, unchanged, on this
# machine: MariaDB standing in for Cloud SQL, slurmdbd, munged, slurmctld and a slurmd, then a
# job in every partition and `sacct` (through slurm-localhost-run.sh).
#
#   slurm-cloud-run.sh SLURM_DIR RUN_DIR DB_ADDRESS
#
# SLURM_DIR holds what hpcc wrote for the cluster (slurm.conf, cgroup.conf, slurmdbd.conf,
# resume.sh, suspend.sh). The files name the cloud's fixed paths and ports, the controller's host
# name and, through the file slurmdbd.conf includes, the Cloud SQL address, so the run gets a
# machine of its own: a network namespace (lo up, DB_ADDRESS on it) and, inside it, a mount and
# UTS namespace with the controller's host name, an /etc/hosts naming the controller and the nodes,
# and tmpfs over /run, /var/spool, /var/log, /usr/local/etc, /usr/local/bin and /slurm. There the
# files go where the controller's boot script puts them (/usr/local/etc/slurm, /slurm/hpcc).
#
# Compute Engine is the one stand-in: /usr/local/bin/gcloud, which the emitted resume.sh calls.
# "Creating" an instance asks this script's root loop to start the node's slurmd the way a compute
# node boots (`slurmd --conf-server CONTROLLER`, configless) under the node's host name, in a time
# namespace whose uptime is that of a fresh instance; listing finds none, deleting is done.
#
# Needs root, ip, nsenter, unshare. The namespace is deleted by name and every process stopped by
# PID, also on failure. Exit status: slurm-localhost-run.sh's; 3 when a tool or root is missing.
set -u
here=$(cd "$(dirname "$0")" && pwd)

if [ "${1:-}" = --inside ]; then
    src=$2 run=$3 db=$4 controller=$5
    hostname "$controller" || exit 1
    # A mount point for /slurm exists on the host (the outer part made it, empty).
    for dir in /run /var/spool /var/log /usr/local/etc /usr/local/bin /slurm; do
        mount -t tmpfs -o mode=755 tmpfs "$dir" || exit 1
    done
    mkdir -p /usr/local/etc/slurm /slurm/hpcc /run/hpcc-cloud /run/slurm
    cp "$src"/slurm.conf "$src"/cgroup.conf "$src"/slurmdbd.conf /usr/local/etc/slurm/ || exit 1
    [ -f "$src/gres.conf" ] && cp "$src/gres.conf" /usr/local/etc/slurm/
    install -m 755 "$src/resume.sh" "$src/suspend.sh" /slurm/hpcc/ || exit 1
    conf=/usr/local/etc/slurm/slurm.conf
    nodes=$(sed -n 's/^NodeName=\([^ ]*\) .*/\1/p' "$conf" | paste -sd, -)
    {
        echo "127.0.0.1 localhost"
        echo "127.0.0.1 $controller $(SLURM_CONF=$conf scontrol show hostnames "$nodes" | paste -sd' ' -)"
    } >"$run/hosts"
    mount --bind "$run/hosts" /etc/hosts || exit 1
    # slurmctld runs the ResumeProgram as SlurmUser; a slurmd needs root: the stand-in only asks.
    chown "$(sed -n 's/^SlurmUser=//p' "$conf"):" /run/hpcc-cloud
    cat >/usr/local/bin/gcloud <<'STANDIN'
#!/bin/bash
# Compute Engine stand-in for hpcc's resume.sh and suspend.sh in slurm-cloud-run.sh.
case "$1 $2 $3" in
"compute instances create") touch "/run/hpcc-cloud/$4" ;;
*) exit 0 ;;
esac
STANDIN
    chmod 755 /usr/local/bin/gcloud
    # The instances "boot": one slurmd per host asked for, started once.
    # A stop file ends it: the caller (a test runner) may leave SIGTERM ignored, which children inherit.
    (
        while [ ! -e "$run/cloud.stop" ]; do
            for request in /run/hpcc-cloud/*; do
                [ -e "$request" ] || continue
                host=$(basename "$request")
                rm -f "$request"
                echo "booting $host" >>"$run/cloud.log"
                # slurmctld (22.05) checks that the instance really booted after it asked: a powering-up
                # node whose slurmd reports a boot time before the resume request stays "still waiting
                # for boot" until ResumeTimeout. So the stand-in boots as an instance does: a moment
                # after the request (a boot takes a while), with the uptime of a fresh machine (a time
                # namespace).
                sleep 2
                uptime=$(cut -d. -f1 /proc/uptime)
                # shellcheck disable=SC2016  # expanded by the inner shell
                unshare --time --boottime "-$uptime" --uts /bin/sh -c 'hostname "$1" && shift && exec "$@"' \
                    - "$host" slurmd --conf-server "$controller" -N "$host" >>"$run/cloud.log" 2>&1
            done
            sleep 0.2
        done
    ) &
    cloud=$!
    node=$(SLURM_CONF=$conf scontrol show hostnames "$nodes" | head -1)
    SLURM_RUN_CLOUD=1 SLURM_RUN_DB_ADDRESS=$db SLURM_RUN_JOBS=${SLURM_RUN_JOBS:-2} bash "$here/slurm-localhost-run.sh" "$conf" "$run" "$node"
    status=$?
    touch "$run/cloud.stop"
    wait "$cloud" 2>/dev/null
    exit "$status"
fi

src=${1:?usage: slurm-cloud-run.sh SLURM_DIR RUN_DIR DB_ADDRESS}
run=${2:?usage}
db=${3:?usage}
[ "$(id -u)" = 0 ] || { echo "slurm-cloud-run: needs root (namespaces, mounts)" >&2; exit 3; }
for tool in ip nsenter unshare mount; do
    command -v "$tool" >/dev/null || { echo "slurm-cloud-run: $tool is not installed" >&2; exit 3; }
done
src=$(cd "$src" && pwd)
mkdir -p "$run"
run=$(cd "$run" && pwd)
controller=$(sed -n 's/^SlurmctldHost=\([^(]*\).*/\1/p' "$src/slurm.conf" | head -1)
namespace="hpcc-cloud-run-$$"
made_slurm=0
finish() {
    local status=$?
    trap - EXIT
    ip netns delete "$namespace" 2>/dev/null
    [ "$made_slurm" = 1 ] && rmdir /slurm 2>/dev/null
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM
ip netns add "$namespace" || exit 1
ip -n "$namespace" link set lo up || exit 1
ip -n "$namespace" address add "$db/32" dev lo || exit 1
if [ ! -e /slurm ]; then mkdir /slurm && made_slurm=1; fi
nsenter --net="/var/run/netns/$namespace" unshare -m -u --propagation private \
    /bin/bash "$here/slurm-cloud-run.sh" --inside "$src" "$run" "$db" "$controller"
