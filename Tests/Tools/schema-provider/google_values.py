"""What the Google stand-in answers for values only the cloud knows.

Applying a resource leaves attributes the configuration did not set unknown
until the provider fills them. These rules fill them the way Google would,
deterministically (the same configuration always gets the same values): ids
are resource paths, self links are API URLs, instances get an address in their
subnetwork's range, Filestore and Lustre get private addresses, storage objects
get the real digests of their content. What no rule covers gets the zero value
of its type (lifecycle.zero_value).

The schema extract (from cdktf bindings) marks only computed-only attributes
as computed; the real provider also computes many optional ones when the
configuration leaves them out. OPTIONAL_COMPUTED restores those this stand-in
fills, so that Terraform lets the provider set them.
"""
import base64
import hashlib
import ipaddress
import os
import string
import threading
import urllib.parse

from cty_codec import UNKNOWN

TIMESTAMP = "2025-01-01T00:00:00.000Z"  # every "created at" the stand-in reports
COMPUTE_API = "https://www.googleapis.com/compute/v1/"
STORAGE_API = "https://www.googleapis.com/storage/v1/"
SQL_API = "https://sqladmin.googleapis.com/sql/v1beta4/"

# Optional attributes that the real provider computes when they are not set.
# "*" applies to every resource and data source type (top level only).
OPTIONAL_COMPUTED = {
    "*": ("id", "project", "region", "zone"),
    "google_compute_instance": ("network_interface.network_ip",),
    "google_compute_instance_from_template": ("network_interface.network_ip",),
    "google_compute_instance_template": ("name",),
    "google_compute_address": ("address",),
    "google_compute_global_address": ("address",),
    "google_filestore_instance": ("networks.reserved_ip_range",),
    "google_sql_database_instance": ("name",),
    "data.google_compute_subnetwork": ("name", "self_link"),
}

# The extract does not say which attributes are write-only (never stored, so a
# value that changes every run, like a generated password, plans no change);
# Google's provider names every one of them with this suffix.
WRITE_ONLY_SUFFIX = "_wo"

# Types whose nested blocks the real provider fills when the configuration has
# none (an instance from a template takes the template's disks, interfaces...).
# A block the state has and the configuration lacks is kept when planning.
COMPUTED_BLOCKS = ("google_compute_instance_from_template",)

# Resource paths (the `id` Google returns); {field} is the object's own value,
# project/region/zone fall back to the provider configuration.
RESOURCE_PATHS = {
    "google_compute_instance": "projects/{project}/zones/{zone}/instances/{name}",
    "google_compute_instance_from_template": "projects/{project}/zones/{zone}/instances/{name}",
    "google_compute_instance_template": "projects/{project}/global/instanceTemplates/{name}",
    "google_compute_network": "projects/{project}/global/networks/{name}",
    "google_compute_subnetwork": "projects/{project}/regions/{region}/subnetworks/{name}",
    "google_compute_address": "projects/{project}/regions/{region}/addresses/{name}",
    "google_compute_global_address": "projects/{project}/global/addresses/{name}",
    "google_compute_firewall": "projects/{project}/global/firewalls/{name}",
    "google_compute_router": "projects/{project}/regions/{region}/routers/{name}",
    "google_compute_router_nat": "{project}/{region}/{router}/{name}",
    "google_compute_disk": "projects/{project}/zones/{zone}/disks/{name}",
    "google_compute_resource_policy": "projects/{project}/regions/{region}/resourcePolicies/{name}",
    "google_filestore_instance": "projects/{project}/locations/{location}/instances/{name}",
    "google_lustre_instance": "projects/{project}/locations/{location}/instances/{instance_id}",
    "google_workbench_instance": "projects/{project}/locations/{location}/instances/{name}",
    "google_storage_bucket": "{name}",
    "google_storage_bucket_object": "{bucket}-{name}",
    "google_secret_manager_secret": "projects/{project}/secrets/{secret_id}",
    "google_secret_manager_secret_version": "{secret}/versions/1",
    "google_secret_manager_secret_iam_member": "{secret_id}/{role}/{member}",
    "google_project_iam_member": "{project}/{role}/{member}",
    "google_service_account": "projects/{project}/serviceAccounts/{account_id}@{project}.iam.gserviceaccount.com",
    "google_pubsub_topic": "projects/{project}/topics/{name}",
    "google_service_networking_connection": "{network}:{service}",
    "google_sql_database_instance": "{name}",
    "google_sql_database": "projects/{project}/instances/{instance}/databases/{name}",
    "google_sql_user": "{name}//{instance}",
    "data.google_compute_network": "projects/{project}/global/networks/{name}",
    "data.google_compute_subnetwork": "projects/{project}/regions/{region}/subnetworks/{name}",
    "data.google_compute_default_service_account":
        "projects/{project}/serviceAccounts/{project_number}-compute@developer.gserviceaccount.com",
}

