#!/bin/bash
# Self-test of the Google Cloud twin's control plane (twin.py, gcloud, tf-hook) with a runtime that
# makes each instance only a network namespace (selftest-runtime.sh): Terraform's resources through
# the hook, gcloud's compute and storage commands as hpcc's scripts and the golden's destroy-time
# command run them, DNS, metadata and Secret Manager (with and without IAM) from an instance's own
# address, injected creation failures, and a teardown that leaves no namespace. Needs root.
#
#   selftest.sh        prints one line per check; exit 0 when all pass, 1 otherwise
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
work=$(mktemp -d /tmp/hpcc-twin-selftest-XXXXXX)
export HPCC_TWIN_RUNTIME=$here/selftest-runtime.sh HPCC_TWIN_WORK=$work
export PATH=$here:$PATH
project=atlas-hpc-demo
bucket=atlas-hpc-demo-atlas-slurm
template=projects/$project/global/instanceTemplates/atlas-debugnodeset
default_sa=999000111-compute@developer.gserviceaccount.com
failed=0

check() { # description command...
    local description=$1
    shift
    if "$@" >>"$work/selftest.log" 2>&1; then
        echo "ok   $description"
    else
        echo "FAIL $description (see the log below)"
        failed=1
    fi
}

finish() {
    local status=$? tag
    tag=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["tag"])' "$work/twin.json" 2>/dev/null)
    python3 "$here/twin.py" down "$work" >>"$work/selftest.log" 2>&1 || { echo "FAIL twin.py down"; failed=1; }
    if [ -n "$tag" ] && ip netns list | grep -q "^$tag"; then
        echo "FAIL namespaces left: $(ip netns list | grep "^$tag" | tr '\n' ' ')"
        failed=1
    else
        echo "ok   teardown left no namespace"
    fi
    if [ "$failed" != 0 ] || [ "$status" != 0 ]; then
        echo "--- $work/selftest.log"
        tail -n 40 "$work/selftest.log"
        echo "--- $work/log/twin.log"
        tail -n 20 "$work/log/twin.log" 2>/dev/null
        rm -rf "$work"
        exit 1
    fi
    rm -rf "$work"
    echo "selftest: all checks passed"
    exit 0
}
trap finish EXIT

field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# hook TYPE ACTION PLANNED [PRIOR]: one Terraform change through tf-hook; prints its output.
hook() {
    python3 -c 'import json, sys
planned = json.loads(sys.argv[3]); prior = json.loads(sys.argv[4])
print(json.dumps({"type": sys.argv[1], "name": "t", "action": sys.argv[2], "planned": planned,
                  "prior": prior, "config": planned}))' "$1" "$2" "$3" "${4:-null}" | "$here/tf-hook"
}

# inside INSTANCE COMMAND...: runs COMMAND in the instance's network namespace.
inside() {
    local name=$1
    shift
    nsenter --net="/var/run/netns/$(field "$work/twin.json" tag)i$(field "$work/instances/$name/instance.json" index)" "$@"
}

# dns INSTANCE NAME TYPE: asks the twin's DNS from the instance; prints "rcode answers [address]".
dns() {
    inside "$1" python3 -c 'import socket, struct, sys
query = struct.pack("!6H", 9, 0x100, 1, 0, 0, 0) + b"".join(bytes([len(p)]) + p.encode() for p in sys.argv[1].split(".")) \
    + b"\0" + struct.pack("!HH", int(sys.argv[2]), 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.settimeout(3)
s.sendto(query, ("169.254.169.254", 53))
reply = s.recv(512)
count = struct.unpack("!H", reply[6:8])[0]
print(reply[3] & 15, count, socket.inet_ntoa(reply[-4:]) if count and int(sys.argv[2]) == 1 else "")' "$2" "$3"
}

metadata() { # INSTANCE PATH
    inside "$1" curl --silent --fail -H 'Metadata-Flavor: Google' "http://169.254.169.254/computeMetadata/v1/$2"
}

# secret INSTANCE METHOD PATH [BODY]: a Secret Manager call with the instance's token; prints the
# HTTP status and then the reply.
secret() {
    local token services
    token=$(metadata "$1" instance/service-accounts/default/token | python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
    services=$(field "$work/twin.json" services_ip)
    inside "$1" curl --silent --cacert "$work/ca/ca.crt" --resolve "secretmanager.googleapis.com:443:$services" \
        -o "$work/secret.out" -w '%{http_code}\n' -X "$2" -H "Authorization: Bearer $token" \
        ${4:+-H 'Content-Type: application/json' --data "$4"} "https://secretmanager.googleapis.com/v1/$3"
    cat "$work/secret.out"
}

expect() { # expected command...: the command's output contains expected
    local out
    out=$("${@:2}" 2>&1)
    printf '%s\n---\n' "$out"
    [[ $out == *"$1"* ]]
}

prints() { # expected command...: the command's standard output is exactly expected
    local out
    out=$("${@:2}")
    printf '%s\n---\n' "$out"
    [ "$out" = "$1" ]
}

exits() { # status command...: the command exits with status
    "${@:2}"
    [ "$?" = "$1" ]
}

api() { # METHOD PATH [BODY]
    python3 -c 'import json, sys
sys.path.insert(0, sys.argv[1])
from twin import api_call
status, reply = api_call(sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5]) if len(sys.argv) > 5 else None)
print(status, json.dumps(reply, sort_keys=True))' "$here" "$work" "$@"
}

