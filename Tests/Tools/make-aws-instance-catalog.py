#!/usr/bin/env python3
"""Re-makes the generated tables behind AWSInstanceCatalog, one Swift file per table:

    types   AWSInstanceTypes.swift      every instance type in the recorded DescribeInstanceTypes
                                        answers bundled with moto (moto/ec2/resources/instance_types.json.gz),
                                        current and previous generation, cut down to the facts hpcc's rules read;
    zones   AWSInstanceOfferings.swift  the availability zones of each region that offer each type, from the
                                        recorded DescribeInstanceTypeOfferings answers bundled with moto
                                        (moto/ec2/resources/instance_type_offerings/availability-zone/);
    prices  AWSInstancePrices.swift     on-demand Linux USD/hour per type and region, from the pricing data
                                        apache-libcloud ships (libcloud/data/pricing.json, compute.ec2_linux).

Each table is one string literal, parsed at run time on first use, rather than thousands of
initialisers, so the files cost the compiler little. Both packages are pinned in
.ci/requirements-moto.txt; .ci/run diffs every table against a re-run of this script.

    .venv-moto/bin/python Tests/Tools/make-aws-instance-catalog.py [types|zones|prices] > <its file>
"""
import datetime
import gzip
import importlib.metadata
import json
import os
import sys

import moto

SCRIPT = ".venv-moto/bin/python Tests/Tools/make-aws-instance-catalog.py"
FILES = {
    "types": "Sources/HPCCompiler/Catalog/Machines/AWSInstanceTypes.swift",
    "zones": "Sources/HPCCompiler/Catalog/Machines/AWSInstanceOfferings.swift",
    "prices": "Sources/HPCCompiler/Catalog/Machines/AWSInstancePrices.swift",
}
MOTO_RESOURCES = os.path.join(os.path.dirname(moto.__file__), "ec2", "resources")


def fail(message):
    sys.exit(f"make-aws-instance-catalog: {message}")


def check_field(field, where):
    """A field goes into a space-separated line of a Swift multi-line string literal."""
    if not field or " " in field or "\\" in field or '"""' in field or "\n" in field:
        fail(f"cannot put {field!r} ({where}) in a table")
    return field


def recorded_types():
    with gzip.open(os.path.join(MOTO_RESOURCES, "instance_types.json.gz")) as handle:
        return json.load(handle)


def types_table():
    """One line per type: name, default vCPUs, memory MiB, EFA, architectures, GPUs."""
    lines = []
    recorded = recorded_types()
    for name in sorted(recorded):
        facts = recorded[name]
        efa = "yes" if facts.get("NetworkInfo", {}).get("EfaSupported") else "no"
        gpus = sum(gpu.get("Count", 0) for gpu in facts.get("GpuInfo", {}).get("Gpus", []))
        fields = [
            name, str(facts["VCpuInfo"]["DefaultVCpus"]), str(facts["MemoryInfo"]["SizeInMiB"]), efa,
            ",".join(facts["ProcessorInfo"]["SupportedArchitectures"]), str(gpus),
        ]
        lines.append(" ".join(check_field(field, name) for field in fields))
    source = [
        "from the recorded EC2 DescribeInstanceTypes",
        f"answers bundled with moto {moto.__version__} (moto/ec2/resources/instance_types.json.gz; moto is Apache-2.0).",
    ]
    doc = [
        f"Every instance type moto {moto.__version__} records ({len(lines)}), one a line, sorted by name. Columns, "
        "space-separated:",
        "name, default vCPUs, memory MiB, EFA supported (`yes`/`no`), architectures (comma-separated), GPUs.",
    ]
    return source, [("table", doc, lines)]


def offerings():
    """{region: {type: {zone}}} from moto's per-zone offerings; each region's zones are checked to
    be the region's name and one letter, and their union against moto's per-region offerings."""
    by_zone_dir = os.path.join(MOTO_RESOURCES, "instance_type_offerings", "availability-zone")
    by_region_dir = os.path.join(MOTO_RESOURCES, "instance_type_offerings", "region")
    result = {}
    for file in sorted(os.listdir(by_zone_dir)):
        region = file.removesuffix(".json.gz")
        types = {}
        with gzip.open(os.path.join(by_zone_dir, file)) as handle:
            for offer in json.load(handle):
                zone = offer["Location"]
                if len(zone) != len(region) + 1 or not zone.startswith(region) or not zone[-1].islower():
                    fail(f"zone {zone} of {region} is not the region's name and one letter")
                types.setdefault(offer["InstanceType"], set()).add(zone[-1])
        with gzip.open(os.path.join(by_region_dir, file)) as handle:
            in_region = {offer["InstanceType"] for offer in json.load(handle)}
        if in_region != set(types):
            fail(f"{region}: the per-region offerings are not the union of the per-zone ones")
        result[region] = types
    return result


