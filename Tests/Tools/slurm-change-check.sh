#!/bin/bash
# Applies one slurm.conf change to a running Slurm on this machine and reports what slurmctld shows
# at each step, so a test can see what the change took.
#
#   slurm-change-check.sh OLD_CONF NEW_CONF RUN_DIR NODE_NAME
#
# OLD_CONF and NEW_CONF are two builds of the same cluster whose daemon paths lie under RUN_DIR (the
# localhost blueprint's run_dir; no accounting, no REST API). The script copies OLD_CONF to
# RUN_DIR/etc/slurm.conf, starts munged, slurmctld and slurmd (`-N NODE_NAME`) from it, then:
#   1. snapshot `before`;
#   2. copies NEW_CONF over it and runs `scontrol reconfigure`; snapshot `reconfigured`;
#   3. stops slurmctld and slurmd by their PIDs and starts them again from NEW_CONF (slurmctld keeps
#      its saved state, as a restart does); snapshot `restarted`.
# A snapshot prints `phase NAME`, `alive 0|1` (slurmctld's PID still runs), and slurmctld's answers:
# `config KEY = VALUE` (scontrol show config), `partition ...` and `node ...` (scontrol show -o; nodes in
# FUTURE state too, as an added node slurmd never answers for is).
# Step 2 also prints `reconfigure STATUS OUTPUT` and slurmctld's log lines with error or fatal
# written since step 1 as `log LINE`. Every daemon is stopped by the PID it wrote, also on failure.
# Exit status: 0 the steps ran (whatever they showed), 1 a daemon did not start, 3 a tool is missing.
set -u
old=${1:?usage: slurm-change-check.sh OLD_CONF NEW_CONF RUN_DIR NODE_NAME}
new=${2:?usage}
run=${3:?usage}
node=${4:?usage}
for tool in munged slurmctld slurmd scontrol sinfo; do
    command -v "$tool" >/dev/null || { echo "slurm-change-check: $tool is not installed" >&2; exit 3; }
done
conf="$run/etc/slurm.conf"
mkdir -p "$run/etc"
cp "$old" "$conf"
value() { sed -n "s/^$1=//p" "$conf" | head -1; }
socket=$(value AuthInfo | sed -n 's/^socket=//p')
[ -n "$socket" ] || { echo "slurm-change-check: slurm.conf names no MUNGE socket" >&2; exit 1; }
export SLURM_CONF=$conf
secret="$run/munge-key"
mkdir -p "$(value StateSaveLocation)" "$(value SlurmdSpoolDir)" "$(dirname "$(value SlurmctldLogFile)")" \
    "$(dirname "$(value SlurmctldPidFile)")" "$(dirname "$socket")" "$secret"
chmod 755 "$run" "$(dirname "$socket")"
chmod 700 "$secret"
ctld_pidfile=$(value SlurmctldPidFile)
slurmd_pidfile=$(value SlurmdPidFile)
log=$(value SlurmctldLogFile)

stop() { # pidfile
    [ -s "$1" ] || return 0
    local pid
    pid=$(cat "$1")
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    rm -f "$1"
}
# shellcheck disable=SC2317  # run by the EXIT trap
finish() {
    local status=$?
    trap - EXIT
    stop "$slurmd_pidfile"
    stop "$ctld_pidfile"
    stop "$secret/munged.pid"
    if [ "$status" -ne 0 ]; then
        for file in "$log" "$(dirname "$log")"/slurmd-*.log "$secret/munged.log"; do
            [ -f "$file" ] && { echo "--- $file" >&2; tail -n 30 "$file" >&2; }
        done
    fi
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

ctld_pid=""
start() {
    slurmctld -f "$conf" || return 1
    for _ in $(seq 100); do
        ctld_pid=$(cat "$ctld_pidfile" 2>/dev/null)
        [ -n "$ctld_pid" ] && kill -0 "$ctld_pid" 2>/dev/null && break
        sleep 0.1
    done
    for _ in $(seq 100); do
        kill -0 "$ctld_pid" 2>/dev/null || { echo "slurm-change-check: slurmctld exited" >&2; return 1; }
        timeout 5 scontrol ping >/dev/null 2>&1 && break
        sleep 0.2
    done
    slurmd -f "$conf" -N "$node" || return 1
    # The node has registered once sinfo shows it responding (no '*' and not unknown).
    for _ in $(seq 150); do
        state=$(timeout 5 sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1)
        case $state in idle | mixed | allocated | drained | draining) break ;; esac
        sleep 0.2
    done
}

snapshot() { # phase
    echo "phase $1"
    if kill -0 "$ctld_pid" 2>/dev/null && timeout 5 scontrol ping >/dev/null 2>&1; then
        echo "alive 1"
    else
        echo "alive 0"
        return
    fi
    timeout 10 scontrol show config | sed -n 's/^\([A-Za-z][A-Za-z0-9_]*\) *= \(.*\)$/config \1 = \2/p'
    timeout 10 scontrol show partition -o | sed 's/^/partition /'
    timeout 10 scontrol -F show node -o | sed 's/^/node /'
}

dd if=/dev/urandom of="$secret/munge.key" bs=1024 count=1 status=none
chmod 400 "$secret/munge.key"
munged -S "$socket" --key-file="$secret/munge.key" --pid-file="$secret/munged.pid" \
    --log-file="$secret/munged.log" --seed-file="$secret/seed" || exit 1
start || exit 1
snapshot before

lines=$(wc -l <"$log")
cp "$new" "$conf"
output=$(timeout 30 scontrol reconfigure 2>&1)
echo "reconfigure $? $(tr '\n' ' ' <<<"$output")"
# slurmctld answers again once it has re-read the files (or has exited over them).
for _ in $(seq 50); do
    kill -0 "$ctld_pid" 2>/dev/null || break
    timeout 5 scontrol ping >/dev/null 2>&1 && break
    sleep 0.2
done
sleep 1
tail -n +"$((lines + 1))" "$log" | grep -iE 'error|fatal' | sed 's/^/log /'
snapshot reconfigured

stop "$slurmd_pidfile"
stop "$ctld_pidfile"
start || exit 1
snapshot restarted
