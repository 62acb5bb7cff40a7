#!/bin/bash
# Fails a real slurmctld over to its backup, from an emitted slurm.conf unchanged.
#
#   slurm-ha-failover.sh SLURM_CONF WORK_DIR
#
# Every host slurm.conf names (the two SlurmctldHost lines and the first static node of
# SuspendExcNodes) gets a network namespace of its own on a private bridge (itself in a namespace,
# so nothing touches this machine's network), at the address slurm.conf gives it (the node: .100
# of the primary's /24), and a mount and UTS namespace with its host name and a private copy of
# this machine's files (an overlay over / with a tmpfs upper layer) holding an /etc/hosts that
# names all three, its own /run, /var/spool, /etc/munge and /var/lib/munge, and its logs bound to
# WORK_DIR/ROLE/log. The two controllers bind the same folder of WORK_DIR at StateSaveLocation, as
# they would mount one Filestore share, and find the power-saving programs beside SLURM_CONF at the
# paths slurm.conf names. Each host runs munged with one key; the controllers run slurmctld -f
# SLURM_CONF; the node runs slurmd --conf-server PRIMARY,BACKUP (configless, as hpcc's boot script
# starts it). Namespaces and interfaces are named after WORK_DIR's last component (at most 8
# characters).
#
# Steps, each printed as `step <name> <seconds since start> <detail>`: both controllers answer
# `scontrol ping`; the node (a powered-down CLOUD node) registers and is idle; a job runs; the primary slurmctld is killed by
# its PID (SIGKILL, as a lost VM); the backup takes over by itself (no `scontrol takeover`) after
# SlurmctldTimeout; a job submitted after the failover runs. Raw `scontrol ping` and job lines
# are printed as `ping ...` and `job <id> <state> <exit code> <node> <output>`.
# Exit status: 0 failover shown, 1 otherwise (the daemons' logs on stderr), 3 a tool missing or
# not root. Every process is stopped by PID and every namespace deleted by name, also on failure.
set -u
conf=${1:?usage: slurm-ha-failover.sh SLURM_CONF WORK_DIR}
work=${2:?usage}
tag=$(basename "$work" | tr -cd 'a-z0-9' | cut -c1-8)
[ -n "$tag" ] || { echo "slurm-ha-failover: WORK_DIR needs a name of letters or digits" >&2; exit 3; }

for tool in munged slurmctld slurmd sbatch scontrol sinfo ip unshare nsenter runuser; do
    command -v "$tool" >/dev/null || { echo "slurm-ha-failover: $tool is not installed" >&2; exit 3; }
done
[ "$(id -u)" = 0 ] || { echo "slurm-ha-failover: needs root (network namespaces)" >&2; exit 3; }
value() { sed -n "s/^$1=//p" "$conf" | head -1; }
export SLURM_CONF=$conf
start=$SECONDS
step() { echo "step $1 $((SECONDS - start)) ${*:2}"; }
fail() { echo "slurm-ha-failover: $*" >&2; exit 1; }

# The hosts: name and address of each controller, then the static node.
mapfile -t controllers < <(sed -n 's/^SlurmctldHost=//p' "$conf")
[ "${#controllers[@]}" = 2 ] || fail "slurm.conf names ${#controllers[@]} SlurmctldHost, not 2"
names=() addresses=()
for entry in "${controllers[@]}"; do
    names+=("${entry%%(*}")
    address=$(sed -n 's/.*(\(.*\))$/\1/p' <<<"$entry")
    addresses+=("${address:-}")
done
if [ -z "${addresses[0]}" ] || [ -z "${addresses[1]}" ]; then fail "the controllers have no addresses in slurm.conf"; fi
node=$(scontrol show hostnames "$(value SuspendExcNodes | cut -d, -f1)" | head -1)
[ -n "$node" ] || fail "slurm.conf names no static node (SuspendExcNodes)"
names+=("$node")
addresses+=("${addresses[0]%.*}.100")
roles=(primary backup node)
state_dir=$(value StateSaveLocation)
timeout_seconds=$(value SlurmctldTimeout)
timeout_seconds=${timeout_seconds:-120}

switch="${tag}sw"
holders=()
daemons=()

