#!/usr/bin/env python3
"""Re-makes Sources/HPCCompiler/Catalog/Machines/GCPMachineTypes.swift, the table behind
MachineCatalog.gcp, from the committed source extract in catalogs/gcp (catalogs/README.md).

One line per machine type: its shape, then the regions that price it with their on-demand and spot
USD/hour. The facts are string literals parsed on first use (as AWSInstanceTypes.swift), so the
compiler does not type-check some 600 initialisers and a compilation reads only the lines of the
types it uses. CI re-runs this script and fails when the committed file differs.

    python3 Tests/Tools/make-gcp-machine-catalog.py > Sources/HPCCompiler/Catalog/Machines/GCPMachineTypes.swift
"""
import datetime
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CATALOG = os.path.join(ROOT, "catalogs", "gcp")
COMMAND = "python3 Tests/Tools/make-gcp-machine-catalog.py > Sources/HPCCompiler/Catalog/Machines/GCPMachineTypes.swift"


def read_tsv(name):
    """The comment lines and the rows (dicts by header) of one extract file."""
    with open(os.path.join(CATALOG, name), encoding="utf-8") as handle:
        lines = [line.rstrip("\n") for line in handle if line.strip()]
    comments = [line[2:] for line in lines if line.startswith("#")]
    data = [line.split("\t") for line in lines if not line.startswith("#")]
    return comments, [dict(zip(data[0], row)) for row in data[1:]]


def price_date(comments):
    """The day the pricing dataset was generated, from the extract's header."""
    for line in comments:
        found = re.search(r"generated \w{3} (\w{3}) +(\d+) [\d:]+ (\d{4})", line)
        if found:
            day = datetime.datetime.strptime(" ".join(found.groups()), "%b %d %Y")
            return day.strftime("%Y-%m-%d")
    sys.exit("machine-prices.tsv: no 'generated <date>' in its header")


def checked(field, row):
    """A table field: no spaces, tabs or quotes, so a line splits on spaces."""
    if not field or any(c in field for c in ' \t"\\'):
        sys.exit(f"catalogs/gcp: cannot put {field!r} of {row} in the table")
    return field


def wrapped(line, width=120 - 8 - 2):
    """A table line cut at spaces into pieces that fit the file's 120 columns; each piece but the last
    ends in ` \\`, which the Swift string literal reads as the line going on (the space stays)."""
    pieces, current = [], ""
    for field in line.split(" "):
        if current and len(current) + 1 + len(field) > width:
            pieces.append(current + " \\")
            current = field
        else:
            current = f"{current} {field}" if current else field
    return pieces + [current]


def main():
    _, types = read_tsv("machine-types.tsv")
    comments, prices = read_tsv("machine-prices.tsv")
    regions = sorted({row["region"] for row in prices})
    by_type = {}
    for row in prices:
        by_type.setdefault(row["name"], []).append(
            f"{regions.index(row['region'])}:{checked(row['on_demand_usd_per_hour'], row)}"
            f"/{checked(row['spot_usd_per_hour'], row)}")
    unknown = sorted(set(by_type) - {row["name"] for row in types})
    if unknown:
        sys.exit(f"machine-prices.tsv prices types machine-types.tsv lacks: {unknown}")
    zone_comments, zones = read_tsv("zones.tsv")
    zone_lines = [f"{checked(row['name'], row)} " + " ".join(checked(part, row) for part in row["zones"].split(" "))
                  for row in zones]
    listed = {}
    for row in zones:
        for part in row["zones"].split(" "):
            region, letters = part.split(":")
            listed.setdefault(region, set()).update(letters)
    # Every zone the listing names, on a line of its own, so a lookup need not read every line.
    zone_lines.append("_listed " + " ".join(f"{region}:{''.join(sorted(letters))}" for region, letters in sorted(listed.items())))
    _, services = read_tsv("service-prices.tsv")
    services += read_tsv("accelerator-prices.tsv")[1]
    service_regions = sorted({row["region"] for row in services})
    by_service = {}
    for row in services:
        key = (row["service"], row["unit"])
        by_service.setdefault(key, []).append(f"{service_regions.index(row['region'])}:{checked(row['usd'], row)}")
    service_lines = [" ".join([service, unit] + fields) for (service, unit), fields in sorted(by_service.items())]
    columns = ["name", "vcpus", "memory_mib", "gpu_type", "gpu_count", "local_ssd_gib", "architecture", "shared_core"]
    lines = [" ".join(checked(row[column], row) for column in columns)
             for row in sorted(types, key=lambda row: row["name"])]
    price_lines = [" ".join([name] + by_type[name]) for name in sorted(by_type)]

    out = sys.stdout

    def doc(lines):
        out.write("".join(f"    /// {line}\n" for line in lines))

    def table(name, lines):
        out.write(f'    static let {name} = """\n')
        for line in lines:
            out.write("".join(f"        {part}\n" for part in wrapped(line)))
        out.write('        """\n\n')

    def names(name, values):
        out.write(f"    static let {name} = [\n" + "".join(f'        "{value}",\n' for value in values) + "    ]\n\n")

    out.write("// Generated by Tests/Tools/make-gcp-machine-catalog.py from catalogs/gcp (its README names the\n")
    out.write("// sources, their commits, dates and licences). Do not edit by hand; re-make it with\n")
    script, target = COMMAND.split(" > ")
    out.write(f"//     {script} \\\n//         > {target}\n\n")
    out.write("extension MachineCatalog {\n")
    doc([f"The day the prices were read from the public price list ({len(prices)} prices)."])
    out.write(f'    static let gcpPriceDate = "{price_date(comments)}"\n\n')
    doc([f"Every machine type ({len(lines)}), one a line, sorted by name. Columns, space-separated: name,",
         "vCPUs, memory MiB, GPU type (`-` for none), GPU count, bundled local SSD GiB (`-` where unknown),",
         "architecture, shared-core fraction (`-` for a whole-core type)."])
    table("gcpTable", lines)
    doc(["The regions `gcpPriceTable` prices, by the index its lines use."])
    names("gcpRegions", regions)
    doc([f"The prices of each priced type ({len(price_lines)}), one type a line: name, then one",
         "`region:on-demand/spot` USD/hour per region the price list prices it in (region by its index in",
         "`gcpRegions`; `-` where no price is listed). Apart from the shapes, so that a compilation that",
         "prices nothing does not read it."])
    table("gcpPriceTable", price_lines)
    doc(["The regions `gcpServiceTable` prices, by the index its lines use (Cloud Storage's also has",
         "multi-regions)."])
    names("gcpServiceRegions", service_regions)
    doc(["Disks, local SSD, Cloud Storage, Cloud NAT and attachable GPUs, one service a line: key (`disk:pd-ssd`),",
         "unit (`gib-month`, `hour`, `gib`, `gpu-hour`), then one `region:USD` per region (index in",
         "`gcpServiceRegions`)."])
    table("gcpServiceTable", service_lines)
    source = next(line for line in zone_comments if "commit" in line)
    doc([f"The zones that offer each machine type and attachable GPU the zone listing has ({len(zone_lines)}):",
         "name, then `region:letters` per region (`us-central1:abcf`); the line `_listed` has every zone the",
         "listing names. From the listing in", source])
    out.write(f'    static let gcpZoneTable = """\n')
    for line in zone_lines:
        out.write("".join(f"        {part}\n" for part in wrapped(line)))
    out.write('        """\n')
    out.write("}\n")


if __name__ == "__main__":
    main()
