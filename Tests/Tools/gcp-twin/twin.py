#!/usr/bin/env python3
"""The control plane of the Google Cloud twin (issue 21).

  twin.py up WORK --project P --region R --subnet CIDR [--zones Z1,Z2] [--project-number N]
                  [--subnet-name NAME] [--timer-scale X]
  twin.py down WORK

`up` makes two network namespaces, ${TAG}br (bridge br0, which instances join) and ${TAG}svc
(one port on the bridge holding the subnet's gateway address, which is also the services
address, and 169.254.169.254), a CA in WORK/ca, WORK/twin.json, and starts this file's server
(`twin.py serve WORK`, PID in WORK/twin.pid, output in WORK/log/twin.log). In ${TAG}svc it serves
DNS (UDP 53) and metadata (HTTP 80) on 169.254.169.254 and Secret Manager (HTTPS 443) on the
services address; its API is WORK/api.sock. `down` deletes every instance through the runtime,
stops the server by its PID and deletes the namespaces by name; WORK stays for the caller.

The instance runtime is $HPCC_TWIN_RUNTIME when set (tests), else instance.sh beside this file:
`RUNTIME boot WORK NAME` / `RUNTIME delete WORK NAME`, run in this machine's network namespace.

API (HTTP/1.0 over WORK/api.sock, JSON bodies and replies; errors are
{"error": {"code", "message", "errors": [{"reason", "message"}]}} as Compute Engine's):
  GET    /twin/state                           templates, instances, failures, secrets, addresses
  POST   /twin/failures                        {"zone"?, "name_regex"?, "template"?, "count": N|"always",
                                                "error": "ZONE_RESOURCE_POOL_EXHAUSTED"|"QUOTA_EXCEEDED"}
  DELETE /twin/failures                        forget every injected failure
  POST   /compute/templates                    Terraform properties of a google_compute_instance_template
  GET    /compute/templates/<name>             its Terraform properties
  DELETE /compute/templates/<name>             [{"if_properties": ...}: only while registered with those]
  POST   /compute/instances                    {"name", "zone", "project"?, "template": name or link
                                                | "properties": Terraform properties} -> the instance
  GET    /compute/instances[?zone=Z]           {"items": [instance, ...]} (sorted by zone, name)
  GET    /compute/instances/<zone>/<name>      the instance as Compute Engine shows it
  DELETE /compute/instances/<zone>/<name>
  POST   /compute/instances/<zone>/<name>/update  {"properties"}: new metadata, labels, tags, account
  POST   /compute/addresses                    {"owner": "filestore/NAME", "exports": [path, ...]} -> {"ip"}:
                                                a Filestore or Lustre server's address and export folders
  POST   /storage/buckets                      {"name"};  DELETE /storage/buckets/<name>
  POST   /storage/objects                      {"bucket", "name", "source": absolute path | "content": text}
  DELETE /storage/objects/<bucket>/<object name>
  POST   /secrets | /secrets/forget            {"secret": S or projects/P/secrets/S, "project"?}
  POST   /secrets/iam | /secrets/iam/revoke    {"secret", "project"?, "role", "member"}
  POST   /log/gcloud                           one gcloud call, appended to WORK/log/gcloud.jsonl
"""
import argparse
import ctypes
import http.client
import http.server
import ipaddress
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from twin_compute import ApiError, Compute, append_json  # noqa: E402
from twin_dns import DnsServer, Resolver  # noqa: E402
from twin_metadata import MetadataServer  # noqa: E402
from twin_secrets import Secrets, SecretsServer, make_certificates  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
METADATA_IP = "169.254.169.254"
# The twin project's number: the default compute service account is
# <number>-compute@developer.gserviceaccount.com unless Terraform's IAM names another (twin_secrets).
PROJECT_NUMBER = 123456789012


def tag_of(work):
    """Names of namespaces and interfaces: 'g' and the last five letters or digits of WORK's name
    (a temporary folder's random part), so parallel twins do not collide."""
    letters = re.sub(r"[^a-z0-9]", "", os.path.basename(os.path.normpath(work)).lower())
    return "g" + letters[-5:]


def run(*command):
    subprocess.run(command, check=True)


