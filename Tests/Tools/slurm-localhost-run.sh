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
# Job scripts: when slurm.conf names a Prolog, Epilog, TaskProlog or TaskEpilog runner, the
# emitted job-scripts folder beside slurm.conf is copied to the runners' folder first, as an
# administrator installs it on every node.
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
# accounting one per job as sacct reports it: `accounted <id> <partition> <state>`. For every file
# RUN_DIR/markers/<id> (what the blueprint's job scripts write), once the node is idle again:
# `scripts <id> <line>;<line>...`.
#
# REST API: with slurmrestd.service beside slurm.conf (rest_api in the blueprint), the script
# installs the emitted jwks.json where AuthAltParameters names it before slurmctld starts, checks
# slurmrestd.nft with `nft -c`, and after the jobs starts slurmrestd as the unit says (its
# ExecStart, Environment and User, under setpriv). The identity provider is the caller's:
# HPCC_REST_KEY is the private key whose public half the blueprint's JWKS holds, HPCC_REST_KID its
# kid; tokens for the unit's User are signed with Tests/Tools/jwt-test-issuer.sh. A valid token must
# ping and submit a job that completes; a token of another key and an expired one must be refused.
# One line per request: `rest <case> <request> <HTTP status> <detail>`; tokens and keys are never
# printed.
# Exit status: 0 every job COMPLETED (and accounted, and the REST checks held), 1 otherwise (the
# daemons' logs on stderr), 3 Slurm, MUNGE or (with accounting) MariaDB or slurmdbd, or (with a
# REST API) slurmrestd, curl, openssl or nft missing.
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
rest_unit="$(dirname "$conf")/slurmrestd.service"
rest=0
[ -f "$rest_unit" ] && rest=1
if [ "$rest" = 1 ]; then
    for tool in slurmrestd curl openssl python3 setpriv nft; do
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
    # slurmrestd shuts down on SIGINT (SIGTERM leaves it running until SIGKILL).
    [ -s "$run/slurmrestd.pid" ] && kill -INT "$(cat "$run/slurmrestd.pid")" 2>/dev/null
    for pidfile in "${pids[@]}"; do
        [ -s "$pidfile" ] || continue
        pid=$(cat "$pidfile")
        kill "$pid" 2>/dev/null
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null
    done
    if [ "$status" -ne 0 ]; then
        for log in "$run/slurmrestd.log" "$(value SlurmctldLogFile)" "$(dirname "$(value SlurmctldLogFile)")"/slurmd-*.log "$secret/munged.log" \
                   "$(dirname "$(value SlurmctldLogFile)")/slurmdbd.log" "$run/mariadb/error.log" \
                   "$(dirname "$(value SlurmctldLogFile)")/hpcc-resume.log" "$run/cloud.log"; do
            [ -f "$log" ] && { echo "--- $log" >&2; tail -n 40 "$log" >&2; }
        done
    fi
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

# --- REST API (slurmrestd.service beside slurm.conf) ---------------------------------------------
unit_value() { sed -n "s/^$1=//p" "$rest_unit"; }

# What the operator does before slurmctld starts: the JWKS where slurm.conf names it (public keys),
# the nftables table checked (not loaded: this machine's firewall is not the test's).
rest_prepare() {
    local jwks
    jwks=$(value AuthAltParameters | tr ',' '\n' | sed -n 's/^jwks=//p')
    [ -n "$jwks" ] || { echo "slurm-localhost-run: slurm.conf names no JWKS (AuthAltParameters=jwks=...)" >&2; return 1; }
    [ -f "$(dirname "$conf")/jwks.json" ] || { echo "slurm-localhost-run: no jwks.json beside slurm.conf" >&2; return 1; }
    mkdir -p "$(dirname "$jwks")"
    install -m 0644 "$(dirname "$conf")/jwks.json" "$jwks"
    nft -c -f "$(dirname "$conf")/slurmrestd.nft" || { echo "slurm-localhost-run: nft rejects slurmrestd.nft" >&2; return 1; }
    echo "rest nftables check - nft -c accepts slurmrestd.nft"
}

