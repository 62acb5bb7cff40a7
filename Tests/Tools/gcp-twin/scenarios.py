#!/usr/bin/env python3
"""Runs hpcc's Google Cloud runtime (scripts/hpcc-node.sh, slurm/resume.sh, slurm/suspend.sh and the
config-sync timer), unchanged, on the local twin of Compute Engine, and reports what happened.

  scenarios.py --deployment OUT/NAME [--group primary] --work WORK --scenarios boot,growth,...
               [--hpcc HPCC --rebuild BLUEPRINT]  (for `sync`: the changed blueprint, built into OUT)
               [--zones NODESET=ZONE,ZONE ...] [--partition P] [--bound SECONDS]
               [--timer-scale S]

Terraform comes from PATH and its offline CLI configuration from TF_CLI_CONFIG_FILE (the schema-only
Google provider, which applies through tf-hook into the twin). Scenarios run in the order --scenarios
gives (shrink before sync: the sync restarts slurmctld, which starts the idle clocks again):
  boot     controller and login boot from hpcc-node.sh; slurmctld shows every partition of slurm.conf;
           the static nodes boot and register (idle)
  growth   a job from the login node needs a powered-down node of PARTITION: resume.sh creates it from
           the nodeset's template in its first zone, it boots and registers under the node name, and
           the job is COMPLETED with its output on the shared /home
  failed   a create that fails in the first zone is retried in the next; one that fails in every zone
           marks the node down with hpcc's reason, and the requeued job runs on another node
  sync     the changed blueprint is rebuilt into the same folder and applied; the controller's
           config-sync timer applies it and the new partition appears without a restart by hand
  mounts   every instance mounted what its rendered hpcc-mounts says (server, path, type, options),
           and the controller exported what hpcc-exports says
  shrink   after SuspendTime, suspend.sh deletes the grown instance and the node is powered down idle
  powerup  (instead of growth, for shapes this machine cannot hold) the first node of each nodeset is
           powered up by hand; resume.sh creates it from its template and it boots
Each scenario prints its gcloud calls, the node power states and the job states it saw, then
`scenario NAME ok|FAIL SECONDS detail`. Exit status: 0 every scenario ok, 1 one failed (the twin's
logs on stderr), 2 usage. The twin is always taken down: processes by PID, namespaces by name.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TWIN = os.path.join(HERE, "twin.py")
RUNTIME = os.path.join(HERE, "instance.sh")
USER = "twinuser"
START = time.time()


class Failure(Exception):
    """A scenario's expectation that did not hold."""


def say(line):
    print(line, flush=True)


def run(argv, check=True, env=None, timeout=600, cwd=None):
    result = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)
    if check and result.returncode != 0:
        raise Failure(f"{' '.join(argv[:4])}... exited {result.returncode}: {result.stderr.strip()[-800:]}")
    return result


