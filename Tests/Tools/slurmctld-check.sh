#!/bin/bash
# Loads a slurm.conf into a real slurmctld and reports what it understood.
#
#   slurmctld-check.sh CONF_DIR
#
# CONF_DIR holds slurm.conf (and cgroup.conf, gres.conf). A copy is made in a private temp
# folder and only what ties it to a real controller host is rewritten: SlurmctldHost (this
# machine, 127.0.0.1), a free port, state/log/pid paths, SlurmUser (the caller), accounting off,
# NodeAddr=127.0.0.1 for the nodes of an existing cluster (their names resolve only at their site),
# the MUNGE socket of a throw-away munged, and stub Resume/Suspend programs. Slurm 22.05 has no
# auth/slurm plugin (it came with 23.11), so a config using it is loaded with MUNGE instead and a
# `note:` line on stderr says so. slurmctld must answer `scontrol ping` and still be running
# STAY_SECONDS later.
#
# On success prints, on stdout:
#   the partitions as `sinfo -h -a -o '%R|%D'` lines, a line `--`, then `scontrol show nodes -o`.
# Exit status: 0 accepted, 1 rejected (slurmctld's output on stderr), 3 Slurm or MUNGE missing.
set -u
STAY_SECONDS=${STAY_SECONDS:-3}
source_dir=${1:?usage: slurmctld-check.sh CONF_DIR}

for tool in slurmctld scontrol sinfo munged; do
    command -v "$tool" >/dev/null || { echo "slurmctld-check: $tool is not installed" >&2; exit 3; }
done
[ -f "$source_dir/slurm.conf" ] || { echo "slurmctld-check: no slurm.conf in $source_dir" >&2; exit 1; }

# MUNGE sockets must be shorter than 108 bytes, so stay near /tmp.
work=$(mktemp -d /tmp/hpcc-slurm.XXXXXX) || exit 3
chmod 755 "$work"
mkdir -p "$work/etc" "$work/state" "$work/spool" "$work/log" "$work/munge" "$work/bin"
chmod 755 "$work/munge"
munged_pid="" ctld_pid=""