# One request with a token of `key` (kid, lifetime); prints `rest CASE NAME STATUS DETAIL` and
# leaves the body in $run/rest/NAME.json.
rest_request() { # case name key kid lifetime path [json-body]
    local case=$1 name=$2 key=$3 kid=$4 lifetime=$5 path=$6 body=${7:-} token status detail
    token=$("$issuer" token "$key" "$kid" "$rest_user" "$lifetime") || return 1
    local args=(--silent --max-time 30 -o "$run/rest/$name.json" -w '%{http_code}'
        -H "X-SLURM-USER-NAME: $rest_user" -H @-)
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data "$body")
    # The token goes to curl on stdin, never on a command line or into the log.
    status=$(printf 'X-SLURM-USER-TOKEN: %s\n' "$token" | curl "${args[@]}" "http://$rest_listen$path")
    detail=$(python3 -c '
import json, sys
try:
    body = json.load(open(sys.argv[1]))
except Exception:
    print("not JSON"); sys.exit()
errors = [e.get("description") or e.get("error") for e in body.get("errors", [])]
if errors: print("errors:", "; ".join(map(str, errors)))
elif "pings" in body: print("ping:", ",".join(p["hostname"] + "=" + p["ping"] for p in body["pings"]))
elif "job_id" in body: print("job_id:", body["job_id"])
elif "jobs" in body: print("jobs:", ",".join("%s=%s" % (j["job_id"], j["job_state"]) for j in body["jobs"]))
else: print("ok")
' "$run/rest/$name.json")
    echo "rest $case $name $status $detail"
    rest_status=$status
}