# --- the network -------------------------------------------------------------------------------
def make_network(config):
    tag, prefix = config["tag"], ipaddress.ip_network(config["subnet"]).prefixlen
    bridge, services = tag + "br", tag + "svc"
    for ns in (bridge, services):
        if os.path.exists("/var/run/netns/" + ns):
            raise SystemExit("twin.py: network namespace %s exists already" % ns)
    run("ip", "netns", "add", bridge)
    run("ip", "netns", "add", services)
    run("ip", "-n", bridge, "link", "add", "br0", "type", "bridge")
    run("ip", "-n", bridge, "link", "set", "br0", "up")
    # The pair is made inside the namespaces: nothing appears in this machine's own network.
    run("ip", "-n", services, "link", "add", "eth0", "type", "veth", "peer", "name", tag + "sva", "netns", bridge)
    run("ip", "-n", bridge, "link", "set", tag + "sva", "master", "br0", "up")
    run("ip", "-n", services, "addr", "add", "%s/%d" % (config["services_ip"], prefix), "dev", "eth0")
    run("ip", "-n", services, "addr", "add", METADATA_IP + "/32", "dev", "eth0")
    run("ip", "-n", services, "link", "set", "lo", "up")
    run("ip", "-n", services, "link", "set", "eth0", "up")


def remove_network(tag):
    """Deletes, by name, the twin's namespaces and any instance namespace a runtime left behind."""
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True).stdout.split("\n")
    names = [line.split()[0] for line in listed if line.strip()]
    for name in names:
        if re.fullmatch(re.escape(tag) + r"(i[0-9]+|br|svc)", name):
            subprocess.run(["ip", "netns", "del", name])


