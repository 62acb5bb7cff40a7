"""The Compute Engine part of the twin's control plane: instance templates, instances (an IP and
an index each, booted and deleted by the instance runtime), addresses for Filestore and Lustre
export servers, and injected creation failures. twin.py serves these over WORK/api.sock.

Every method raises ApiError with a Compute Engine reason and HTTP status on a refused request,
so the gcloud stand-in and the terraform hook can report it the way Google's API would.
"""
import hashlib
import ipaddress
import json
import os
import re
import subprocess
import threading
import time

API = "https://www.googleapis.com/compute/v1/"


class ApiError(Exception):
    def __init__(self, status, reason, message):
        super().__init__(message)
        self.status, self.reason, self.message = status, reason, message


# Injected failures the twin can play, with the message Compute Engine gives for each.
FAILURE_MESSAGES = {
    "ZONE_RESOURCE_POOL_EXHAUSTED": "The zone '{zone}' does not have enough resources available to "
                                    "fulfill the request.  Try a different zone, or try again later.",
    "QUOTA_EXCEEDED": "Quota 'CPUS' exceeded.  Limit: 0.0 in region {region}.",
}


def append_json(path, record, lock):
    with lock, open(path, "a") as fh:
        fh.write(json.dumps(record, sort_keys=True) + "\n")


def basename(value):
    return value.rstrip("/").rsplit("/", 1)[-1] if value else value


def template_name(reference):
    """A template is named by a self link, a relative path or a bare name; all end in its name."""
    match = re.fullmatch(r"(?:%s)?(?:projects/([^/]+)/(?:global|regions/[^/]+)/instanceTemplates/)?([a-z][-a-z0-9]*)"
                         % re.escape(API), reference or "")
    if not match:
        raise ApiError(400, "invalid", "Invalid value for field 'sourceInstanceTemplate': '%s'." % reference)
    return match.group(1), match.group(2)


def first(blocks):
    """Terraform's nested blocks are lists; most of the instance's have at most one element."""
    return blocks[0] if isinstance(blocks, list) and blocks and isinstance(blocks[0], dict) else {}