# slurmrestd as its unit runs it; the three kinds of token.
rest_check() {
    local exec user group other="$run/rest/keys/other-idp.pem" job id state ok=1 started=$SECONDS
    if [ -z "${HPCC_REST_KEY:-}" ] || [ -z "${HPCC_REST_KID:-}" ]; then
        echo "slurm-localhost-run: HPCC_REST_KEY and HPCC_REST_KID name no identity provider key" >&2
        return 1
    fi
    issuer="$(dirname "$0")/jwt-test-issuer.sh"
    mkdir -p "$run/rest/keys"
    chmod 755 "$run/rest"
    chmod 700 "$run/rest/keys"
    exec=$(unit_value ExecStart)
    user=$(unit_value User)
    group=$(id -gn "$user") || { echo "slurm-localhost-run: the unit's User $user does not exist" >&2; return 1; }
    rest_user=$user
    rest_listen=${exec##* }
    local environment=()
    while read -r line; do [ -n "$line" ] && environment+=("$line"); done < <(unit_value Environment)
    pids=("$run/slurmrestd.pid" "${pids[@]}")
    # shellcheck disable=SC2086  # ExecStart is words, as systemd splits it
    env "${environment[@]}" SLURM_CONF="$conf" setpriv --reuid="$user" --regid="$group" --clear-groups -- $exec \
        >"$run/slurmrestd.log" 2>&1 &
    echo $! >"$run/slurmrestd.pid"
    for _ in $(seq 100); do
        kill -0 "$(cat "$run/slurmrestd.pid")" 2>/dev/null || { echo "slurm-localhost-run: slurmrestd exited" >&2; return 1; }
        curl --silent --max-time 2 -o /dev/null "http://$rest_listen/" && break
        sleep 0.1
    done
    "$issuer" key "$other"

    # (a) the identity provider's key: ping, submit, the job completes.
    rest_request valid ping "$HPCC_REST_KEY" "$HPCC_REST_KID" 300 /slurm/v0.0.38/ping
    [ "$rest_status" = 200 ] && grep -q '"ping": *"UP"' "$run/rest/ping.json" || ok=0
    mkdir -p "$run/rest/jobs"
    chmod 1777 "$run/rest/jobs"
    # shellcheck disable=SC2016  # $(id -un) is the job's to expand
    job=$(python3 -c '
import json, sys
print(json.dumps({"script": "#!/bin/sh\necho submitted through slurmrestd by $(id -un)\n",
                  "job": {"name": "rest", "current_working_directory": sys.argv[1],
                          "standard_output": sys.argv[1] + "/rest-%j.out", "environment": {"PATH": "/usr/bin:/bin"}}}))
' "$run/rest/jobs")
    rest_request valid submit "$HPCC_REST_KEY" "$HPCC_REST_KID" 300 /slurm/v0.0.38/job/submit "$job"
    id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("job_id", ""))' "$run/rest/submit.json")
    if [ "$rest_status" = 200 ] && [ -n "$id" ]; then
        for _ in $(seq 150); do
            state=$(scontrol show job -o "$id" 2>/dev/null | sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p')
            case $state in COMPLETED|FAILED|CANCELLED|TIMEOUT|NODE_FAIL|OUT_OF_MEMORY) break ;; esac
            sleep 0.2
        done
        rest_request valid job "$HPCC_REST_KEY" "$HPCC_REST_KID" 300 "/slurm/v0.0.38/job/$id"
        echo "rest valid output - $(cat "$run/rest/jobs/rest-$id.out" 2>/dev/null)"
        [ "$state" = COMPLETED ] || ok=0
    else
        ok=0
    fi

    # (b) a key the identity provider never published; (c) the right key, expired a minute ago.
    local jobs_before
    jobs_before=$(squeue -h -t all -o %i | wc -l)
    local refused
    for refused in "other-key $other $HPCC_REST_KID 300" "expired $HPCC_REST_KEY $HPCC_REST_KID -60"; do
        # shellcheck disable=SC2086  # case, key, kid and lifetime
        set -- $refused
        rest_request "$1" "$1-ping" "$2" "$3" "$4" /slurm/v0.0.38/ping
        [ "$rest_status" != 200 ] || ok=0
        rest_request "$1" "$1-submit" "$2" "$3" "$4" /slurm/v0.0.38/job/submit "$job"
        [ "$rest_status" != 200 ] || ok=0
    done
    [ "$(squeue -h -t all -o %i | wc -l)" = "$jobs_before" ] || { echo "slurm-localhost-run: a refused token submitted a job" >&2; ok=0; }
    # What slurmctld said about the refused tokens.
    grep -E "could not find matching kid|token expired" "$(value SlurmctldLogFile)" | sed -E 's/^\[[^]]*\] /rest slurmctld log - /' | sort | uniq -c |
        sed -E 's/^ *([0-9]+) (.*)$/\2 (x\1)/'
    echo "rest timing seconds - $((SECONDS - started)) s from starting slurmrestd to the last check"
    [ "$ok" = 1 ] || echo "slurm-localhost-run: the REST API checks failed" >&2
    [ "$ok" = 1 ]
}

dd if=/dev/urandom of="$secret/munge.key" bs=1024 count=1 status=none
chmod 400 "$secret/munge.key"
munged -S "$socket" --key-file="$secret/munge.key" --pid-file="$secret/munged.pid" \
    --log-file="$secret/munged.log" --seed-file="$secret/seed" || exit 1
[ "$rest" = 1 ] && { rest_prepare || exit 1; }
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
# --- job scripts (issue 20): install them where slurm.conf's runners are.
job_scripts="$(dirname "$conf")/job-scripts"
job_script_dir=""
for key in Prolog Epilog TaskProlog TaskEpilog; do
    runner=$(value "$key")
    [ -n "$runner" ] && job_script_dir=$(dirname "$runner")
done
if [ -n "$job_script_dir" ]; then
    [ -d "$job_scripts" ] || { echo "slurm-localhost-run: slurm.conf names job scripts but $job_scripts is missing" >&2; exit 1; }
    mkdir -p "$job_script_dir"
    cp -R "$job_scripts/." "$job_script_dir/"
    chmod -R a+rX "$job_script_dir"
fi
# --- end job scripts
slurmctld -f "$conf" || exit 1
# The daemon writes its PID file after the parent has returned: wait for it (under load, seconds).
ctld_pid=""
for _ in $(seq 100); do
    ctld_pid=$(cat "$(value SlurmctldPidFile)" 2>/dev/null)
    [ -n "$ctld_pid" ] && kill -0 "$ctld_pid" 2>/dev/null && break
    sleep 0.1
done
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
# --- job scripts (issue 20): the epilog runs after the job; report what every job's scripts wrote.
if [ -d "$run/markers" ]; then
    for _ in $(seq 150); do
        [ "$(timeout 5 sinfo -h -n "$node" -o '%T' 2>/dev/null | head -1)" = idle ] && break
        sleep 0.2
    done
    for id in "${ids[@]}"; do
        [ -f "$run/markers/$id" ] && echo "scripts $id $(paste -sd ';' "$run/markers/$id")"
    done
fi
# --- end job scripts
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
[ "$rest" = 1 ] && { rest_check || failed=1; }
exit "$failed"