# Fixed answers by attribute name, for any type.
NAMED_VALUES = {
    "creation_timestamp": TIMESTAMP, "create_time": TIMESTAMP, "update_time": TIMESTAMP,
    "time_created": TIMESTAMP, "updated": TIMESTAMP,
    "current_status": "RUNNING", "state": "READY", "cpu_platform": "Intel Cascade Lake",
}


def digest(text_bytes):
    """GCS's digests of an object's bytes: md5 (base64 and hex) and crc32c (base64)."""
    md5 = hashlib.md5(text_bytes)
    crc = crc32c(text_bytes).to_bytes(4, "big")
    return {"md5hash": base64.b64encode(md5.digest()).decode(), "md5hexhash": md5.hexdigest(),
            "crc32c": base64.b64encode(crc).decode()}


def _crc32c_table():
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1  # Castagnoli, reflected
        table.append(crc)
    return table


_CRC32C = _crc32c_table()


def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc = _CRC32C[(crc ^ byte) & 0xFF] ^ (crc >> 8)
    return crc ^ 0xFFFFFFFF


def object_bytes(obj):
    """The bytes a google_storage_bucket_object uploads, or None while unknown
    (source is read relative to terraform's working directory, our cwd)."""
    content, source = obj.get("content"), obj.get("source")
    if isinstance(content, str):
        return content.encode()
    if isinstance(source, str):
        with open(source, "rb") as f:
            return f.read()
    return None


def number(seed, digits):
    """A deterministic decimal number of `digits` digits (no leading zero)."""
    value = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    low = 10 ** (digits - 1)
    return low + value % (9 * low)


def project_number(project):
    override = os.environ.get("SCHEMA_PROVIDER_PROJECT_NUMBER")
    return int(override) if override else number("project:" + (project or ""), 12)


def _known(value):
    return isinstance(value, (str, int, float)) and value != ""


