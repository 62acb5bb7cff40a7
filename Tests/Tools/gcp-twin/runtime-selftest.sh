#!/bin/bash
# Self-test of the twin's instance runtime (instance.sh) and image (image/), without the control
# plane: this script makes the little of it the runtime needs by hand (the bridge namespace with
# br0, a services namespace holding 169.254.169.254 and the services address, a metadata server
# answering each instance's attributes by source address, a Unix socket standing for api.sock,
# twin.json and instance.json). Two instances, twina and twinb, boot on the bridge; their startup
# scripts mount NFS and Lustre shares through util-linux mount and the twin's mount helpers,
# install a munge key and restart munge through the twin's systemctl, enable a scaled timer, and
# export /opt/apps from twina to twinb; twina runs slurmctld and twinb a configless slurmd.
#
#   runtime-selftest.sh        prints `check <name> ok|FAIL <detail>`; exit 0 all passed, 1 not, 3 not root
#
# Every process is stopped by PID and every namespace deleted by name, also on failure.
set -u
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ "$(id -u)" = 0 ] || { echo "runtime-selftest: needs root (namespaces)" >&2; exit 3; }
for tool in munged slurmctld slurmd sinfo ip unshare nsenter openssl curl; do
    command -v "$tool" >/dev/null || { echo "runtime-selftest: $tool is not installed" >&2; exit 3; }
done
tag=rt$(printf '%04d' $(($$ % 10000)))
work=/tmp/hpcc-twin-$tag
failures=0
server=""
start=$SECONDS

check() { # name condition-status detail
    if [ "$2" = 0 ]; then echo "check $1 ok ${*:3}"; else echo "check $1 FAIL ${*:3}"; failures=$((failures + 1)); fi
}
inside() { "$here/instance.sh" exec "$work" "$@"; }

