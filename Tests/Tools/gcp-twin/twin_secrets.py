"""The twin's Secret Manager (HTTPS on the services address, certificate for
secretmanager.googleapis.com from the twin's own CA) and the IAM it enforces.

Secrets and their IAM members come from Terraform (the tf-hook registers google_secret_manager_secret
and google_secret_manager_secret_iam_member). A caller is known by the access token the metadata
server gave its instance; it may access a secret when one of the secret's members for
roles/secretmanager.secretAccessor (add a version: secretVersionAdder) is serviceAccount:<its email>.

An instance's email is its explicit service account, else the project's default compute account.
Terraform names that account through the data source google_compute_default_service_account,
whose value the hook never sees; it reaches the twin only inside the IAM members that use it. So the
default account is the one `serviceAccount:*-compute@developer.gserviceaccount.com` member the
registered IAM names; with none (or several different ones, which one project cannot have) it is
<project_number from twin.json>-compute@developer.gserviceaccount.com.
"""
import base64
import http.server
import json
import os
import re
import ssl
import subprocess
import threading
import time

from twin_compute import ApiError, append_json
from twin_metadata import token_of

ROLES = {"access": {"roles/secretmanager.secretAccessor", "roles/secretmanager.admin"},
         "add": {"roles/secretmanager.secretVersionAdder", "roles/secretmanager.admin"}}
DEFAULT_ACCOUNT = re.compile(r"serviceAccount:([0-9]+-compute@developer\.gserviceaccount\.com)")


