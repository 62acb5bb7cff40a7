"""What the twin image's programs share: the instance's twin settings and the twin's JSON logs.

Installed at /usr/local/lib/hpcc-twin inside every instance; the programs put that folder on
sys.path. Nothing here runs on the host.
"""
import json
import os
import socket
import sys
import time

CONF = "/etc/hpcc-twin.conf"
LOGS = "/run/hpcc-twin/log"


def settings():
    """/etc/hpcc-twin.conf as a dict (KEY=VALUE lines, written by install.py at boot)."""
    values = {}
    with open(CONF) as conf:
        for line in conf:
            line = line.strip()
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                values[key] = value
    return values


def log_event(log_name, record):
    """Appends one JSON line to the twin's log LOG_NAME (one write, so concurrent writers from
    several instances never interleave within a line)."""
    entry = {"t": round(time.time(), 3), "instance": socket.gethostname()}
    entry.update(record)
    line = (json.dumps(entry, sort_keys=True) + "\n").encode()
    fd = os.open(os.path.join(LOGS, log_name), os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, line)
    finally:
        os.close(fd)


def refuse(program, message, status=2):
    """Ends PROGRAM for something the twin does not implement: loudly, never a silent no-op."""
    print(f"{program} (hpcc twin): {message}", file=sys.stderr)
    sys.exit(status)
