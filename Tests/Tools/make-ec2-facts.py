#!/usr/bin/env python3
"""Re-makes Tests/Fixtures/pcluster-control/ec2-facts.json, the EC2 facts the offline
ParallelCluster check answers DescribeInstanceTypes and DescribeInstanceTypeOfferings with.

The facts are not typed in by hand: they are the recorded DescribeInstanceTypes answers and
per-zone offerings bundled with moto (moto/ec2/resources), cut down to the instance types
hpcc's ParallelCluster configs use and to the fields ParallelCluster's validators read.

    .venv-moto/bin/python Tests/Tools/make-ec2-facts.py > Tests/Fixtures/pcluster-control/ec2-facts.json
"""
import gzip
import json
import os
import sys

import moto

INSTANCE_TYPES = [
    "t3.medium", "t3.large", "t3.xlarge",
    "m6i.large", "m6i.xlarge", "m6i.2xlarge", "m6i.4xlarge",
    "c5n.18xlarge",
    "c7a.large", "c7a.xlarge", "c7a.4xlarge", "c7a.16xlarge", "c7a.48xlarge",
    "hpc7a.12xlarge", "hpc7a.24xlarge", "hpc7a.48xlarge", "hpc7a.96xlarge",
    "g5.xlarge", "g5.12xlarge", "g5.48xlarge",
]
REGIONS = ["eu-west-1", "us-east-1"]
FIELDS = [
    "InstanceType", "CurrentGeneration", "SupportedUsageClasses", "SupportedRootDeviceTypes",
    "SupportedVirtualizationTypes", "BareMetal", "Hypervisor", "ProcessorInfo", "VCpuInfo",
    "MemoryInfo", "InstanceStorageSupported", "InstanceStorageInfo", "EbsInfo", "NetworkInfo",
    "GpuInfo", "PlacementGroupInfo", "BurstablePerformanceSupported", "SupportedBootModes",
]


def main():
    resources = os.path.join(os.path.dirname(moto.__file__), "ec2", "resources")
    with gzip.open(os.path.join(resources, "instance_types.json.gz")) as handle:
        recorded = json.load(handle)
    missing = [name for name in INSTANCE_TYPES if name not in recorded]
    if missing:
        sys.exit(f"moto {moto.__version__} has no recorded facts for {missing}")
    types = {name: {k: recorded[name][k] for k in FIELDS if k in recorded[name]} for name in INSTANCE_TYPES}
    offerings = {}
    for region in REGIONS:
        with gzip.open(os.path.join(resources, "instance_type_offerings", "availability-zone", f"{region}.json.gz")) as handle:
            rows = json.load(handle)
        zones = {}
        for row in rows:
            if row["InstanceType"] in types:
                zones.setdefault(row["Location"], []).append(row["InstanceType"])
        offerings[region] = {zone: sorted(names) for zone, names in sorted(zones.items())}
    json.dump({"source": f"moto {moto.__version__} recorded EC2 DescribeInstanceTypes / DescribeInstanceTypeOfferings",
               "instance_types": types, "offerings_by_zone": offerings}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