class Compute:
    def __init__(self, work, config, runtime):
        self.work, self.config, self.runtime = work, config, runtime
        self.lock = threading.RLock()
        self.log_lock = threading.Lock()
        self.templates = {}      # name -> Terraform properties of google_compute_instance_template
        self.instances = {}      # name -> instance record (instance.json)
        self.addresses = {}      # owner ("filestore/NAME", "lustre/NAME") -> IP
        self.failures = []       # injected failure rules
        self.next_index = 1
        # Who an instance without an explicit service account runs as; twin_secrets sets it.
        self.default_account = lambda: ""
        self.subnet = ipaddress.ip_network(config["subnet"])
        # The network, the gateway (also the services address) and the last two addresses are
        # Compute Engine's reserved addresses in every subnet.
        hosts = list(self.subnet.hosts())
        self.reserved = {str(self.subnet.network_address), str(hosts[0]), str(hosts[-1]),
                         str(self.subnet.broadcast_address), config["services_ip"]}

    # --- bookkeeping -------------------------------------------------------------------------
    def log(self, event, **fields):
        append_json(os.path.join(self.work, "log", "compute.jsonl"),
                    dict(t=round(time.time(), 3), event=event, **fields), self.log_lock)

    def allocate_ip(self):
        used = self.reserved | {i["ip"] for i in self.instances.values()} | set(self.addresses.values())
        for host in self.subnet.hosts():
            if str(host) not in used:
                return str(host)
        raise ApiError(503, "IP_SPACE_EXHAUSTED", "No free address in %s." % self.subnet)

    def address_for(self, owner):
        """The fixed address of an export server (Filestore or Lustre), the same on every update."""
        with self.lock:
            if owner not in self.addresses:
                self.addresses[owner] = self.allocate_ip()
            return self.addresses[owner]

    def check_zone(self, zone):
        if zone not in self.config["zones"]:
            raise ApiError(400, "invalid", "Invalid value for field 'zone': '%s'. Unknown zone." % zone)

    def check_project(self, project):
        if project not in (None, "", self.config["project"]):
            raise ApiError(404, "notFound", "The resource 'projects/%s' was not found" % project)

    # --- templates ---------------------------------------------------------------------------
    def register_template(self, properties):
        name = properties.get("name")
        if not name:
            raise ApiError(400, "invalid", "an instance template needs a name")
        self.check_project(properties.get("project"))
        with self.lock:
            self.templates[name] = properties
        return {"name": name, "selfLink": API + "projects/%s/global/instanceTemplates/%s" % (
            self.config["project"], name)}

    def template(self, name):
        with self.lock:
            if name not in self.templates:
                raise ApiError(404, "notFound", "The resource 'projects/%s/global/instanceTemplates/%s' was not found"
                               % (self.config["project"], name))
            return self.templates[name]

    def forget_template(self, name, expected=None):
        """Forgets a template; with `expected`, only while it still has those properties (a
        template replaced create-before-destroy is registered anew before the old one goes)."""
        with self.lock:
            if expected is not None and name in self.templates and self.templates[name] != expected:
                return {"kept": name}
            if self.templates.pop(name, None) is None:
                raise ApiError(404, "notFound", "The resource 'projects/%s/global/instanceTemplates/%s' was not found"
                               % (self.config["project"], name))
        return {}

    # --- failures ----------------------------------------------------------------------------
    def add_failure(self, rule):
        unknown = set(rule) - {"zone", "name_regex", "template", "count", "error"}
        if unknown or rule.get("error") not in FAILURE_MESSAGES:
            raise ApiError(400, "invalid", "failure rule fields: zone, name_regex, template, count "
                           "(N or 'always'), error (one of %s)" % ", ".join(sorted(FAILURE_MESSAGES)))
        count = rule.get("count", 1)
        if count != "always" and not (isinstance(count, int) and count > 0):
            raise ApiError(400, "invalid", "count must be a positive number or 'always'")
        re.compile(rule.get("name_regex", ""))
        with self.lock:
            self.failures.append(dict(rule, count=count))
        return {"failures": self.failures}

    def clear_failures(self):
        with self.lock:
            self.failures = []
        return {"failures": []}

    def injected_failure(self, name, zone, template):
        for rule in self.failures:
            if rule.get("zone", zone) != zone or rule.get("template", template) != template:
                continue
            if not re.fullmatch(rule.get("name_regex", ".*"), name):
                continue
            if rule["count"] != "always":
                rule["count"] -= 1
                if rule["count"] == 0:
                    self.failures.remove(rule)
            return rule["error"]
        return None

    # --- instances ---------------------------------------------------------------------------
    def properties_of(self, request):
        """What the instance takes from its template or from the request's own properties, in
        Terraform's shape: machine_type, metadata, labels, service_account, tags."""
        if request.get("template"):
            project, name = template_name(request["template"])
            self.check_project(project)
            return name, self.template(name)
        if isinstance(request.get("properties"), dict):
            return None, request["properties"]
        raise ApiError(400, "invalid", "an instance needs a template or properties")

    def create(self, request):
        name, zone = request.get("name", ""), request.get("zone", "")
        if not re.fullmatch(r"[a-z]([-a-z0-9]{0,61}[a-z0-9])?", name):
            raise ApiError(400, "invalid", "Invalid value for field 'resource.name': '%s'." % name)
        self.check_project(request.get("project"))
        self.check_zone(zone)
        template, properties = self.properties_of(request)
        with self.lock:
            if name in self.instances:
                raise ApiError(409, "alreadyExists", "The resource 'projects/%s/zones/%s/instances/%s' already exists"
                               % (self.config["project"], self.instances[name]["zone"], name))
            error = self.injected_failure(name, zone, template)
            if error:
                self.log("fail", name=name, zone=zone, template=template, ip=None, reason=error)
                raise ApiError(503, error, FAILURE_MESSAGES[error].format(
                    zone="projects/%s/zones/%s" % (self.config["project"], zone), region=self.config["region"]))
            record = self.record(name, zone, template, properties)
            self.instances[name] = record
            self.next_index += 1
        self.write_record(record)
        self.log("create", name=name, zone=zone, template=template, ip=record["ip"], reason=None)
        result = subprocess.run([self.runtime, "boot", self.work, name], stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            reason = "%s boot exited %d" % (os.path.basename(self.runtime), result.returncode)
            self.log("fail", name=name, zone=zone, template=template, ip=record["ip"], reason=reason)
            self.remove(name)
            raise ApiError(500, "bootFailed", "instance %s did not boot: %s" % (name, reason))
        with self.lock:
            record["status"] = "RUNNING"
        self.write_record(record)
        self.log("boot", name=name, zone=zone, template=template, ip=record["ip"], reason=None)
        return self.resource(record)

    def record(self, name, zone, template, properties):
        project = self.config["project"]
        return dict(self.configurable(properties), **{
            "name": name, "index": self.next_index, "ip": self.allocate_ip(), "zone": zone, "project": project,
            "hostname": name, "fqdn": "%s.%s.c.%s.internal" % (name, zone, project), "template": template,
            # A stable number per name and creation, as Compute Engine gives every instance an id.
            "id": str(int(hashlib.sha256(("%s/%d" % (name, self.next_index)).encode()).hexdigest()[:15], 16)),
            "status": "PROVISIONING",
        })

    @staticmethod
    def configurable(properties):
        """The instance's fields that come from Terraform properties (a template's or its own)."""
        account = first(properties.get("service_account"))
        metadata = dict(properties.get("metadata") or {})
        if properties.get("metadata_startup_script"):
            metadata["startup-script"] = properties["metadata_startup_script"]
        return {
            "machine_type": basename(properties.get("machine_type") or "n1-standard-1"),
            "metadata": {k: str(v) for k, v in metadata.items()},
            "labels": dict(properties.get("labels") or {}),
            # Empty means the project's default compute service account (twin_secrets resolves it).
            "service_account": account.get("email") or "",
            "scopes": list(account.get("scopes") or []),
            "tags": list(properties.get("tags") or []),
        }

    def write_record(self, record):
        folder = os.path.join(self.work, "instances", record["name"])
        os.makedirs(folder, exist_ok=True)
        with self.lock:
            text = json.dumps(record, indent=1, sort_keys=True)
        with open(os.path.join(folder, "instance.json.new"), "w") as fh:
            fh.write(text + "\n")
        os.replace(os.path.join(folder, "instance.json.new"), os.path.join(folder, "instance.json"))
        if os.path.exists(os.path.join(folder, "deleted")):
            os.remove(os.path.join(folder, "deleted"))

    def update(self, zone, name, properties):
        """Terraform's in-place update of an instance: metadata, labels, tags, service account."""
        record = self.find(zone, name)
        with self.lock:
            record.update(self.configurable(properties))
        self.write_record(record)
        return self.resource(record)

    def find(self, zone, name):
        self.check_zone(zone)
        with self.lock:
            record = self.instances.get(name)
            if record is None or record["zone"] != zone:
                raise ApiError(404, "notFound", "The resource 'projects/%s/zones/%s/instances/%s' was not found"
                               % (self.config["project"], zone, name))
            return record

    def delete(self, zone, name):
        record = self.find(zone, name)
        with self.lock:
            if record.get("status") == "STOPPING":
                raise ApiError(409, "resourceNotReady", "The resource '%s' is not ready" % name)
            record["status"] = "STOPPING"
        self.remove(name)
        self.log("delete", name=name, zone=zone, template=record["template"], ip=record["ip"], reason=None)
        return self.resource(record)

    def remove(self, name):
        """Runs the runtime's delete and forgets the instance; its folder keeps console and logs."""
        result = subprocess.run([self.runtime, "delete", self.work, name], stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise ApiError(500, "deleteFailed", "%s delete %s exited %d" % (self.runtime, name, result.returncode))
        with self.lock:
            self.instances.pop(name, None)
        open(os.path.join(self.work, "instances", name, "deleted"), "w").close()

    def listing(self, zone=None):
        if zone:
            self.check_zone(zone)
        with self.lock:
            chosen = [r for r in self.instances.values() if zone in (None, r["zone"])]
        return {"items": [self.resource(r) for r in sorted(chosen, key=lambda r: (r["zone"], r["name"]))]}

    def by_ip(self, ip):
        with self.lock:
            for record in self.instances.values():
                if record["ip"] == ip:
                    return record
        return None

    def resource(self, record):
        """The instance as Compute Engine's API shows it (the fields gcloud's formats read)."""
        project, zone = self.config["project"], record["zone"]
        zone_link = API + "projects/%s/zones/%s" % (project, zone)
        subnet = API + "projects/%s/regions/%s/subnetworks/%s" % (project, self.config["region"],
                                                                  self.config.get("subnet_name", "default"))
        return {
            "kind": "compute#instance", "id": record["id"], "name": record["name"], "zone": zone_link,
            "selfLink": zone_link + "/instances/" + record["name"], "status": record["status"],
            "machineType": zone_link + "/machineTypes/" + record["machine_type"],
            "hostname": record["fqdn"],
            "labels": dict(record["labels"]),
            "tags": {"items": list(record["tags"])},
            "metadata": {"items": [{"key": k, "value": v} for k, v in sorted(record["metadata"].items())]},
            "networkInterfaces": [{"name": "nic0", "networkIP": record["ip"], "subnetwork": subnet}],
            "serviceAccounts": [{"email": record["service_account"] or self.default_account(), "scopes": record["scopes"]}],
            "sourceInstanceTemplate": (API + "projects/%s/global/instanceTemplates/%s" % (project, record["template"])
                                       if record["template"] else None),
        }
