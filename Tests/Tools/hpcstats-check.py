#!/usr/bin/env python3
"""Reads an emitted hpcstats/ folder the way HPCStats does and prints what it found as JSON.

Usage: hpcstats-check.py DEPLOYMENT_DIR [INSTALLED_DIR]

Checks, from HPCStats' own configuration readers:
- hpcstats.conf: every option HPCStats reads without a default, importer choices it implements,
  lists split at ',' with no blanks around items, integers where it calls int(), no '%(' (its
  ConfigParser would interpolate);
- each cluster's architecture file: the three section levels, every option, frequency and
  memory in the units its parser accepts, node sets expanded (ClusterShell syntax);
- with INSTALLED_DIR (what install.sh wrote): no '{file:' placeholder left, and the same options.
Exit status 1 with the problems on stderr; 0 with the summary on stdout.
"""
import configparser
import json
import os
import re
import sys

problems = []


def problem(text):
    problems.append(text)


def read_ini(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    with open(path, encoding="utf-8") as handle:
        parser.read_file(handle)
    for section in parser.sections():
        for key, value in parser.items(section):
            if "%(" in value:
                problem(f"{path}: [{section}] {key} holds '%(', which HPCStats' ConfigParser interpolates")
    return parser


def need(parser, section, option, path, choices=None, integer=False):
    if not parser.has_section(section):
        problem(f"{path}: missing section [{section}]")
        return None
    if not parser.has_option(section, option):
        problem(f"{path}: missing option {option} in [{section}]")
        return None
    value = parser.get(section, option)
    if choices is not None and value not in choices:
        problem(f"{path}: [{section}] {option} = {value} is not one of {sorted(choices)}")
    if integer:
        try:
            return int(value)
        except ValueError:
            problem(f"{path}: [{section}] {option} = {value} is not an integer")
            return None
    return value


def split_list(value, where):
    items = value.split(",")
    for item in items:
        if item != item.strip() or not item:
            problem(f"{where}: list item {item!r} has blanks or is empty (HPCStats does not strip)")
    return items


def expand_nodeset(text):
    """ClusterShell node sets: comma-separated names with bracketed ranges that keep zero padding."""
    names = []
    depth, item = 0, ""
    parts = []
    for char in text:
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
        if char == "," and depth == 0:
            parts.append(item)
            item = ""
        else:
            item += char
    parts.append(item)
    for part in parts:
        expanded = [""]
        for piece in re.split(r"(\[[^\]]*\])", part):
            if piece.startswith("["):
                values = []
                for rng in piece[1:-1].split(","):
                    if "-" in rng:
                        first, last = rng.split("-")
                        values += [str(n).zfill(len(first)) for n in range(int(first), int(last) + 1)]
                    else:
                        values.append(rng)
                expanded = [head + value for head in expanded for value in values]
            elif piece:
                expanded = [head + piece for head in expanded]
        names += expanded
    return names


FREQUENCY = re.compile(r"^((\d+\.)?\d+)\s?(MHz|Mhz|mhz|GHz|Ghz|ghz)$")
MEMORY = re.compile(r"^(\d+)\s?(MB|GB|TB)$")


def architecture(path, cluster):
    parser = read_ini(path)
    summary = {"partitions": {}, "nodes": 0, "cores": 0, "memory_mib": 0, "groups": {}}
    seen_nodes = set()
    for partition in split_list(need(parser, cluster, "partitions", path) or "", path):
        section = f"{cluster}/{partition}"
        groups = split_list(need(parser, section, "nodegroups", path) or "", path)
        jobs = split_list(need(parser, section, "job_partitions", path) or "", path)
        summary["partitions"][partition] = {"nodegroups": groups, "job_partitions": jobs}
        for group in groups:
            where = f"{cluster}/{partition}/{group}"
            names = need(parser, where, "names", path)
            sockets = need(parser, where, "sockets", path, integer=True)
            cores = need(parser, where, "corespersocket", path, integer=True)
            need(parser, where, "floatinstructions", path, integer=True)
            need(parser, where, "model", path)
            frequency = need(parser, where, "frequency", path) or ""
            if not FREQUENCY.match(frequency):
                problem(f"{path}: [{where}] frequency {frequency!r} is not in MHz or GHz as HPCStats reads it")
            memory = need(parser, where, "memory", path) or ""
            match = MEMORY.match(memory)
            if not match:
                problem(f"{path}: [{where}] memory {memory!r} is not a whole number of MB, GB or TB")
                continue
            mib = int(match.group(1)) * {"MB": 1, "GB": 1024, "TB": 1024 * 1024}[match.group(2)]
            nodes = expand_nodeset(names or "")
            repeated = seen_nodes.intersection(nodes)
            if repeated:
                problem(f"{path}: [{where}] names nodes another group has: {sorted(repeated)[:3]}")
            seen_nodes.update(nodes)
            summary["groups"][group] = {"nodes": len(nodes), "cores_per_node": (sockets or 0) * (cores or 0), "memory_mib": mib}
            summary["nodes"] += len(nodes)
            summary["cores"] += len(nodes) * (sockets or 0) * (cores or 0)
            summary["memory_mib"] += len(nodes) * mib
    return summary


def main_configuration(path, deployment, installed):
    parser = read_ini(path)
    clusters = split_list(need(parser, "clusters", "clusters", path) or "", path)
    for option in ["hostname", "dbname", "user", "password"]:
        need(parser, "hpcstatsdb", option, path)
    need(parser, "hpcstatsdb", "port", path, integer=True)
    result = {"clusters": {}}
    for cluster in clusters:
        need(parser, cluster, "architecture", path, {"archfile"})
        users = need(parser, cluster, "users", path, {"ldap", "ldap+slurm"})
        need(parser, cluster, "fsusage", path, {"dummy", "ssh"})
        need(parser, cluster, "fsquota", path, {"dummy", "ssh"})
        need(parser, cluster, "events", path, {"slurm"})
        need(parser, cluster, "jobs", path, {"slurm"})
        archfile = need(parser, f"{cluster}/archfile", "file", path) or ""
        slurm = f"{cluster}/slurm"
        for option in ["host", "name", "user"]:
            need(parser, slurm, option, path)
        need(parser, slurm, "port", path, integer=True)
        if parser.has_option(slurm, "window_size"):
            need(parser, slurm, "window_size", path, integer=True)
        if users in ("ldap", "ldap+slurm"):
            for option in ["url", "basedn", "dn", "phash", "group_dpt_search", "group_dpt_regexp"]:
                need(parser, f"{cluster}/ldap", option, path)
            if parser.has_option(f"{cluster}/ldap", "groups"):
                split_list(parser.get(f"{cluster}/ldap", "groups"), path)
        local = os.path.join(deployment, "hpcstats", cluster, "architecture.conf")
        if installed:
            local = installed + archfile
        if not os.path.exists(local):
            problem(f"{path}: architecture file {archfile} of cluster {cluster} is not where it should be ({local})")
            continue
        result["clusters"][cluster] = architecture(local, cluster)
        result["clusters"][cluster]["slurm"] = {key: parser.get(slurm, key) for key in parser.options(slurm) if key != "password"}
    if installed:
        for section in parser.sections():
            for key, value in parser.items(section):
                if value.startswith("{file:") or value.startswith("{phash-of-file:"):
                    problem(f"{path}: [{section}] {key} still names its file: {value}")
    return result


def main():
    deployment = sys.argv[1]
    installed = sys.argv[2] if len(sys.argv) > 2 else None
    path = os.path.join(installed + "/etc/hpcstats" if installed else os.path.join(deployment, "hpcstats"), "hpcstats.conf")
    try:
        summary = main_configuration(path, deployment, installed)
    except (configparser.Error, OSError) as error:
        problem(f"{path}: {error}")
        summary = None
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