# --- up, and Terraform's resources through the hook --------------------------------------------
check "twin.py up" python3 "$here/twin.py" up "$work" --project $project --region us-central1 \
    --subnet 10.10.0.0/20 --zones us-central1-a,us-central1-b
[ -S "$work/api.sock" ] || exit 1

mkdir -p "$work/tf/slurm/job-scripts/prolog.d"
echo "ClusterName=atlas" >"$work/tf/slurm/slurm.conf"
echo "#!/bin/bash" >"$work/tf/slurm/job-scripts/prolog"
echo "echo scratch" >"$work/tf/slurm/job-scripts/prolog.d/10-scratch"
check "hook: bucket" hook google_storage_bucket create "{\"name\": \"$bucket\"}"
from_tf() { (cd "$work/tf" && hook "$@"); }
for object in slurm.conf job-scripts/prolog job-scripts/prolog.d/10-scratch; do
    check "hook: object $object from a source path relative to terraform's folder" \
        from_tf google_storage_bucket_object create "{\"bucket\": \"$bucket\", \"name\": \"atlas-files/slurm/$object\", \"source\": \"slurm/$object\"}"
done
check "hook: object from content" hook google_storage_bucket_object create \
    "{\"bucket\": \"$bucket\", \"name\": \"atlas-files/slurm/cgroup.conf\", \"content\": \"CgroupPlugin=autodetect\"}"
check "bucket holds the uploads" cmp "$work/tf/slurm/slurm.conf" "$work/buckets/$bucket/atlas-files/slurm/slurm.conf"
check "hook: filestore gets an address and its share's export folder" \
    expect '"ip_addresses": ["10.10.0.2"]' hook google_filestore_instance create \
    '{"name": "atlas-homefs", "file_shares": [{"name": "nfsshare"}], "networks": [{"network": "atlas-net", "ip_addresses": []}]}'
check "filestore export folder exists" test -d "$work/exports/10.10.0.2/nfsshare"
check "hook: lustre mount point" expect '"mount_point": "10.10.0.3@tcp:/scratch"' hook google_lustre_instance create \
    '{"instance_id": "orion-scratch", "filesystem": "scratch", "mount_point": ""}'
