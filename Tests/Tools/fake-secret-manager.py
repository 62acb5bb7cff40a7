#!/usr/bin/env python3
"""A stand-in for the Compute Engine metadata server (HTTP, port 80) and the Secret Manager
REST API (HTTPS, port 443) on 127.0.0.1, for auth-key-secret-run.sh, inside the network
namespace that script makes.

  fake-secret-manager.py STATE_DIR CERT KEY

The node being played is STATE_DIR/node: `<token> <create yes|no>`. The metadata server answers
that token and the attributes hpcc-auth-secret and hpcc-auth-key-create. Secret Manager knows one
secret, projects/demo/secrets/demo-munge-key: token `reader` may access it, `controller` may
access it and add versions, any other token gets 403. Every request is logged to STATE_DIR/log.
"""
import base64
import http.server
import json
import os
import ssl
import sys
import threading

STATE, CERT, KEY = sys.argv[1:4]
SECRET = "projects/demo/secrets/demo-munge-key"
versions = []
lock = threading.Lock()


def node():
    with open(os.path.join(STATE, "node")) as fh:
        token, create = fh.read().split()
    return token, create


def log(line):
    with lock, open(os.path.join(STATE, "log"), "a") as fh:
        fh.write(line + "\n")


class Metadata(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, status, body, kind="text/plain"):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.headers.get("Metadata-Flavor") != "Google":
            return self.reply(403, "missing Metadata-Flavor")
        token, create = node()
        base = "/computeMetadata/v1/instance/"
        if self.path == base + "service-accounts/default/token":
            return self.reply(200, json.dumps({"access_token": token, "expires_in": 3600}), "application/json")
        attributes = {"hpcc-auth-secret": SECRET, "hpcc-auth-key-create": create}
        name = self.path[len(base + "attributes/"):] if self.path.startswith(base + "attributes/") else None
        if name in attributes:
            return self.reply(200, attributes[name])
        return self.reply(404, "not found")


class SecretManager(Metadata):
    def caller(self):
        header = self.headers.get("Authorization", "")
        return header[len("Bearer "):] if header.startswith("Bearer ") else ""

    def do_GET(self):
        token = self.caller()
        log("GET %s %s" % (self.path, token))
        if self.path != "/v1/%s/versions/latest:access" % SECRET:
            return self.reply(404, json.dumps({"error": {"code": 404}}), "application/json")
        if token not in ("reader", "controller"):
            return self.reply(403, json.dumps({"error": {"code": 403, "status": "PERMISSION_DENIED"}}),
                              "application/json")
        with lock:
            latest = versions[-1] if versions else None
        if latest is None:
            return self.reply(404, json.dumps({"error": {"code": 404, "status": "NOT_FOUND"}}), "application/json")
        return self.reply(200, json.dumps({"name": "%s/versions/%d" % (SECRET, len(versions)),
                                           "payload": {"data": latest}}), "application/json")

    def do_POST(self):
        token = self.caller()
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        log("POST %s %s" % (self.path, token))
        if self.path != "/v1/%s:addVersion" % SECRET:
            return self.reply(404, "{}", "application/json")
        if token != "controller":
            return self.reply(403, json.dumps({"error": {"code": 403}}), "application/json")
        data = json.loads(body)["payload"]["data"]
        base64.b64decode(data, validate=True)
        with lock:
            versions.append(data)
            number = len(versions)
        return self.reply(200, json.dumps({"name": "%s/versions/%d" % (SECRET, number)}), "application/json")


metadata = http.server.ThreadingHTTPServer(("127.0.0.1", 80), Metadata)
secrets = http.server.ThreadingHTTPServer(("127.0.0.1", 443), SecretManager)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(CERT, KEY)
secrets.socket = context.wrap_socket(secrets.socket, server_side=True)
threading.Thread(target=metadata.serve_forever, daemon=True).start()
with open(os.path.join(STATE, "ready"), "w") as fh:
    fh.write("ready\n")
secrets.serve_forever()
