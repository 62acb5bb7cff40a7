#!/bin/bash
# Runs a real Slurm on this machine from an emitted slurm.conf (and slurmdbd.conf beside it),
# unchanged, and a job in every partition.
#
#   slurm-localhost-run.sh SLURM_CONF RUN_DIR NODE_NAME
#
# RUN_DIR is the directory the blueprint put every daemon path under (state, spool, log, run,
# munge); this script creates those folders, a MUNGE key outside them, and starts munged on the
# socket slurm.conf names (AuthInfo=socket=...). With accounting (slurmdbd.conf beside slurm.conf)
# it then does what the database's operator does: a fresh MariaDB in RUN_DIR/mariadb on the
# StoragePort slurmdbd.conf names, its StorageUser with a random password granted StorageLoc, that
# password in the file slurmdbd.conf includes (mode 0600), slurmdbd.conf itself mode 0600; and
# starts slurmdbd. Then slurmctld and slurmd (`-N NODE_NAME`). Once the node is idle,
# `sbatch --wait` runs a job in each partition sinfo lists. Every daemon is stopped by the PID it
# wrote, also when something fails.
#
# Cloud clusters (SLURM_RUN_CLOUD=1, from slurm-cloud-run.sh inside its namespaces): slurm.conf
# names no MUNGE socket, so munged takes its default one (the caller's private /run); the
# database listens on SLURM_RUN_DB_ADDRESS (the Cloud SQL address) and the included file gets
# StorageHost as well, as the controller's boot script writes it; and no slurmd is started here:
# the nodes are State=CLOUD, and slurmctld powers one up through its ResumeProgram.
#
# SLURM_RUN_JOBS (default 1) jobs go to each partition, one after the other.
#
# Prints one line per job: `job <id> <partition> <state> <exit code> <output>`, and with
# accounting one per job as sacct reports it: `accounted <id> <partition> <state>`.
# Exit status: 0 every job COMPLETED (and accounted), 1 otherwise (the daemons' logs on stderr),
# 3 Slurm, MUNGE or (with accounting) MariaDB or slurmdbd missing.
set -u
conf=${1:?usage: slurm-localhost-run.sh SLURM_CONF RUN_DIR NODE_NAME}
run=${2:?usage}
node=${3:?usage}

for tool in munged slurmctld slurmd sbatch sinfo scontrol; do
    command -v "$tool" >/dev/null || { echo "slurm-localhost-run: $tool is not installed" >&2; exit 3; }
done
value() { sed -n "s/^$1=//p" "${2:-$conf}" | head -1; }
dbd_conf="$(dirname "$conf")/slurmdbd.conf"
accounting=0
[ -f "$dbd_conf" ] && accounting=1
if [ "$accounting" = 1 ]; then
    for tool in mariadbd mariadb-install-db mariadb slurmdbd sacct; do
        command -v "$tool" >/dev/null || { echo "slurm-localhost-run: $tool is not installed" >&2; exit 3; }
    done
fi
cloud=${SLURM_RUN_CLOUD:-0}
db_address=${SLURM_RUN_DB_ADDRESS:-127.0.0.1}
socket=$(value AuthInfo | sed -n 's/^socket=//p')
[ -z "$socket" ] && [ "$cloud" = 1 ] && socket=/run/munge/munge.socket.2
[ -n "$socket" ] || { echo "slurm-localhost-run: slurm.conf names no MUNGE socket (AuthInfo=socket=...)" >&2; exit 1; }
export SLURM_CONF=$conf

secret="$run/munge-key"
mkdir -p "$run" "$(value StateSaveLocation)" "$(value SlurmdSpoolDir)" "$(dirname "$(value SlurmctldLogFile)")" \
    "$(dirname "$(value SlurmctldPidFile)")" "$(dirname "$socket")" "$secret" "$run/jobs"
chmod 755 "$run" "$(dirname "$socket")"
chmod 700 "$secret"
# The daemons drop to SlurmUser, as the controller's boot script prepares it.
slurm_user=$(value SlurmUser)
chown "$slurm_user:" "$(value StateSaveLocation)" "$(dirname "$(value SlurmctldLogFile)")" \
    "$(dirname "$(value SlurmctldPidFile)")" || exit 1
pids=("$(value SlurmdPidFile)" "$(value SlurmctldPidFile)")
[ "$accounting" = 1 ] && pids+=("$(value PidFile "$dbd_conf")" "$run/mariadb/mariadbd.pid")
pids+=("$secret/munged.pid")