template_json=$(python3 -c 'import json, sys
print(json.dumps({"name": "atlas-debugnodeset", "project": sys.argv[1], "machine_type": "n2-standard-4",
  "labels": {"hpcc_cluster": "atlas", "hpcc_nodeset": "debugnodeset"},
  "metadata": {"hpcc-role": "compute", "hpcc-bucket": "gs://%s/atlas-files" % sys.argv[2],
               "hpcc-auth-secret": "projects/%s/secrets/atlas-munge-key" % sys.argv[1], "startup-script": "#!/bin/bash"},
  "service_account": [{"email": "", "scopes": ["https://www.googleapis.com/auth/cloud-platform"]}],
  "network_interface": [{"subnetwork": "atlas-primary-subnet"}], "tags": ["atlas"]}))' $project $bucket)
check "hook: instance template registered" hook google_compute_instance_template create "$template_json"
check "hook: secret" hook google_secret_manager_secret create "{\"secret_id\": \"atlas-munge-key\", \"project\": \"$project\"}"
for role in secretAccessor secretVersionAdder; do
    check "hook: IAM $role for the default compute account" hook google_secret_manager_secret_iam_member create \
        "{\"secret_id\": \"atlas-munge-key\", \"project\": \"$project\", \"role\": \"roles/secretmanager.$role\", \"member\": \"serviceAccount:$default_sa\"}"
done
check "hook: instance from template shows the template's metadata and its address" \
    expect '"network_ip": "10.10.0.4"' hook google_compute_instance_from_template create \
    "{\"name\": \"atlas-debugnodeset-0\", \"zone\": \"us-central1-a\", \"project\": \"$project\", \"source_instance_template\": \"https://www.googleapis.com/compute/v1/$template\", \"metadata\": {}, \"labels\": {}, \"network_interface\": []}"
check "hook: instance with its own service account" expect '"network_ip": "10.10.0.5"' hook google_compute_instance create \
    "{\"name\": \"atlas-login-0\", \"zone\": \"us-central1-a\", \"project\": \"$project\", \"machine_type\": \"n2-standard-2\", \"metadata\": {\"hpcc-role\": \"login\"}, \"labels\": {}, \"service_account\": [{\"email\": \"login@$project.iam.gserviceaccount.com\", \"scopes\": []}], \"network_interface\": [{\"network_ip\": \"\"}]}"

# --- gcloud compute, as resume.sh runs it ------------------------------------------------------
create() { gcloud compute instances create "$1" --project $project --zone "$2" --source-instance-template "$template" --quiet; }
check "gcloud create from the template" create atlas-debugnodeset-2 us-central1-a
check "instance.json takes the template's metadata, labels, machine type, account" python3 -c 'import json, sys
i = json.load(open(sys.argv[1]))
assert i["metadata"]["hpcc-role"] == "compute" and i["labels"]["hpcc_nodeset"] == "debugnodeset", i
assert i["machine_type"] == "n2-standard-4" and i["template"] == "atlas-debugnodeset" and i["service_account"] == "", i
assert i["fqdn"] == "atlas-debugnodeset-2.us-central1-a.c.atlas-hpc-demo.internal", i' "$work/instances/atlas-debugnodeset-2/instance.json"
check "gcloud create of an existing name fails (exit 1, already exists)" \
    expect "already exists" exits 1 create atlas-debugnodeset-2 us-central1-b
check "gcloud create in a zone outside the region fails" \
    expect "Invalid value for field 'zone': 'us-east1-b'" exits 1 create atlas-debugnodeset-3 us-east1-b
check "gcloud create without a zone fails" expect "Specify the [--zone] flag" exits 1 \
    gcloud compute instances create atlas-debugnodeset-3 --project $project --source-instance-template "$template"
check "gcloud create from a missing template fails" expect "instanceTemplates/nope' was not found" exits 1 \
    gcloud compute instances create atlas-x-0 --project $project --zone us-central1-a --source-instance-template nope
check "failure injection: register one exhausted zone" api POST /twin/failures \
    '{"zone": "us-central1-a", "name_regex": "atlas-debugnodeset-.*", "count": 1, "error": "ZONE_RESOURCE_POOL_EXHAUSTED"}'
check "injected failure: gcloud's message and exit 1" \
    expect "The zone 'projects/$project/zones/us-central1-a' does not have enough resources available to fulfill the request." \
    exits 1 create atlas-debugnodeset-3 us-central1-a
check "the next zone works" create atlas-debugnodeset-3 us-central1-b
check "the failure was used up" create atlas-debugnodeset-4 us-central1-a
check "compute.jsonl logs the failure" grep -q '"event": "fail".*ZONE_RESOURCE_POOL_EXHAUSTED' "$work/log/compute.jsonl"

# --- list and describe, as resume.sh, suspend.sh and the destroy-time command use them ------------
check "list by name (resume.sh)" prints atlas-debugnodeset-2 \
    gcloud compute instances list --project $project --filter="name=atlas-debugnodeset-2" --format='value(name)'
check "list of a missing name prints nothing" prints "" \
    gcloud compute instances list --project $project --filter="name=atlas-debugnodeset-9" --format='value(name)'
check "list by names with zones (suspend.sh)" prints "$(printf 'atlas-debugnodeset-4\tus-central1-a\natlas-debugnodeset-3\tus-central1-b\n')" \
    gcloud compute instances list --project $project --filter="name=( atlas-debugnodeset-3 atlas-debugnodeset-4)" --format='value(name,zone.basename())'
check "list by zone and label" prints "$(printf 'atlas-debugnodeset-3\t10.10.0.7')" \
    gcloud compute instances list --project $project --filter="zone:us-central1-b AND labels.hpcc_cluster=atlas" --format='value(name,networkInterfaces[0].networkIP)'
check "describe --format value" prints "$(printf '10.10.0.6\tRUNNING\n')" gcloud compute instances describe atlas-debugnodeset-2 \
    --project $project --zone us-central1-a --format='value(networkInterfaces[0].networkIP,status)'
check "describe --format json" expect '"hpcc-role"' gcloud compute instances describe atlas-debugnodeset-2 \
    --project $project --zone us-central1-a --format=json
check "describe in the wrong zone fails" expect "was not found" exits 1 gcloud compute instances describe atlas-debugnodeset-2 \
    --project $project --zone us-central1-b --format=json
check "an unsupported filter fails loudly (exit 2)" expect "gcloud (hpcc twin): unsupported filter" exits 2 \
    gcloud compute instances list --project $project --filter="name~atlas" --format='value(name)'
check "an unsupported flag fails loudly (exit 2)" expect "unsupported flag --sort-by" exits 2 \
    gcloud compute instances list --project $project --sort-by=name
check "an unsupported command fails loudly (exit 2)" exits 2 gcloud compute disks list

# --- DNS and metadata from an instance's own address ------------------------------------------
check "DNS: short name" expect "0 1 10.10.0.6" dns atlas-debugnodeset-0 atlas-debugnodeset-2 1
check "DNS: zonal name" expect "0 1 10.10.0.4" dns atlas-debugnodeset-2 atlas-debugnodeset-0.us-central1-a.c.$project.internal 1
check "DNS: global name" expect "0 1 10.10.0.5" dns atlas-debugnodeset-2 atlas-login-0.c.$project.internal 1
check "DNS: metadata.google.internal" expect "0 1 169.254.169.254" dns atlas-debugnodeset-2 metadata.google.internal 1
check "DNS: secretmanager.googleapis.com" expect "0 1 10.10.0.1" dns atlas-debugnodeset-2 secretmanager.googleapis.com 1
check "DNS: AAAA of a known name is an empty NOERROR" expect "0 0" dns atlas-debugnodeset-2 atlas-debugnodeset-2 28
check "DNS: unknown name is NXDOMAIN" expect "3 0" dns atlas-debugnodeset-2 atlas-nothere 1
check "metadata: the caller's own name" expect "atlas-debugnodeset-3" metadata atlas-debugnodeset-3 instance/name
check "metadata: template attribute" expect compute metadata atlas-debugnodeset-2 instance/attributes/hpcc-role
check "metadata: zone" expect "projects/123456789012/zones/us-central1-b" metadata atlas-debugnodeset-3 instance/zone
check "metadata: project id" expect $project metadata atlas-debugnodeset-2 project/project-id
check "metadata: default account is the one Terraform's IAM names" expect "$default_sa" \
    metadata atlas-debugnodeset-2 instance/service-accounts/default/email
check "metadata: explicit account" expect "login@$project" metadata atlas-login-0 instance/service-accounts/default/email
check "metadata: missing key is 404 (curl --fail exits 22)" exits 22 metadata atlas-debugnodeset-2 instance/attributes/nope
check "metadata: no Metadata-Flavor is 403" expect 403 inside atlas-debugnodeset-2 curl -s -o /dev/null -w '%{http_code}' \
    http://169.254.169.254/computeMetadata/v1/project/project-id

# --- Secret Manager -------------------------------------------------------------------------------
key=projects/$project/secrets/atlas-munge-key
check "secret: no version yet is 404" expect 404 secret atlas-debugnodeset-2 GET "$key/versions/latest:access"
check "secret: the adder adds a version" expect 200 secret atlas-debugnodeset-2 POST "$key:addVersion" '{"payload": {"data": "a2V5"}}'
check "secret: a reader reads it" expect '"data": "a2V5"' secret atlas-debugnodeset-3 GET "$key/versions/latest:access"
check "secret: an account outside IAM is refused (403)" expect 403 secret atlas-login-0 GET "$key/versions/latest:access"
check "secret: an unknown secret is 404" expect 404 secret atlas-debugnodeset-2 GET "projects/$project/secrets/other/versions/latest:access"
check "hook: revoking the reader" hook google_secret_manager_secret_iam_member delete null \
    "{\"secret_id\": \"atlas-munge-key\", \"project\": \"$project\", \"role\": \"roles/secretmanager.secretAccessor\", \"member\": \"serviceAccount:$default_sa\"}"
check "secret: refused once revoked" expect 403 secret atlas-debugnodeset-3 GET "$key/versions/latest:access"

# --- gcloud storage, as hpcc-node.sh runs it ----------------------------------------------------
mkdir -p "$work/node/etc" "$work/node/staging"
check "storage cp of two objects into a folder" gcloud storage cp "gs://$bucket/atlas-files/slurm/slurm.conf" \
    "gs://$bucket/atlas-files/slurm/cgroup.conf" "$work/node/etc/"
check "both arrived" test -s "$work/node/etc/slurm.conf" -a -s "$work/node/etc/cgroup.conf"
check "storage cp of a missing object: gcloud's message, exit 1" \
    expect "ERROR: (gcloud.storage.cp) The following URLs matched no objects or files:
-gs://$bucket/atlas-files/slurm/gres.conf" exits 1 gcloud storage cp "gs://$bucket/atlas-files/slurm/gres.conf" "$work/node/etc/"
check "storage cp -r with a wildcard keeps subfolders" gcloud storage cp -r "gs://$bucket/atlas-files/slurm/job-scripts/*" "$work/node/staging/"
check "job scripts arrived" test -f "$work/node/staging/prolog" -a -f "$work/node/staging/prolog.d/10-scratch"
mkdir -p "$work/node/upload/sub" && echo one >"$work/node/upload/a" && echo two >"$work/node/upload/sub/b"
check "storage rsync -r up" gcloud storage rsync -r "$work/node/upload" "gs://$bucket/synced"
check "storage ls" expect "$(printf 'gs://%s/synced/a\ngs://%s/synced/sub/' "$bucket" "$bucket")" gcloud storage ls "gs://$bucket/synced"
check "storage rsync -r down" gcloud storage rsync -r "gs://$bucket/synced" "$work/node/down"
check "rsync round trip" diff -r "$work/node/upload" "$work/node/down"
check "hook: object delete" hook google_storage_bucket_object delete null \
    "{\"bucket\": \"$bucket\", \"name\": \"atlas-files/slurm/cgroup.conf\"}"
check "deleted object is gone" exits 1 gcloud storage cp "gs://$bucket/atlas-files/slurm/cgroup.conf" "$work/node/"
check "gcloud.jsonl logs every call" python3 -c 'import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) > 20 and all({"t", "instance", "argv", "exit", "result"} <= set(l) for l in lines)
assert any(l["exit"] == 2 for l in lines) and any(l["exit"] == 1 for l in lines)' "$work/log/gcloud.jsonl"

# --- suspend.sh's delete and the golden's destroy-time cleanup -------------------------------------
check "delete (suspend.sh)" gcloud compute instances delete atlas-debugnodeset-4 --project $project --zone us-central1-a --quiet
check "deleting it again fails" expect "was not found" exits 1 \
    gcloud compute instances delete atlas-debugnodeset-4 --project $project --zone us-central1-a --quiet
cleanup=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print(d["resource"]["terraform_data"]["slurm_controller_cleanup_compute"]["provisioner"][0]["local-exec"]["command"])' \
    "$repo/golden/gcp-slurm/primary/main.tf.json")
check "the golden's destroy-time command runs" bash -c "$cleanup"
check "it deleted every cluster instance, not the login node" prints atlas-login-0 \
    gcloud compute instances list --project $project --format='value(name)'
tag=$(field "$work/twin.json" tag)
check "deleted instances' namespaces are gone" bash -c "! ip netns list | grep -Eq '^${tag}i(1|3|4|5)( |$)'"