class Addresses:
    """Private addresses handed out by this provider process, so that two
    instances in one subnetwork do not share one. Subnetwork ranges are learnt
    from the subnetworks this process applies, reads or refreshes."""

    def __init__(self):
        self.lock = threading.Lock()
        self.ranges = {}  # subnetwork reference (self link, id, name) -> CIDR
        self.taken = set()

    @staticmethod
    def _keys(reference):
        path = reference[len(COMPUTE_API):] if reference.startswith(COMPUTE_API) else reference
        return {reference, path, path.rsplit("/", 1)[-1]}

    def note(self, type_name, obj):
        """Remember what a known state tells about addresses in use."""
        if not isinstance(obj, dict):
            return
        with self.lock:
            cidr = obj.get("ip_cidr_range")
            if type_name.endswith("google_compute_subnetwork") and _known(cidr):
                for field in ("self_link", "id", "name"):
                    if _known(obj.get(field)):
                        for key in self._keys(obj[field]):
                            self.ranges[key] = cidr
            for interface in obj.get("network_interface") or ():
                if isinstance(interface, dict) and _known(interface.get("network_ip")):
                    self.taken.add(interface["network_ip"])

    def host(self, subnetwork, seed):
        """An unused address in the subnetwork's range (or, when the range was
        never seen, in a /24 of 10.0.0.0/8 chosen by the subnetwork's name),
        skipping network, gateway (.1) and broadcast addresses."""
        with self.lock:
            reference = subnetwork if _known(subnetwork) else "default"
            cidr = next((self.ranges[k] for k in self._keys(reference) if k in self.ranges), None)
            if cidr is None:
                n = number("subnet:" + reference.rsplit("/", 1)[-1], 6)
                cidr = "10.%d.%d.0/24" % (n % 256, n // 256 % 256)
            network = ipaddress.ip_network(cidr, strict=False)
            usable = network.num_addresses - 3
            start = number("host:" + seed, 12)
            for step in range(usable):
                address = str(network.network_address + 2 + (start + step) % usable)
                if address not in self.taken:
                    self.taken.add(address)
                    return address
            raise RuntimeError("schema-provider: subnetwork range %s is full" % cidr)


ADDRESSES = Addresses()


def private_address(seed, last):
    """An address of a Google-managed service in a private services range."""
    n = number("service:" + seed, 6)
    return "10.%d.%d.%d" % (100 + n % 100, n // 100 % 256, last)


class Resource:
    """One object being filled: its type, its values so far, the provider's
    configuration (project, region, zone defaults)."""

    def __init__(self, type_name, obj, provider):
        self.type_name, self.obj, self.provider = type_name, obj, provider

    def get(self, field):
        value = self.obj.get(field)
        if _known(value):
            return str(value)
        if field in ("project", "region", "zone") and _known(self.provider.get(field)):
            return self.provider[field]
        if field == "region" and _known(self.get("zone")):
            return self.get("zone").rsplit("-", 1)[0]
        if field == "location":
            return self.get("zone") or self.get("region")
        if field == "name" and _known(self.obj.get("self_link")):
            return self.obj["self_link"].rsplit("/", 1)[-1]
        if field == "project_number":
            return str(project_number(self.get("project")))
        return ""

    def seed(self):
        """Identity for derived values: the object's known, simple top-level values."""
        parts = sorted("%s=%s" % (k, v) for k, v in self.obj.items() if _known(v) or isinstance(v, bool))
        return self.type_name + "|" + "|".join(parts)

    def path(self):
        template = RESOURCE_PATHS.get(self.type_name)
        if template is None:  # a type without a rule: still a unique, stable path
            kind = self.type_name.split(".")[-1].replace("google_", "")
            name = self.get("name") or str(number(self.seed(), 10))
            return "projects/%s/%ss/%s" % (self.get("project"), kind, name)
        fields = {f: self.get(f) for f in _fields(template)}
        return template.format(**fields)

    def self_link(self):
        if self.type_name.split(".")[-1].startswith("google_compute_"):
            return COMPUTE_API + self.path()
        return None


def _fields(template):
    return [f for _, f, _, _ in string.Formatter().parse(template) if f]


def _object_link(r):
    return "%sb/%s/o/%s" % (STORAGE_API, r.get("bucket"), urllib.parse.quote(r.get("name"), safe=""))


def _object_generation(r):
    data = object_bytes(r.obj)
    return number("generation:" + (digest(data)["md5hexhash"] if data is not None else r.seed()), 16)


def _default_sa_email(r):
    return "%s-compute@developer.gserviceaccount.com" % r.get("project_number")


def _account_email(r):
    return "%s@%s.iam.gserviceaccount.com" % (r.get("account_id"), r.get("project"))


def _gateway(r):
    cidr = r.get("ip_cidr_range")
    return str(ipaddress.ip_network(cidr, strict=False).network_address + 1) if cidr else ""


def _address(r):
    if r.get("address_type") == "INTERNAL" and r.get("subnetwork"):
        return ADDRESSES.host(r.get("subnetwork"), r.seed())
    if r.get("purpose") == "VPC_PEERING":  # a private services range
        return "10.%d.0.0" % (200 + number("range:" + r.seed(), 4) % 50)
    n = number("external:" + r.seed(), 6)
    return "34.%d.%d.%d" % (n % 256, n // 256 % 256, 2 + n // 65536 % 250)


def _lustre_mount(r):
    return "%s@tcp:/%s" % (private_address(r.path(), 3), r.get("filesystem"))


# (type or "*", dotted attribute path) -> function(resource, element) giving the value.
RULES = {
    ("*", "id"): lambda r, e: r.path(),
    ("*", "self_link"): lambda r, e: r.self_link(),
    ("*", "project"): lambda r, e: r.get("project"),
    ("*", "region"): lambda r, e: r.get("region"),
    ("*", "zone"): lambda r, e: r.get("zone"),
    ("*", "effective_labels"): lambda r, e: dict(r.obj.get("labels") or {}),
    ("*", "terraform_labels"): lambda r, e: dict(r.obj.get("labels") or {}),
    ("*", "effective_annotations"): lambda r, e: dict(r.obj.get("annotations") or {}),
    ("*", "numeric_id"): lambda r, e: str(number("id:" + r.path(), 19)),
    ("*", "network_id"): lambda r, e: str(number("id:" + r.path(), 19)),
    ("*", "instance_id"): lambda r, e: str(number("id:" + r.path(), 19)),
    ("*", "label_fingerprint"): lambda r, e: _fingerprint(r, "labels"),
    ("*", "metadata_fingerprint"): lambda r, e: _fingerprint(r, "metadata"),
    ("*", "tags_fingerprint"): lambda r, e: _fingerprint(r, "tags"),
    ("*", "fingerprint"): lambda r, e: _fingerprint(r, ""),
    ("*", "network_interface.network_ip"): lambda r, e: ADDRESSES.host(e.get("subnetwork"), r.path()),
    ("*", "network_interface.name"): lambda r, e: "nic0",
    ("google_compute_subnetwork", "gateway_address"): lambda r, e: _gateway(r),
    ("google_compute_subnetwork", "subnetwork_id"): lambda r, e: number("id:" + r.path(), 15),
    ("data.google_compute_subnetwork", "gateway_address"): lambda r, e: _gateway(r),
    ("data.google_compute_subnetwork", "ip_cidr_range"): lambda r, e: "10.0.0.0/16",
    ("data.google_compute_subnetwork", "network"):
        lambda r, e: COMPUTE_API + "projects/%s/global/networks/default" % r.get("project"),
    ("google_compute_network", "gateway_ipv4"): lambda r, e: "",
    ("google_compute_instance_template", "name"): lambda r, e: (r.get("name_prefix") or "tf-")
        + "%026d" % number("template:" + r.seed(), 26),
    ("google_compute_instance_template", "self_link_unique"):
        lambda r, e: "%s?uniqueId=%d" % (r.self_link(), number("id:" + r.path(), 19)),
    ("google_compute_address", "address"): lambda r, e: _address(r),
    ("google_compute_global_address", "address"): lambda r, e: _address(r),
    ("google_filestore_instance", "networks.ip_addresses"): lambda r, e: [private_address(r.path(), 2)],
    ("google_filestore_instance", "networks.reserved_ip_range"): lambda r, e: "%s/29" % private_address(r.path(), 0),
    ("google_lustre_instance", "mount_point"): lambda r, e: _lustre_mount(r),
    ("google_lustre_instance", "name"): lambda r, e: r.path(),
    ("google_lustre_instance", "state"): lambda r, e: "ACTIVE",
    ("google_storage_bucket", "url"): lambda r, e: "gs://" + r.get("name"),
    ("google_storage_bucket", "self_link"): lambda r, e: STORAGE_API + "b/" + r.get("name"),
    ("google_storage_bucket", "project_number"): lambda r, e: project_number(r.get("project")),
    ("google_storage_bucket_object", "self_link"): lambda r, e: _object_link(r),
    ("google_storage_bucket_object", "media_link"): lambda r, e: "%s?generation=%d&alt=media" % (
        _object_link(r).replace(STORAGE_API, "https://storage.googleapis.com/download/storage/v1/"),
        _object_generation(r)),
    ("google_storage_bucket_object", "output_name"): lambda r, e: r.get("name"),
    ("google_storage_bucket_object", "generation"): lambda r, e: _object_generation(r),
    ("google_secret_manager_secret", "name"): lambda r, e: "projects/%s/secrets/%s" % (
        r.get("project_number"), r.get("secret_id")),
    ("google_secret_manager_secret_version", "name"): lambda r, e: r.path(),
    ("google_secret_manager_secret_version", "version"): lambda r, e: "1",
    ("google_service_account", "email"): lambda r, e: _account_email(r),
    ("google_service_account", "member"): lambda r, e: "serviceAccount:" + _account_email(r),
    ("google_service_account", "name"): lambda r, e: r.path(),
    ("google_service_account", "unique_id"): lambda r, e: str(number("sa:" + r.path(), 21)),
    ("data.google_compute_default_service_account", "email"): lambda r, e: _default_sa_email(r),
    ("data.google_compute_default_service_account", "member"): lambda r, e: "serviceAccount:" + _default_sa_email(r),
    ("data.google_compute_default_service_account", "name"): lambda r, e: r.path(),
    ("data.google_compute_default_service_account", "unique_id"): lambda r, e: str(number("sa:" + r.path(), 21)),
    ("data.google_compute_default_service_account", "display_name"): lambda r, e: "Compute Engine default service account",
    ("google_sql_database_instance", "name"): lambda r, e: "tf-%d" % number("sql:" + r.seed(), 12),
    ("google_sql_database_instance", "private_ip_address"): lambda r, e: private_address(r.path(), 5),
    ("google_sql_database_instance", "connection_name"):
        lambda r, e: "%s:%s:%s" % (r.get("project"), r.get("region"), r.get("name")),
    ("google_sql_database_instance", "self_link"): lambda r, e: "%sprojects/%s/instances/%s" % (
        SQL_API, r.get("project"), r.get("name")),
    ("google_sql_database", "self_link"): lambda r, e: "%sprojects/%s/instances/%s/databases/%s" % (
        SQL_API, r.get("project"), r.get("instance"), r.get("name")),
    ("google_workbench_instance", "proxy_uri"): lambda r, e: "%x-dot-%s.notebooks.googleusercontent.com" % (
        number("proxy:" + r.path(), 15), r.get("location").rsplit("-", 1)[0]),
}

# Filled before the others, because paths and links are built from them.
FIRST = ("project", "region", "zone", "name")


def _fingerprint(r, field):
    return base64.b64encode(hashlib.sha256(repr((r.path(), r.obj.get(field))).encode()).digest()[:8]).decode()


def rule_for(type_name, dotted):
    """The rule for an attribute (dotted path below the top level), if any."""
    if (type_name, dotted) in RULES:
        return RULES[(type_name, dotted)]
    if ("*", dotted) in RULES:
        return RULES[("*", dotted)]
    last = dotted.rsplit(".", 1)[-1]
    if last in NAMED_VALUES:
        return lambda r, e: NAMED_VALUES[last]
    return None


def plan_object_digests(type_name, planned, prior):
    """A storage object's digests follow its content at plan time, so that a
    changed file plans an in-place update; generation and media link then
    change at apply. No-op for other types or content not known yet."""
    if type_name != "google_storage_bucket_object":
        return planned
    data = object_bytes(planned)
    if data is None:
        return planned
    planned = dict(planned, **digest(data))
    if prior is not None and prior.get("md5hash") != planned["md5hash"]:
        planned.update(generation=UNKNOWN, media_link=UNKNOWN)
    return planned
