#!/usr/bin/env python3
"""Re-makes the committed source extract of hpcc's Compute Engine catalog (catalogs/gcp/*.tsv) from
public data. catalogs/README.md names every source with its commit, date and licence.

Sources, in the order a fact is taken from them:
  1. Cyclenerd/google-cloud-pricing-cost-calculator `pricing.yml` (Apache-2.0): machine types with
     vCPUs, memory, GPUs and bundled local SSD, and per region the on-demand and spot USD/hour that
     the Cloud Billing catalog lists (a series is priced wherever its SKUs exist, which is no proof
     that a zone of the region offers the type: zones.tsv says that).
  2. catalogs/gcp/documented-machine-types.tsv: types the dataset lacks, recorded by hand from
     Google's machine-family pages (the URL is on every line). They carry no price: no public
     dataset here prices them, and a price is never guessed.
  3. catalogs/gcp/zones.tsv is not made here: it is read from its own source (catalogs/README.md).

    git -C <clone of Cyclenerd/google-cloud-pricing-cost-calculator> show <commit>:pricing.yml > /tmp/pricing.yml
    .venv/bin/python Tests/Tools/extract-gcp-catalog.py --pricing /tmp/pricing.yml

PyYAML reads pricing.yml (it is in .venv: ansible-core needs it). The output is sorted and
byte-identical for the same input.
"""
import argparse
import os
import sys

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CATALOG = os.path.join(ROOT, "catalogs", "gcp")

# pricing.yml names a built-in GPU by a short key; Compute Engine's accelerator types are these.
GPU_KEYS = {
    "a100": "nvidia-tesla-a100",
    "a100-80gb": "nvidia-a100-80gb",
    "h100-80gb": "nvidia-h100-80gb",
    "h100-80gb-mega": "nvidia-h100-mega-80gb",
    "l4": "nvidia-l4",
    "rtx6000": "nvidia-rtx-pro-6000",
}
# Families whose processors are Arm (Ampere Altra, Google Axion, NVIDIA Grace); the rest are x86_64.
ARM_FAMILIES = {"t2a", "c4a", "n4a", "a4x"}
# Shared-core types: the machineTypes API reports 2 guest vCPUs for E2's and 1 for F1/G1, of which
# the type may use the fraction pricing.yml gives as `cpu`.
SHARED_CORE_VCPUS = {"e2": 2, "f1": 1, "g1": 1}
# pricing.yml also prices custom-type building blocks (`custom-*`): not machine types.
NOT_MACHINE_TYPES = ("custom-",)

TYPE_COLUMNS = ["name", "vcpus", "memory_mib", "gpu_type", "gpu_count", "local_ssd_gib", "architecture",
                "shared_core", "source"]
PRICE_COLUMNS = ["name", "region", "on_demand_usd_per_hour", "spot_usd_per_hour"]
SERVICE_COLUMNS = ["service", "region", "unit", "usd"]
# pricing.yml's disk keys -> Compute Engine disk types; priced per GiB-month.
DISK_KEYS = {"hdd": "pd-standard", "balanced": "pd-balanced", "ssd": "pd-ssd", "extreme": "pd-extreme",
             "hyperdisk-extreme": "hyperdisk-extreme", "local": "local-ssd"}
# pricing.yml's Cloud Storage classes (single region) -> the storage class names buckets take.
BUCKET_KEYS = {"standard": "STANDARD", "nearline": "NEARLINE", "coldline": "COLDLINE", "archiv": "ARCHIVE"}


def family(name):
    return name.split("-")[0]


def number(value):
    """A figure as the source wrote it, without float noise (12 significant digits)."""
    text = f"{value:.12g}"
    return text if "e" not in text else f"{value:.12f}".rstrip("0").rstrip(".")