def setns(path):
    """Moves the calling thread into the network namespace at path (Python 3.11 has no os.setns)."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, 0x40000000) != 0:  # CLONE_NEWNET
            raise OSError(ctypes.get_errno(), "setns " + path)
    finally:
        os.close(fd)


# --- the API -----------------------------------------------------------------------------------
class Twin:
    def __init__(self, work):
        self.work = work
        with open(os.path.join(work, "twin.json")) as fh:
            self.config = json.load(fh)
        self.log_lock = threading.Lock()
        runtime = os.environ.get("HPCC_TWIN_RUNTIME") or os.path.join(HERE, "instance.sh")
        self.compute = Compute(work, self.config, runtime)
        self.secrets = Secrets(self.config, self.compute)
        self.compute.default_account = self.secrets.default_account

    def bucket_path(self, bucket, name=""):
        if not re.fullmatch(r"[a-z0-9][-a-z0-9_.]{1,221}[a-z0-9]", bucket or "") or ".." in name.split("/"):
            raise ApiError(400, "invalid", "Invalid bucket or object name '%s/%s'" % (bucket, name))
        return os.path.join(self.config["buckets"], bucket, name)

    def put_object(self, body):
        path = self.bucket_path(body.get("bucket"), body.get("name", ""))
        if not body.get("name") or body["name"].endswith("/"):
            raise ApiError(400, "invalid", "Invalid object name '%s'" % body.get("name"))
        if not os.path.isdir(self.bucket_path(body["bucket"])):
            raise ApiError(404, "notFound", "The specified bucket does not exist: %s" % body["bucket"])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        # Readers (an instance's config sync) see the old object or the new one, never half of it.
        staging = path + ".twin-upload"
        if "source" in body:
            shutil.copyfile(body["source"], staging)
        elif "content" in body:
            with open(staging, "w") as fh:
                fh.write(body["content"])
        else:
            raise ApiError(400, "invalid", "an object needs source or content")
        os.replace(staging, path)
        return {"bucket": body["bucket"], "name": body["name"], "size": os.path.getsize(path)}

    def delete_object(self, bucket, name):
        path = self.bucket_path(bucket, name)
        if not os.path.isfile(path):
            raise ApiError(404, "notFound", "No such object: %s/%s" % (bucket, name))
        os.remove(path)
        return {}

    def make_bucket(self, body):
        os.makedirs(self.bucket_path(body.get("name")), exist_ok=True)
        return {"name": body["name"]}

    def delete_bucket(self, bucket):
        path = self.bucket_path(bucket)
        if os.path.isdir(path):
            shutil.rmtree(path)
        return {}

    def address(self, body):
        owner = body.get("owner") or ""
        ip = self.compute.address_for(owner)
        for export in body.get("exports", []):
            os.makedirs(os.path.join(self.config["exports"], ip, export.strip("/")), exist_ok=True)
        return {"ip": ip}

    def state(self):
        compute = self.compute
        with compute.lock:
            return {"templates": sorted(compute.templates), "failures": list(compute.failures),
                    "instances": {n: dict(r) for n, r in sorted(compute.instances.items())},
                    "addresses": dict(compute.addresses),
                    "secrets": {n: len(v) for n, v in sorted(self.secrets.secrets.items())},
                    "secret_members": sorted(map(list, self.secrets.members)),
                    "default_service_account": self.secrets.default_account()}

    def log_gcloud(self, record):
        append_json(os.path.join(self.work, "log", "gcloud.jsonl"), record, self.log_lock)
        return {}

    def routes(self):
        c, s = self.compute, self.secrets
        return [
            ("GET", r"/twin/state", lambda m, q, b: self.state()),
            ("POST", r"/twin/failures", lambda m, q, b: c.add_failure(b)),
            ("DELETE", r"/twin/failures", lambda m, q, b: c.clear_failures()),
            ("POST", r"/compute/templates", lambda m, q, b: c.register_template(b)),
            ("GET", r"/compute/templates/([^/]+)", lambda m, q, b: c.template(m[1])),
            ("DELETE", r"/compute/templates/([^/]+)", lambda m, q, b: c.forget_template(m[1], b.get("if_properties"))),
            ("POST", r"/compute/instances", lambda m, q, b: c.create(b)),
            ("GET", r"/compute/instances", lambda m, q, b: c.listing(q.get("zone"))),
            ("GET", r"/compute/instances/([^/]+)/([^/]+)", lambda m, q, b: c.resource(c.find(m[1], m[2]))),
            ("DELETE", r"/compute/instances/([^/]+)/([^/]+)", lambda m, q, b: c.delete(m[1], m[2])),
            ("POST", r"/compute/instances/([^/]+)/([^/]+)/update", lambda m, q, b: c.update(m[1], m[2], b["properties"])),
            ("POST", r"/compute/addresses", lambda m, q, b: self.address(b)),
            ("POST", r"/storage/buckets", lambda m, q, b: self.make_bucket(b)),
            ("DELETE", r"/storage/buckets/([^/]+)", lambda m, q, b: self.delete_bucket(m[1])),
            ("POST", r"/storage/objects", lambda m, q, b: self.put_object(b)),
            ("DELETE", r"/storage/objects/([^/]+)/(.+)", lambda m, q, b: self.delete_object(m[1], m[2])),
            ("POST", r"/secrets", lambda m, q, b: s.register(b)),
            ("POST", r"/secrets/forget", lambda m, q, b: s.forget(b)),
            ("POST", r"/secrets/iam", lambda m, q, b: s.grant(b)),
            ("POST", r"/secrets/iam/revoke", lambda m, q, b: s.grant(b, granted=False)),
            ("POST", r"/log/gcloud", lambda m, q, b: self.log_gcloud(b)),
        ]


class ApiHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def address_string(self):
        return "api.sock"

    def dispatch(self):
        url = urllib.parse.urlsplit(self.path)
        path = urllib.parse.unquote(url.path)
        query = {k: v[-1] for k, v in urllib.parse.parse_qs(url.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length)) if length else {}
            for method, pattern, action in self.server.twin.routes():
                match = re.fullmatch(pattern, path)
                if match and method == self.command:
                    return self.reply(200, action(match, query, body))
            raise ApiError(404, "notFound", "hpcc twin API: no %s %s" % (self.command, path))
        except ApiError as failure:
            return self.reply(failure.status, {"error": {"code": failure.status, "message": failure.message,
                                                         "errors": [{"reason": failure.reason,
                                                                     "message": failure.message}]}})
        except (ValueError, KeyError, TypeError, OSError, re.error) as failure:
            return self.reply(400, {"error": {"code": 400, "message": "hpcc twin API: %s" % failure,
                                              "errors": [{"reason": "invalid", "message": str(failure)}]}})

    do_GET = do_POST = do_DELETE = dispatch

    def reply(self, status, obj):
        data = json.dumps(obj, sort_keys=True).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class ApiServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, path, twin):
        self.twin = twin
        super().__init__(path, ApiHandler)


def api_call(work, method, path, body=None, timeout=600):
    """One request to a running twin's API: (status, reply)."""
    connection = http.client.HTTPConnection("localhost", timeout=timeout)
    connection.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.sock.settimeout(timeout)
    connection.sock.connect(os.path.join(work, "api.sock"))
    data = json.dumps(body).encode() if body is not None else None
    connection.request(method, path, body=data, headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read() or b"null")


def serve(work):
    """The server: its listening sockets are made in ${TAG}svc, after which the process returns to
    this machine's namespace, so the runtime it starts sees the host's network (sockets keep the
    namespace they were made in)."""
    # Blocked before any thread starts, so only sigwait below receives them.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGINT})
    twin = Twin(work)
    config = twin.config
    home = "/proc/self/ns/net"
    home_fd = os.open(home, os.O_RDONLY)
    setns("/var/run/netns/%ssvc" % config["tag"])
    servers = [DnsServer(METADATA_IP, Resolver(config, twin.compute)), MetadataServer(METADATA_IP, twin),
               SecretsServer(config["services_ip"], twin)]
    setns("/proc/self/fd/%d" % home_fd)
    os.close(home_fd)
    servers.append(ApiServer(config["socket"], twin))
    # Any local user of an instance may call the API, as any user of a VM may use its service
    # account: slurmctld runs resume.sh and suspend.sh (and so gcloud) as SlurmUser, not root.
    os.chmod(config["socket"], 0o666)
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print("twin: serving %s" % work, flush=True)
    signal.sigwait({signal.SIGTERM, signal.SIGINT})
    os.remove(config["socket"])