finish() {
    local status=$?
    trap - EXIT
    if [ -n "$ctld_pid" ]; then
        SLURM_CONF="$work/etc/slurm.conf" timeout 5 scontrol shutdown >/dev/null 2>&1
        for _ in $(seq 30); do kill -0 "$ctld_pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL -- "-$ctld_pid" 2>/dev/null
        wait "$ctld_pid" 2>/dev/null
    fi
    if [ -n "$munged_pid" ]; then
        # A caller may have blocked SIGTERM (the mask is inherited); escalate to SIGKILL.
        kill "$munged_pid" 2>/dev/null
        for _ in $(seq 20); do kill -0 "$munged_pid" 2>/dev/null || break; sleep 0.05; done
        kill -KILL "$munged_pid" 2>/dev/null
        wait "$munged_pid" 2>/dev/null
    fi
    rm -rf "$work"
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

# A private munged with a fresh key.
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 600 "$work/munge/munge.key"
socket="$work/munge/munge.sock"
munged -F -f -S "$socket" --key-file="$work/munge/munge.key" --pid-file="$work/munge/munged.pid" \
    --log-file="$work/munge/munged.log" --seed-file="$work/munge/seed" >"$work/munge/out" 2>&1 &
munged_pid=$!
for _ in $(seq 100); do [ -S "$socket" ] && break; sleep 0.05; done
[ -S "$socket" ] || { echo "slurmctld-check: munged did not start" >&2; cat "$work/munge/out" >&2; exit 3; }

cp -a "$source_dir"/. "$work/etc/"
original="$work/slurm.conf.original"
mv "$work/etc/slurm.conf" "$original"
printf '#!/bin/sh\nexit 0\n' >"$work/bin/stub.sh"
chmod 755 "$work/bin/stub.sh"
host=$(hostname -s 2>/dev/null || uname -n)
host=${host%%.*}
rewritten='AuthType|CredType|SlurmctldHost|SlurmctldPort|SlurmctldPidFile|SlurmctldLogFile|SlurmdSpoolDir|StateSaveLocation|SlurmUser|AuthInfo|AccountingStorageType|ResumeProgram|SuspendProgram|ResumeFailProgram|AuthAltParameters'
# A REST API's JWKS (AuthAltParameters=jwks=...) is read from this folder: the emitted jwks.json, or,
# when the controller fetches it from the identity provider, a stand-in public key made here.
alt_parameters=$(sed -n 's/^AuthAltParameters=//p' "$original" | head -1)
if [ -n "$alt_parameters" ]; then
    if [ ! -f "$work/etc/jwks.json" ]; then
        (umask 077 && mkdir -p "$work/idp")
        if ! "$(dirname "$0")/jwt-test-issuer.sh" key "$work/idp/key.pem" ||
            ! "$(dirname "$0")/jwt-test-issuer.sh" jwks "$work/idp/key.pem" stand-in >"$work/etc/jwks.json"; then
            echo "slurmctld-check: could not make a stand-in JWKS" >&2
            exit 3
        fi
    fi
    alt_parameters=$(tr ',' '\n' <<<"$alt_parameters" | sed "s|^jwks=.*|jwks=$work/etc/jwks.json|" | paste -sd,)
fi

free_port() {
    local port
    for _ in $(seq 50); do
        port=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
    echo 6817
}

# Nodes of an existing cluster (not State=CLOUD) are resolved when slurmctld starts; their names
# resolve only at their site, so here each gets NodeAddr=127.0.0.1, once per host it names.
with_local_addresses() {
    local line hosts count
    while IFS= read -r line; do
        hosts=""
        [[ $line =~ ^NodeName=([^[:space:]]+) ]] && hosts=${BASH_REMATCH[1]}
        if [ -n "$hosts" ] && [ "$hosts" != DEFAULT ] && [[ ! $line =~ State=CLOUD ]] && [[ ! $line =~ NodeAddr= ]]; then
            count=$(SLURM_CONF="$original" scontrol show hostnames "$hosts" 2>/dev/null </dev/null | wc -l)
            [ "$count" -gt 0 ] && line="$line NodeAddr=$(yes 127.0.0.1 | head -n "$count" | paste -sd,)"
        fi
        printf '%s\n' "$line"
    done
}

write_conf() { # port
    # Rewritten keys are commented out in place, so Slurm's line numbers still match the original.
    sed -E "s/^([[:space:]]*($rewritten)[[:space:]]*=)/#hpcc-check# \\1/I" "$original" | with_local_addresses
    cat <<CONF

# --- slurmctld-check ---
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$1
SlurmUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
AccountingStorageType=accounting_storage/none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmctldLogFile=$work/log/slurmctld.log
ResumeProgram=$work/bin/stub.sh
SuspendProgram=$work/bin/stub.sh
ResumeFailProgram=$work/bin/stub.sh
CONF
    [ -z "$alt_parameters" ] || echo "AuthAltParameters=$alt_parameters"
}

# switch/nvidia_imex (NVIDIA IMEX channels, A4X) came with Slurm 24.05: left out here, with a note.
imex='^[[:space:]]*SwitchType[[:space:]]*=[[:space:]]*switch/nvidia_imex'
if grep -Eqi "$imex" "$original"; then
    echo "note: SwitchType=switch/nvidia_imex needs Slurm 24.05 or later; checked without it on this $(slurmctld -V)" >&2
    sed -Ei "s|($imex)|#hpcc-check# \\1|I" "$original"
fi
if grep -Eqi '^[[:space:]]*AuthType[[:space:]]*=[[:space:]]*auth/slurm' "$original"; then
    echo "note: AuthType=auth/slurm needs Slurm 23.11 or later; checked with auth/munge on this $(slurmctld -V)" >&2
fi
export SLURM_CONF="$work/etc/slurm.conf"
write_conf "$(free_port)" >"$SLURM_CONF"
# The parser alone answers in milliseconds; catch syntax errors before starting the daemon.
if ! scontrol show hostnames x >"$work/precheck" 2>&1; then
    echo "slurmctld-check: slurm.conf does not parse:" >&2
    cat "$work/precheck" >&2
    exit 1
fi

setsid slurmctld -D -c -i >"$work/slurmctld.out" 2>&1 </dev/null &
ctld_pid=$!
ready=0
for _ in $(seq 300); do
    if ! kill -0 "$ctld_pid" 2>/dev/null; then
        wait "$ctld_pid"
        echo "slurmctld-check: slurmctld exited with status $?:" >&2
        ctld_pid=""
        cat "$work/slurmctld.out" >&2
        exit 1
    fi
    if timeout 10 scontrol ping >/dev/null 2>&1; then ready=1; break; fi
    sleep 0.1
done
if [ "$ready" != 1 ]; then
    echo "slurmctld-check: slurmctld did not answer within 30 seconds:" >&2
    cat "$work/slurmctld.out" >&2
    exit 1
fi
sleep "$STAY_SECONDS"
if ! kill -0 "$ctld_pid" 2>/dev/null || ! timeout 10 scontrol ping >/dev/null 2>&1; then
    echo "slurmctld-check: slurmctld stopped after starting:" >&2
    cat "$work/slurmctld.out" >&2
    exit 1
fi
# slurmctld logs configuration problems it can live with as `error:` lines; each one fails the
# check, except those this throw-away machine causes itself:
#   - no mail program here (MailProg defaults to /bin/mail);
#   - job accounting gathered but not stored (the check forces accounting_storage/none, and a
#     cluster without slurmdbd keeps gathering for sstat);
#   - Slurm 22.05 initialises every MPI plugin, and Debian's PMIx one finds no libpmix here;
#   - a fresh, empty StateSaveLocation;
#   - a busy machine: slurmctld times 1000 clock reads at start and calls a slow clock an error.
environmental='High latency for 1000 calls to gettimeofday|Configured MailProg is invalid|Job accounting information gathered, but not stored|Even though we are collecting accounting information|mpi/pmix|Couldn.t load specified plugin name for mpi/|MPI: Cannot create context for mpi/|Could not open [a-z ]*state file|Trying backup state save file'
# A cluster without a default partition is valid (jobs name theirs; hpcc warns, HPC3066), but
# slurmctld logs it as an error.
grep -Eqi '(^|[[:space:]])Default=YES' "$original" || environmental="$environmental|default partition not set"
complaints=$(grep -E '(error|fatal):' "$work/slurmctld.out" | grep -Ev "$environmental")
if [ -n "$complaints" ]; then
    echo "slurmctld-check: slurmctld runs but reports problems with the configuration:" >&2
    echo "$complaints" >&2
    exit 1
fi
sinfo -h -a -o '%R|%D' | sort
echo "--"
scontrol show nodes -o