def machine_row(name, facts):
    gpus = [(GPU_KEYS[key], facts[key]) for key in facts if key in GPU_KEYS]
    unknown = [key for key in facts if key not in GPU_KEYS and key not in ("cpu", "ram", "cost", "local-ssd")]
    if unknown or len(gpus) > 1:
        sys.exit(f"pricing.yml: {name} has facts this extract does not know how to read: {unknown or gpus}")
    cpu = facts["cpu"]
    shared = cpu < 1 or name == "e2-medium"
    vcpus = SHARED_CORE_VCPUS[family(name)] if shared else cpu
    if not shared and cpu != int(cpu):
        sys.exit(f"pricing.yml: {name} has a fractional vCPU count {cpu} but is no shared-core type")
    return {
        "name": name, "vcpus": str(int(vcpus)), "memory_mib": str(round(facts["ram"] * 1024)),
        "gpu_type": gpus[0][0] if gpus else "-", "gpu_count": str(gpus[0][1]) if gpus else "0",
        "local_ssd_gib": str(facts.get("local-ssd", 0)),
        "architecture": "arm64" if family(name) in ARM_FAMILIES else "x86_64",
        "shared_core": number(cpu) if shared else "-", "source": "cyclenerd",
    }


def service_rows(pricing):
    """Disks, local SSD (also at the spot rate), Cloud Storage classes and Cloud NAT, per region."""
    rows = []

    def add(service, unit, costs, key):
        for region, cost in costs.items():
            if key in cost:
                rows.append({"service": service, "region": region, "unit": unit, "usd": number(cost[key])})

    storage = pricing["compute"]["storage"]
    for key, disk in DISK_KEYS.items():
        add(f"disk:{disk}", "gib-month", storage[key]["cost"], "month")
    add("disk:local-ssd:spot", "gib-month", storage["local"]["cost"], "month_spot")
    for key, storage_class in BUCKET_KEYS.items():
        add(f"bucket:{storage_class}", "gib-month", pricing["storage"]["bucket"][key]["cost"], "month")
    nat = pricing["compute"]["network"]["nat"]
    # The gateway's hourly figure is its most: Cloud NAT bills per VM using it, up to 32 VMs.
    add("nat:gateway", "hour", nat["gateway"]["cost"], "hour")
    add("nat:data", "gib", nat["data"]["cost"], "month")
    return sorted(rows, key=lambda row: (row["service"], row["region"]))


def read_tsv(path):
    """Rows of a tab-separated file with a header line; `#` lines are comments."""
    with open(path, encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"))) for line in lines[1:]]


def write_tsv(path, columns, rows, comment):
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        for line in comment:
            out.write(f"# {line}\n")
        out.write("\t".join(columns) + "\n")
        for row in rows:
            out.write("\t".join(row[column] for column in columns) + "\n")
    os.replace(path + ".tmp", path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pricing", required=True, help="Cyclenerd's pricing.yml")
    args = parser.parse_args()
    with open(args.pricing, encoding="utf-8") as handle:
        pricing = yaml.safe_load(handle)
    generated = pricing["about"]["generated"]
    instances = pricing["compute"]["instance"]

    types, prices = {}, []
    for name in sorted(instances):
        if name.startswith(NOT_MACHINE_TYPES):
            continue
        types[name] = machine_row(name, instances[name])
        for region, cost in sorted(instances[name].get("cost", {}).items()):
            hour, spot = cost.get("hour"), cost.get("hour_spot")
            if hour is None and spot is None:
                continue
            prices.append({"name": name, "region": region,
                           "on_demand_usd_per_hour": "-" if hour is None else number(hour),
                           "spot_usd_per_hour": "-" if spot is None else number(spot)})

    documented = read_tsv(os.path.join(CATALOG, "documented-machine-types.tsv"))
    for row in documented:
        if row["name"] in types:
            sys.exit(f"documented-machine-types.tsv: {row['name']} is in pricing.yml now; remove the line")
        types[row["name"]] = {column: row.get(column, "-") for column in TYPE_COLUMNS} | {"source": "documented"}

    rows = [types[name] for name in sorted(types)]
    services = service_rows(pricing)
    prices.sort(key=lambda row: (row["name"], row["region"]))
    header = [
        "Generated by Tests/Tools/extract-gcp-catalog.py; do not edit (catalogs/README.md names the sources).",
        f"cyclenerd: pricing.yml generated {generated}; documented: documented-machine-types.tsv.",
    ]
    write_tsv(os.path.join(CATALOG, "machine-types.tsv"), TYPE_COLUMNS, rows, header)
    write_tsv(os.path.join(CATALOG, "machine-prices.tsv"), PRICE_COLUMNS, prices, header)
    write_tsv(os.path.join(CATALOG, "service-prices.tsv"), SERVICE_COLUMNS, services, header)
    print(f"{len(rows)} machine types, {len(prices)} prices", file=sys.stderr)


if __name__ == "__main__":
    main()
