#!/usr/bin/env python3
"""Re-makes catalogs/gcp/zones.tsv, the zones that offer each Compute Engine machine type and each
attachable GPU, and catalogs/gcp/accelerator-prices.tsv, what an attachable GPU costs per region, from the skypilot-catalog's `catalogs/v7/gcp/vms.csv` (Apache-2.0), a listing of
Compute Engine's machine types per zone. catalogs/README.md names the commit the committed file
was made from.

    git -C <clone of skypilot-org/skypilot-catalog> show <commit>:catalogs/v7/gcp/vms.csv > /tmp/vms.csv
    python3 Tests/Tools/extract-gcp-zones.py --vms /tmp/vms.csv

Only types hpcc's catalog has (catalogs/gcp/machine-types.tsv) are kept; rows with no machine type
are accelerators, of which the GPUs Compute Engine attaches to N1 are kept, by their accelerator
type. Zones are written compactly: `us-central1:abcf` is us-central1-a, -b, -c and -f.
"""
import argparse
import csv
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CATALOG = os.path.join(ROOT, "catalogs", "gcp")
# The dataset's accelerator names of the GPUs N1 takes, and Compute Engine's accelerator types.
ATTACHABLE = {"T4": "nvidia-tesla-t4", "P4": "nvidia-tesla-p4", "V100": "nvidia-tesla-v100",
              "P100": "nvidia-tesla-p100"}


def compact(zones):
    """`us-central1:abcf us-east1:bcd` for a set of zone names."""
    by_region = {}
    for zone in zones:
        region, letter = zone.rsplit("-", 1)
        by_region.setdefault(region, set()).add(letter)
    return " ".join(f"{region}:{''.join(sorted(letters))}" for region, letters in sorted(by_region.items()))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vms", required=True, help="skypilot-catalog's catalogs/v7/gcp/vms.csv")
    parser.add_argument("--commit", required=True, help="the skypilot-catalog commit the file is from")
    args = parser.parse_args()
    with open(os.path.join(CATALOG, "machine-types.tsv"), encoding="utf-8") as handle:
        known = {line.split("\t")[0] for line in handle if not line.startswith("#")}
    zones, prices = {}, {}
    with open(args.vms, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name = row["InstanceType"] or ATTACHABLE.get(row["AcceleratorName"], "")
            if name in known or name in ATTACHABLE.values():
                zones.setdefault(name, set()).add(row["AvailabilityZone"])
            # One attachable GPU's price per region (the rows of one GPU; prices are per row's count).
            if not row["InstanceType"] and name and row["AcceleratorCount"] in ("1", "1.0"):
                prices[(f"gpu:{name}", row["Region"])] = row["Price"]
                if row["SpotPrice"]:
                    prices[(f"gpu:{name}:spot", row["Region"])] = row["SpotPrice"]
    source = f"skypilot-catalog catalogs/v7/gcp/vms.csv at commit {args.commit}."
    write("zones.tsv", "Zones per type", source, ["name", "zones"],
          [[name, compact(zones[name])] for name in sorted(zones)])
    write("accelerator-prices.tsv", "GPU prices per GPU-hour", source, ["service", "region", "unit", "usd"],
          [[service, region, "gpu-hour", usd] for (service, region), usd in sorted(prices.items())])


def write(name, what, source, header, rows):
    """One extract file: two comment lines (what and from where), a header, the rows; atomically."""
    path = os.path.join(CATALOG, name)
    with open(path + ".tmp", "w", encoding="utf-8") as out:
        out.write(f"# {what}, in the form Tests/Tools/extract-gcp-zones.py writes; catalogs/README.md says how this "
                  "copy was read.\n")
        out.write(f"# {source}\n")
        out.write("\t".join(header) + "\n")
        out.writelines("\t".join(row) + "\n" for row in rows)
    os.replace(path + ".tmp", path)

if __name__ == "__main__":
    main()