# --- up and down -------------------------------------------------------------------------------
def up(args):
    work = os.path.abspath(args.work)
    subnet = ipaddress.ip_network(args.subnet)
    zones = args.zones.split(",") if args.zones else [args.region + "-" + z for z in "abcf"]
    config = {
        "tag": tag_of(work), "project": args.project, "project_number": args.project_number,
        "region": args.region, "zones": zones, "subnet": str(subnet), "subnet_name": args.subnet_name,
        "gateway": str(next(subnet.hosts())), "services_ip": str(next(subnet.hosts())), "metadata_ip": METADATA_IP,
        "socket": os.path.join(work, "api.sock"), "ca": os.path.join(work, "ca", "ca.crt"),
        "buckets": os.path.join(work, "buckets"), "exports": os.path.join(work, "exports"),
        "log": os.path.join(work, "log"), "timer_scale": args.timer_scale,
    }
    for folder in ("buckets", "exports", "log", "instances"):
        os.makedirs(os.path.join(work, folder), exist_ok=True)
    make_certificates(os.path.join(work, "ca"))
    with open(os.path.join(work, "twin.json"), "w") as fh:
        json.dump(config, fh, indent=1, sort_keys=True)
        fh.write("\n")
    try:
        make_network(config)
        with open(os.path.join(work, "log", "twin.log"), "a") as log:
            server = subprocess.Popen([sys.executable, os.path.abspath(__file__), "serve", work], stdin=subprocess.DEVNULL,
                                      stdout=log, stderr=log, start_new_session=True)
        with open(os.path.join(work, "twin.pid"), "w") as fh:
            fh.write("%d\n" % server.pid)
        for _ in range(100):
            if server.poll() is not None:
                raise SystemExit("twin.py: the server exited (%d); see %s/log/twin.log" % (server.returncode, work))
            try:
                if api_call(work, "GET", "/twin/state", timeout=2)[0] == 200:
                    print("twin up: %s (tag %s)" % (work, config["tag"]))
                    return 0
            except OSError:
                time.sleep(0.1)
        raise SystemExit("twin.py: the server does not answer on %s/api.sock" % work)
    except BaseException:
        down(argparse.Namespace(work=work))
        raise


def down(args):
    work = os.path.abspath(args.work)
    with open(os.path.join(work, "twin.json")) as fh:
        config = json.load(fh)
    stop_server(work)
    runtime = os.environ.get("HPCC_TWIN_RUNTIME") or os.path.join(HERE, "instance.sh")
    failed = []
    folder = os.path.join(work, "instances")
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if os.path.exists(os.path.join(folder, name, "instance.json")) and \
                not os.path.exists(os.path.join(folder, name, "deleted")):
            if subprocess.run([runtime, "delete", work, name], stdin=subprocess.DEVNULL).returncode == 0:
                open(os.path.join(folder, name, "deleted"), "w").close()
            else:
                failed.append(name)
    remove_network(config["tag"])
    if failed:
        raise SystemExit("twin.py: the runtime could not delete %s" % " ".join(failed))
    print("twin down: %s" % work)
    return 0


def stop_server(work):
    try:
        with open(os.path.join(work, "twin.pid")) as fh:
            pid = int(fh.read())
    except (OSError, ValueError):
        return
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        pass
    for _ in range(100):
        if gone(pid):
            break
        time.sleep(0.05)
    else:
        os.kill(pid, signal.SIGKILL)
    os.remove(os.path.join(work, "twin.pid"))


def gone(pid):
    """True once the process is no more (reaped here when up, its parent, is the caller)."""
    try:
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return True
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def main(argv):
    parser = argparse.ArgumentParser(prog="twin.py")
    verbs = parser.add_subparsers(dest="verb", required=True)
    start = verbs.add_parser("up")
    start.add_argument("work")
    start.add_argument("--project", required=True)
    start.add_argument("--region", required=True)
    start.add_argument("--subnet", required=True)
    start.add_argument("--zones")
    start.add_argument("--subnet-name", default="default")
    start.add_argument("--project-number", type=int, default=PROJECT_NUMBER)
    start.add_argument("--timer-scale", type=float, default=1.0)
    verbs.add_parser("down").add_argument("work")
    verbs.add_parser("serve").add_argument("work")
    args = parser.parse_args(argv)
    if args.verb == "serve":
        return serve(os.path.abspath(args.work))
    return up(args) if args.verb == "up" else down(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