class Twin:
    """The twin of one deployment group: its work folder, Terraform and the instances in it."""

    def __init__(self, args):
        self.args = args
        self.work = args.work
        self.group_dir = os.path.join(args.deployment, args.group)
        with open(os.path.join(self.group_dir, "main.tf.json")) as fh:
            self.config = json.load(fh)
        provider = self.config["provider"]["google"]
        self.project, self.region = provider["project"], provider["region"]
        subnets = self.config["resource"]["google_compute_subnetwork"]
        self.subnet = next(iter(subnets.values()))["ip_cidr_range"]
        self.slurm_conf = self.read_slurm_conf()
        self.controller = self.slurm_conf["SlurmctldHost"][0].split("(")[0]
        self.cluster = self.controller.rsplit("-controller", 1)[0]
        # The zones the blueprint gives each nodeset, in order; the templates come after the apply.
        self.zones = {item.split("=", 1)[0]: item.split("=", 1)[1].split(",") for item in args.zones}
        self.expect = {}
        self.login = self.controller
        self.grown = self.grown_at = None
        self.logs_seen = {}

    # --- files of the deployment folder -------------------------------------------------------
    def read_slurm_conf(self):
        conf = {}
        with open(os.path.join(self.args.deployment, "slurm", "slurm.conf")) as fh:
            for line in fh:
                line = line.strip()
                if line and not line.startswith("#") and "=" in line:
                    key, value = line.split("=", 1)
                    conf.setdefault(key, []).append(value)
        return conf

    def partitions(self):
        return sorted(value.split()[0] for value in self.read_slurm_conf().get("PartitionName", []))

    def partition_setting(self, partition, key, default=None):
        for value in self.slurm_conf.get("PartitionName", []):
            fields = dict(field.split("=", 1) for field in ("PartitionName=" + value).split() if "=" in field)
            if fields["PartitionName"] == partition:
                return fields.get(key) or self.slurm_conf.get(key, [default])[0]
        raise Failure(f"slurm.conf has no partition {partition}")

    # --- the twin -------------------------------------------------------------------------------
    def environment(self):
        env = dict(os.environ)
        env["HPCC_TWIN_WORK"] = self.work
        env["SCHEMA_PROVIDER_HOOK"] = os.path.join(HERE, "tf-hook")
        # The destroy-time cleanup (a local-exec) runs gcloud on this machine: the twin's.
        env["PATH"] = HERE + os.pathsep + env.get("PATH", "")
        return env

    def up(self):
        run([sys.executable, TWIN, "up", self.work, "--project", self.project, "--region", self.region,
             "--subnet", self.subnet, "--timer-scale", str(self.args.timer_scale)])

    def down(self):
        result = run([sys.executable, TWIN, "down", self.work], check=False, timeout=300)
        if result.returncode != 0:
            print(f"twin down: {result.stderr.strip()}", file=sys.stderr)

    def terraform(self, *verb):
        env = self.environment()
        run(["terraform", f"-chdir={self.group_dir}", *verb, "-no-color", "-input=false"], env=env, timeout=900)

    def apply(self):
        if not os.path.isdir(os.path.join(self.group_dir, ".terraform")):
            self.terraform("init")
        self.terraform("apply", "-auto-approve")

    def rendered(self):
        """`terraform show -json` resources, by address."""
        result = run(["terraform", f"-chdir={self.group_dir}", "show", "-json"], env=self.environment())
        values = json.loads(result.stdout).get("values", {}).get("root_module", {})
        return {r["address"]: r for r in values.get("resources", [])}

    def api(self, method, path, body=None):
        argv = ["curl", "--silent", "--show-error", "--unix-socket", os.path.join(self.work, "api.sock"),
                "-X", method, f"http://twin{path}"]
        if body is not None:
            argv += ["-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
        result = run(argv)
        return json.loads(result.stdout) if result.stdout.strip() else None

    def instances(self):
        """name -> {"ip", "zone", "template"} of every instance the twin runs."""
        found = {}
        for item in self.api("GET", "/compute/instances")["items"]:
            template = item.get("sourceInstanceTemplate")
            found[item["name"]] = {"ip": item["networkInterfaces"][0]["networkIP"], "zone": item["zone"].rsplit("/", 1)[-1],
                                   "template": template.rsplit("/", 1)[-1] if template else None}
        return found

    def on(self, instance, command, user=None, check=True, timeout=120):
        argv = [RUNTIME, "exec", self.work, instance]
        if user:
            argv += ["--user", user]
        return run(argv + ["--", "bash", "-c", command], check=check, timeout=timeout)

    def slurm(self, command, check=True):
        return self.on(self.controller, command, check=check).stdout

    def log(self, name):
        """New lines of WORK/log/NAME.jsonl since the last call, parsed."""
        path = os.path.join(self.work, "log", f"{name}.jsonl")
        if not os.path.exists(path):
            return []
        with open(path) as fh:
            fh.seek(self.logs_seen.get(name, 0))
            text = fh.read()
            self.logs_seen[name] = fh.tell()
        return [json.loads(line) for line in text.splitlines() if line.strip()]

    def all_log(self, name):
        path = os.path.join(self.work, "log", f"{name}.jsonl")
        if not os.path.exists(path):
            return []
        with open(path) as fh:
            return [json.loads(line) for line in fh if line.strip()]

    def status(self, instance):
        path = os.path.join(self.work, "instances", instance, "startup.status")
        return open(path).read().strip() if os.path.exists(path) else None

    # --- Slurm ----------------------------------------------------------------------------------
    def nodes(self):
        """node -> (state, reason) from `scontrol show node -o`."""
        nodes = {}
        for line in self.slurm("scontrol show node -o 2>/dev/null || true").splitlines():
            name = re.search(r"NodeName=(\S+)", line)
            state = re.search(r" State=(\S+)", line)
            if name and state:
                reason = re.search(r" Reason=(.*?)(?: \[| Comment=|$)", line)
                nodes[name.group(1)] = (state.group(1), reason.group(1) if reason else "")
        return nodes

    def nodeset_of(self, node):
        """The nodeset part of a node name (<cluster>-<nodeset>-<index>)."""
        return node[len(self.cluster) + 1:].rsplit("-", 1)[0]

    def partition_nodes(self, partition):
        """The node names of a partition, through its NodeSet lines."""
        sets = {}
        for value in self.slurm_conf.get("NodeSet", []):
            fields = dict(f.split("=", 1) for f in ("NodeSet=" + value).split() if "=" in f)
            sets[fields["NodeSet"]] = fields["Nodes"]
        names = []
        for item in self.partition_setting(partition, "Nodes").split(","):
            names += self.hostnames(sets.get(item, item))
        return names

    def hostnames(self, expression):
        return self.slurm(f"scontrol show hostnames '{expression}'").split()

    def job(self, job_id):
        text = self.slurm(f"scontrol show job -o {job_id} 2>/dev/null || true")
        fields = dict(re.findall(r"(\w+)=(\S*)", text))
        return fields


class Scenario:
    """Prints what one scenario saw: gcloud calls, power states, job states."""

    def __init__(self, twin, name):
        self.twin, self.name, self.start = twin, name, time.time()
        self.power, self.jobs = {}, {}
        twin.log("gcloud")  # only this scenario's calls
        say(f"scenario {name} start {int(self.start - START)}")

    def elapsed(self):
        return int(time.time() - self.start)

    def observe(self, job_ids=()):
        changed = {node: (state, reason) for node, (state, reason) in sorted(self.twin.nodes().items())
                   if self.power.get(node) != state}
        by_state = {}
        for node, (state, reason) in changed.items():
            self.power[node] = state
            by_state.setdefault((state, reason), []).append(node)
        for (state, reason), nodes in sorted(by_state.items()):
            # Many nodes in one state (the powered-down cloud nodes at the start) make one line.
            named = " ".join(nodes) if len(nodes) <= 4 else f"{len(nodes)} nodes ({nodes[0]} ... {nodes[-1]})"
            say(f"power {self.elapsed()} {named} {state}{' (' + reason + ')' if reason else ''}")
        for job_id in job_ids:
            fields = self.twin.job(job_id)
            state = f"{fields.get('JobState', '?')} {fields.get('NodeList', '')} {fields.get('Reason', '')}"
            if self.jobs.get(job_id) != state:
                self.jobs[job_id] = state
                say(f"job {self.elapsed()} {job_id} {state}")
        for call in self.twin.log("gcloud"):
            say(f"gcloud {self.elapsed()} {call.get('instance', '-')} {' '.join(call['argv'])} -> {call['exit']}")

    def wait(self, what, test, bound, job_ids=()):
        deadline = time.time() + bound
        while True:
            self.observe(job_ids)
            value = test()
            if value:
                return value
            if time.time() > deadline:
                raise Failure(f"{what}: not within {bound} s")
            time.sleep(2)


def boot(twin, scenario, bound):
    created = [event["name"] for event in twin.all_log("compute") if event["event"] == "create"]
    if twin.controller not in created:
        raise Failure(f"terraform apply created no instance {twin.controller}: {created}")

    def booted():
        statuses = {name: twin.status(name) for name in created}
        failed = {name: s for name, s in sorted(statuses.items()) if s not in (None, "0")}
        if failed:
            raise Failure(f"startup script failed: {failed}")
        return all(s == "0" for s in statuses.values()) and statuses
    scenario.wait("every instance Terraform created boots", booted, bound)
    say(f"booted {scenario.elapsed()} {' '.join(sorted(created))}")
    expected = twin.partitions()
    shown = scenario.wait(
        "slurmctld shows every partition",
        lambda: sorted(set(twin.slurm("sinfo -h -o %R 2>/dev/null || true").split())) == expected and expected,
        bound)
    say(f"partitions {scenario.elapsed()} {' '.join(shown)}")
    static = twin.hostnames(twin.slurm_conf.get("SuspendExcNodes", [""])[0]) \
        if twin.slurm_conf.get("SuspendExcNodes") else []

    def registered():
        nodes = twin.nodes()
        return all(nodes.get(n, ("",))[0].split("+")[0] in ("IDLE", "MIXED", "ALLOCATED")
                   and "POWER" not in nodes[n][0] for n in static)
    scenario.wait(f"the static nodes {' '.join(static)} register", registered, bound)
    return f"{len(created)} instances booted, partitions {','.join(shown)}, static nodes {','.join(static) or 'none'} idle"


def submit(twin, partition, name, exclude=None, nodelist=None):
    """sbatch from the login node as the test user; the job prints its node's name into /home."""
    script = f"/home/{USER}/{name}.sh"
    twin.on(twin.login, f"install -d -o {USER} -g {USER} /home/{USER}")
    twin.on(twin.login, f"printf '#!/bin/bash\\necho \"$SLURM_JOB_ID ran on $(hostname)\"\\n' > {script}", user=USER)
    options = f"-p {partition} -N 1 -o /home/{USER}/{name}-%j.out"
    if exclude:
        options += f" --exclude={','.join(exclude)}"
    if nodelist:
        options += f" -w {nodelist}"
    job_id = twin.on(twin.login, f"sbatch --parsable {options} {script}", user=USER).stdout.strip().split(";")[0]
    say(f"submitted {name} job {job_id} ({options})")
    return job_id


def powered_up(twin, partition_nodes):
    """Nodes of the partition that are not powered down (exclude them to make a job grow the cluster)."""
    nodes = twin.nodes()
    return [n for n in partition_nodes if "POWERED_DOWN" not in nodes.get(n, ("POWERED_DOWN",))[0]]


def finished(twin, job_id):
    state = twin.job(job_id).get("JobState")
    if state in ("FAILED", "CANCELLED", "TIMEOUT", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL"):
        raise Failure(f"job {job_id} ended {state}")
    return state == "COMPLETED"


def created_from(twin, node, since_index=0):
    """The twin's record of the instance create calls for `node`: [(zone, template, ok, error)]."""
    return [(e["zone"], e.get("template"), e["event"] == "create", e.get("reason", ""))
            for e in twin.all_log("compute")[since_index:] if e["name"] == node and e["event"] in ("create", "fail")]


def check_template(twin, node, zone_expected, attempts):
    nodeset = twin.nodeset_of(node)
    template, zones = twin.expect[nodeset]
    made = [a for a in attempts if a[2]]
    if not made:
        raise Failure(f"{node} was never created: {attempts}")
    zone, used, _, _ = made[-1]
    if used != template:
        raise Failure(f"{node} was created from template {used}, expected {template} (nodeset {nodeset})")
    if zone != zone_expected:
        raise Failure(f"{node} was created in {zone}, expected {zone_expected}")
    return zone


def growth(twin, scenario, bound):
    nodes = twin.partition_nodes(twin.args.partition)
    mark = len(twin.all_log("compute"))
    job_id = submit(twin, twin.args.partition, "growth", exclude=powered_up(twin, nodes))
    scenario.wait(f"job {job_id} completes", lambda: finished(twin, job_id), bound, [job_id])
    node = twin.job(job_id)["NodeList"]
    nodeset = twin.nodeset_of(node)
    zone = check_template(twin, node, twin.expect[nodeset][1][0], created_from(twin, node, mark))
    instance = twin.instances().get(node)
    if not instance:
        raise Failure(f"{node} ran job {job_id} but no instance {node} exists")
    output = twin.on(twin.login, f"cat /home/{USER}/growth-{job_id}.out", user=USER).stdout.strip()
    if output != f"{job_id} ran on {node}":
        raise Failure(f"the job's output on the shared /home is {output!r}")
    address = re.search(r"NodeAddr=(\S+)", twin.slurm(f"scontrol show node {node}"))
    twin.grown = node
    twin.grown_at = time.time()
    return (f"job {job_id} COMPLETED on {node} (instance {instance['ip']} in {zone}, template "
            f"{twin.expect[nodeset][0]}, NodeAddr {address.group(1) if address else '?'}); output on /home: {output}")


def powerup(twin, scenario, bound):
    """The first node of every nodeset powered up by hand (scontrol power_up): resume.sh creates it
    from its template and it boots, whatever its shape (one that does not fit this machine
    registers short of CPUs or GPUs, so registration is not judged here; `mounts` then checks
    what it mounted)."""
    firsts = []
    for value in twin.slurm_conf.get("NodeSet", []):
        fields = dict(f.split("=", 1) for f in ("NodeSet=" + value).split() if "=" in f)
        node = twin.hostnames(fields["Nodes"])[0]
        if node not in twin.instances():
            firsts.append(node)
    for node in firsts:
        twin.slurm(f"scontrol update nodename={node} state=power_up")

    def booted():
        statuses = {node: twin.status(node) for node in firsts}
        broken = {n: s for n, s in sorted(statuses.items()) if s not in (None, "0")}
        if broken:
            raise Failure(f"startup script failed: {broken}")
        return all(s == "0" for s in statuses.values())
    scenario.wait(f"{' '.join(firsts)} are created and boot", booted, bound)
    return f"{' '.join(firsts)} created by resume.sh from their templates and booted"


def failed(twin, scenario, bound):
    nodes = twin.partition_nodes(twin.args.partition)
    nodeset = twin.nodeset_of(nodes[0])
    template, zones = twin.expect[nodeset]
    if len(zones) < 2:
        raise Failure(f"nodeset {nodeset} has one zone ({zones}): no retry to show")
    # 1. Zone one has no capacity for the next create: the node is made in zone two.
    twin.api("POST", "/twin/failures", {"zone": zones[0], "template": template, "count": 1,
                                          "error": "ZONE_RESOURCE_POOL_EXHAUSTED"})
    mark = len(twin.all_log("compute"))
    retried = submit(twin, twin.args.partition, "retried", exclude=powered_up(twin, nodes))
    scenario.wait(f"job {retried} completes", lambda: finished(twin, retried), bound, [retried])
    node = twin.job(retried)["NodeList"]
    attempts = created_from(twin, node, mark)
    if not attempts or attempts[0][0] != zones[0] or attempts[0][2]:
        raise Failure(f"{node}: the first create was not a failure in {zones[0]}: {attempts}")
    check_template(twin, node, zones[1], attempts)
    # 2. No zone has capacity for the next create: the node goes down with hpcc's reason and the
    #    requeued job runs on another node.
    for zone in zones:
        twin.api("POST", "/twin/failures", {"zone": zone, "template": template, "count": 1,
                                              "error": "ZONE_RESOURCE_POOL_EXHAUSTED"})
    mark = len(twin.all_log("compute"))
    moved = submit(twin, twin.args.partition, "moved", exclude=powered_up(twin, nodes))

    def down_node():
        for name, (state, reason) in twin.nodes().items():
            if "DOWN" in state and "hpcc: instance creation failed" in reason:
                return name
        return None
    lost = scenario.wait("a node is marked down by resume.sh", down_node, bound, [moved])
    lost_attempts = created_from(twin, lost, mark)
    if [a[0] for a in lost_attempts] != zones or any(a[2] for a in lost_attempts):
        raise Failure(f"{lost}: expected a failed create in each of {zones}: {lost_attempts}")
    scenario.wait(f"requeued job {moved} completes elsewhere", lambda: finished(twin, moved), bound, [moved])
    ran_on = twin.job(moved)["NodeList"]
    if ran_on == lost:
        raise Failure(f"job {moved} ran on {lost}, the node whose creation failed")
    reason = twin.nodes()[lost][1]
    return (f"{node}: {zones[0]} failed, created in {zones[1]}, job {retried} COMPLETED; {lost}: failed in "
            f"{' and '.join(zones)}, down ({reason}); job {moved} requeued and COMPLETED on {ran_on}")


def sync(twin, scenario, bound):
    if not twin.args.rebuild:
        raise Failure("sync needs --hpcc and --rebuild")
    before = twin.partitions()
    output = os.path.dirname(os.path.abspath(twin.args.deployment))
    run([twin.args.hpcc, "build", twin.args.rebuild, "-o", output])
    twin.slurm_conf = twin.read_slurm_conf()
    added = sorted(set(twin.partitions()) - set(before))
    if not added:
        raise Failure("the rebuilt blueprint adds no partition")
    mark = len(twin.all_log("compute"))
    twin.terraform("apply", "-auto-approve")
    objects = [r["values"] for r in twin.rendered().values() if r["type"] == "google_storage_bucket_object"
               and r["values"]["name"].endswith("/slurm/slurm.conf")]
    uploaded = [os.path.join(twin.work, "buckets", o["bucket"], o["name"]) for o in objects]
    with open(os.path.join(twin.args.deployment, "slurm", "slurm.conf"), "rb") as fh:
        rebuilt = fh.read()
    if not uploaded or any(open(path, "rb").read() != rebuilt for path in uploaded):
        raise Failure(f"terraform apply did not put the rebuilt slurm.conf into the bucket ({uploaded})")
    say(f"applied {scenario.elapsed()} the rebuilt slurm.conf is in the bucket; new partition(s) {','.join(added)}")
    if any(e["event"] == "create" for e in twin.all_log("compute")[mark:]):
        raise Failure("the re-apply created instances: the Terraform state was lost?")

    def shown():
        partitions = set(twin.slurm("sinfo -h -o %R 2>/dev/null || true").split())
        return set(added) <= partitions and sorted(partitions)
    partitions = scenario.wait(f"partition(s) {added} appear", shown, bound)
    applied = twin.on(twin.controller, "grep -h 'hpcc-node: ' /var/log/units/hpcc-config-sync.service.log",
                      check=False).stdout.split("\n")
    applied = [line for line in applied if "applied new Slurm configuration" in line or "restarted" in line]
    if not applied:
        raise Failure("the partition appeared, but not through hpcc-config-sync.service")
    return (f"{','.join(added)} added by the config-sync timer, no restart by hand (sinfo: {','.join(partitions)}); "
            f"hpcc-config-sync.service: {'; '.join(applied)}")


def mounts(twin, scenario, bound):
    rendered = twin.rendered()
    templates, instances = {}, {}
    for resource in rendered.values():
        values = resource["values"]
        if resource["type"] == "google_compute_instance_template":
            templates[values["name"]] = values.get("metadata") or {}
        elif resource["type"] in ("google_compute_instance", "google_compute_instance_from_template"):
            instances[values["name"]] = values.get("metadata") or {}
    expected = {}
    for name, instance in twin.instances().items():
        # What Terraform rendered for the instance, or else for the template it was created from.
        metadata = instances.get(name) or {}
        if "hpcc-mounts" not in metadata:
            metadata = templates.get(instance.get("template"), {})
        if "hpcc-mounts" not in metadata:
            raise Failure(f"Terraform rendered no hpcc-mounts for {name} (template {instance.get('template')})")
        expected[name] = json.loads(metadata["hpcc-mounts"] or "[]")
    calls = twin.all_log("mounts")
    lines = []
    for name in sorted(twin.instances()):
        table = twin.on(name, "findmnt -rn -o TARGET", check=False).stdout.split()
        for entry in expected.get(name, []):
            made = [c for c in calls if c["instance"] == name and c["target"] == entry["local"] and c.get("ok")]
            if not made:
                raise Failure(f"{name} did not mount {entry['local']}: {[c for c in calls if c['instance'] == name]}")
            call = made[-1]
            want_source = f"{entry['server']}:{entry['remote']}"
            if entry["type"] != call["type"]:
                raise Failure(f"{name} mounted {entry['local']} as {call['type']}, expected {entry['type']}")
            if call["source"] != want_source:
                raise Failure(f"{name} mounted {call['source']} at {entry['local']}, expected {want_source}")
            for option in entry.get("options", "defaults").split(","):
                # mount(8) passes every option but `defaults`, which only means "no others".
                if option != "defaults" and option not in call["options"].split(","):
                    raise Failure(f"{name}: {entry['local']} lacks option {option} ({call['options']})")
            if entry["local"] not in table:
                raise Failure(f"{name}: {entry['local']} is not mounted now (findmnt)")
            lines.append(f"{name} {call['source']} {entry['local']} {call['type']} {call['options']}")
    for line in lines:
        say(f"mount {line}")
    return f"{len(lines)} mounts on {len(twin.instances())} instances as rendered"


def shrink(twin, scenario, bound):
    node = twin.grown
    if not node:
        raise Failure("shrink needs growth first")
    partition = twin.args.partition
    suspend = int(twin.partition_setting(partition, "SuspendTime", "300"))
    timeout = int(twin.slurm_conf.get("SuspendTimeout", ["30"])[0])
    limit = suspend + timeout + bound

    def gone():
        state = twin.nodes().get(node, ("",))[0]
        return node not in twin.instances() and "POWERED_DOWN" in state and state.startswith("IDLE") and state
    state = scenario.wait(f"{node} is deleted and powered down", gone, max(0, twin.grown_at + limit - time.time()))
    deletes = [c for c in twin.all_log("gcloud") if c["argv"][:3] == ["compute", "instances", "delete"]
               and node in c["argv"]]
    if not deletes:
        raise Failure(f"{node} disappeared without a gcloud delete")
    deleted = int(deletes[0].get("t", time.time()) - twin.grown_at)
    # The job ended up to one poll (2 s) before the growth scenario saw it.
    if deleted < suspend - 5:
        raise Failure(f"{node} was deleted {deleted} s after its job, before SuspendTime={suspend}")
    return (f"{node} deleted by suspend.sh {deleted} s after its job (SuspendTime={suspend}), {state} "
            f"{int(time.time() - twin.grown_at)} s after it (SuspendTimeout={timeout})")


SCENARIOS = {"boot": boot, "growth": growth, "powerup": powerup, "failed": failed, "sync": sync, "mounts": mounts,
             "shrink": shrink}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--deployment", required=True)
    parser.add_argument("--group", default="primary")
    parser.add_argument("--work", required=True)
    parser.add_argument("--scenarios", default="boot,growth,failed,mounts,shrink,sync")
    parser.add_argument("--hpcc")
    parser.add_argument("--rebuild")
    parser.add_argument("--zones", action="append", default=[],
                        help="NODESET=ZONE[,ZONE...]: the zones the blueprint gives a nodeset, in order")
    parser.add_argument("--partition", default=None)
    parser.add_argument("--bound", type=int, default=300, help="seconds each wait may take")
    parser.add_argument("--timer-scale", type=float, default=0.1)
    args = parser.parse_args()
    args.deployment = os.path.abspath(args.deployment)
    args.work = os.path.abspath(args.work)
    for tool in ("terraform", "curl"):
        if not shutil.which(tool):
            print(f"scenarios: {tool} is not installed", file=sys.stderr)
            return 3
    twin = Twin(args)
    args.partition = args.partition or next(
        (v.split()[0] for v in twin.slurm_conf.get("PartitionName", []) if "Default=YES" in v), None)
    status = 0
    # swift test starts its children with almost every signal blocked, and a blocked mask is
    # inherited: daemons would ignore the SIGTERM that stops them. Everything started from here
    # gets the usual empty mask.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    # A kill (a test's timeout) still takes the twin down: SystemExit runs the `finally` below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    os.makedirs(args.work, exist_ok=True)
    try:
        twin.up()
        applied = time.time()
        twin.apply()
        say(f"terraform apply {int(time.time() - applied)} s")
        twin.expect = expected_templates(twin)
        logins = [e["name"] for e in twin.all_log("compute") if e["event"] == "create" and "-login" in e["name"]]
        if logins:
            twin.login = logins[0]
        for name in args.scenarios.split(","):
            scenario = Scenario(twin, name)
            try:
                detail = SCENARIOS[name](twin, scenario, args.bound)
                scenario.observe()
                say(f"scenario {name} ok {scenario.elapsed()} {detail}")
            except Failure as failure:
                scenario.observe()
                say(f"scenario {name} FAIL {scenario.elapsed()} {failure}")
                status = 1
                break
    except Failure as failure:
        say(f"twin FAIL {int(time.time() - START)} {failure}")
        status = 1
    finally:
        if status:
            dump_logs(args.work)
        twin.down()
    return status


def expected_templates(twin):
    """nodeset -> (instance template name, zones): the template is the one Terraform made with the
    nodeset's labels (not resume.sh's table, which is what is being tested)."""
    expect = {}
    for resource in twin.rendered().values():
        values = resource["values"]
        labels = values.get("labels") or {}
        if resource["type"] == "google_compute_instance_template" and labels.get("hpcc_cluster") == twin.cluster:
            nodeset = labels.get("hpcc_nodeset")
            expect[nodeset] = (values["name"], twin.zones.get(nodeset, []))
    return expect


def dump_logs(work):
    """The tail of every instance's console and Slurm logs, for a failed run."""
    base = os.path.join(work, "instances")
    for name in sorted(os.listdir(base)) if os.path.isdir(base) else []:
        slurm = os.path.join(base, name, "log", "slurm")
        logs = ["console.log"] + [f"log/slurm/{f}" for f in sorted(os.listdir(slurm))] if os.path.isdir(slurm) \
            else ["console.log"]
        for relative in logs:
            path = os.path.join(base, name, relative)
            if os.path.isfile(path):
                with open(path, errors="replace") as fh:
                    tail = fh.readlines()[-25:]
                print(f"--- {name}: {relative}", file=sys.stderr)
                sys.stderr.writelines(tail)


if __name__ == "__main__":
    sys.exit(main())
