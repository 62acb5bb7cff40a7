"""Reading systemd unit files for the twin's systemctl: which settings it implements, which it
accepts without effect, and how command lines and environments are formed.

Only what hpcc's units and the image's units use is implemented; every other setting makes the
unit refuse to load, so a unit the twin cannot run faithfully fails loudly instead of half-running.
"""
import grp
import os
import pwd
import re
import shlex
import socket

SEARCH = ["/etc/systemd/system", "/run/systemd/system", "/lib/systemd/system", "/usr/lib/systemd/system"]
GUEST_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Start of systemd's range for DynamicUser= accounts.
DYNAMIC_UID = 61184

IMPLEMENTED = {
    "Unit": {"Description", "Documentation", "After", "Before", "Wants", "Requires",
             "ConditionPathExists"},
    "Service": {"Type", "ExecStart", "ExecStartPre", "ExecStartPost", "ExecReload", "ExecStop",
                "User", "Group", "DynamicUser", "Environment", "EnvironmentFile", "PIDFile",
                "RuntimeDirectory", "RuntimeDirectoryMode", "RemainAfterExit", "WorkingDirectory",
                "KillMode"},
    "Timer": {"OnBootSec", "OnUnitActiveSec", "Unit"},
    "Install": {"WantedBy", "RequiredBy"},
}
# Accepted and without effect: resource limits, restart policy and sandboxing change nothing the
# twin's scenarios observe (a crash is a failure to see, not to hide by restarting).
WITHOUT_EFFECT = {
    "Unit": {"StartLimitIntervalSec", "StartLimitBurst", "DefaultDependencies"},
    "Service": {"LimitNOFILE", "LimitMEMLOCK", "LimitSTACK", "LimitCORE", "TasksMax", "Delegate",
                "Restart", "RestartSec", "TimeoutSec", "TimeoutStartSec", "TimeoutStopSec",
                "NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp",
                "PrivateDevices", "RestrictAddressFamilies"},
    "Timer": {"AccuracySec"},
    "Install": set(),
}
TYPES = {"simple": "simple", "exec": "simple", "notify": "simple", "forking": "forking", "oneshot": "oneshot"}
SPAN_UNITS = {"": 1, "s": 1, "sec": 1, "second": 1, "seconds": 1, "ms": 0.001, "msec": 0.001,
              "us": 1e-6, "usec": 1e-6, "m": 60, "min": 60, "minute": 60, "minutes": 60,
              "h": 3600, "hr": 3600, "hour": 3600, "hours": 3600, "d": 86400, "day": 86400,
              "days": 86400, "w": 604800, "week": 604800, "weeks": 604800}


class UnitError(Exception):
    """A unit the twin cannot load: missing, or using something not implemented."""


def unit_name(name):
    """systemctl's name completion: `munge` means munge.service."""
    return name if "." in name else name + ".service"


def find(name):
    """(name, path) of the unit, searched like systemd (the admin's folder first)."""
    name = unit_name(name)
    for folder in SEARCH:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            if os.path.isdir(path + ".d"):
                raise UnitError(f"{name}: drop-in folder {path}.d is not implemented")
            return name, path
    raise UnitError(f"Unit {name} not found.")


def parse(name):
    """The unit's settings: {section: {key: [values]}}; an empty assignment resets a list."""
    name, path = find(name)
    with open(path) as f:
        text = re.sub(r"\\\n", " ", f.read())
    sections, current = {}, None
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            if line[1:-1] not in IMPLEMENTED:
                raise UnitError(f"{path}:{number}: section {line} is not implemented")
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if current is None or not sep:
            raise UnitError(f"{path}:{number}: cannot parse {line!r}")
        section = [s for s, v in sections.items() if v is current][0]
        if key not in IMPLEMENTED[section] and key not in WITHOUT_EFFECT[section]:
            raise UnitError(f"{path}:{number}: [{section}] {key}= is not implemented by the twin's systemctl")
        if value:
            current.setdefault(key, []).append(value)
        else:
            current[key] = []
    return name, path, sections


def setting(sections, section, key, default=None):
    values = sections.get(section, {}).get(key)
    return values[-1] if values else default


def span(text):
    """Seconds of a systemd time span such as `2min`, `1min 30s` or `90`."""
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]*)", text)
    if not parts or re.sub(r"[\d.\sa-z]", "", text):
        raise UnitError(f"time span {text!r} cannot be read")
    total = 0.0
    for number, unit in parts:
        if unit not in SPAN_UNITS:
            raise UnitError(f"time span unit {unit!r} in {text!r} is not implemented")
        total += float(number) * SPAN_UNITS[unit]
    return total


def env_file_value(raw):
    raw = raw.strip()
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "'\"":
        return raw[1:-1]
    return raw


def credentials(sections):
    """(user, uid, gid, home, shell) the service runs as."""
    user = setting(sections, "Service", "User")
    if user is None:
        return "root", 0, 0, "/root", "/bin/bash"
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        if setting(sections, "Service", "DynamicUser") == "yes":
            return user, DYNAMIC_UID, DYNAMIC_UID, "/", "/usr/sbin/nologin"
        raise UnitError(f"User={user} does not exist") from None
    gid = entry.pw_gid
    group = setting(sections, "Service", "Group")
    if group is not None:
        gid = grp.getgrnam(group).gr_gid
    return user, entry.pw_uid, gid, entry.pw_dir, entry.pw_shell


def environment(sections):
    """The service's environment: systemd's manager environment, the user's, Environment=, then
    EnvironmentFile= (which overrides, as in systemd)."""
    user, _, _, home, shell = credentials(sections)
    env = {"PATH": GUEST_PATH, "LANG": "C.UTF-8"}
    if setting(sections, "Service", "User") is not None:
        env.update({"HOME": home, "USER": user, "LOGNAME": user, "SHELL": shell})
    for value in sections.get("Service", {}).get("Environment", []):
        for assignment in shlex.split(value):
            key, _, val = assignment.partition("=")
            env[key] = val
    for value in sections.get("Service", {}).get("EnvironmentFile", []):
        optional = value.startswith("-")
        path = value.lstrip("-")
        if not os.path.exists(path):
            if optional:
                continue
            raise UnitError(f"EnvironmentFile={path} does not exist")
        with open(path) as f:
            for line in re.sub(r"\\\n", "", f.read()).splitlines():
                line = line.strip()
                if line and line[0] not in "#;" and "=" in line:
                    key, _, val = line.partition("=")
                    env[key.strip()] = env_file_value(val)
    return env


def specifiers(text, name):
    def one(match):
        letter = match.group(1)
        if letter == "%":
            return "%"
        if letter == "H":
            return socket.gethostname()
        if letter == "n":
            return name
        if letter == "N":
            return name.rsplit(".", 1)[0]
        raise UnitError(f"specifier %{letter} in {text!r} is not implemented")
    return re.sub(r"%(.)", one, text)


def command(line, env, name):
    """(argv, may_fail) of an Exec*= line, expanded as systemd does: a word `$VAR` becomes the
    variable's words, `${VAR}` is replaced inside a word, `-` prefixes a command whose failure is ignored."""
    may_fail = line.startswith("-")
    line = line[1:] if may_fail else line
    if line[:1] in ("@", "+", "!", ":"):
        raise UnitError(f"Exec prefix {line[0]!r} is not implemented")
    argv = []
    for word in shlex.split(specifiers(line, name)):
        whole = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
        if whole:
            argv.extend(env.get(whole.group(1), "").split())
        else:
            argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m.group(1), ""), word))
    if not argv:
        raise UnitError(f"empty command line {line!r}")
    return argv, may_fail