def zones_table():
    """One line per type: name, then per region (in the order of `zoneRegionTable`) the letters of
    the zones that offer it, `*` for every zone of the region, `-` for none."""
    by_region = offerings()
    regions = sorted(by_region)
    letters = {region: "".join(sorted(set().union(*by_region[region].values()))) for region in regions}
    names = sorted(set().union(*(set(types) for types in by_region.values())))
    lines = []
    for name in names:
        columns = []
        for region in regions:
            offered = "".join(sorted(by_region[region].get(name, ())))
            columns.append("*" if offered == letters[region] else offered or "-")
        lines.append(" ".join([check_field(name, "type")] + columns))
    source = [
        "from the recorded EC2 DescribeInstanceTypeOfferings",
        f"answers bundled with moto {moto.__version__}",
        "(moto/ec2/resources/instance_type_offerings/availability-zone/<region>.json.gz; moto is Apache-2.0).",
        "Its region/ files are the union of these (checked); its availability-zone-id/",
        "files are left out: zone ids map to zone names differently in every AWS account.",
    ]
    region_doc = [
        f"The {len(regions)} regions moto {moto.__version__} records offerings for, one a line: the region and the",
        "letters of its zones (`us-east-1 abcdef`: us-east-1a to us-east-1f).",
    ]
    table_doc = [
        f"Every type offered in one of those zones ({len(lines)}), one a line, sorted by name: the name, then for",
        "each region in `zoneRegionTable` order the letters of the zones that offer it, `*` for all of the",
        "region's zones, `-` for none.",
    ]
    region_lines = [f"{region} {letters[region]}" for region in regions]
    return source, [("zoneRegionTable", region_doc, region_lines), ("zoneTable", table_doc, lines)]


def prices_table():
    """One line per type: name, then per region (in `priceRegionTable` order) the on-demand USD/hour,
    `-` where the data has no price. libcloud writes 0.0 for a price it could not read: that is
    unknown, not free, so it is `-` too."""
    path = os.path.join(os.path.dirname(importlib.import_module("libcloud").__file__), "data", "pricing.json")
    with open(path) as handle:
        data = json.load(handle)
    updated = datetime.datetime.fromtimestamp(data["updated"], datetime.timezone.utc).date().isoformat()
    linux = data["compute"]["ec2_linux"]
    # Keys without a size ('c5', 'mac2-m2') are family names, not types one can launch.
    names = sorted(name for name in linux if "." in name)
    skipped = sorted(name for name in linux if "." not in name)
    regions = sorted({region for name in names for region in linux[name]})
    lines = []
    for name in names:
        columns = []
        for region in regions:
            price = linux[name].get(region, 0.0)
            text = repr(float(price))
            if price < 0 or "e" in text or "n" in text:
                fail(f"{name} in {region}: price {price!r} does not read as USD")
            columns.append(text if price > 0 else "-")
        if any(column != "-" for column in columns):
            lines.append(" ".join([check_field(name, "type")] + columns))
    version = importlib.metadata.version("apache-libcloud")
    source = [
        f"from the pricing data apache-libcloud {version} ships",
        f'(libcloud/data/pricing.json, compute.ec2_linux; Apache-2.0), whose "updated" field is {data["updated"]}',
        f"({updated}). On-demand Linux prices only: the data has no spot prices. Left out: 0.0 entries",
        "(a price libcloud could not read, not a free one) and",
        f"{len(skipped)} keys that are family names rather than instance types ({', '.join(skipped[:4])}, ...).",
    ]
    date_doc = [f'The day apache-libcloud {version}\'s pricing data was updated (its "updated" field, UTC).']
    region_doc = [f"The {len(regions)} regions the prices cover, in the order of `priceTable`'s columns."]
    table_doc = [
        f"Every type with a price ({len(lines)}), one a line, sorted by name: the name, then for each region in",
        "`priceRegionTable` order the on-demand Linux price in USD per hour, `-` for none.",
    ]
    return source, [
        ("priceSourceDate", date_doc, updated),
        ("priceRegionTable", region_doc, regions),
        ("priceTable", table_doc, lines),
    ]


def wrapped(line, width=112):
    """A table line too long for the 120 characters of a source line (with its 8 of indent) goes on
    several, each but the last ending in a backslash: in a Swift multi-line string literal that
    joins it to the next, so the string holds the line unbroken."""
    parts = []
    while len(line) > width:
        cut = line.rindex(" ", 0, width - 1)
        parts.append(line[: cut + 1] + "\\")
        line = line[cut + 1 :]
    return "\n        ".join(parts + [line])


def write(kind, source, tables):
    out = sys.stdout
    target = FILES[kind]
    out.write(f"// Generated by Tests/Tools/make-aws-instance-catalog.py {source[0]}\n")
    for line in source[1:]:
        out.write(f"// {line}\n")
    out.write("// Do not edit by hand; re-make it with\n")
    # the command on two lines: the file keeps to 120 characters a line (.swift-format)
    arguments = "" if kind == "types" else f" {kind}"
    out.write(f"//     {SCRIPT}{arguments} \\\n//         > {target}\n\n")
    out.write("extension AWSInstanceCatalog {\n")
    for index, (name, doc, content) in enumerate(tables):
        if index:
            out.write("\n")
        for line in doc:
            out.write(f"    /// {line}\n")
        if isinstance(content, str):
            out.write(f'    static let {name} = "{content}"\n')
            continue
        out.write(f'    static let {name} = """\n')
        for line in content:  # indented as swift-format indents them (.swift-format)
            out.write(f"        {wrapped(line)}\n")
        out.write('        """\n')
    out.write("}\n")


def main():
    kind = sys.argv[1] if len(sys.argv) > 1 else "types"
    makers = {"types": types_table, "zones": zones_table, "prices": prices_table}
    if kind not in makers or len(sys.argv) > 2:
        sys.exit(f"usage: {SCRIPT} [{'|'.join(makers)}]")
    source, tables = makers[kind]()
    write(kind, source, tables)


if __name__ == "__main__":
    main()