# shellcheck disable=SC2317  # run by the EXIT trap
finish() {
    local status=$?
    trap - EXIT
    for pidfile in "${pids[@]}"; do
        [ -s "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
    if [ "$status" -ne 0 ]; then
        for log in "$(value SlurmctldLogFile)" "$(dirname "$(value SlurmctldLogFile)")"/slurmd-*.log "$secret/munged.log" \
                   "$(dirname "$(value SlurmctldLogFile)")/slurmdbd.log" "$run/mariadb/error.log" \
                   "$(dirname "$(value SlurmctldLogFile)")/hpcc-resume.log" "$run/cloud.log"; do
            [ -f "$log" ] && { echo "--- $log" >&2; tail -n 40 "$log" >&2; }
        done
    fi
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

dd if=/dev/urandom of="$secret/munge.key" bs=1024 count=1 status=none
chmod 400 "$secret/munge.key"
munged -S "$socket" --key-file="$secret/munge.key" --pid-file="$secret/munged.pid" \
    --log-file="$secret/munged.log" --seed-file="$secret/seed" || exit 1
if [ "$accounting" = 1 ]; then
    db="$run/mariadb"
    mkdir -p "$db/data"
    mariadb-install-db --no-defaults --datadir="$db/data" --user="$(id -un)" --auth-root-authentication-method=normal \
        --skip-test-db >"$db/install.log" 2>&1 || { cat "$db/install.log" >&2; exit 1; }
    mariadbd --no-defaults --datadir="$db/data" --user="$(id -un)" --bind-address="$db_address" --port="$(value StoragePort "$dbd_conf")" \
        --socket="$db/mariadb.sock" --pid-file="$db/mariadbd.pid" --log-error="$db/error.log" --skip-name-resolve >/dev/null 2>&1 &
    for _ in $(seq 150); do [ -S "$db/mariadb.sock" ] && break; sleep 0.2; done
    [ -S "$db/mariadb.sock" ] || { echo "slurm-localhost-run: MariaDB did not start" >&2; exit 1; }
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    user=$(value StorageUser "$dbd_conf")
    mariadb --no-defaults --socket="$db/mariadb.sock" -uroot -e \
        "CREATE USER '$user'@'$db_address' IDENTIFIED BY '$password'; GRANT ALL ON \`$(value StorageLoc "$dbd_conf")\`.* TO '$user'@'$db_address';" || exit 1
    password_file=$(sed -n 's/^Include //p' "$dbd_conf" | head -1)
    mkdir -p "$(dirname "$password_file")"
    if [ -n "$(value StorageHost "$dbd_conf")" ]; then
        (umask 077 && printf 'StoragePass=%s\n' "$password" >"$password_file")
    else
        (umask 077 && printf 'StorageHost=%s\nStoragePass=%s\n' "$db_address" "$password" >"$password_file")
    fi
    chmod 600 "$dbd_conf"
    chown "$(value SlurmUser "$dbd_conf"):" "$dbd_conf" "$password_file" || exit 1
    mkdir -p "$(dirname "$(value PidFile "$dbd_conf")")" "$(dirname "$(value LogFile "$dbd_conf")")"
    slurmdbd || exit 1
    for _ in $(seq 100); do sacctmgr -n list cluster >/dev/null 2>&1 && break; sleep 0.2; done
fi
slurmctld -f "$conf" || exit 1
ctld_pid=$(cat "$(value SlurmctldPidFile)" 2>/dev/null)
for _ in $(seq 100); do
    kill -0 "$ctld_pid" 2>/dev/null || { echo "slurm-localhost-run: slurmctld exited" >&2; exit 1; }
    timeout 5 scontrol ping >/dev/null 2>&1 && break
    sleep 0.2
done
if [ "$cloud" = 1 ]; then
    # Powered-down cloud nodes: the first job makes slurmctld run the ResumeProgram.
    state=$(timeout 5 sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1)
    echo "node $node $state"
else
    slurmd -f "$conf" -N "$node" || exit 1
    state=""
    deadline=$((SECONDS + 60))
    while [ "$SECONDS" -lt "$deadline" ]; do
        kill -0 "$ctld_pid" 2>/dev/null || { echo "slurm-localhost-run: slurmctld exited" >&2; exit 1; }
        state=$(timeout 5 sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1)
        [ "$state" = idle ] && break
        sleep 0.2
    done
    [ "$state" = idle ] || { echo "slurm-localhost-run: node $node is '$state', not idle" >&2; exit 1; }
fi

# shellcheck disable=SC2016  # expanded by the job, not here
printf '#!/bin/sh\necho "ran on $(hostname) in partition $SLURM_JOB_PARTITION"\n' >"$run/jobs/job.sh"
failed=0
ids=()
for partition in $(sinfo -h -o '%R'); do
  for _ in $(seq "${SLURM_RUN_JOBS:-1}"); do
    id=$(timeout 120 sbatch --parsable --wait -p "$partition" -o "$run/jobs/%j.out" "$run/jobs/job.sh") || failed=1
    id=${id%%;*}
    [ -n "$id" ] || { echo "slurm-localhost-run: sbatch to $partition failed" >&2; failed=1; continue; }
    fields=$(scontrol show job -o "$id")
    job_state=$(sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' <<<"$fields")
    exit_code=$(sed -n 's/.* ExitCode=\([0-9:]*\).*/\1/p' <<<"$fields")
    echo "job $id $partition $job_state $exit_code $(cat "$run/jobs/$id.out" 2>/dev/null)"
    [ "$job_state" = COMPLETED ] || failed=1
    ids+=("$id")
  done
done
if [ "$accounting" = 1 ] && [ ${#ids[@]} -gt 0 ]; then
    # slurmctld hands finished jobs to slurmdbd asynchronously.
    list=$(IFS=,; echo "${ids[*]}")
    for _ in $(seq 100); do
        records=$(sacct -n -P -X -j "$list" -o JobID,Partition,State 2>/dev/null)
        # A record may arrive before the job's start message that names its partition.
        [ "$(grep -cE '^[0-9]+\|[^|]+\|COMPLETED$' <<<"$records")" -ge ${#ids[@]} ] && break
        sleep 0.3
    done
    while IFS='|' read -r id partition state; do
        [ -n "$id" ] && echo "accounted $id $partition $state"
    done <<<"$records"
    # What an operator sees.
    sacct -X -P -j "$list" -o JobID,JobName,Cluster,Partition,NodeList,State,ExitCode 2>&1 | sed 's/^/sacct| /'
    [ "$(grep -cE '^[0-9]+\|[^|]+\|COMPLETED$' <<<"$records")" -ge ${#ids[@]} ] || { echo "slurm-localhost-run: sacct does not show every job COMPLETED in its partition" >&2; failed=1; }
fi
exit "$failed"
