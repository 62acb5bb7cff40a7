"""The twin's metadata server on 169.254.169.254:80. Like Compute Engine's, it knows the caller by
the source address of the request (an instance reaches it only over its own interface), answers
only requests that carry `Metadata-Flavor: Google`, and answers 404 for a key that does not exist,
so `curl --fail` fails as it would on a VM. A query string the twin does not implement is refused
(400) rather than ignored.
"""
import hashlib
import http.server
import json
import os
import time
import urllib.parse

from twin_compute import append_json


def token_of(record, tag):
    """The instance's access token: opaque, stable for one instance's life, and mapped back to it."""
    return "ya29.twin-" + hashlib.sha256(("%s/%s/%s" % (tag, record["name"], record["id"])).encode()).hexdigest()[:32]


class MetadataHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, kind="application/text"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Metadata-Flavor", "Google")
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        twin = self.server.twin
        record = twin.compute.by_ip(self.client_address[0])
        url = urllib.parse.urlsplit(self.path)
        status, body, kind = self.lookup(twin, record, url)
        append_json(os.path.join(twin.work, "log", "metadata.jsonl"),
                    {"t": round(time.time(), 3), "instance": record["name"] if record else self.client_address[0],
                     "path": self.path, "status": status}, twin.log_lock)
        self.reply(status, body, kind)

    def lookup(self, twin, record, url):
        if self.headers.get("Metadata-Flavor") != "Google":
            return 403, "Missing Metadata-Flavor:Google header.\n", "text/plain"
        if record is None:
            return 403, "hpcc twin: %s is no instance of this twin\n" % self.client_address[0], "text/plain"
        query = urllib.parse.parse_qs(url.query)
        recursive = query.pop("recursive", ["false"]) == ["true"]
        if recursive and query.get("alt") == ["json"]:
            del query["alt"]
        if query:
            return 400, "hpcc twin: unsupported metadata query %s\n" % url.query, "text/plain"
        prefix = "/computeMetadata/v1/"
        if not url.path.startswith(prefix):
            return 404, "Not Found\n", "text/html"
        tree = self.tree(twin, record)
        node = tree
        for part in [p for p in url.path[len(prefix):].split("/") if p]:
            if not isinstance(node, dict) or part not in node:
                return 404, "Not Found\n", "text/html"
            node = node[part]
        if isinstance(node, dict):
            if recursive:
                return 200, json.dumps(node, sort_keys=True), "application/json"
            if not url.path.endswith("/"):
                # The real server redirects a directory without its slash; curl --fail sees 301.
                return 301, "", "text/html"
            return 200, "".join(k + ("/" if isinstance(v, dict) else "") + "\n" for k, v in sorted(node.items())), \
                "application/text"
        return 200, node, "application/json" if node.startswith("{") else "application/text"

    def tree(self, twin, record):
        project, number = twin.config["project"], str(twin.config["project_number"])
        email = record["service_account"] or twin.secrets.default_account()
        account = {"email": email, "aliases": "default\n", "scopes": "".join(s + "\n" for s in record["scopes"]),
                   "token": json.dumps({"access_token": token_of(record, twin.config["tag"]),
                                        "expires_in": 3599, "token_type": "Bearer"})}
        return {
            "instance": {
                "attributes": dict(record["metadata"]),
                "hostname": record["fqdn"], "name": record["name"], "id": record["id"],
                "zone": "projects/%s/zones/%s" % (number, record["zone"]),
                "machine-type": "projects/%s/machineTypes/%s" % (number, record["machine_type"]),
                "network-interfaces": {"0": {"ip": record["ip"]}},
                "service-accounts": {"default": account, email: account},
            },
            "project": {"project-id": project, "numeric-project-id": number, "attributes": {}},
        }


class MetadataServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, twin):
        self.twin = twin
        super().__init__((address, 80), MetadataHandler)