# shellcheck disable=SC2317  # run by the EXIT trap
finish() {
    local status=$?
    trap - EXIT
    for pid in "${daemons[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${daemons[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
    # Job steps slurmd left behind, by the namespace they run in.
    for role in "${roles[@]}"; do
        for pid in $(ip netns pids "$tag$role" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
    done
    for pid in "${holders[@]}"; do kill -KILL "$pid" 2>/dev/null; done
    # slurmd's cgroups (named after the node), emptied by the kills above.
    for dir in /sys/fs/cgroup/*/"slurm_$node"; do
        [ -d "$dir" ] && find "$dir" -depth -type d -exec rmdir {} + 2>/dev/null
    done
    if [ "$status" -ne 0 ]; then
        for role in "${roles[@]}"; do
            for log in "$work/$role/log/slurm/"*.log "$work/$role/log/munge/munged.log"; do
                [ -f "$log" ] && { echo "--- $role: $log" >&2; tail -n 30 "$log" >&2; }
            done
        done
    fi
    for role in "${roles[@]}"; do ip netns del "$tag$role" 2>/dev/null; done
    ip netns del "$switch" 2>/dev/null
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

mkdir -p "$work/state" "$work/jobs"
chown slurm: "$work/state"
chmod 777 "$work/jobs"
for index in 0 1 2; do echo "${addresses[$index]} ${names[$index]}"; done >"$work/hosts"
sed -i '1i 127.0.0.1 localhost' "$work/hosts"
dd if=/dev/urandom of="$work/munge.key" bs=1024 count=1 status=none

ip netns add "$switch" || fail "cannot create network namespace $switch"
ip -n "$switch" link add br0 type bridge
ip -n "$switch" link set br0 up
for index in 0 1 2; do
    role=${roles[$index]}
    ns="$tag$role"
    ip netns add "$ns" || fail "cannot create network namespace $ns"
    ip link add "${tag}${index}a" type veth peer name "${tag}${index}b" || fail "cannot create a veth pair"
    ip link set "${tag}${index}a" netns "$switch"
    ip link set "${tag}${index}b" netns "$ns"
    ip -n "$switch" link set "${tag}${index}a" master br0 up
    ip -n "$ns" link set "${tag}${index}b" name eth0
    ip -n "$ns" addr add "${addresses[$index]}/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$ns" link set lo up

    # The host: its own host name and a private copy of this machine's files (an overlay whose
    # upper layer is a tmpfs), with /proc, /sys, /dev and WORK_DIR bound in, the logs in
    # WORK_DIR/ROLE/log, and on the controllers StateSaveLocation bound to one folder and the
    # power-saving programs beside slurm.conf at the paths slurm.conf names. A process holds the
    # namespaces, chrooted into that copy; every command joins it.
    mkdir -p "$work/$role/log" "$work/$role/layer" "$work/$role/root"
    # shellcheck disable=SC2016  # expanded by the inner shell
    nsenter --net="/var/run/netns/$ns" unshare -m -u --propagation private /bin/bash -c '
        set -e
        name=$1 work=$2 role=$3 state=$4 resume=$5 suspend=$6 programs=$7
        root=$work/$role/root
        hostname "$name"
        mount -t tmpfs tmpfs "$work/$role/layer"
        mkdir "$work/$role/layer/upper" "$work/$role/layer/work"
        mount -t overlay overlay -o "lowerdir=/,upperdir=$work/$role/layer/upper,workdir=$work/$role/layer/work" "$root"
        for dir in /proc /sys /dev; do mount --rbind "$dir" "$root$dir"; done
        mkdir -p "$root$work"
        mount --bind "$work" "$root$work"
        mkdir -p "$root/var/log"
        mount --bind "$work/$role/log" "$root/var/log"
        cp "$work/hosts" "$root/etc/hosts"
        chroot "$root" /bin/bash -c "rm -rf /var/spool/slurm* /run/slurm /run/munge /var/lib/munge /etc/munge/munge.key
            mkdir -p /var/spool/slurm /var/spool/slurmd /var/log/slurm /run/slurm /run/munge /var/log/munge \
                /var/lib/munge /etc/munge"
        if [ "$role" != node ]; then
            mount --bind "$work/state" "$root$state"
            for program in "$resume" "$suspend"; do
                mkdir -p "$root$(dirname "$program")"
                install -m 755 "$programs/$(basename "$program")" "$root$program"
            done
        fi
        chroot "$root" /bin/bash -c "chown slurm: /var/spool/slurm /var/log/slurm /run/slurm
            chown munge: /etc/munge /var/lib/munge /run/munge /var/log/munge
            chmod 700 /etc/munge /var/lib/munge /var/log/munge"
        install -m 400 "$work/munge.key" "$root/etc/munge/munge.key"
        chroot "$root" chown munge: /etc/munge/munge.key
        touch "$work/$role/ready"
        cd "$root"
        exec chroot . sleep infinity
        ' host "${names[$index]}" "$work" "$role" "$state_dir" "$(value ResumeProgram)" "$(value SuspendProgram)" \
        "$(dirname "$conf")" &
    holders+=("$!")
    disown "$!"
done
for index in 0 1 2; do
    for _ in $(seq 50); do [ -f "$work/${roles[$index]}/ready" ] && break; sleep 0.1; done
    [ -f "$work/${roles[$index]}/ready" ] || fail "host ${names[$index]} did not come up"
done

# Runs a command on host INDEX (its network, mounts and host name).
on() { local index=$1; shift; nsenter -t "${holders[$index]}" -n -m -u -r -w "$@"; }
# The PID a daemon on host INDEX wrote to FILE.
pid_of() { on "$1" cat "$2" 2>/dev/null; }
pings() { on 2 timeout 10 scontrol ping 2>&1; }

for index in 0 1 2; do
    on "$index" runuser -u munge -- munged || fail "munged did not start on ${names[$index]}"
    daemons+=("$(pid_of "$index" /run/munge/munged.pid)")
done
ctld_pid=$(value SlurmctldPidFile)
for index in 0 1; do
    on "$index" slurmctld -f "$conf" || fail "slurmctld did not start on ${names[$index]}"
    for _ in $(seq 50); do [ -n "$(pid_of "$index" "$ctld_pid")" ] && break; sleep 0.1; done
    daemons+=("$(pid_of "$index" "$ctld_pid")")
done
primary_pid=$(pid_of 0 "$ctld_pid")
for _ in $(seq 150); do
    output=$(pings)
    [ "$(grep -c 'is UP' <<<"$output")" = 2 ] && break
    sleep 0.2
done
while read -r line; do echo "ping $line"; done <<<"$output"
[ "$(grep -c 'is UP' <<<"$output")" = 2 ] || fail "both controllers do not answer"
step controllers-up "primary slurmctld PID $primary_pid"

# In the cloud the static node's VM exists (Terraform made it) and its slurmd registers with a
# controller that knows the node as a powered-down CLOUD node.
step node-before-slurmd "$node: $(on 2 timeout 20 scontrol show node "$node" | grep -o 'State=[^ ]*')"
on 2 slurmd --conf-server "${names[0]},${names[1]}" || fail "slurmd did not start on $node"
daemons+=("$(pid_of 2 "$(value SlurmdPidFile)")")
state=""
for _ in $(seq 300); do
    state=$(on 2 timeout 20 sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1)
    [ "$state" = idle ] && break
    sleep 0.2
done
[ "$state" = idle ] || fail "node $node is '$state', not idle"
step node-idle "$node: $(on 2 scontrol show node "$node" | grep -o 'State=[^ ]*')"

# shellcheck disable=SC2016  # expanded by the job, not here
printf '#!/bin/sh\necho "ran on $(hostname)"\n' >"$work/jobs/job.sh"
run_job() {
    local id fields
    id=$(on 2 timeout 600 sbatch --parsable --wait -w "$node" -o "$work/jobs/%j.out" "$work/jobs/job.sh") || return 1
    id=${id%%;*}
    fields=$(on 2 scontrol show job -o "$id")
    echo "job $id $(sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' <<<"$fields") \
$(sed -n 's/.* ExitCode=\([0-9:]*\).*/\1/p' <<<"$fields") $(sed -n 's/.* NodeList=\([^ ]*\).*/\1/p' <<<"$fields") \
$(cat "$work/jobs/$id.out" 2>/dev/null)"
    grep -q 'JobState=COMPLETED' <<<"$fields"
}
run_job || fail "the job before the failover did not complete"
step job-before-failover "on ${names[0]}"

kill -KILL "$primary_pid" || fail "cannot stop the primary slurmctld $primary_pid"
stopped=$SECONDS
step primary-killed "PID $primary_pid at $(date +%T); waiting up to $((timeout_seconds * 2 + 60)) s for the backup (SlurmctldTimeout=$timeout_seconds)"
deadline=$((SECONDS + timeout_seconds * 2 + 60))
taken=0
while [ "$SECONDS" -lt "$deadline" ]; do
    output=$(pings)
    # A backup in standby answers pings but refuses other requests: it has taken over once sinfo works.
    if grep -q "(primary) at .* is DOWN" <<<"$output" && grep -q "(backup) at .* is UP" <<<"$output" \
        && on 2 timeout 5 sinfo -h >/dev/null 2>&1; then
        taken=1
        break
    fi
    sleep 2
done
while read -r line; do echo "ping $line"; done <<<"$output"
[ "$taken" = 1 ] || fail "the backup did not take over"
step backup-took-over "$((SECONDS - stopped)) s after the primary stopped"
grep -h "taking over\|Running as primary" "$work/backup/log/slurm/slurmctld.log" | tail -2 \
    | while read -r line; do echo "backup-log $line"; done

run_job || fail "the job after the failover did not complete"
step job-after-failover "on ${names[1]}"
exit 0