# shellcheck disable=SC2317  # run by the EXIT trap
finish() {
    trap - EXIT
    for name in twina twinb; do
        [ -f "$work/instances/$name/instance.json" ] && "$here/instance.sh" delete "$work" "$name"
    done
    # SIGKILL: a caller may have blocked SIGTERM (swift test starts its children so), and the fake
    # has nothing to save.
    if [ -n "$server" ]; then kill -KILL "$server" 2>/dev/null; wait "$server" 2>/dev/null; fi
    for ns in "${tag}svc" "${tag}br"; do [ -e "/var/run/netns/$ns" ] && ip netns del "$ns"; done
    if [ "$failures" != 0 ]; then
        for log in "$work"/instances/*/console.log "$work"/instances/*/log/slurm/*.log; do
            [ -f "$log" ] && { echo "--- $log" >&2; tail -n 25 "$log" >&2; }
        done
    fi
    rm -rf "$work"
    echo "runtime-selftest: $failures failure(s) in $((SECONDS - start)) s"
    [ "$failures" = 0 ]
    exit
}
trap finish EXIT
trap 'failures=$((failures + 1)); exit' INT TERM

mkdir -p "$work/instances" "$work/exports/10.0.0.9/nfsshare" "$work/exports/10.0.0.10/scratch" "$work/log" "$work/ca"
# The part of the control plane the runtime uses.
ip netns add "${tag}br"
ip -n "${tag}br" link add br0 type bridge
ip -n "${tag}br" link set br0 up
ip netns add "${tag}svc"
ip -n "${tag}svc" link add eth0 type veth peer name "${tag}sva" netns "${tag}br"
ip -n "${tag}br" link set "${tag}sva" master br0 up
ip -n "${tag}svc" addr add 10.0.0.2/24 dev eth0
ip -n "${tag}svc" addr add 169.254.169.254/32 dev eth0
ip -n "${tag}svc" link set eth0 up
ip -n "${tag}svc" link set lo up
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj "/CN=hpcc twin test CA" \
    -keyout "$work/ca/ca.key" -out "$work/ca/ca.crt" 2>/dev/null
cat >"$work/twin.json" <<JSON
{"tag": "$tag", "project": "proj", "region": "region-a", "subnet": "10.0.0.0/24",
 "metadata_ip": "169.254.169.254", "services_ip": "10.0.0.2", "socket": "$work/api.sock",
 "ca": "$work/ca/ca.crt", "buckets": "$work/buckets", "exports": "$work/exports", "log": "$work/log",
 "timer_scale": 0.05}
JSON

# A metadata server that knows instances by source address, plus api.sock answering /ping.
cat >"$work/fake-cloud.py" <<'PY'
import glob, json, os, socketserver, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
work = sys.argv[1]
PREFIX = "/computeMetadata/v1/instance/attributes/"

class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def answer(self, code, text):
        self.send_response(code)
        self.send_header("Metadata-Flavor", "Google")
        self.end_headers()
        self.wfile.write(text.encode())
    def do_GET(self):
        if self.path == "/ping":
            return self.answer(200, "pong")
        if self.headers.get("Metadata-Flavor") != "Google":
            return self.answer(403, "Metadata-Flavor: Google required")
        for path in glob.glob(f"{work}/instances/*/instance.json"):
            instance = json.load(open(path))
            if instance["ip"] == self.client_address[0] and self.path.startswith(PREFIX):
                value = instance["metadata"].get(self.path[len(PREFIX):])
                return self.answer(200, value) if value is not None else self.answer(404, "not found")
        self.answer(404, "not found")

class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    pass

api = UnixServer(f"{work}/api.sock", Handler)
threading.Thread(target=api.serve_forever, daemon=True).start()
ThreadingHTTPServer(("169.254.169.254", 80), Handler).serve_forever()
PY
nsenter --net="/var/run/netns/${tag}svc" python3 "$work/fake-cloud.py" "$work" &
server=$!
for _ in $(seq 50); do [ -S "$work/api.sock" ] && break; sleep 0.1; done

# The startup scripts: both instances mount the shares, install the munge key, enable the timer.
common=$(cat <<'SH'
set -eu
echo "10.0.0.11 twina" >>/etc/hosts
echo "10.0.0.12 twinb" >>/etc/hosts
echo "10.0.0.9:/nfsshare /home nfs defaults,_netdev 0 0" >>/etc/fstab
echo "10.0.0.10@tcp:/scratch /scratch lustre defaults,_netdev 0 0" >>/etc/fstab
mkdir -p /scratch
mount /home
mount /scratch
curl -sf -H 'Metadata-Flavor: Google' http://metadata.google.internal/computeMetadata/v1/instance/attributes/test-munge-key \
    | base64 -d >/etc/munge/munge.key
chown munge: /etc/munge/munge.key
chmod 400 /etc/munge/munge.key
systemctl enable munge && systemctl restart munge
cat >/etc/systemd/system/twin-tick.service <<UNIT
[Unit]
Description=twin self-test: one tick
[Service]
Type=oneshot
ExecStart=/bin/sh -c 'date +%%s.%%N >>/var/log/twin-ticks'
UNIT
# Spans written both ways systemd reads them: 120s is 2min.
printf '%s\n' '[Timer]' 'OnUnitActiveSec=1min' 'OnBootSec=120s' '[Install]' 'WantedBy=timers.target' \
    >/etc/systemd/system/twin-tick.timer
systemctl daemon-reload
systemctl enable --now twin-tick.timer
SH
)
script_a=$(cat <<'SH'
mkdir -p /opt/apps /etc/exports.d
echo "written by twina" >/opt/apps/from-a.txt
echo "/opt/apps *(rw,no_subtree_check,no_root_squash)" >/etc/exports.d/hpcc.exports
systemctl enable --now nfs-server
exportfs -ra
echo "twina home" >/home/from-a.txt
mkdir -p /var/spool/slurmctld
chown slurm: /var/spool/slurmctld
cat >/usr/local/etc/slurm/slurm.conf <<CONF
ClusterName=twin
SlurmctldHost=twina
SlurmUser=slurm
AuthType=auth/munge
SlurmctldParameters=enable_configless
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/cgroup
TaskPlugin=task/cgroup
ReturnToService=2
NodeName=twinb CPUs=1 RealMemory=100 State=UNKNOWN
PartitionName=debug Nodes=twinb Default=YES State=UP
CONF
echo "ConstrainCores=no" >/usr/local/etc/slurm/cgroup.conf
systemctl enable slurmctld
systemctl restart slurmctld
echo "twina ready"
SH
)
script_b=$(cat <<'SH'
mkdir -p /opt/apps
echo "twina:/opt/apps /opt/apps nfs defaults,_netdev 0 0" >>/etc/fstab
for attempt in $(seq 60); do mount /opt/apps && break; echo "mount /opt/apps failed ($attempt)"; sleep 0.5; done
mountpoint -q /opt/apps
echo "SLURMD_OPTIONS=--conf-server twina" >/etc/default/slurmd
systemctl enable slurmd
systemctl restart slurmd
echo "twinb ready"
SH
)
key=$(head -c 1024 /dev/urandom | base64 -w0)
index=0
for name in twina twinb; do
    index=$((index + 1))
    if [ "$name" = twina ]; then script="$common"$'\n'"$script_a"; else script="$common"$'\n'"$script_b"; fi
    mkdir -p "$work/instances/$name"
    python3 -c 'import json, sys
name, index, script, key = sys.argv[1:]
print(json.dumps({"name": name, "index": int(index), "ip": f"10.0.0.{10 + int(index)}", "zone": "zone-a",
    "project": "proj", "hostname": name, "fqdn": f"{name}.zone-a.c.proj.internal", "machine_type": "n2-standard-2",
    "template": None, "metadata": {"startup-script": script, "test-munge-key": key}, "labels": {},
    "service_account": "test@proj.iam.gserviceaccount.com"}))' "$name" "$index" "$script" "$key" \
        >"$work/instances/$name/instance.json"
done

# Captured output: boot must return though the instance runs on (it holds none of the caller's pipes).
for name in twina twinb; do
    began=$(date +%s%N)
    booted=$("$here/instance.sh" boot "$work" "$name" 2>&1; echo "exit $?")
    took=$((($(date +%s%N) - began) / 1000000))
    [ "$booted" = "exit 0" ] && [ "$took" -le 4000 ]
    check "boot-$name" $? "holder $(cat "$work/instances/$name/holder.pid" 2>/dev/null), $booted after $took ms"
done
"$here/instance.sh" boot "$work" twina 2>/dev/null
[ $? = 1 ]; check boot-twice $? "booting a running instance fails"
for name in twina twinb; do
    for _ in $(seq 400); do [ -s "$work/instances/$name/startup.status" ] && break; sleep 0.1; done
    status=$(cat "$work/instances/$name/startup.status" 2>/dev/null)
    [ "$status" = 0 ]; check "startup-script-$name" $? "status '$status' after $((SECONDS - start)) s"
done

# Identity.
[ "$(inside twina -- hostname)" = twina ]; check hostname $? "$(inside twina -- hostname)"
hosts=$(inside twina -- grep twina.zone-a /etc/hosts)
[ "$hosts" = "10.0.0.11 twina.zone-a.c.proj.internal twina  # Added by Google" ]; check etc-hosts $? "$hosts"
resolv=$(inside twina -- cat /etc/resolv.conf | tr '\n' ';')
[ "$resolv" = "search zone-a.c.proj.internal c.proj.internal google.internal;nameserver 169.254.169.254;" ]
check resolv-conf $? "$resolv"
inside twina -- grep -q "$(sed -n 2p "$work/ca/ca.crt")" /etc/ssl/certs/ca-certificates.crt; check twin-ca $? "in the CA bundle"
[ "$(inside twinb -- curl -s --unix-socket /run/hpcc-twin/api.sock http://twin/ping)" = pong ]; check api-socket $? "/run/hpcc-twin/api.sock answers"
[ "$(inside twinb -- grep TIMER_SCALE /etc/hpcc-twin.conf)" = HPCC_TWIN_TIMER_SCALE=0.05 ]; check twin-conf $? "timer scale 0.05"

# Mounts through util-linux mount and the helpers.
mounted=$(inside twina -- findmnt -n -o TARGET /home)$(inside twina -- findmnt -n -o TARGET /scratch)
[ "$mounted" = /home/scratch ]; check mounts $? "twina: /home and /scratch are mount points"
logged=$(python3 -c 'import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(r["instance"], r["type"], r["server"], r["export"], r["target"], r["ok"])' "$work/log/mounts.jsonl" | sort | uniq | tr '\n' ';')
grep -q "twina lustre 10.0.0.10 /scratch /scratch True;twina nfs 10.0.0.9 /nfsshare /home True;" <<<"$logged"
check mounts-log $? "$logged"
inside twina -- mount -t nfs 10.0.0.9:/missing /mnt 2>/dev/null
[ $? = 32 ]; check mount-missing-export $? "mount of an unexported path fails with 32"
inside twinb -- sh -c 'echo from-b >/home/from-b.txt'
[ "$(inside twina -- cat /home/from-b.txt)" = from-b ] && [ -f "$work/exports/10.0.0.9/nfsshare/from-b.txt" ]
check shared-home $? "twinb's file on twina and in WORK/exports/10.0.0.9/nfsshare"

# Units.
[ "$(inside twinb -- systemctl is-active munge)" = active ]; check munge-active $? "munge on twinb"
inside twina -- munge -n | inside twinb -- unmunge >/dev/null; check munge-key $? "twina's credential decoded on twinb"
inside twina -- systemctl start no-such-unit 2>/dev/null
[ $? = 5 ]; check unknown-unit $? "starting a missing unit fails"
inside twina -- systemctl list-timers 2>/dev/null
[ $? = 2 ]; check unknown-verb $? "an unimplemented verb fails"
for unit in slurmrestd.service jwks-fetch.service; do
    inside twina -- sh -c "cat >/etc/systemd/system/$unit" <"$here/../../../golden/gcp-slurm/slurm/$unit"
done
# (slurmrestd may be enabled already: the image is this machine's files, links included.)
enabled=$(inside twina -- systemctl is-enabled slurmrestd jwks-fetch 2>&1 | tr '\n' ' ')
grep -Eq '^(enabled|disabled) disabled $' <<<"$enabled"
check hpcc-units-load $? "the golden slurmrestd.service and jwks-fetch.service are read: $enabled"
printf '[Service]\nExecStart=/bin/true\nPrivateNetwork=yes\n' | inside twina -- sh -c 'cat >/etc/systemd/system/odd.service'
inside twina -- systemctl start odd 2>&1 | grep -q 'PrivateNetwork= is not implemented'
check unknown-setting $? "a unit setting the twin lacks is refused"

# Exports from twina to twinb.
[ "$(inside twinb -- cat /opt/apps/from-a.txt)" = "written by twina" ]; check nfs-export $? "twinb reads twina's /opt/apps"
inside twinb -- sh -c 'echo from-b >/opt/apps/from-b.txt'
[ "$(inside twina -- cat /opt/apps/from-b.txt)" = from-b ] && [ -d "$work/exports/10.0.0.11/opt/apps" ]
check nfs-export-shared $? "twinb's write on twina, folder WORK/exports/10.0.0.11/opt/apps"
inside twina -- exportfs -v | grep -q '^/opt/apps'; check exportfs-list $? "exportfs -v lists /opt/apps"

# Isolation and users.
inside twina -- touch /isolation-mark
[ ! -e /isolation-mark ] && ! inside twinb -- test -e /isolation-mark && inside twina -- test -e /isolation-mark
check isolation $? "a file in twina's / is not on the host nor twinb"
# shellcheck disable=SC2016  # expanded inside the instance
who=$(inside twinb --user twinuser -- sh -c 'echo "$(id -un) $(id -u) $HOME $(pwd)"; touch "$HOME/mine"')
[ "$who" = "twinuser 20001 /home/twinuser /home/twinuser" ] && [ "$(stat -c %u "$work/exports/10.0.0.9/nfsshare/twinuser/mine")" = 20001 ]
check exec-user $? "$who"
[ "$(inside twinb -- id -u)" = 0 ]; check exec-root $? "root"

# The timer at scale 0.05: OnBootSec=2min → 6 s, OnUnitActiveSec=1min → 3 s.
for _ in $(seq 150); do [ "$(wc -l <"$work/instances/twinb/log/twin-ticks" 2>/dev/null || echo 0)" -ge 3 ] && break; sleep 0.1; done
ticks=$(python3 -c 'import sys
t = [float(x) for x in open(sys.argv[1])]
b = float(sys.argv[2])
print(" ".join(f"{v - b:.1f}" for v in t[:3]))' "$work/instances/twinb/log/twin-ticks" "$(inside twinb -- cat /run/hpcc-twin/booted-at)")
python3 -c 'import sys
t = [float(x) for x in sys.argv[1].split()]
sys.exit(not (len(t) == 3 and 5.5 < t[0] < 9 and 2.5 < t[1] - t[0] < 5 and 2.5 < t[2] - t[1] < 5))' "$ticks"
check timer $? "ticks at ${ticks} s after boot; $(grep -c 'timer: ran' "$work/instances/twinb/log/units/twin-tick.timer.log") runs logged"

# Slurm: slurmctld on twina, configless slurmd on twinb.
state=""
deadline=$((SECONDS + 30))
while [ "$SECONDS" -lt "$deadline" ]; do
    state=$(inside twinb -- timeout 5 sinfo -h -o '%P %n %T' 2>/dev/null)
    [ "$state" = "debug* twinb idle" ] && break
    sleep 0.2
done
[ "$state" = "debug* twinb idle" ]; check slurm $? "sinfo on twinb: $state"

# Deletion leaves nothing: processes of both PID namespaces, namespaces, bridge ports, cgroups, roots.
pids=()
for name in twina twinb; do
    holder=$(cat "$work/instances/$name/holder.pid")
    pidns=$(readlink "/proc/$holder/ns/pid")
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/ns/pid" 2>/dev/null)" = "$pidns" ] && pids+=("${proc#/proc/}")
    done
done
for name in twina twinb; do "$here/instance.sh" delete "$work" "$name"; check "delete-$name" $? ""; done
left=""
for pid in "${pids[@]}"; do [ -e "/proc/$pid" ] && left+=" $pid"; done
[ -z "$left" ]; check no-processes $? "${#pids[@]} processes of the instances gone${left:+, left:$left}"
netns=$(ip netns list | grep -o "^${tag}i[0-9]*" | tr '\n' ' ')
ports=$(ip -n "${tag}br" -o link show | grep -o "${tag}v[0-9]*a" | tr '\n' ' ')
[ -z "$netns$ports" ]; check no-network $? "namespaces left: '${netns}' bridge ports left: '${ports}'"
grep -q "$work" /proc/self/mountinfo; [ $? = 1 ]; check no-mounts $? "no mount under $work on the host"
! ls -d /sys/fs/cgroup/*/slurm_twinb >/dev/null 2>&1; check no-cgroups $? "no slurm_twinb cgroup"
[ ! -e "$work/instances/twina/root" ] && [ -f "$work/instances/twina/console.log" ]
check kept-logs $? "root removed, console.log kept"
rm -f "$work/instances/twina/instance.json" "$work/instances/twinb/instance.json"
exit 0