def make_certificates(folder):
    """A CA and a server certificate for secretmanager.googleapis.com signed by it (openssl)."""
    os.makedirs(folder, exist_ok=True)
    key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    path = lambda name: os.path.join(folder, name)  # noqa: E731
    with open(path("server.ext"), "w") as fh:
        fh.write("basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
                 "subjectAltName=DNS:secretmanager.googleapis.com\n")
    for command in (
            ["req", "-x509", *key, "-keyout", path("ca.key"), "-out", path("ca.crt"), "-days", "30",
             "-subj", "/CN=hpcc Google Cloud twin CA", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req", *key, "-keyout", path("server.key"), "-out", path("server.csr"),
             "-subj", "/CN=secretmanager.googleapis.com"],
            ["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.crt"), "-CAkey", path("ca.key"),
             "-set_serial", "2", "-days", "30", "-extfile", path("server.ext"), "-out", path("server.crt")]):
        subprocess.run(["openssl", *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Secrets:
    def __init__(self, config, compute):
        self.config, self.compute = config, compute
        self.lock = threading.Lock()
        self.secrets = {}   # secret id -> list of base64 payloads (version N is element N-1)
        self.members = set()  # (secret id, role, member) registered by Terraform

    # --- Terraform's side (via the API) ------------------------------------------------------
    def secret_id(self, reference, project=None):
        """A secret is named `S` (with its project beside) or `projects/P/secrets/S`; P is the
        project's id or number."""
        match = re.fullmatch(r"(?:projects/([^/]+)/secrets/)?([A-Za-z0-9_-]+)", reference or "")
        if not match:
            raise ApiError(400, "invalid", "Invalid secret name '%s'" % reference)
        if (match.group(1) or project) not in (None, "", self.config["project"], str(self.config["project_number"])):
            raise ApiError(404, "notFound", "Project %s is not this twin's" % (match.group(1) or project))
        return match.group(2)

    def register(self, body):
        name = self.secret_id(body.get("secret"), body.get("project"))
        with self.lock:
            self.secrets.setdefault(name, [])
        return {"secret": name}

    def forget(self, body):
        name = self.secret_id(body.get("secret"), body.get("project"))
        with self.lock:
            self.secrets.pop(name, None)
            self.members = {m for m in self.members if m[0] != name}
        return {}

    def grant(self, body, granted=True):
        key = (self.secret_id(body.get("secret"), body.get("project")), body.get("role"), body.get("member"))
        with self.lock:
            self.members = set(self.members) | {key} if granted else set(self.members) - {key}
        return {"members": len(self.members)}

    def default_account(self):
        with self.lock:
            found = {m.group(1) for _, _, member in self.members for m in [DEFAULT_ACCOUNT.fullmatch(member or "")] if m}
        if len(found) == 1:
            return found.pop()
        return "%s-compute@developer.gserviceaccount.com" % self.config["project_number"]

    # --- the instances' side (HTTPS) ---------------------------------------------------------
    def caller(self, authorization):
        token = authorization[len("Bearer "):] if authorization.startswith("Bearer ") else ""
        with self.compute.lock:
            for record in self.compute.instances.values():
                if token and token == token_of(record, self.config["tag"]):
                    return record
        return None

    def call(self, method, path, authorization, body):
        """(status, reply, principal) of one REST call."""
        record = self.caller(authorization)
        if record is None:
            return 401, error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."), None
        email = record["service_account"] or self.default_account()
        match = re.fullmatch(r"/v1/projects/([^/]+)/secrets/([^/:]+)(?:/versions/(latest|[0-9]+):access|(:addVersion))",
                             path)
        verb = "access" if match and match.group(3) and method == "GET" else \
            "add" if match and match.group(4) and method == "POST" else None
        if verb is None:
            return 404, error(404, "NOT_FOUND", "hpcc twin: no Secret Manager call %s %s" % (method, path)), email
        project, name = match.group(1), match.group(2)
        resource = "projects/%s/secrets/%s" % (self.config["project_number"], name)
        if project not in (self.config["project"], str(self.config["project_number"])) or name not in self.secrets:
            return 404, error(404, "NOT_FOUND", "Secret [%s] not found or has no versions." % resource), email
        with self.lock:
            allowed = any((name, role, "serviceAccount:" + email) in self.members for role in ROLES[verb])
            if not allowed:
                permission = "secretmanager.versions.access" if verb == "access" else "secretmanager.versions.add"
                return 403, error(403, "PERMISSION_DENIED", "Permission '%s' denied for resource '%s' (or it may not "
                                  "exist)." % (permission, resource)), email
            versions = self.secrets[name]
            if verb == "add":
                data = json.loads(body or b"{}").get("payload", {}).get("data")
                try:
                    base64.b64decode(data or "", validate=True)
                except ValueError:
                    return 400, error(400, "INVALID_ARGUMENT", "payload.data is not base64"), email
                versions.append(data)
                return 200, {"name": "%s/versions/%d" % (resource, len(versions)), "state": "ENABLED"}, email
            number = len(versions) if match.group(3) == "latest" else int(match.group(3))
            if not 1 <= number <= len(versions):
                return 404, error(404, "NOT_FOUND", "Secret Version [%s/versions/%s] not found." % (
                    resource, match.group(3))), email
            return 200, {"name": "%s/versions/%d" % (resource, number), "payload": {"data": versions[number - 1]}}, email


def error(code, status, message):
    return {"error": {"code": code, "message": message, "status": status}}


class SecretsHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def handle_call(self):
        twin = self.server.twin
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, reply, principal = twin.secrets.call(self.command, self.path, self.headers.get("Authorization", ""), body)
        append_json(os.path.join(twin.work, "log", "secrets.jsonl"),
                    {"t": round(time.time(), 3), "method": self.command, "path": self.path,
                     "principal": principal, "status": status}, twin.log_lock)
        data = json.dumps(reply).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = handle_call


class SecretsServer(http.server.ThreadingHTTPServer):
    """TLS is negotiated in each request's thread, so a client that stalls in the handshake holds
    up only itself."""
    daemon_threads = True

    def __init__(self, address, twin):
        self.twin = twin
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(os.path.join(twin.work, "ca", "server.crt"),
                                     os.path.join(twin.work, "ca", "server.key"))
        super().__init__((address, 443), SecretsHandler)

    def finish_request(self, request, client_address):
        try:
            request = self.context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError) as failure:
            print("secret manager: TLS handshake with %s failed: %s" % (client_address[0], failure), flush=True)
            return
        super().finish_request(request, client_address)
